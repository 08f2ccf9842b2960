/**
 * Voucher references in the formats buyers meet at the counter: Boleto's
 * 44-digit barcode and 47-digit typeable line (with their real check
 * digits), a konbini payment number, an OXXO reference, Multibanco entity +
 * reference, and a bank-transfer virtual account.
 */
import { createHash } from 'node:crypto';
import type { VoucherAction } from '../../src/core/protocol/schemas.js';

type VoucherKind = NonNullable<VoucherAction['kind']>;

/** Deterministic digits from the payment id, so a voucher reads the same on every poll. */
export function digitsFrom(seed: string, count: number): string {
  let out = '';
  for (let round = 0; out.length < count; round++) {
    const hash = createHash('sha256').update(`${seed}:${round}`).digest();
    for (const byte of hash) {
      if (byte < 250) out += String(byte % 10);
      if (out.length === count) break;
    }
  }
  return out;
}

/** Modulo 10 check digit of Boleto's typeable-line fields (weights 2,1 from the right). */
export function mod10(digits: string): number {
  let sum = 0;
  let weight = 2;
  for (let i = digits.length - 1; i >= 0; i--) {
    const product = Number(digits[i]) * weight;
    sum += Math.floor(product / 10) + (product % 10);
    weight = weight === 2 ? 1 : 2;
  }
  return (10 - (sum % 10)) % 10;
}

/** Modulo 11 general check digit of the Boleto barcode (weights 2..9 from the right). */
export function mod11(digits: string): number {
  let sum = 0;
  let weight = 2;
  for (let i = digits.length - 1; i >= 0; i--) {
    sum += Number(digits[i]) * weight;
    weight = weight === 9 ? 2 : weight + 1;
  }
  const dv = 11 - (sum % 11);
  return dv === 0 || dv === 10 || dv === 11 ? 1 : dv;
}

const DAY_MS = 86_400_000;
const FACTOR_BASE = Date.UTC(1997, 9, 7);

/** Due-date factor; the four digits wrapped to 1000 on 2025-02-22. */
export function dueDateFactor(due: Date): string {
  const days = Math.floor((due.getTime() - FACTOR_BASE) / DAY_MS);
  const factor = days > 9999 ? ((days - 10000) % 9000) + 1000 : days;
  return String(factor).padStart(4, '0');
}

export interface Boleto {
  barcode: string;
  line: string;
}

export function boleto(seed: string, amountMinor: number, due: Date): Boleto {
  const bank = '341';
  const currency = '9';
  const factor = dueDateFactor(due);
  const value = String(Math.max(0, amountMinor) % 10_000_000_000).padStart(10, '0');
  const free = digitsFrom(seed, 25);
  const withoutDv = bank + currency + factor + value + free;
  const dv = mod11(withoutDv);
  const barcode = bank + currency + String(dv) + factor + value + free;
  const f1 = bank + currency + free.slice(0, 5);
  const f2 = free.slice(5, 15);
  const f3 = free.slice(15, 25);
  const line = `${f1}${mod10(f1)}${f2}${mod10(f2)}${f3}${mod10(f3)}${dv}${factor}${value}`;
  return { barcode, line };
}

/** An 18-digit CLABE (bank 646, plaza 180) with its weighted 3-7-1 check digit. */
export function clabe(seed: string): string {
  const body = `646180${digitsFrom(seed, 11)}`;
  const weights = [3, 7, 1];
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += (Number(body[i]) * weights[i % 3]!) % 10;
  return body + String((10 - (sum % 10)) % 10);
}

export interface VoucherInput {
  method: string;
  paymentId: string;
  amountMinor: number;
  expiresAt: Date;
  locale: string | null;
}

type Instructions = Partial<Record<string, string>> & { en: string };

