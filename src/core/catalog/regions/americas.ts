/**
 * North and Latin America: local methods and each country's order, most used
 * first. Loaded lazily for buyers in these countries; the figures behind each
 * order are in ../sources.ts (`COUNTRY_SOURCES`).
 */
import type { CatalogMethod } from '../types.js';

export const METHODS: readonly CatalogMethod[] = [
  { id: 'cash_app_pay', type: 'wallet', flow: 'qr', countries: ['US'], currencies: ['USD'], name: 'Cash App Pay', colour: '#00d632', mark: '$' },
  {
    // Affirm's plans run from "pay in 4" to monthly loans, so there is no single count to preview.
    id: 'affirm', type: 'bnpl', flow: 'redirect', name: 'Affirm', colour: '#4a4af4', mark: 'aff',
    countries: ['US', 'CA'], currencies: ['USD', 'CAD'],
    limits: { USD: { min: 5000, max: 3_000_000 }, CAD: { min: 5000, max: 3_000_000 } },
  },
  { id: 'interac', type: 'bank_redirect', flow: 'redirect', countries: ['CA'], currencies: ['CAD'], name: 'Interac', colour: '#fdb913', mark: 'I' },
  { id: 'pix', type: 'qr', flow: 'qr', countries: ['BR'], currencies: ['BRL'], name: 'Pix', colour: '#32bcad', mark: 'pix' },
  { id: 'boleto', type: 'voucher', flow: 'voucher', countries: ['BR'], currencies: ['BRL'], name: { key: 'boleto' } },
  {
    id: 'mercado_pago', type: 'wallet', flow: 'redirect', countries: ['AR', 'BR', 'CL', 'CO', 'MX', 'PE', 'UY'],
    currencies: ['ARS', 'BRL', 'CLP', 'COP', 'MXN', 'PEN', 'UYU'], name: 'Mercado Pago', colour: '#00b1ea', mark: 'MP',
  },
  { id: 'oxxo', type: 'voucher', flow: 'voucher', countries: ['MX'], currencies: ['MXN'], name: 'OXXO', colour: '#d52b1e', mark: 'OXXO', limits: { MXN: { min: 1000, max: 1_000_000 } } },
  { id: 'spei', type: 'bank_transfer', flow: 'voucher', countries: ['MX'], currencies: ['MXN'], name: 'SPEI', colour: '#004b87', mark: 'SPEI' },
  { id: 'pse', type: 'bank_redirect', flow: 'redirect', countries: ['CO'], currencies: ['COP'], name: 'PSE', colour: '#0066b3', mark: 'PSE' },
];

// Each line names its main source; figures and all sources: COUNTRY_SOURCES in ../sources.ts.
export const COUNTRY_ORDER: Readonly<Record<string, readonly string[]>> = {
  US: ['card', 'apple_pay', 'paypal', 'google_pay', 'amazon_pay', 'cash_app_pay', 'klarna', 'afterpay', 'affirm'], // Worldpay Global Payments Report 2024 + estimate
  CA: ['card', 'paypal', 'apple_pay', 'interac', 'google_pay', 'afterpay', 'klarna', 'affirm'], // Worldpay Global Payments Report 2024 + estimate
  MX: ['card', 'mercado_pago', 'oxxo', 'paypal', 'spei', 'apple_pay', 'google_pay'], // Worldpay Global Payments Report 2024 + estimate
  BR: ['pix', 'card', 'mercado_pago', 'boleto', 'apple_pay', 'google_pay', 'paypal'], // Worldpay Global Payments Report 2024 + estimate
  CO: ['pse', 'card', 'mercado_pago', 'bank_transfer'], // Worldpay Global Payments Report 2024 + estimate
};
