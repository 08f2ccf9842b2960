/**
 * What `<ck-checkout>` does when the buyer presses Pay: open the device wallet's sheet, take a token
 * from the card form, or send the chosen method. Part of the payment stage (`payment-stage.ts`),
 * which is fetched once the list is painted, so the list never waits for these bytes; Pay awaits
 * the stage, which is usually in memory by the time the buyer has chosen.
 */
import type { MessageKey, MessageValues } from '../../core/i18n/i18n.js';
import type { ParsedSession } from '../../core/protocol/client.js';
import { deviceWallet } from '../../core/catalog/wallets.js';
import type { CkCardFields } from '../card-fields/card-fields.js';
import type { PaymentContext, PaymentController } from './payment-controller.js';
import type { WalletController } from './wallet-controller.js';

/** What Pay needs from the checkout that runs it. */
export interface PayHost {
  readonly session: ParsedSession;
  readonly payment: PaymentController;
  /** The card form on screen, when the chosen method is paid through it. */
  readonly cardFields: CkCardFields | undefined;
  /** The checkout's wallet sheet controller, created the first time it is needed. */
  wallet(): WalletController;
  /** Whether `method` is paid through the card form (a card method, and the session offers the card frame). */
  isCardForm(method: string): boolean;
  methodLabel(id: string): string;
  t(key: MessageKey, values?: MessageValues): string;
  /** Says `text` in the checkout's live region. */
  announce(text: string): void;
  /** The payment code could not be fetched: nothing was sent. */
  codeUnreachable(): void;
}

/** Pays with `method` the way it is paid: the wallet's sheet, the card form's token, or the method alone. */
export async function pay(host: PayHost, method: string, context: PaymentContext): Promise<void> {
  if (deviceWallet(method)) return payWithWallet(host, method, context);
  const form = host.cardFields;
  if (form && host.isCardForm(method)) return payWithCard(host, method, context, form);
  // A double click reaches the same flow, which ignores it.
  if (!(await host.payment.pay(method, context))) host.codeUnreachable();
}

/** Apple Pay / Google Pay: the browser's sheet first; only an approved sheet's token becomes a payment. */
async function payWithWallet(host: PayHost, method: string, context: PaymentContext): Promise<void> {
  const outcome = await host.wallet().open(method, host.session, context.client, host.t('checkout:total'));
  if (!outcome) return;
  if (outcome.status === 'cancelled') host.announce(host.t('payment:wallet.cancelled'));
  else if (outcome.status === 'failed') host.announce(host.t('payment:wallet.failed', { method: host.methodLabel(method) }));
  else if (!(await host.payment.pay(method, context, outcome.token))) {
    await outcome.complete('fail');
    host.codeUnreachable();
  }
}

/** Card methods: the frame checks the card and hands a vault token, sent with the payment; the card number never passes here. */
async function payWithCard(host: PayHost, method: string, context: PaymentContext, form: CkCardFields): Promise<void> {
  const card = await form.tokenize();
  if (!card.ok) return;
  const fields: Record<string, string> = { cardToken: card.token, ...(card.instalments > 1 ? { instalments: String(card.instalments) } : {}) };
  if (!(await host.payment.payWithFields(method, context, fields))) host.codeUnreachable();
}
