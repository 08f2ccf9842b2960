/**
 * The Apple Pay / Google Pay sheet through the Payment Request API: opened on
 * Pay for a device wallet, it ends in one typed outcome and never rejects.
 *
 * - `authorized`: the buyer approved; `token` is the wallet's encrypted payment
 *   data (JSON text) for `POST /payments`, and `complete()` closes the sheet once
 *   the backend answered.
 * - `cancelled`: the buyer closed the sheet (AbortError). No payment was made.
 * - `failed`: no sheet could be shown, Apple Pay's merchant validation failed,
 *   or the sheet ended in another error. No payment was made.
 *
 * Lives outside core: it needs the DOM's `PaymentRequest`. Which wallets are
 * listed at all is decided earlier by the probe (./wallet-probe.ts).
 */
import { deviceWallet } from '../../core/catalog/wallets.js';
import { minorUnits, toDecimalString } from '../../core/money/format.js';
import type { Money } from '../../core/protocol/session.schema.js';

/** Why a sheet ended without a token. */
export type WalletFailure = 'unsupported' | 'not_configured' | 'merchant_validation' | 'sheet_error';

export type WalletSheetOutcome =
  | { status: 'authorized'; token: string; complete: (result: 'success' | 'fail') => Promise<void> }
  | { status: 'cancelled' }
  | { status: 'failed'; reason: WalletFailure };

/** What opening a sheet needs. */
export interface WalletSheetInput {
  /** The method id (`apple_pay`, `google_pay`). */
  method: string;
  amount: Money;
  /** The total's label in the sheet (the store's name or "Total", in the buyer's language). */
  label: string;
  /** The session's Payment Request data for this wallet (`session.wallets[method].data`). */
  data: Record<string, unknown> | undefined;
  /** Apple Pay's merchant validation through the backend; resolves null when it failed. */
  validateMerchant: (validationUrl: string) => Promise<Record<string, unknown> | null>;
  /** The Payment Request constructor; `globalThis.PaymentRequest` by default. Tests pass a fake. */
  paymentRequest?: typeof PaymentRequest | undefined;
  /** Closes the sheet (the checkout was removed): the outcome is `cancelled`, also for a buyer who approved meanwhile. */
  signal?: AbortSignal;
}

/** Safari's `merchantvalidation` event (not in TypeScript's DOM types: it is Apple Pay's only). */
interface MerchantValidationEvent extends Event {
  readonly validationURL: string;
  complete(merchantSession: Promise<Record<string, unknown>>): void;
}

const failed = (reason: WalletFailure): WalletSheetOutcome => ({ status: 'failed', reason });

/** Opens the wallet's sheet for `amount` and waits for the buyer. */
export async function openWalletSheet(input: WalletSheetInput): Promise<WalletSheetOutcome> {
  const wallet = deviceWallet(input.method);
  const Request = 'paymentRequest' in input ? input.paymentRequest : globalThis.PaymentRequest;
  const exponent = minorUnits(input.amount.currency);
  if (!wallet || !Request || exponent === undefined) return failed('unsupported');
  if (!input.data) return failed('not_configured');
  const total = { label: input.label, amount: { currency: input.amount.currency, value: toDecimalString(input.amount.value, exponent) } };
  let request: PaymentRequest;
  try {
    request = new Request([{ supportedMethods: wallet.supportedMethods, data: input.data }], { total });
  } catch {
    return failed('unsupported');
  }
  let validationFailed = false;
  request.addEventListener('merchantvalidation', (event) => {
    const validation = event as MerchantValidationEvent;
    validation.complete(
      input.validateMerchant(validation.validationURL).then((session) => {
        if (session) return session;
        validationFailed = true;
        // Rejecting aborts the sheet; show() then rejects and the flag says why.
        throw new Error('merchant validation failed');
      }),
    );
  });
  if (input.signal?.aborted) return { status: 'cancelled' };
  // abort() rejects once the sheet is no longer interactive; show() then settles on its own.
  const abort = (): void => {
    request.abort().catch(() => undefined);
  };
  input.signal?.addEventListener('abort', abort, { once: true });
  let response: PaymentResponse;
  try {
    response = await request.show();
  } catch (error) {
    if (validationFailed) return failed('merchant_validation');
    return error instanceof DOMException && error.name === 'AbortError' ? { status: 'cancelled' } : failed('sheet_error');
  } finally {
    input.signal?.removeEventListener('abort', abort);
  }
  const close = (result: 'success' | 'fail'): Promise<void> => response.complete(result).catch(() => undefined);
  // Approved as the checkout went away: no page is left to show the payment, so none is made.
  if (input.signal?.aborted) {
    await close('fail');
    return { status: 'cancelled' };
  }
  const token = JSON.stringify(response.details ?? null);
  // An empty answer is a broken wallet; a token too long for the protocol is refused by the backend (a typed rejection).
  if (token === 'null' || token === '{}') {
    await close('fail');
    return failed('sheet_error');
  }
  return { status: 'authorized', token, complete: close };
}
