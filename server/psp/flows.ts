/**
 * The natural flow of each method when no action scenario forces one: how a
 * real PSP would process it. Kept apart from offers.ts because the flow is
 * PSP behaviour, the offer is merchant configuration.
 */
import { DEFAULT_FLOW_BY_TYPE, type MethodFlow, type MethodType } from '../../src/core/protocol/schemas.js';

/** The protocol's flow vocabulary, shared with the widget's catalog. */
export type Flow = MethodFlow;

/**
 * Methods whose sandbox flow differs from the default of their type. This is
 * PSP behaviour: the sandbox may process a method differently from how the
 * catalog describes it to buyers (GoPay is a QR on desktop and an app switch
 * on phones; the sandbox uses the redirect for both).
 */
const FLOW_OVERRIDES: Readonly<Record<string, Flow>> = {
  // A wallet, but paid by scanning a merchant-presented code.
  wechat_pay: 'qr',
  // Paid at a bank, store or ATM against a reference.
  bank_transfer: 'voucher',
  spei: 'voucher',
  // A mandate: accepted at once, collected later.
  sepa_debit: 'inline',
  // Card schemes without a redirect in the sandbox.
  mada: 'inline',
  // Device wallets: the browser's sheet already authorized; the token is charged at once (server/wallets/).
  apple_pay: 'inline',
  google_pay: 'inline',
};


export function naturalFlow(methodId: string, type: MethodType): Flow {
  return FLOW_OVERRIDES[methodId] ?? DEFAULT_FLOW_BY_TYPE[type];
}

/** Wallets may be opened in a popup so the buyer does not leave the store. */
export function allowsPopup(type: MethodType): boolean {
  return type === 'wallet';
}
