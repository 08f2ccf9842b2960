/**
 * Masks payment card numbers a buyer types into the chat before the text
 * leaves the page: any run of 13–19 digits (spaces or dashes allowed between
 * them) that passes the Luhn check keeps only its last four digits.
 */

// The one Luhn implementation lives with the card rules; re-exported for the chat's existing callers.
import { luhnValid } from '../card/luhn.js';
export { luhnValid };

// Digits with at most one space or dash between them; the lookarounds keep a run from starting or ending inside a longer number.
const DIGIT_RUN = /(?<![\d])\d(?:[ -]?\d){12,18}(?![\d])/g;

export interface MaskResult {
  text: string;
  /** How many card numbers were masked. */
  masked: number;
}

/** Replaces every Luhn-valid 13–19 digit run with `•` except its last four digits; separators stay. */
export function maskCardNumbers(text: string): MaskResult {
  let masked = 0;
  const result = text.replace(DIGIT_RUN, (run) => {
    const digits = run.replace(/[ -]/g, '');
    if (digits.length < 13 || digits.length > 19 || !luhnValid(digits)) return run;
    masked++;
    let keep = 4;
    let out = '';
    for (let i = run.length - 1; i >= 0; i--) {
      const ch = run[i]!;
      if (ch >= '0' && ch <= '9') {
        out = (keep > 0 ? ch : '•') + out;
        keep--;
      } else {
        out = ch + out;
      }
    }
    return out;
  });
  return { text: result, masked };
}
