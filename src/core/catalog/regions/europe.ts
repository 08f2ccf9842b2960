/**
 * Europe (and Türkiye): local methods and each country's order, most used
 * first. Loaded lazily for buyers in these countries; the figures behind each
 * order are in ../sources.ts (`COUNTRY_SOURCES`). Giropay closed in 2024 and
 * is deliberately absent.
 */
import type { CatalogMethod } from '../types.js';

const SEPA_EURO = ['AT', 'BE', 'CY', 'DE', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PT', 'SI', 'SK'];

export const METHODS: readonly CatalogMethod[] = [
  { id: 'ideal', type: 'bank_redirect', flow: 'redirect', countries: ['NL'], currencies: ['EUR'], name: 'iDEAL', colour: '#cc0066', mark: 'iD' },
  { id: 'bancontact', type: 'bank_redirect', flow: 'redirect', countries: ['BE'], currencies: ['EUR'], name: 'Bancontact', colour: '#005498', mark: 'BC' },
  { id: 'blik', type: 'bank_redirect', flow: 'inline', countries: ['PL'], currencies: ['PLN'], name: 'BLIK', colour: '#000000', mark: 'BLIK' },
  { id: 'p24', type: 'bank_redirect', flow: 'redirect', countries: ['PL'], currencies: ['PLN', 'EUR'], name: 'Przelewy24', colour: '#d13239', mark: 'P24' },
  { id: 'eps', type: 'bank_redirect', flow: 'redirect', countries: ['AT'], currencies: ['EUR'], name: 'eps', localNames: { de: 'eps-Überweisung' }, colour: '#71003f', mark: 'eps' },
  { id: 'twint', type: 'wallet', flow: 'qr', countries: ['CH'], currencies: ['CHF'], name: 'TWINT', colour: '#000000', mark: 'TW' },
  { id: 'swish', type: 'wallet', flow: 'qr', countries: ['SE'], currencies: ['SEK'], name: 'Swish', colour: '#1c8c6c', mark: 'S' },
  {
    id: 'vipps_mobilepay', type: 'wallet', flow: 'redirect', countries: ['NO', 'DK', 'FI'], currencies: ['NOK', 'DKK', 'EUR'],
    name: 'Vipps', nameByCountry: { DK: 'MobilePay', FI: 'MobilePay' }, colour: '#ff5b24', mark: 'V',
  },
  { id: 'mbway', type: 'wallet', flow: 'inline', countries: ['PT'], currencies: ['EUR'], name: 'MB WAY', colour: '#d60510', mark: 'MBW' },
  { id: 'multibanco', type: 'voucher', flow: 'voucher', countries: ['PT'], currencies: ['EUR'], name: 'Multibanco', colour: '#1f5aa6', mark: 'MB' },
  { id: 'bizum', type: 'wallet', flow: 'inline', countries: ['ES'], currencies: ['EUR'], name: 'Bizum', colour: '#05c3dd', mark: 'biz' },
  { id: 'sepa_debit', type: 'bank_transfer', flow: 'inline', countries: SEPA_EURO, currencies: ['EUR'], name: { key: 'sepa_debit' } },
];

// Each line names its main source; figures and all sources: COUNTRY_SOURCES in ../sources.ts.
export const COUNTRY_ORDER: Readonly<Record<string, readonly string[]>> = {
  GB: ['card', 'apple_pay', 'paypal', 'google_pay', 'klarna', 'afterpay', 'amazon_pay'], // Worldpay Global Payments Report 2024 + estimate
  IE: ['card', 'apple_pay', 'paypal', 'google_pay', 'klarna'], // Worldpay Global Payments Report 2024 + estimate
  DE: ['paypal', 'klarna', 'sepa_debit', 'card', 'apple_pay', 'google_pay', 'amazon_pay', 'bank_transfer'], // EHI Retail Institute, Online-Payment 2024
  NL: ['ideal', 'card', 'paypal', 'apple_pay', 'klarna', 'google_pay', 'sepa_debit'], // iDEAL / Currence annual figures (2023), as reported by yStats.com Europe Online Payment Methods 2023
  BE: ['bancontact', 'card', 'paypal', 'apple_pay', 'klarna', 'google_pay'], // RetailDetail, Belgian online payment preferences (2024)
  FR: ['card', 'paypal', 'apple_pay', 'google_pay', 'klarna', 'sepa_debit', 'amazon_pay'], // Worldpay Global Payments Report 2024 + estimate
  ES: ['card', 'paypal', 'bizum', 'apple_pay', 'google_pay', 'klarna', 'bank_transfer'], // Worldpay Global Payments Report 2024 + estimate
  IT: ['card', 'paypal', 'apple_pay', 'google_pay', 'klarna', 'amazon_pay', 'bank_transfer'], // Worldpay Global Payments Report 2024 + estimate
  PT: ['mbway', 'multibanco', 'card', 'paypal', 'apple_pay', 'google_pay'], // Worldpay Global Payments Report 2024 + estimate
  AT: ['eps', 'card', 'paypal', 'klarna', 'apple_pay', 'google_pay', 'sepa_debit'], // Worldpay Global Payments Report 2024 + estimate
  CH: ['twint', 'card', 'paypal', 'apple_pay', 'google_pay', 'klarna'], // yStats.com, Europe Online Payment Methods 2023 (figures for Nov 2022)
  PL: ['blik', 'p24', 'card', 'google_pay', 'apple_pay', 'paypal', 'klarna', 'cod'], // Polski Standard Płatności (BLIK) annual results 2024
  SE: ['swish', 'card', 'klarna', 'apple_pay', 'google_pay', 'paypal'], // Worldpay Global Payments Report 2024 + estimate
  NO: ['vipps_mobilepay', 'card', 'klarna', 'apple_pay', 'google_pay', 'paypal'], // Worldpay Global Payments Report 2024 + estimate
  DK: ['card', 'vipps_mobilepay', 'apple_pay', 'klarna', 'google_pay', 'paypal'], // Worldpay Global Payments Report 2024 + estimate
  FI: ['card', 'vipps_mobilepay', 'klarna', 'paypal', 'apple_pay', 'google_pay'], // Worldpay Global Payments Report 2024 + estimate
  TR: ['card', 'bank_transfer', 'google_pay', 'cod'], // Worldpay Global Payments Report 2024 + estimate
};
