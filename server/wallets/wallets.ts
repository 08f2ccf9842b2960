/**
 * Apple Pay and Google Pay in the reference backend (sandbox): what the session
 * tells the page to put in the Payment Request, Apple Pay's merchant validation,
 * and the wallet token a payment must carry.
 *
 * What a real store does instead, step by step:
 * - **Apple Pay merchant validation.** Register a merchant identifier with Apple,
 *   verify the store's domains (Apple fetches
 *   `/.well-known/apple-developer-merchantid-domain-association`), and create a
 *   *merchant identity certificate*. Keep its private key in the server's secret store.
 *   On `POST /wallets/apple-pay/merchant-session`, check that `validationUrl` is
 *   https on one of Apple's documented gateway hosts (`apple-pay-gateway*.apple.com`,
 *   `cn-apple-pay-gateway*.apple.com`): any other host is refused, so the endpoint can
 *   never be used to make the server call an arbitrary URL. Then POST
 *   `{ merchantIdentifier, displayName, initiative: "web", initiativeContext: <store domain> }`
 *   to that URL over mutual TLS with the certificate, and hand Apple's JSON answer
 *   back unchanged. The certificate never leaves the server.
 * - **Tokens.** The sheet's token (Apple Pay's `paymentData`, Google Pay's
 *   `paymentMethodData.tokenizationData.token`) is encrypted for the PSP (or for the
 *   store's payment processing certificate); pass it to the PSP's wallet API as is.
 *   Never log it, never store it beyond the PSP call.
 *
 * The sandbox does the same checks and calls nobody: its merchant session is a
 * fixed, documented object, and it keeps only the token's network, never the token.
 */
import type { PaymentRequest, WalletOffer } from '../../src/core/protocol/schemas.js';
import type { SessionRecord } from '../db/sessions.js';
import { ApiError } from '../http/errors.js';

/** The sandbox's merchant identifier and Google Pay gateway (Google's documented test gateway `example`). */
export const SANDBOX_APPLE_MERCHANT_ID = 'merchant.example.checkout-kit.sandbox';
const SANDBOX_GOOGLE_GATEWAY = { gateway: 'example', gatewayMerchantId: 'checkout-kit-sandbox' };

const NETWORKS = { apple: ['visa', 'masterCard', 'amex', 'discover'], google: ['VISA', 'MASTERCARD', 'AMEX', 'DISCOVER'] };

/** Apple's merchant validation hosts (Apple Pay on the Web documentation, "Setting up your server"). */
const APPLE_GATEWAY_HOST = /^(cn-)?apple-pay-gateway(-[a-z0-9-]+)?\.apple\.com$/;

/** The Payment Request data of each device wallet the session offers (`Session.wallets`). */
export function walletOffersFor(session: SessionRecord): { wallets?: Record<string, WalletOffer> } {
  const offered = new Set(session.methods.filter((m) => m.status !== 'down').map((m) => m.id));
  const wallets: Record<string, WalletOffer> = {};
  if (offered.has('apple_pay')) {
    wallets.apple_pay = {
      data: { version: 3, merchantIdentifier: SANDBOX_APPLE_MERCHANT_ID, merchantCapabilities: ['supports3DS'], supportedNetworks: NETWORKS.apple, countryCode: session.country },
    };
  }
  if (offered.has('google_pay')) {
    wallets.google_pay = {
      data: {
        environment: 'TEST',
        apiVersion: 2,
        apiVersionMinor: 0,
        merchantInfo: { merchantName: 'checkout-kit sandbox' },
        allowedPaymentMethods: [
          {
            type: 'CARD',
            parameters: { allowedAuthMethods: ['PAN_ONLY', 'CRYPTOGRAM_3DS'], allowedCardNetworks: NETWORKS.google },
            tokenizationSpecification: { type: 'PAYMENT_GATEWAY', parameters: SANDBOX_GOOGLE_GATEWAY },
          },
        ],
      },
    };
  }
  return Object.keys(wallets).length ? { wallets } : {};
}

/**
 * Apple Pay merchant validation, sandbox: refuses every URL that is not https on
 * Apple's gateway hosts, then answers a fixed merchant session instead of calling Apple.
 */
export function appleMerchantSession(session: SessionRecord, validationUrl: string, now: number): Record<string, unknown> {
  if (!session.methods.some((m) => m.id === 'apple_pay' && m.status !== 'down')) {
    throw new ApiError(422, 'method_not_offered', 'The session does not offer "apple_pay".');
  }
  const url = URL.canParse(validationUrl) ? new URL(validationUrl) : null;
  if (!url || url.protocol !== 'https:' || !APPLE_GATEWAY_HOST.test(url.hostname) || url.port !== '' || url.username || url.password) {
    throw new ApiError(400, 'invalid_request', 'validationUrl must be an https URL on an Apple Pay gateway host (apple-pay-gateway*.apple.com).');
  }
  return {
    epochTimestamp: now,
    expiresAt: now + 5 * 60_000,
    merchantSessionIdentifier: `sandbox_${session.id}`,
    merchantIdentifier: SANDBOX_APPLE_MERCHANT_ID,
    displayName: 'checkout-kit sandbox',
    domainName: 'sandbox.invalid',
    signature: 'sandbox',
  };
}

/**
 * A device wallet payment must carry the sheet's token (`walletToken`, JSON text).
 * What the PSP and the payment record see: the token replaced by its card network, if it names one.
 */
export function walletPayment(request: PaymentRequest): PaymentRequest {
  if (request.method !== 'apple_pay' && request.method !== 'google_pay') return request;
  const { walletToken, ...rest } = request;
  let token: unknown;
  try {
    token = walletToken ? (JSON.parse(walletToken) as unknown) : undefined;
  } catch {
    token = undefined;
  }
  if (!token || typeof token !== 'object') {
    throw new ApiError(400, 'invalid_request', `A ${request.method} payment needs walletToken: the wallet sheet's payment token as JSON text.`);
  }
  const network = networkOf(token);
  return network ? { ...rest, fields: { ...rest.fields, walletNetwork: network } } : rest;
}

/** The card network an Apple Pay (`token.paymentMethod.network`) or Google Pay (`paymentMethodData.info.cardNetwork`) token names. */
function networkOf(token: object): string | undefined {
  const read = (value: unknown, ...path: string[]): unknown =>
    path.reduce<unknown>((at, key) => (at && typeof at === 'object' && key in at ? (at as Record<string, unknown>)[key] : undefined), value);
  const network = read(token, 'token', 'paymentMethod', 'network') ?? read(token, 'paymentMethodData', 'info', 'cardNetwork');
  return typeof network === 'string' && /^[A-Za-z]{2,20}$/.test(network) ? network : undefined;
}
