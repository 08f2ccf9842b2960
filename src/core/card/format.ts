/**
 * How the card form shows what the buyer types or pastes: the number in its
 * brand's groups (4-4-4-4, Amex 4-6-5, Diners 4-6-4), the expiry as
 * "MM / YY", the security code as digits only. Each function takes any text
 * (a paste with spaces, dashes or a "12/2030" year) and is idempotent.
 */
import { detectBrand, gapsFor } from './brands.js';
import { digitsOf } from './validate.js';

/** The number grouped for its brand: "4242424242424242" → "4242 4242 4242 4242", Amex "3782 822463 10005". */
export function formatNumber(text: string): string {
  const digits = digitsOf(text);
  const brand = detectBrand(digits).brand;
  const gaps = brand ? gapsFor(brand, digits.length) : [4, 8, 12, 16];
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && gaps.includes(i)) out += ' ';
    out += digits[i];
  }
  return out;
}

/**
 * "MM / YY" from whatever was typed: "1" stays "1" (it may become 10–12),
 * "4" becomes "04 / ", "12/2030" becomes "12 / 30". `deleting` keeps the
 * separator from coming back while the buyer erases it.
 */
export function formatExpiry(text: string, deleting = false): string {
  const fourDigitYear = /^\s*([0-9]{1,2})\s*[/\-.]\s*[0-9]{2}([0-9]{2})\s*$/.exec(text);
  if (fourDigitYear) return `${fourDigitYear[1]!.padStart(2, '0')} / ${fourDigitYear[2]}`;
  const single = /^\s*([1-9])\s*[/\-.]/.exec(text);
  let digits = text.replace(/[^0-9]/g, '');
  if (single) digits = `0${digits}`;
  if (digits.length === 1 && digits > '1') digits = `0${digits}`;
  digits = digits.slice(0, 4);
  if (digits.length < 2) return digits;
  if (digits.length === 2) return deleting ? digits : `${digits} / `;
  return `${digits.slice(0, 2)} / ${digits.slice(2)}`;
}

/** Digits only, at most four. */
export function formatCvc(text: string): string {
  return text.replace(/[^0-9]/g, '').slice(0, 4);
}
