/**
 * Interleaved 2 of 5 (ITF), the barcode printed on Brazilian boletos, as bar
 * geometry for an SVG. Pure and tiny, so the voucher view needs no barcode
 * library: digits are encoded in pairs, the first digit of a pair in the bars
 * and the second in the spaces between them, each digit as five elements of
 * which two are wide.
 */

/** Wide (1) and narrow (0) elements of each digit. */
const DIGITS: readonly (readonly number[])[] = [
  [0, 0, 1, 1, 0],
  [1, 0, 0, 0, 1],
  [0, 1, 0, 0, 1],
  [1, 1, 0, 0, 0],
  [0, 0, 1, 0, 1],
  [1, 0, 1, 0, 0],
  [0, 1, 1, 0, 0],
  [0, 0, 0, 1, 1],
  [1, 0, 0, 1, 0],
  [0, 1, 0, 1, 0],
];

export interface ItfOptions {
  /** Width of a wide element in narrow units; 3 is what boleto printers use (2–3 is allowed). */
  wide?: number;
  /** Blank margin on each side, in narrow units; scanners need at least 10. */
  quiet?: number;
}

export interface Barcode {
  /** Total width in narrow units, quiet zones included. */
  width: number;
  /** Dark bars, left to right, in narrow units. */
  bars: { x: number; width: number }[];
}

/**
 * Bars of `digits` in ITF. An odd count gets a leading zero (ITF needs pairs).
 * Returns null for anything but ASCII digits, so bad data shows no barcode
 * rather than a wrong one.
 */
export function interleaved2of5(digits: string, options: ItfOptions = {}): Barcode | null {
  if (!/^[0-9]+$/.test(digits)) return null;
  const wide = options.wide ?? 3;
  const quiet = options.quiet ?? 10;
  const padded = digits.length % 2 ? `0${digits}` : digits;
  // Alternating bar/space widths: start (4 narrow), the pairs, stop (wide bar, narrow space, narrow bar).
  const widths: number[] = [1, 1, 1, 1];
  for (let i = 0; i < padded.length; i += 2) {
    const bars = DIGITS[Number(padded[i])]!;
    const spaces = DIGITS[Number(padded[i + 1])]!;
    for (let k = 0; k < 5; k++) widths.push(bars[k] ? wide : 1, spaces[k] ? wide : 1);
  }
  widths.push(wide, 1, 1);
  const bars: Barcode['bars'] = [];
  let x = quiet;
  widths.forEach((w, index) => {
    if (index % 2 === 0) bars.push({ x, width: w });
    x += w;
  });
  return { width: x + quiet, bars };
}

/** One SVG path (`M x 0 h w v height h -w z` per bar) so the barcode is a single element. */
export function barcodePath(barcode: Barcode, height: number): string {
  return barcode.bars.map((bar) => `M${bar.x} 0h${bar.width}v${height}h-${bar.width}z`).join('');
}
