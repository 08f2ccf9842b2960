import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FlowState, PaymentFlow } from '../../core/payment/flow.js';
import type { ProtocolClient } from '../../core/protocol/client.js';
import type { PaymentMethodOffer } from '../../core/protocol/session.schema.js';
import type { FailureCode } from '../../core/protocol/payment.schema.js';
import { loadLocale } from '../../core/i18n/i18n.js';
import { attemptStorageKey } from '../../core/payment/attempt-key.js';
import { NOT_JSON } from '../base/json-attribute.js';
import { importAgain } from '../base/import-again.js';
import { DEFAULT_LOCALE, type RenderLocale } from '../../core/i18n/locales.js';

/** The lazily loaded part of the checkout: flow, failure and fallback rules, and their views. */
export type PaymentStage = typeof import('./payment-stage.js');

/** One failed attempt of this checkout. */
export interface FailedAttempt {
  method: string;
  code: FailureCode;
  attempt: number;
}

/** What the flow needs from the session that owns it. */
export interface PaymentContext {
  client: ProtocolClient;
  sessionId: string;
  /** Where redirects return to (the backend appends `ck_payment`). */
  returnUrl: string;
  /** The payment id a redirect brought back, to resume by polling. */
  returnedPaymentId: string | null;
  /** The buyer's locale: its payment messages load with the code. */
  locale: RenderLocale;
}

/**
 * Owns the payment side of one `<ck-checkout>`: fetches the payment code after
 * the list is on screen, creates the flow for the loaded session, resumes what
 * the session left behind, and carries the buyer's commands to the flow. The
 * host renders `state` and reacts to changes through `onChange`.
 *
 * Nothing here rejects: code that cannot be fetched resolves as `null` (a
 * recoverable "can't reach" for the host to show), and a later call tries again.
 */
