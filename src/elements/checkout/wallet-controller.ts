import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FlowState } from '../../core/payment/flow.js';
import type { ProtocolClient } from '../../core/protocol/client.js';
import type { Session } from '../../core/protocol/session.schema.js';
import { openWalletSheet, type WalletSheetOutcome } from './wallet-sheet.js';

/**
 * The Apple Pay / Google Pay sheet of one `<ck-checkout>`: opens it on Pay,
 * validates the merchant through the backend, and closes the sheet with the
 * backend's answer once the payment flow has one (success for a payment that
 * succeeded, is pending or needs an action; fail otherwise). A chunk of its own
 * with the sheet (PayCommands fetches it once a list with a device wallet is shown).
 */
export class WalletController implements ReactiveController {
  #complete: ((result: 'success' | 'fail') => Promise<void>) | null = null;
  /** Set while a sheet is open; aborts it: a sheet must not outlive its checkout, nor pay for a page that is gone. */
  #closeSheet: AbortController | null = null;

  constructor(
    host: ReactiveControllerHost,
    /** The Payment Request constructor; read on every Pay so a test can install a fake for its own duration. */
    private readonly paymentRequest: () => typeof PaymentRequest | undefined = () => globalThis.PaymentRequest,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#closeSheet?.abort();
    this.#closeSheet = null;
    this.#finish('fail');
  }

  /** Opens the sheet for `method`; resolves null when one is already open (a second click). Never rejects. */
  async open(method: string, session: Session, client: ProtocolClient, label: string): Promise<WalletSheetOutcome | null> {
    if (this.#closeSheet) return null;
    const closeSheet = new AbortController();
    this.#closeSheet = closeSheet;
    const outcome = await openWalletSheet({
      method,
      amount: session.amount,
      label,
      data: session.wallets?.[method]?.data,
      paymentRequest: this.paymentRequest(),
      signal: closeSheet.signal,
      validateMerchant: async (validationUrl) => {
        const answer = await client.appleMerchantSession(validationUrl);
        return answer.ok ? answer.value : null;
      },
    });
    if (this.#closeSheet === closeSheet) this.#closeSheet = null;
    if (outcome.status === 'authorized') this.#complete = outcome.complete;
    return outcome;
  }

  /** Follows the payment flow: closes an authorized sheet once the backend answered. */
  follow(next: FlowState): void {
    if (next.phase === 'succeeded' || next.phase === 'pending' || next.phase === 'action') this.#finish('success');
    else if (next.phase === 'failed' || next.phase === 'rejected' || next.phase === 'session_expired') this.#finish('fail');
  }

  #finish(result: 'success' | 'fail'): void {
    const complete = this.#complete;
    this.#complete = null;
    // complete() never rejects (the sheet module catches), so nothing floats here.
    if (complete) complete(result).catch(() => undefined);
  }
}
