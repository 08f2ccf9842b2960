/**
 * Money formatting: integer ISO 4217 minor units in, the buyer's localized
 * text out. Pure (Intl only, no DOM), so it runs in Node and is tested there.
 *
 * Why the ISO table is authoritative: every amount in protocol v1 is an
 * integer count of ISO 4217 minor units, so the exponent that turns it into a
 * decimal must be ISO's, or 1000 fils (1.000 KWD) would read as 10.00 and an
 * IDR amount of 150000 (Rp 1.500,00) as Rp 150.000. Intl's own currency digits
 * come from CLDR, which deliberately departs from ISO where local custom
 * differs (IDR, HUF, COP, IQD, ... get fewer digits), so Intl's defaults are
 * never used to *interpret* a value — only ISO's exponent is.
 *
 * Display choice (`fractionDigits: 'auto'`, the default): the amount is always
 * shown exactly. Where CLDR's customary digits are fewer than ISO's and the
 * digits that would be dropped are all zero, the customary form is shown
 * ("Rp 1.500.000" rather than "Rp 1.500.000,00", "1 500 Ft"); otherwise every
 * ISO digit is shown, so nothing is ever rounded away. `'iso'` always shows all
 * ISO digits (receipts, reconciliation).
 *
 * Right-to-left locales: Latin currency symbols ("US$", "JP¥") are wrapped in
 * invisible left-to-right isolate marks so the bidi algorithm cannot split them;
 * everything else is Intl's output unchanged.
 *
 * Exactness: the decimal string is built from the integer's digits and passed
 * to `Intl.NumberFormat#format` as a string, which modern engines format
 * exactly (no binary floating point in between). Values outside the safe
 * integer range are rejected rather than silently rounded.
 */
import { ISO_4217_MINOR_UNITS } from './iso4217.js';
import { directionOf } from '../i18n/locales.js';

/** How the currency is named: `€`/`US$` (`symbol`), `$` (`narrowSymbol`), `EUR` (`code`) or `euros` (`name`). */
export type CurrencyDisplay = 'symbol' | 'narrowSymbol' | 'code' | 'name';

/** Why an amount could not be formatted. */
export type MoneyFailure = 'unknown_currency' | 'invalid_value';

export interface MoneyFormatOptions {
  /** Currency naming, default `symbol`. */
  display?: CurrencyDisplay;
  /** `auto` (default) drops all-zero digits that local custom omits; `iso` always shows every ISO digit. */
  fractionDigits?: 'auto' | 'iso';
}

/** Formatted text, or why there is none. Never `NaN`, never a throw. */
export type MoneyText = { ok: true; text: string } | { ok: false; reason: MoneyFailure };

/** An instalment plan's per-payment texts (the "4 × €12.50" of a BNPL preview). */
export type InstalmentText =
  | {
      ok: true;
      count: number;
      /** `count` in the locale's digits (Arabic-Indic in `ar-SA`, for instance). */
      countText: string;
      /** First payment in minor units; it carries the remainder so the payments add up exactly. */
      first: number;
      /** Every later payment in minor units. */
      regular: number;
      firstText: string;
      /** The regular payment, the amount a "count × amount" preview shows. */
      text: string;
    }
  | { ok: false; reason: MoneyFailure };

/** Where a presentment note converts to: the merchant's settlement currency and its rate. */
export interface SettlementQuote {
  currency: string;
  /** Units of the settlement currency per one unit of the buyer's currency, e.g. `1.08` for EUR→USD. */
  rate: number | string;
}

export type Conversion =
  | { ok: true; value: number; currency: string }
  | { ok: false; reason: MoneyFailure | 'invalid_rate' };

/** The approximate settlement amount ("≈ US$12.34") of a presentment note. */
export type ApproximateText =
  | {
      ok: true;
      /** `≈` and the amount, joined by a no-break space so they never wrap apart. */
      text: string;
      /** The converted amount alone, for a translated template such as "≈ {{amount}}". */
      amount: string;
      /** Converted value in the settlement currency's minor units. */
      value: number;
      currency: string;
    }
  | { ok: false; reason: MoneyFailure | 'invalid_rate' };

/** Minor units (ISO 4217 exponent) of an active currency code, or `undefined` for an unknown one. */
export function minorUnits(code: string): number | undefined {
  return typeof code === 'string' && Object.hasOwn(ISO_4217_MINOR_UNITS, code) ? ISO_4217_MINOR_UNITS[code] : undefined;
}

/** True for every active ISO 4217 code with minor units (exact, uppercase). */
export function isKnownCurrency(code: string): boolean {
  return minorUnits(code) !== undefined;
}

const INTEGER = /^[+-]?\d+$/;

/**
 * Reads an amount in minor units from an attribute or property: an integer
 * number or a string of one (`"-1250"`). Returns `undefined` for anything
 * else, including decimals, exponents and values beyond ±(2^53 − 1).
 */
