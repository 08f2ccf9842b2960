/**
 * What the sandbox PSP supports, as plain data: every method it knows (with
 * its protocol type), and the default offer per buyer country. Ids are the
 * lowercase snake ids of the client catalog.
 */
import type { MethodType } from '../../src/core/protocol/schemas.js';

/** Every method the sandbox PSP can process, with its protocol `type`. */
export const METHOD_TYPES_BY_ID = {
  card: 'card',
  paypal: 'wallet',
  apple_pay: 'wallet',
  google_pay: 'wallet',
  klarna: 'bnpl',
  afterpay: 'bnpl',
  affirm: 'bnpl',
  ideal: 'bank_redirect',
  bancontact: 'bank_redirect',
  blik: 'bank_redirect',
  p24: 'bank_redirect',
  eps: 'bank_redirect',
  twint: 'wallet',
  swish: 'wallet',
  mbway: 'wallet',
  multibanco: 'voucher',
  sepa_debit: 'bank_transfer',
  grabpay: 'wallet',
  gopay: 'wallet',
  dana: 'wallet',
  ovo: 'wallet',
  shopeepay: 'wallet',
  qris: 'qr',
  truemoney: 'wallet',
  promptpay: 'qr',
  rabbit_line_pay: 'wallet',
  touch_n_go: 'wallet',
  fpx: 'bank_redirect',
  duitnow: 'qr',
  gcash: 'wallet',
  maya: 'wallet',
  momo: 'wallet',
  zalopay: 'wallet',
  paynow: 'qr',
  alipay: 'wallet',
  wechat_pay: 'wallet',
  kakaopay: 'wallet',
  naver_pay: 'wallet',
  paypay: 'wallet',
  konbini: 'voucher',
  upi: 'bank_redirect',
  pix: 'qr',
  boleto: 'voucher',
  oxxo: 'voucher',
  spei: 'bank_transfer',
  mercado_pago: 'wallet',
  pse: 'bank_redirect',
  stc_pay: 'wallet',
  knet: 'bank_redirect',
  fawry: 'voucher',
  mpesa: 'wallet',
  mada: 'card',
  bank_transfer: 'bank_transfer',
  cod: 'cash_on_delivery',
} as const satisfies Record<string, MethodType>;

export type MethodId = keyof typeof METHOD_TYPES_BY_ID;

export function isKnownMethod(id: string): id is MethodId {
  return Object.hasOwn(METHOD_TYPES_BY_ID, id);
}

/**
 * Amount limits of BNPL methods, in minor units of the listed currency. The
 * session only carries limits when its currency matches; BNPL providers do
 * not convert.
 */
export const AMOUNT_LIMITS: Readonly<Partial<Record<MethodId, Readonly<Record<string, { min: number; max: number }>>>>> = {
  klarna: {
    USD: { min: 3500, max: 1_000_000 },
    EUR: { min: 3500, max: 500_000 },
    GBP: { min: 3000, max: 400_000 },
    SEK: { min: 35000, max: 5_000_000 },
    CHF: { min: 3500, max: 500_000 },
  },
  afterpay: { USD: { min: 100, max: 200_000 }, GBP: { min: 100, max: 120_000 } },
  affirm: { USD: { min: 5000, max: 3_000_000 } },
};

export interface CountryOffer {
  /** The country's usual currency; BNPL limits apply in it. */
  readonly currency: string;
  /** Methods in the order a local buyer expects them. */
  readonly methods: readonly MethodId[];
}

