/**
 * Validation of what the buyer typed into the card form: number (brand,
 * length, Luhn), expiry (a real month, not past, by an injected clock),
 * security code (the brand's length) and the name on the card. Pure: the
 * card frame calls it on every keystroke and on submit, tests call it with
 * any clock.
 */
import { BRAND_SPECS, detectBrand, type CardBrand } from './brands.js';
import { luhnValid } from './luhn.js';

/** A field's state: nothing typed, typing, typed wrong, or good. */
export type FieldStatus = 'empty' | 'incomplete' | 'invalid' | 'valid';

/**
 * Why a field is not valid, as a code the frame and host translate.
 * Never carries a digit of the card.
 */
export const CARD_FIELD_ERRORS = [
  'number_incomplete',
  'number_invalid',
  'number_unknown_brand',
  'expiry_incomplete',
  'expiry_invalid',
  'expiry_past',
  'cvc_incomplete',
  'name_missing',
] as const;
export type CardFieldError = (typeof CARD_FIELD_ERRORS)[number];

export const CARD_FIELDS = ['number', 'expiry', 'cvc', 'name'] as const;
export type CardField = (typeof CARD_FIELDS)[number];

/** The longest a card number can be (ISO/IEC 7812). */
export const MAX_NUMBER_LENGTH = 19;
/** The furthest ahead an expiry date is believed (issuers use at most ~10 years). */
const MAX_YEARS_AHEAD = 20;
export const MAX_NAME_LENGTH = 64;

/** Only the digits of what was typed or pasted ("4242 4242-4242" → "424242424242"), at most 19. */
export function digitsOf(text: string): string {
  return text.replace(/[^0-9]/g, '').slice(0, MAX_NUMBER_LENGTH);
}

export interface NumberCheck {
  status: FieldStatus;
  brand: CardBrand | null;
  /** More than one when co-badged: the buyer chooses. */
  brands: readonly CardBrand[];
  error?: CardFieldError;
}

/** The number's brand and status. `chosen` is the buyer's pick among co-badged brands. */
export function checkNumber(digits: string, chosen?: CardBrand | null): NumberCheck {
  if (!digits) return { status: 'empty', brand: null, brands: [] };
  const match = detectBrand(digits);
  const brand = chosen && match.brands.includes(chosen) ? chosen : match.brand;
  if (!brand) {
    // Six digits are enough to know a supported brand; fewer may still become one.
    return digits.length >= 6
      ? { status: 'invalid', brand: null, brands: [], error: 'number_unknown_brand' }
      : { status: 'incomplete', brand: null, brands: [], error: 'number_incomplete' };
  }
  const spec = BRAND_SPECS[brand];
  const maxLength = spec.lengths[spec.lengths.length - 1] ?? MAX_NUMBER_LENGTH;
  const rightLength = spec.lengths.includes(digits.length);
  const checks = !spec.luhn || luhnValid(digits);
  if (rightLength && checks) return { status: 'valid', brand, brands: match.brands };
  // A full-length number that fails the check is wrong now (a rare 19-digit Visa can still be typed on).
  if (rightLength) return { status: 'invalid', brand, brands: match.brands, error: 'number_invalid' };
  if (digits.length < maxLength) return { status: 'incomplete', brand, brands: match.brands, error: 'number_incomplete' };
  return { status: 'invalid', brand, brands: match.brands, error: 'number_invalid' };
}

/** A parsed expiry: month 1–12 and a four-digit year. */
export interface Expiry {
  month: number;
  year: number;
}

export interface ExpiryCheck {
  status: FieldStatus;
  expiry?: Expiry;
  error?: CardFieldError;
}

/**
 * Checks "MM / YY" (also "MMYY", "MM/YYYY", "M/YY") against `now`: a card is
 * good through the last day of its expiry month, in the buyer's own calendar.
 */