export class PaymentController implements ReactiveController {
  /** Where the payment stands; `idle` until the buyer pays or a payment is resumed. */
  state: FlowState = { phase: 'idle' };
  /** The payment code, once it arrived; views use it synchronously. */
  stage: PaymentStage | null = null;
  /** This checkout's failed attempts, oldest first: shown to the buyer, and never suggested again. */
  readonly failures: FailedAttempt[] = [];
  #flow: PaymentFlow | null = null;
  #starting: Promise<PaymentFlow | null> | null = null;
  /** Failed fetches of the payment code so far: each retry asks for it under a fresh URL (see importAgain). */
  #failedLoads = 0;
  /** Bumped on disconnect, so a load that finishes afterwards creates no flow. */
  #generation = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onChange: (next: FlowState, previous: FlowState) => void,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#generation += 1;
    this.#flow?.dispose();
    this.#flow = null;
    this.#starting = null;
  }

  /**
   * Loads the payment code once and starts the flow for this session,
   * resuming a stored attempt or a returned payment. Resolves `null` when the
   * code could not be fetched.
   */
  start(context: PaymentContext): Promise<PaymentFlow | null> {
    this.#starting ??= this.#load(context);
    return this.#starting;
  }

  /** Whether this tab holds an attempt of `sessionId` whose outcome must be established before "Pay" is offered again. */
  hasStoredAttempt(sessionId: string): boolean {
    try {
      return safeSessionStorage()?.getItem(attemptStorageKey(sessionId)) != null;
    } catch {
      return false;
    }
  }

  /**
   * Pays with `method`; resolves false when the payment code could not be fetched (nothing was sent).
   * `walletToken` is an Apple Pay / Google Pay sheet's token, sent with the payment.
   */
  async pay(method: string, context: PaymentContext, walletToken?: string): Promise<boolean> {
    const flow = await this.start(context);
    flow?.pay(method, undefined, walletToken);
    return flow !== null;
  }

  /** Pays with method-specific fields: a card's single-use vault token and instalment count (`<ck-card-fields>`). */
  async payWithFields(method: string, context: PaymentContext, fields: Record<string, string>): Promise<boolean> {
    const flow = await this.start(context);
    flow?.pay(method, fields);
    return flow !== null;
  }

  /** Tries the failed or expired method again, as a new attempt. */
  retry(): void {
    const payment = this.state;
    if (payment.phase !== 'failed' && payment.phase !== 'action') return;
    // From an expired QR or voucher the flow first abandons that attempt, then starts a new one.
    if (payment.phase === 'action') this.#flow?.reset();
    this.#flow?.pay(payment.method);
  }

  /** Back to the list (an open action is cancelled on the backend first). */
  chooseAnother(): void {
    this.#flow?.reset();
  }

  /** Pays with a suggested method after a failure. */
  payInstead(method: string): void {
    this.#flow?.reset();
    this.#flow?.pay(method);
  }

  /** Checks the payment now (back online, tab visible, the buyer says they paid). */
  checkNow(): void {
    this.#flow?.checkNow();
  }

  /** A fresh token arrived after expiry: the same attempt continues. */
  continue(): void {
    this.#flow?.continue();
  }

  /**
   * The next best methods after the current failure, in the order of `list`
   * (the buyer's list), never one that already failed in this checkout.
   * `storeRules` is the store's JSON (`fallback-rules`); invalid rules are left out and `onInvalid` is called.
   */
  fallbacks(list: readonly PaymentMethodOffer[], storeRules: unknown, onInvalid: (reason: string) => void): PaymentMethodOffer[] {
    const payment = this.state;
    const stage = this.stage;
    if (!stage || payment.phase !== 'failed') return [];
    const failed = list.find((offer) => offer.id === payment.method);
    if (!failed) return [];
    const { rules, invalid } = stage.parseFallbackRules(storeRules === NOT_JSON ? 'not JSON' : storeRules);
    if (storeRules === NOT_JSON) onInvalid('is not JSON');
    else if (invalid) onInvalid(`${invalid} invalid rule${invalid === 1 ? ' was' : 's were'} left out`);
    const exclude = this.failures.map((failure) => failure.method);
    return stage.fallbackMethods({ failed, code: payment.code, offers: list, exclude }, { rules });
  }

  async #load(context: PaymentContext): Promise<PaymentFlow | null> {
    const generation = this.#generation;
    let stage: PaymentStage;
    try {
      let messages: boolean;
      [stage, messages] = await Promise.all([
        importAgain(() => import('./payment-stage.js'), this.#failedLoads),
        loadLocale(context.locale, ['base', 'payment']),
      ]);
      // The payment's views need their messages: the buyer's, else English (the fallback every locale has).
      // Without either, an outcome would render blank, so it is the same "can't reach" as missing code.
      if (!messages && !(await loadLocale(DEFAULT_LOCALE, ['payment']))) throw new Error('payment messages unreachable');
    } catch {
      // Offline, or a deploy swapped the files: nothing was sent. Forget this try so the next one fetches again.
      this.#failedLoads += 1;
      if (generation === this.#generation) this.#starting = null;
      return null;
    }
    if (generation !== this.#generation) return null;
    this.stage = stage;
    const flow = (this.#flow = new stage.PaymentFlow({
      client: context.client,
      sessionId: context.sessionId,
      returnUrl: context.returnUrl,
      storage: safeSessionStorage(),
      isHidden: () => document.hidden,
      isOnline: () => navigator.onLine !== false,
      onChange: (next) => this.#handleChange(next),
    }));
    await flow.resume(context.returnedPaymentId);
    return flow;
  }

  #handleChange(next: FlowState): void {
    const previous = this.state;
    this.state = next;
    this.onChange(next, previous);
    if (next.phase === 'failed') this.failures.push({ method: next.method, code: next.code, attempt: next.attempt });
    this.host.requestUpdate();
  }
}

function safeSessionStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    // Sandboxed iframes and some privacy modes throw on access.
    return null;
  }
}
