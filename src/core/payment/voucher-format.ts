/**
 * How voucher references are shown. Copying always uses the raw digits
 * (banking apps reject the dots and spaces); display groups them the way the
 * buyer sees them printed, so reading one back is less error-prone.
 */

/**
 * A boleto's 47-digit "linha digitável" in its printed groups:
 * `AAAAA.AAAAA BBBBB.BBBBBB CCCCC.CCCCCC D EEEEEEEEEEEEEE`. Anything else is
 * returned unchanged (a 48-digit utility bill, a reference with letters).
 */
export function formatBoletoLine(reference: string): string {
  const digits = reference.replace(/[\s.]/g, '');
  if (!/^[0-9]{47}$/.test(digits)) return reference;
  const at = (from: number, to: number) => digits.slice(from, to);
  return `${at(0, 5)}.${at(5, 10)} ${at(10, 15)}.${at(15, 21)} ${at(21, 26)}.${at(26, 32)} ${at(32, 33)} ${at(33, 47)}`;
}

/** The text to copy: the reference without the grouping a person would not type into an app. */
export function copyableReference(reference: string): string {
  return /^[0-9\s.]+$/.test(reference) ? reference.replace(/[\s.]/g, '') : reference.trim();
}
