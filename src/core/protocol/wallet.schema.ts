/**
 * Device wallets (Apple Pay, Google Pay) in protocol v1: what the session tells
 * the page to put in the Payment Request, and Apple Pay's merchant validation.
 * Loaded with the first wallet payment, never on first paint.
 */
import * as z from 'zod/mini';

/** A wallet sheet's token goes to `POST /payments` as `walletToken`: the wallet's encrypted payment data, as JSON text. */
export const WALLET_TOKEN_MAX_LENGTH = 16_384;

/**
 * `POST {endpoint}/wallets/apple-pay/merchant-session` request body: the URL
 * Apple Pay gave the page in `merchantvalidation`. The backend calls it with the
 * store's merchant identity certificate and must refuse any host that is not Apple's.
 */
export const AppleMerchantValidation = z.object({
  validationUrl: z.url({ protocol: /^https$/ }),
});

/** Its response: Apple's opaque merchant session, handed back to the sheet unchanged (`event.complete(merchantSession)`). */
export const AppleMerchantSession = z.object({
  merchantSession: z.record(z.string(), z.unknown()),
});

export type AppleMerchantValidation = z.infer<typeof AppleMerchantValidation>;
export type AppleMerchantSession = z.infer<typeof AppleMerchantSession>;