const INSTRUCTIONS: Readonly<Record<VoucherKind | 'multibanco', Instructions>> = {
  boleto: {
    en: 'Pay in your banking app, at a lottery outlet or at any bank before the due date. Payment confirmation can take up to 2 business days.',
    pt: 'Pague no app do seu banco, em uma lotérica ou em qualquer agência até o vencimento. A confirmação pode levar até 2 dias úteis.',
  },
  konbini: {
    en: 'At a FamilyMart, Lawson or 7-Eleven, give the payment number at the counter or the store terminal and pay in cash.',
    ja: 'ファミリーマート・ローソン・セブン-イレブンのレジまたは店頭端末で支払番号をお伝えのうえ、現金でお支払いください。',
  },
  oxxo: {
    en: 'Show this reference at any OXXO store and pay in cash. The payment is confirmed within 1 business day.',
    es: 'Muestra esta referencia en cualquier tienda OXXO y paga en efectivo. El pago se confirma en 1 día hábil.',
  },
  bank_transfer: {
    en: 'Transfer the exact amount to this reference from your bank. The order is confirmed once the transfer arrives.',
    es: 'Transfiere el importe exacto a esta referencia desde tu banco. El pedido se confirma al recibir la transferencia.',
    id: 'Transfer jumlah yang tepat ke nomor Virtual Account BCA ini lewat BCA mobile, KlikBCA, atau ATM BCA sebelum batas waktu. Dari bank lain, pilih transfer ke Virtual Account BCA.',
    ja: 'お使いの銀行から、この番号宛てにご請求金額を過不足なくお振り込みください。入金が確認でき次第、ご注文が確定します。',
  },
  multibanco: {
    en: 'Pay with entity and reference at any Multibanco ATM or in your home banking before the deadline.',
    pt: 'Pague com a entidade e a referência em qualquer caixa Multibanco ou no homebanking até ao prazo indicado.',
  },
  other: {
    en: 'Pay this reference at a partner outlet or in your banking app before it expires.',
    ar: 'ادفع هذا الرقم المرجعي في أحد منافذ الدفع أو عبر تطبيق البنك قبل انتهاء صلاحيته.',
  },
};

/**
 * The PSP's own text in the session's language, or none: an English paragraph
 * on a Japanese page helps nobody, and the widget always shows its own
 * localized guidance next to the reference.
 */
function instructionsFor(kind: keyof typeof INSTRUCTIONS, locale: string | null): string | undefined {
  const language = (locale ?? 'en').split('-')[0] ?? 'en';
  return INSTRUCTIONS[kind][language];
}

/** Builds the voucher action for a voucher-flow method. */
export function voucherAction(input: VoucherInput): VoucherAction {
  const { method, paymentId, amountMinor, expiresAt } = input;
  const base = { type: 'voucher' as const, expiresAt: expiresAt.toISOString() };
  switch (method) {
    case 'boleto': {
      const { barcode, line } = boleto(paymentId, amountMinor, expiresAt);
      return { ...base, kind: 'boleto', reference: line, barcode, instructions: instructionsFor('boleto', input.locale) };
    }
    case 'konbini':
      return { ...base, kind: 'konbini', reference: digitsFrom(paymentId, 11), instructions: instructionsFor('konbini', input.locale) };
    case 'oxxo': {
      const reference = digitsFrom(paymentId, 14);
      return { ...base, kind: 'oxxo', reference, barcode: reference, instructions: instructionsFor('oxxo', input.locale) };
    }
    case 'multibanco': {
      const digits = digitsFrom(paymentId, 9);
      const reference = `Entidade 21234 · Ref. ${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
      return { ...base, kind: 'bank_transfer', reference, instructions: instructionsFor('multibanco', input.locale) };
    }
    case 'spei':
      return { ...base, kind: 'bank_transfer', reference: clabe(paymentId), instructions: instructionsFor('bank_transfer', input.locale) };
    case 'fawry':
      return { ...base, kind: 'other', reference: digitsFrom(paymentId, 9), instructions: instructionsFor('other', input.locale) };
    default:
      return { ...base, kind: 'bank_transfer', reference: `VA ${digitsFrom(paymentId, 16)}`, instructions: instructionsFor('bank_transfer', input.locale) };
  }
}
