/**
 * The Luhn (mod 10) check digit of payment card numbers (ISO/IEC 7812-1).
 * The one implementation in the project: card validation and the support
 * chat's card masking both use it.
 */

/** Whether a string of digits passes the Luhn check; anything that is not all digits fails. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** `prefix` completed with the digit that makes it pass the Luhn check (test numbers are built this way). */
export function withCheckDigit(prefix: string): string {
  for (let digit = 0; digit <= 9; digit++) {
    if (luhnValid(`${prefix}${digit}`)) return `${prefix}${digit}`;
  }
  // Unreachable for a prefix of digits: exactly one check digit exists.
  throw new RangeError(`not a digit string: ${prefix.length} characters`);
}
