/**
 * The part of the catalog every page loads: methods used across regions,
 * the fallback order, and which region module holds each country's own
 * methods and order. Region modules (./regions/) are loaded lazily for the
 * buyer's country, so a page in Jakarta never downloads the Dutch banks.
 *
 * Limits are in minor units of the currency they are keyed by; where a
 * provider sets limits per merchant, the figures are its usual public limits
 * and the session's `minAmount`/`maxAmount` take precedence. Sources of every
 * limit and every country order are in ./sources.ts (kept out of the runtime
 * bundle). Colours and marks describe our own badge (a coloured tile with a
 * few letters), never the brand's artwork.
 */
import type { CatalogMethod } from './types.js';

/** Lazily loaded parts of the catalog, in the order their methods rank when no country order lists them. */
export const REGIONS = ['europe', 'americas', 'asia-pacific', 'middle-east-africa'] as const;
export type Region = (typeof REGIONS)[number];

/** Methods used in several regions, in their fallback rank. */
export const GLOBAL_METHODS: readonly CatalogMethod[] = [
  // `card` is the generic card form. Brands are offerable on their own and,
  // with `cardBrandIn`, shown as accepted on the generic option.
  { id: 'card', type: 'card', flow: 'inline', countries: '*', currencies: '*', name: { key: 'card' } },
  { id: 'visa', type: 'card', flow: 'inline', countries: '*', currencies: '*', name: 'Visa', colour: '#1a1f71', mark: 'VISA', cardBrandIn: '*' },
  { id: 'mastercard', type: 'card', flow: 'inline', countries: '*', currencies: '*', name: 'Mastercard', colour: '#eb001b', mark: 'MC', cardBrandIn: '*' },
  { id: 'amex', type: 'card', flow: 'inline', countries: '*', currencies: '*', name: 'American Express', colour: '#006fcf', mark: 'AMEX', cardBrandIn: '*' },
  { id: 'jcb', type: 'card', flow: 'inline', countries: '*', currencies: '*', name: 'JCB', colour: '#0e4c96', mark: 'JCB', cardBrandIn: ['JP', 'TW', 'KR', 'HK', 'TH', 'SG'] },
  {
    id: 'unionpay', type: 'card', flow: 'inline', countries: '*', currencies: '*', name: 'UnionPay', colour: '#e21836', mark: 'UP',
    localNames: { 'zh-CN': '银联', 'zh-TW': '銀聯' }, cardBrandIn: ['CN', 'HK', 'SG', 'MY', 'TH'],
  },
  { id: 'apple_pay', type: 'wallet', flow: 'inline', countries: '*', currencies: '*', name: 'Apple Pay', colour: '#000000', mark: 'Pay' },
  { id: 'google_pay', type: 'wallet', flow: 'inline', countries: '*', currencies: '*', name: 'Google Pay', colour: '#3c4043', mark: 'GPay' },
  {
    id: 'paypal', type: 'wallet', flow: 'redirect', countries: '*', name: 'PayPal', colour: '#003087', mark: 'PP',
    // The currencies PayPal can charge in; elsewhere it would convert, which a buyer does not expect.
    currencies: ['AUD', 'BRL', 'CAD', 'CHF', 'CNY', 'CZK', 'DKK', 'EUR', 'GBP', 'HKD', 'HUF', 'ILS', 'JPY', 'MXN', 'MYR', 'NOK', 'NZD', 'PHP', 'PLN', 'SEK', 'SGD', 'THB', 'TWD', 'USD'],
  },
  { id: 'amazon_pay', type: 'wallet', flow: 'redirect', countries: ['US', 'GB', 'DE', 'FR', 'ES', 'IT', 'JP'], currencies: ['USD', 'GBP', 'EUR', 'JPY'], name: 'Amazon Pay', colour: '#ff9900', mark: 'a' },
  // Pay later: currencies are exactly those with limits, because these providers never convert.
  {
    id: 'klarna', type: 'bnpl', flow: 'redirect', name: 'Klarna', colour: '#ffb3c7', mark: 'K',
    countries: ['US', 'CA', 'GB', 'IE', 'DE', 'AT', 'CH', 'NL', 'BE', 'FR', 'ES', 'IT', 'PT', 'PL', 'SE', 'NO', 'FI', 'DK', 'AU', 'NZ'],
    currencies: ['USD', 'CAD', 'GBP', 'EUR', 'CHF', 'PLN', 'SEK', 'NOK', 'DKK', 'AUD', 'NZD'],
    limits: {
      USD: { min: 3500, max: 1_000_000, instalments: 4 },
      CAD: { min: 5000, max: 1_000_000, instalments: 4 },
      AUD: { min: 100, max: 200_000, instalments: 4 },
      NZD: { min: 100, max: 200_000, instalments: 4 },
      GBP: { min: 3000, max: 400_000, instalments: 3 },
      EUR: { min: 3500, max: 500_000, instalments: 3 },
      CHF: { min: 3500, max: 500_000, instalments: 3 },
      PLN: { min: 3500, max: 400_000, instalments: 3 },
      SEK: { min: 35000, max: 5_000_000 },
      NOK: { min: 35000, max: 5_000_000 },
      DKK: { min: 25000, max: 3_500_000 },
    },
  },
  {
    id: 'afterpay', type: 'bnpl', flow: 'redirect', name: 'Afterpay', nameByCountry: { GB: 'Clearpay' }, colour: '#b2fce4', mark: 'AP',
    countries: ['US', 'CA', 'AU', 'NZ', 'GB'], currencies: ['USD', 'CAD', 'AUD', 'NZD', 'GBP'],
    limits: {
      USD: { min: 100, max: 200_000, instalments: 4 },
      CAD: { min: 100, max: 200_000, instalments: 4 },
      AUD: { min: 100, max: 200_000, instalments: 4 },
      NZD: { min: 100, max: 200_000, instalments: 4 },
      GBP: { min: 100, max: 120_000, instalments: 4 },
    },
  },
  // Ranked last unless a country's order says otherwise.
  {
    id: 'bank_transfer', type: 'bank_transfer', flow: 'voucher', countries: '*', currencies: '*', name: { key: 'bank_transfer' },
    nameByCountry: { ID: { key: 'virtual_account' }, KR: { key: 'virtual_account' }, TW: { key: 'virtual_account' } },
  },
  {
    id: 'cod', type: 'cash_on_delivery', flow: 'inline', currencies: '*', name: { key: 'cod' },
    countries: ['AE', 'EG', 'ID', 'IN', 'JP', 'KW', 'MY', 'NG', 'PH', 'PL', 'SA', 'TH', 'TR', 'TW', 'VN'],
  },
];

/** Used for buyer countries without an order of their own: the methods that work almost anywhere. */
export const FALLBACK_ORDER: readonly string[] = ['card', 'apple_pay', 'google_pay', 'paypal'];

const E: Region = 'europe';
const A: Region = 'americas';
const P: Region = 'asia-pacific';
const M: Region = 'middle-east-africa';

/** The region module that holds a country's own methods and order. */
export const REGION_OF: Readonly<Record<string, Region>> = {
  AT: E, BE: E, CH: E, CY: E, DE: E, DK: E, EE: E, ES: E, FI: E, FR: E, GB: E, GR: E, HR: E, IE: E, IT: E,
  LT: E, LU: E, LV: E, MT: E, NL: E, NO: E, PL: E, PT: E, SE: E, SI: E, SK: E, TR: E,
  AR: A, BR: A, CA: A, CL: A, CO: A, MX: A, PE: A, US: A, UY: A,
  AU: P, CN: P, HK: P, ID: P, IN: P, JP: P, KR: P, MY: P, NZ: P, PH: P, SG: P, TH: P, TW: P, VN: P,
  AE: M, EG: M, KE: M, KW: M, NG: M, SA: M, ZA: M,
};
