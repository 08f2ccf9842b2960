/**
 * QR codes drawn locally from the backend's payload, as one SVG path: no image
 * request to a third party (the payload is a payment instruction) and nothing
 * inline that a strict Content-Security-Policy would block.
 */
import qrcode from 'qrcode-generator';

export interface QrPath {
  /** Modules per side, quiet zone included. */
  size: number;
  /** SVG path data of the dark modules, in module units. */
  path: string;
}

/** Four modules of white border, as the QR standard asks for reliable scanning. */
const QUIET = 4;

/**
 * The QR code of `payload`, or null when it cannot be encoded (too long).
 * Encoded as UTF-8 bytes: qrcode-generator's default keeps only the low byte
 * of each UTF-16 unit, which would corrupt a merchant name such as "São Paulo".
 * Level M (15 % recovery) is what Pix and EMVCo merchant-presented codes use.
 */
export function qrPath(payload: string): QrPath | null {
  let code: ReturnType<typeof qrcode>;
  try {
    code = qrcode(0, 'M');
    const bytes = new TextEncoder().encode(payload);
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    code.addData(binary, 'Byte');
    code.make();
  } catch {
    return null;
  }
  const count = code.getModuleCount();
  let path = '';
  for (let row = 0; row < count; row++) {
    // Runs of dark modules become one rectangle each, which keeps the path short.
    for (let col = 0; col < count; ) {
      if (!code.isDark(row, col)) {
        col++;
        continue;
      }
      let end = col;
      while (end < count && code.isDark(row, end)) end++;
      path += `M${col + QUIET} ${row + QUIET}h${end - col}v1h-${end - col}z`;
      col = end;
    }
  }
  return { size: count + QUIET * 2, path };
}