export function checkExpiry(text: string, now: Date): ExpiryCheck {
  const digits = text.replace(/[^0-9]/g, '');
  if (!digits) return { status: 'empty' };
  // "1/27": a single-digit month followed by a separator.
  const single = /^\s*([1-9])\s*[/\-.]\s*([0-9]{2}|[0-9]{4})\s*$/.exec(text);
  const monthText = single ? single[1]! : digits.slice(0, 2);
  const yearText = single ? single[2]! : digits.slice(2);
  const month = Number(monthText);
  if (monthText.length === 2 && (month < 1 || month > 12)) return { status: 'invalid', error: 'expiry_invalid' };
  if (yearText.length !== 2 && yearText.length !== 4) return { status: 'incomplete', error: 'expiry_incomplete' };
  const year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
  const thisMonth = now.getFullYear() * 12 + now.getMonth();
  const expiryMonth = year * 12 + (month - 1);
  if (expiryMonth < thisMonth) return { status: 'invalid', expiry: { month, year }, error: 'expiry_past' };
  if (year > now.getFullYear() + MAX_YEARS_AHEAD) return { status: 'invalid', error: 'expiry_invalid' };
  return { status: 'valid', expiry: { month, year } };
}

/** The security code's length for a brand (3, or 4 for Amex); `null` brand accepts 3 or 4. */
export function cvcLengths(brand: CardBrand | null): readonly number[] {
  return brand ? [BRAND_SPECS[brand].cvcLength] : [3, 4];
}

export function checkCvc(text: string, brand: CardBrand | null): { status: FieldStatus; error?: CardFieldError } {
  if (!text) return { status: 'empty' };
  if (!/^[0-9]+$/.test(text)) return { status: 'invalid', error: 'cvc_incomplete' };
  const lengths = cvcLengths(brand);
  if (lengths.includes(text.length)) return { status: 'valid' };
  return { status: text.length < Math.max(...lengths) ? 'incomplete' : 'invalid', error: 'cvc_incomplete' };
}

export function checkName(text: string): { status: FieldStatus; error?: CardFieldError } {
  const trimmed = text.trim();
  if (!trimmed) return { status: 'empty', error: 'name_missing' };
  return trimmed.length <= MAX_NAME_LENGTH ? { status: 'valid' } : { status: 'invalid', error: 'name_missing' };
}

/** What the buyer typed, as the frame holds it. */
export interface CardInput {
  number: string;
  expiry: string;
  cvc: string;
  name: string;
  /** The buyer's choice on a co-badged card. */
  chosenBrand?: CardBrand | null;
}

/** The whole form: each field's status and error, the brand, and whether the card can be submitted. */
export interface CardCheck {
  brand: CardBrand | null;
  brands: readonly CardBrand[];
  fields: Record<CardField, { status: FieldStatus; error?: CardFieldError }>;
  complete: boolean;
  empty: boolean;
  expiry?: Expiry;
}

export function checkCard(input: CardInput, now: Date): CardCheck {
  const number = checkNumber(digitsOf(input.number), input.chosenBrand);
  const expiry = checkExpiry(input.expiry, now);
  const cvc = checkCvc(input.cvc, number.brand);
  const name = checkName(input.name);
  const fields: CardCheck['fields'] = {
    number: { status: number.status, ...(number.error ? { error: number.error } : {}) },
    expiry: { status: expiry.status, ...(expiry.error ? { error: expiry.error } : {}) },
    cvc: { status: cvc.status, ...(cvc.error ? { error: cvc.error } : {}) },
    name: { status: name.status, ...(name.error ? { error: name.error } : {}) },
  };
  const statuses = Object.values(fields).map((f) => f.status);
  return {
    brand: number.brand,
    brands: number.brands,
    fields,
    complete: statuses.every((s) => s === 'valid'),
    empty: statuses.every((s) => s === 'empty'),
    ...(expiry.expiry ? { expiry: expiry.expiry } : {}),
  };
}

/** The error to show for a field that is not valid: "missing" for an empty field once the buyer submits. */
export function submitError(field: CardField, status: FieldStatus, error: CardFieldError | undefined): CardFieldError | undefined {
  if (status === 'valid') return undefined;
  if (error) return error;
  const missing: Record<CardField, CardFieldError> = { number: 'number_incomplete', expiry: 'expiry_incomplete', cvc: 'cvc_incomplete', name: 'name_missing' };
  return missing[field];
}
