/**
 * Middle East and Africa: local methods and each country's order, most used
 * first. Loaded lazily for buyers in these countries; the figures behind each
 * order are in ../sources.ts (`COUNTRY_SOURCES`).
 */
import type { CatalogMethod } from '../types.js';

export const METHODS: readonly CatalogMethod[] = [
  { id: 'mada', type: 'card', flow: 'inline', countries: ['SA'], currencies: ['SAR'], name: 'mada', localNames: { ar: 'مدى' }, colour: '#259bd6', mark: 'mada' },
  {
    id: 'tabby', type: 'bnpl', flow: 'redirect', name: 'tabby', localNames: { ar: 'تابي' }, colour: '#3bffc1', mark: 'tb',
    countries: ['SA', 'AE', 'KW'], currencies: ['SAR', 'AED', 'KWD'],
    limits: {
      SAR: { min: 100, max: 500_000, instalments: 4 },
      AED: { min: 100, max: 500_000, instalments: 4 },
      KWD: { min: 1000, max: 500_000, instalments: 4 },
    },
  },
  { id: 'stc_pay', type: 'wallet', flow: 'redirect', countries: ['SA'], currencies: ['SAR'], name: 'stc pay', colour: '#4f008c', mark: 'stc' },
  { id: 'knet', type: 'bank_redirect', flow: 'redirect', countries: ['KW'], currencies: ['KWD'], name: 'KNET', localNames: { ar: 'كي نت' }, colour: '#005ca9', mark: 'KNET' },
  { id: 'fawry', type: 'voucher', flow: 'voucher', countries: ['EG'], currencies: ['EGP'], name: 'Fawry', localNames: { ar: 'فوري' }, colour: '#ffd200', mark: 'F' },
  { id: 'mpesa', type: 'wallet', flow: 'inline', countries: ['KE'], currencies: ['KES'], name: 'M-Pesa', colour: '#4cb848', mark: 'M' },
];

// Each line names its main source; figures and all sources: COUNTRY_SOURCES in ../sources.ts.
export const COUNTRY_ORDER: Readonly<Record<string, readonly string[]>> = {
  SA: ['mada', 'apple_pay', 'card', 'stc_pay', 'tabby', 'cod'], // Saudi Central Bank (SAMA) monthly statistical bulletins (2024) + estimate
  AE: ['card', 'apple_pay', 'tabby', 'google_pay', 'cod'], // Worldpay Global Payments Report 2024 + estimate
  KW: ['knet', 'card', 'apple_pay', 'tabby', 'cod'], // Central Bank of Kuwait payment statistics (2023) + estimate
  EG: ['cod', 'card', 'fawry', 'bank_transfer'], // Central Bank of Egypt payment statistics (2023) + estimate
  KE: ['mpesa', 'card', 'bank_transfer'], // Central Bank of Kenya, National Payments System statistics (2024)
  NG: ['card', 'bank_transfer', 'cod'], // Worldpay Global Payments Report 2024 + estimate
  ZA: ['card', 'bank_transfer', 'apple_pay', 'google_pay'], // Worldpay Global Payments Report 2024 + estimate
};