export const COUNTRY_OFFERS: Readonly<Record<string, CountryOffer>> = {
  US: { currency: 'USD', methods: ['card', 'apple_pay', 'google_pay', 'paypal', 'klarna', 'afterpay', 'affirm'] },
  GB: { currency: 'GBP', methods: ['card', 'apple_pay', 'google_pay', 'paypal', 'klarna', 'afterpay'] },
  NL: { currency: 'EUR', methods: ['ideal', 'card', 'apple_pay', 'paypal', 'klarna', 'sepa_debit'] },
  DE: { currency: 'EUR', methods: ['paypal', 'card', 'klarna', 'sepa_debit', 'apple_pay', 'google_pay', 'bank_transfer'] },
  FR: { currency: 'EUR', methods: ['card', 'apple_pay', 'paypal', 'google_pay', 'klarna'] },
  ES: { currency: 'EUR', methods: ['card', 'paypal', 'apple_pay', 'google_pay', 'klarna', 'bank_transfer'] },
  PL: { currency: 'PLN', methods: ['blik', 'p24', 'card', 'google_pay', 'apple_pay', 'paypal'] },
  BE: { currency: 'EUR', methods: ['bancontact', 'card', 'apple_pay', 'paypal', 'klarna'] },
  AT: { currency: 'EUR', methods: ['eps', 'card', 'paypal', 'klarna', 'apple_pay', 'sepa_debit'] },
  CH: { currency: 'CHF', methods: ['twint', 'card', 'paypal', 'apple_pay', 'klarna'] },
  SE: { currency: 'SEK', methods: ['swish', 'klarna', 'card', 'apple_pay', 'google_pay'] },
  PT: { currency: 'EUR', methods: ['mbway', 'multibanco', 'card', 'paypal', 'apple_pay'] },
  ID: { currency: 'IDR', methods: ['qris', 'gopay', 'dana', 'ovo', 'shopeepay', 'bank_transfer', 'card', 'cod'] },
  TH: { currency: 'THB', methods: ['promptpay', 'truemoney', 'rabbit_line_pay', 'card', 'cod'] },
  MY: { currency: 'MYR', methods: ['fpx', 'touch_n_go', 'grabpay', 'duitnow', 'card', 'shopeepay'] },
  SG: { currency: 'SGD', methods: ['paynow', 'card', 'grabpay', 'apple_pay', 'google_pay'] },
  PH: { currency: 'PHP', methods: ['gcash', 'maya', 'card', 'grabpay', 'cod'] },
  VN: { currency: 'VND', methods: ['momo', 'zalopay', 'card', 'bank_transfer', 'cod'] },
  JP: { currency: 'JPY', methods: ['card', 'paypay', 'konbini', 'apple_pay', 'bank_transfer'] },
  KR: { currency: 'KRW', methods: ['card', 'kakaopay', 'naver_pay', 'bank_transfer'] },
  CN: { currency: 'CNY', methods: ['alipay', 'wechat_pay', 'card'] },
  IN: { currency: 'INR', methods: ['upi', 'card', 'bank_transfer', 'cod'] },
  BR: { currency: 'BRL', methods: ['pix', 'card', 'boleto', 'mercado_pago'] },
  MX: { currency: 'MXN', methods: ['card', 'oxxo', 'spei', 'mercado_pago', 'paypal'] },
  CO: { currency: 'COP', methods: ['pse', 'card', 'mercado_pago', 'bank_transfer'] },
  SA: { currency: 'SAR', methods: ['mada', 'apple_pay', 'stc_pay', 'card', 'cod'] },
  AE: { currency: 'AED', methods: ['card', 'apple_pay', 'google_pay', 'cod'] },
  KW: { currency: 'KWD', methods: ['knet', 'card', 'apple_pay'] },
  EG: { currency: 'EGP', methods: ['card', 'fawry', 'cod'] },
  KE: { currency: 'KES', methods: ['mpesa', 'card'] },
  TR: { currency: 'TRY', methods: ['card', 'bank_transfer'] },
};

/** Offered where the country has no entry of its own. */
export const FALLBACK_METHODS: readonly MethodId[] = ['card', 'paypal', 'bank_transfer'];

/** The default method ids for a buyer country. */
export function defaultMethodsFor(country: string): readonly MethodId[] {
  return COUNTRY_OFFERS[country]?.methods ?? FALLBACK_METHODS;
}
