/**
 * The demo store's catalog. Prices are set in USD and turned into a local
 * shelf price per currency (converted, then rounded to a step a shop in that
 * country would use), so every price is a whole multiple of 100 minor units
 * and never hits a sandbox magic amount by accident.
 */
import { minorUnitsOf } from '../money.js';

export interface StoreCurrency {
  readonly code: string;
  /** Rough units per USD; a demo, not a quote. */
  readonly perUsd: number;
  /** Shelf prices are multiples of this many major units. */
  readonly step: number;
}

export const STORE_CURRENCIES: readonly StoreCurrency[] = [
  { code: 'USD', perUsd: 1, step: 1 },
  { code: 'EUR', perUsd: 0.92, step: 1 },
  { code: 'GBP', perUsd: 0.79, step: 1 },
  { code: 'IDR', perUsd: 16_000, step: 1000 },
  { code: 'THB', perUsd: 36, step: 10 },
  { code: 'BRL', perUsd: 5.4, step: 1 },
  { code: 'JPY', perUsd: 150, step: 100 },
  { code: 'SAR', perUsd: 3.75, step: 1 },
  { code: 'MXN', perUsd: 18, step: 10 },
  { code: 'INR', perUsd: 83, step: 10 },
  { code: 'KWD', perUsd: 0.31, step: 0.5 },
  { code: 'PLN', perUsd: 4, step: 1 },
  { code: 'CHF', perUsd: 0.9, step: 1 },
  { code: 'SEK', perUsd: 10.5, step: 10 },
  { code: 'SGD', perUsd: 1.35, step: 1 },
  { code: 'MYR', perUsd: 4.7, step: 1 },
  { code: 'PHP', perUsd: 56, step: 10 },
  { code: 'VND', perUsd: 25_000, step: 1000 },
  { code: 'KRW', perUsd: 1350, step: 1000 },
  { code: 'CNY', perUsd: 7.2, step: 1 },
  { code: 'TWD', perUsd: 32, step: 10 },
  { code: 'HKD', perUsd: 7.8, step: 1 },
  { code: 'AED', perUsd: 3.67, step: 1 },
  { code: 'COP', perUsd: 4000, step: 1000 },
  { code: 'EGP', perUsd: 48, step: 10 },
  { code: 'KES', perUsd: 130, step: 10 },
  { code: 'TRY', perUsd: 32, step: 10 },
];

interface ProductSource {
  readonly sku: string;
  readonly name: string;
  readonly description: string;
  /** USD cents. */
  readonly usd: number;
}

const PRODUCTS: readonly ProductSource[] = [
  { sku: 'tote-canvas', name: 'Canvas tote bag', description: 'Heavy organic cotton, inside pocket, carries a week of groceries.', usd: 2400 },
  { sku: 'mug-stoneware', name: 'Stoneware mug', description: 'Hand-glazed, 350 ml, dishwasher safe.', usd: 1800 },
  { sku: 'notebook-a5', name: 'Dot-grid notebook A5', description: '160 pages of 100 g paper that fountain pens love.', usd: 1400 },
  { sku: 'tea-sencha', name: 'Sencha green tea', description: 'First-flush leaves from Shizuoka, 100 g tin.', usd: 1600 },
  { sku: 'candle-fig', name: 'Fig & cedar candle', description: 'Soy wax, cotton wick, about 45 hours.', usd: 3200 },
  { sku: 'scarf-merino', name: 'Merino scarf', description: 'Fine merino wool, 180 × 30 cm, in charcoal.', usd: 5900 },
];

export interface Product {
  readonly sku: string;
  readonly name: string;
  readonly description: string;
  /** Price per currency code, in that currency's minor units. */
  readonly prices: Readonly<Record<string, number>>;
}

/** Converts a USD price into the currency's shelf price in minor units. */
export function shelfPrice(usdCents: number, currency: StoreCurrency): number {
  const major = Math.max(currency.step, Math.round(((usdCents / 100) * currency.perUsd) / currency.step) * currency.step);
  return Math.round(major * 10 ** minorUnitsOf(currency.code));
}

export const CATALOG: readonly Product[] = PRODUCTS.map((source) => ({
  sku: source.sku,
  name: source.name,
  description: source.description,
  prices: Object.fromEntries(STORE_CURRENCIES.map((currency) => [currency.code, shelfPrice(source.usd, currency)])),
}));

export interface CartLine {
  sku: string;
  quantity: number;
}

/** The cart total in minor units; `undefined` for an unknown SKU or currency. */
export function cartTotal(lines: readonly CartLine[], currency: string): number | undefined {
  let total = 0;
  for (const line of lines) {
    const price = CATALOG.find((product) => product.sku === line.sku)?.prices[currency];
    if (price === undefined) return undefined;
    total += price * line.quantity;
  }
  return total;
}
