/**
 * The natural flow of each method when no action scenario forces one: how a
 * real PSP would process it. Kept apart from offers.ts because the flow is
 * PSP behaviour, the offer is merchant configuration.
 */
import type { MethodType } from '../../src/core/protocol/schemas.js';

export type Flow = 'immediate' | 'redirect' | 'qr' | 'voucher';

/** Methods whose flow differs from the default of their type. */
const FLOW_OVERRIDES: Readonly<Record<string, Flow>> = {
  // A wallet, but paid by scanning a merchant-presented code.
  wechat_pay: 'qr',
  // Paid at a bank, store or ATM against a reference.
  bank_transfer: 'voucher',
  spei: 'voucher',
  // A mandate: accepted at once, collected later.
  sepa_debit: 'immediate',
  // Card schemes without a redirect in the sandbox.
  mada: 'immediate',
};

const FLOW_BY_TYPE: Readonly<Record<MethodType, Flow>> = {
  card: 'immediate',
  wallet: 'redirect',
  bank_redirect: 'redirect',
  bank_transfer: 'voucher',
  qr: 'qr',
  voucher: 'voucher',
  bnpl: 'redirect',
  cash_on_delivery: 'immediate',
};

export function naturalFlow(methodId: string, type: MethodType): Flow {
  return FLOW_OVERRIDES[methodId] ?? FLOW_BY_TYPE[type];
}

/** Wallets may be opened in a popup so the buyer does not leave the store. */
export function allowsPopup(type: MethodType): boolean {
  return type === 'wallet';
}