export function parseMinorUnits(input: unknown): number | undefined {
  if (typeof input === 'number') return Number.isSafeInteger(input) ? input : undefined;
  if (typeof input !== 'string') return undefined;
  const trimmed = input.trim();
  if (!INTEGER.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** `1250, 2` → `"12.50"`; `-5, 3` → `"-0.005"`. Exact for every safe integer. */
export function toDecimalString(value: number, exponent: number): string {
  // Safe integers print as plain digits (never exponent notation below 1e21).
  const digits = Math.abs(value).toString();
  const sign = value < 0 ? '-' : '';
  if (exponent === 0) return sign + digits;
  const padded = digits.padStart(exponent + 1, '0');
  return `${sign}${padded.slice(0, -exponent)}.${padded.slice(-exponent)}`;
}

// Building an Intl.NumberFormat costs far more than formatting with one; pages
// render the same few currency/locale pairs over and over.
const FORMATTER_LIMIT = 64;
const formatters = new Map<string, Intl.NumberFormat>();
const customary = new Map<string, number>();

/** Number of cached formatters (bounded by an LRU limit); exposed for tests. */
export function cachedFormatterCount(): number {
  return formatters.size;
}

function createFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  try {
    return new Intl.NumberFormat(locale.replace(/_/g, '-'), options);
  } catch (error) {
    // A malformed locale tag must not take the amount down with it.
    if (error instanceof RangeError) return new Intl.NumberFormat('en', options);
    throw error;
  }
}

function cached(key: string, build: () => Intl.NumberFormat): Intl.NumberFormat {
  const hit = formatters.get(key);
  if (hit) {
    // Re-insert so the Map's insertion order doubles as recency order.
    formatters.delete(key);
    formatters.set(key, hit);
    return hit;
  }
  const made = build();
  formatters.set(key, made);
  if (formatters.size > FORMATTER_LIMIT) {
    const oldest = formatters.keys().next().value;
    if (oldest !== undefined) formatters.delete(oldest);
  }
  return made;
}

function currencyFormat(locale: string, currency: string, display: CurrencyDisplay, digits: number): Intl.NumberFormat {
  return cached(`${locale}|${currency}|${display}|${digits}`, () =>
    createFormat(locale, {
      style: 'currency',
      currency,
      currencyDisplay: display,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }),
  );
}

/** CLDR's customary fraction digits for a currency (what Intl would show by default). */
function customaryDigits(currency: string): number {
  let digits = customary.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    customary.set(currency, digits);
  }
  return digits;
}

function displayDigits(decimal: string, exponent: number, mode: 'auto' | 'iso', currency: string): number {
  if (mode === 'iso' || exponent === 0) return exponent;
  const usual = customaryDigits(currency);
  if (usual >= exponent) return exponent;
  // Only drop digits that are zero, so the text still equals the amount.
  const dropped = decimal.slice(decimal.length - (exponent - usual));
  return /^0+$/.test(dropped) ? usual : exponent;
}

/**
 * Formats `value` minor units of `currency` for a buyer in `locale`:
 * `formatMoney(1250, 'EUR', 'de-DE')` → `{ ok: true, text: '12,50 €' }`.
 * Negative values (refunds) keep the locale's sign convention. Unknown or
 * inactive currency codes and non-integer or unsafe values return a failure.
 */
export function formatMoney(value: number, currency: string, locale: string, options: MoneyFormatOptions = {}): MoneyText {
  const exponent = minorUnits(currency);
  if (exponent === undefined) return { ok: false, reason: 'unknown_currency' };
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) return { ok: false, reason: 'invalid_value' };
  const decimal = toDecimalString(value, exponent);
  const digits = displayDigits(decimal, exponent, options.fractionDigits ?? 'auto', currency);
  const format = currencyFormat(locale, currency, options.display ?? 'symbol', digits);
  // A decimal string is formatted exactly (Intl.NumberFormat v3); a float would not be.
  const exact = decimal as Intl.StringNumericLiteral;
  if (directionOf(locale) === 'ltr') return { ok: true, text: format.format(exact) };
  return { ok: true, text: isolateLatinCurrency(format.formatToParts(exact)) };
}

/**
 * In right-to-left text a Latin symbol such as "US$" or "JP¥" is split by the
 * bidi algorithm: its "$" or "¥" is neutral and drifts to the far side, so
 * Intl's "١٢٫٥٠ US$" is displayed as "$US ١٢٫٥٠". Wrapping the symbol in
 * left-to-right isolate marks (U+2066 … U+2069, invisible) keeps it whole.
 */
function isolateLatinCurrency(parts: Intl.NumberFormatPart[]): string {
  return parts
    .map((part) => (part.type === 'currency' && /[A-Za-z]/.test(part.value) ? `\u2066${part.value}\u2069` : part.value))
    .join('');
}

