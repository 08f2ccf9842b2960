import type { ReactiveControllerHost } from 'lit';
import { deviceWallet } from '../../core/catalog/wallets.js';
import type { OfferedMethod } from '../../core/catalog/index.js';
import type { ParsedSession } from '../../core/protocol/client.js';
import type { MessageKey, MessageValues } from '../../core/i18n/i18n.js';
import type { CkEventMap } from '../../events.js';
import type { CkCardFields } from '../card-fields/card-fields.js';
import type { PaymentContext, PaymentController } from './payment-controller.js';
import type { WalletController } from './wallet-controller.js';

/** What the buyer's commands read from their checkout, at the moment of the command. */
export interface PayView {
  session: ParsedSession | null;
  /** What a payment of this session needs; null until a session is loaded. */
  context: PaymentContext | null;
  /** The buyer's list, in the order shown. */
  list: readonly OfferedMethod[];
  selected: string | null;
  /** The card form on screen, if the selected method shows one. */
  cardFields: CkCardFields | undefined;
}

/** What the buyer's commands do to their checkout. */
export interface PayEffects {
  select(method: string): void;
  /** Says `text` in the checkout's live region. */
  announce(text: string): void;
  t(key: MessageKey, values?: MessageValues): string;
  methodLabel(id: string): string;
  emit<K extends keyof CkEventMap>(name: K, detail: CkEventMap[K]['detail']): boolean;
  /** The payment code could not be fetched: nothing was sent. */
  codeUnreachable(): void;
  /** The checkout's error boundary, for work that outlives the command. */
  guard(work: Promise<unknown>): void;
}

/**
 * The buyer's commands after the list, for one `<ck-checkout>`: Pay (the card form's token, a device
 * wallet's sheet, or a plain payment), "Try again", paying with a suggested method after a failure, and
 * "Need help?". Each reads the checkout when it runs (`view`) and acts on it through `effects`; the
 * payment itself is the PaymentController's. Also loads what Pay runs ahead of the click, once the list
 * is shown. No lifecycle of its own: its wallet sheet's controller follows the host.
 */
export class PayCommands {
  /** The wallet sheet's controller and code, fetched once (a chunk of their own); null again after a failed fetch, so a later Pay retries. */
  #wallet: Promise<WalletController | null> | null = null;
  /** The same controller once it arrived: flow changes reach it synchronously. */
  #walletNow: WalletController | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & { readonly isConnected: boolean },
    private readonly payment: PaymentController,
    private readonly view: () => PayView,
    private readonly effects: PayEffects,
  ) {}

  /** Follows the payment flow (see WalletController.follow): a sheet exists only once its controller arrived. */
  follow(...args: Parameters<WalletController['follow']>): void {
    this.#walletNow?.follow(...args);
  }

  #walletController(): Promise<WalletController | null> {
    this.#wallet ??= import('./wallet-controller.js').then(
      ({ WalletController }) => (this.#walletNow = new WalletController(this.host)),
      () => (this.#wallet = null),
    );
    return this.#wallet;
  }

  /** Loads what "Pay" runs ahead of the click (Pay starts it anyway), unless the checkout was removed or moved on to another session meanwhile. */
  async prefetch(sessionId: string): Promise<void> {
    // A checkout removed meanwhile (a store re-rendering, a buyer navigating away) has no Pay to prepare for.
    if (!this.host.isConnected) return;
    const { context, list } = this.view();
    if (context?.sessionId !== sessionId) return;
    // A wallet this browser can pay with: its sheet's code too, so Pay opens the sheet within the click.
    const walletSheet = list.some((method) => deviceWallet(method.id)) ? this.#walletController() : null;
    await Promise.all([this.payment.start(context), walletSheet]);
  }

  /** Pay with the selected method. */
  async pay(): Promise<void> {
    const { selected, context, cardFields } = this.view();
    if (!selected || !context) return;
    if (deviceWallet(selected)) return this.#payWithWallet(selected, context);
    if (cardFields && this.isCardForm(selected)) return this.#payWithCard(selected, context, cardFields);
    // Usually already loaded while the buyer chose; a double click reaches the same flow, which ignores it.
    if (!(await this.payment.pay(selected, context))) this.effects.codeUnreachable();
  }

  /** After a failure: pay with the suggested `method` (a card method opens its form first). */
  payInstead(method: string): void {
    const payment = this.payment.state;
    if (payment.phase !== 'failed') return;
    this.effects.emit('ck-fallback-chosen', { method: payment.method, code: payment.code, attempt: payment.attempt, chosen: method });
    this.effects.select(method);
    if (this.isCardForm(method)) this.payment.chooseAnother();
    else this.payment.payInstead(method);
  }

  /** "Try again" after a failure: a card's token is single-use, so a new card attempt starts from the card form. */
  retry(): void {
    const payment = this.payment.state;
    if (this.isCardForm(payment.phase === 'failed' ? payment.method : '')) this.payment.chooseAnother();
    else this.payment.retry();
  }

  /** "Need help?" after a failure: hands the support bubble what happened, never card data or the token. */
  needHelp(locale: string): void {
    const payment = this.payment.state;
    const { session } = this.view();
    if (payment.phase !== 'failed' || !session) return;
    const { method, code, attempt } = payment;
    const context = { sessionId: session.id, amount: session.amount, method, code, attempt, locale, country: session.country };
    this.effects.emit('ck-support-requested', { context });
  }

  /** Whether paying with `method` goes through the card form (a card method, and the session offers the card frame). */
  isCardForm(method: string): boolean {
    const { session, list } = this.view();
    return !!session?.card && list.some((m) => m.id === method && m.type === 'card');
  }

  /** Apple Pay / Google Pay: the browser's sheet first; only an approved sheet's token becomes a payment. */
  async #payWithWallet(method: string, context: PaymentContext): Promise<void> {
    const { session } = this.view();
    if (!session) return;
    // Loads the payment code meanwhile, so the token goes out as soon as the buyer approves.
    this.effects.guard(this.payment.start(context));
    // Fetched once the list was shown (`prefetch`): here it is in memory, and the sheet opens within the click.
    const wallet = await this.#walletController();
    const outcome = wallet ? await wallet.open(method, session, context.client, this.effects.t('checkout:total')) : { status: 'failed' as const };
    if (!outcome) return;
    if (outcome.status === 'cancelled') this.effects.announce(this.effects.t('checkout:wallet.cancelled'));
    else if (outcome.status === 'failed') this.effects.announce(this.effects.t('checkout:wallet.failed', { method: this.effects.methodLabel(method) }));
    else if (!(await this.payment.pay(method, context, outcome.token))) {
      await outcome.complete('fail');
      this.effects.codeUnreachable();
    }
  }

  /** Card methods: the frame checks the card and hands a vault token, sent with the payment; the card number never passes here. */
  async #payWithCard(method: string, context: PaymentContext, form: CkCardFields): Promise<void> {
    const card = await form.tokenize();
    if (!card.ok) return;
    const fields: Record<string, string> = { cardToken: card.token, ...(card.instalments > 1 ? { instalments: String(card.instalments) } : {}) };
    if (!(await this.payment.payWithFields(method, context, fields))) this.effects.codeUnreachable();
  }
}
