// The QR code as a PNG file, for buyers who pay from the phone that shows it (see qr-schemes.ts).
import { qrPath } from '../../core/payment/qr.js';

/** Device pixels per module: 8 gives a ~300–600 px image that every banking app's gallery scanner reads. */
const SCALE = 8;

/**
 * A PNG data URL of the QR code of `payload` (black on white, quiet zone
 * included), drawn from the same path as the on-screen SVG so both are the
 * same code; null when the payload cannot be encoded or no canvas is available.
 */
export function qrPngUrl(payload: string): string | null {
  const qr = qrPath(payload);
  if (!qr) return null;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = qr.size * SCALE;
  const context = canvas.getContext('2d');
  if (!context) return null;
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.scale(SCALE, SCALE);
  context.fillStyle = '#000000';
  context.fill(new Path2D(qr.path));
  return canvas.toDataURL('image/png');
}

/** A file name made only of letters, digits, `-` and `_`, whatever the backend's ids contain. */
export function qrFileName(methodId: string, paymentId: string): string {
  const clean = (text: string) => text.replace(/[^A-Za-z0-9_-]+/g, '').slice(0, 64);
  return `${[clean(methodId) || 'qr', clean(paymentId)].filter(Boolean).join('-')}.png`;
}

/** Hands `url` to the browser as a download named `fileName`. */
export function downloadFile(fileName: string, url: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
}