/**
 * Splits `value` minor units into `count` payments that add up exactly: every
 * payment is `floor(value / count)` and the first also takes the remainder
 * (€100.00 in 3 → €33.34, €33.33, €33.33). Used by the BNPL preview.
 */
export function formatInstalment(
  value: number,
  count: number,
  currency: string,
  locale: string,
  options: MoneyFormatOptions = {},
): InstalmentText {
  if (minorUnits(currency) === undefined) return { ok: false, reason: 'unknown_currency' };
  if (!Number.isSafeInteger(value) || value <= 0 || !Number.isSafeInteger(count) || count < 1 || count > 1000) {
    return { ok: false, reason: 'invalid_value' };
  }
  const regular = Math.floor(value / count);
  const first = value - regular * (count - 1);
  const firstText = formatMoney(first, currency, locale, options);
  const text = formatMoney(regular, currency, locale, options);
  if (!firstText.ok) return firstText;
  if (!text.ok) return text;
  const countText = cached(`${locale}|count`, () => createFormat(locale, { maximumFractionDigits: 0 })).format(count);
  return { ok: true, count, countText, first, regular, firstText: firstText.text, text: text.text };
}

const DECIMAL = /^(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i;

/** A positive rate as an exact fraction `mantissa / 10^scale`; `undefined` if not a positive finite decimal. */
function parseRate(rate: number | string): { mantissa: bigint; scale: number } | undefined {
  if (typeof rate === 'number' && !(Number.isFinite(rate) && rate > 0)) return undefined;
  if (typeof rate !== 'number' && typeof rate !== 'string') return undefined;
  // String(number) is the shortest decimal that reads back as the same double: what the sender wrote.
  const match = DECIMAL.exec(String(rate).trim());
  if (!match) return undefined;
  const [, whole = '', fraction = '', exp = '0'] = match;
  const mantissa = BigInt(whole + fraction);
  if (mantissa === 0n) return undefined;
  return { mantissa, scale: fraction.length - Number(exp) };
}

/** `numerator / denominator` rounded half to even (banker's rounding); `denominator > 0`. */
function divideHalfEven(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  const away = twice > denominator || (twice === denominator && quotient % 2n !== 0n);
  if (!away) return quotient;
  return numerator < 0n ? quotient - 1n : quotient + 1n;
}

/**
 * Converts `value` minor units of `currency` into minor units of the
 * settlement currency at `settlement.rate`, exactly, rounding once, half to
 * even, at the settlement currency's ISO exponent:
 * `convertForPresentment(1000, 'EUR', { currency: 'USD', rate: 1.0834 })` → 1083.
 */
export function convertForPresentment(value: number, currency: string, settlement: SettlementQuote): Conversion {
  const from = minorUnits(currency);
  const to = minorUnits(settlement.currency);
  if (from === undefined || to === undefined) return { ok: false, reason: 'unknown_currency' };
  if (!Number.isSafeInteger(value)) return { ok: false, reason: 'invalid_value' };
  const rate = parseRate(settlement.rate);
  if (!rate) return { ok: false, reason: 'invalid_rate' };
  // value / 10^from × rate × 10^to  =  value × mantissa × 10^(to − from − scale)
  const shift = to - from - rate.scale;
  const scaled = BigInt(value) * rate.mantissa;
  const converted = shift >= 0 ? scaled * 10n ** BigInt(shift) : divideHalfEven(scaled, 10n ** BigInt(-shift));
  const result = Number(converted);
  if (!Number.isSafeInteger(result)) return { ok: false, reason: 'invalid_value' };
  return { ok: true, value: result, currency: settlement.currency };
}

function currencySymbol(locale: string, currency: string, display: CurrencyDisplay): string | undefined {
  return currencyFormat(locale, currency, display, 0)
    .formatToParts(0)
    .find((part) => part.type === 'currency')?.value;
}

/**
 * The presentment note: `value` of `currency` converted to the settlement
 * currency and formatted for `locale`, e.g. "≈ US$10.83". Where both
 * currencies would show the same symbol in this locale (a peso buyer whose
 * locale writes both MXN and USD as "$"), the settlement currency is shown by
 * its ISO code so the note cannot be misread as the buyer's own amount.
 */
export function formatApproximate(
  value: number,
  currency: string,
  settlement: SettlementQuote,
  locale: string,
  options: MoneyFormatOptions = {},
): ApproximateText {
  const converted = convertForPresentment(value, currency, settlement);
  if (!converted.ok) return converted;
  let display = options.display ?? 'symbol';
  if (
    (display === 'symbol' || display === 'narrowSymbol') &&
    settlement.currency !== currency &&
    currencySymbol(locale, settlement.currency, display) === currencySymbol(locale, currency, display)
  ) {
    display = 'code';
  }
  const amount = formatMoney(converted.value, settlement.currency, locale, { ...options, display });
  if (!amount.ok) return amount;
  return { ok: true, text: `\u2248\u00a0${amount.text}`, amount: amount.text, value: converted.value, currency: converted.currency };
}
