/**
 * What the buyers of each QR scheme do when the code is on the phone they pay
 * with (they cannot scan their own screen). Data, not logic: a new scheme is one row.
 *
 * - `copy`: the payload is pasted into the banking app. Pix defines this as
 *   "Pix Copia e Cola", and every Brazilian bank app has the field.
 * - `save`: the QR image is saved and opened from the banking app's scanner
 *   ("from gallery"): how Thai (PromptPay), Indonesian (QRIS), Singaporean
 *   (PayNow), Malaysian (DuitNow) and WeChat Pay buyers pay on one phone. Their
 *   apps have no field to paste an EMV payload into, so a "copy code" button
 *   would only puzzle them.
 */
export interface QrHelp {
  /** Offer the payload as text to copy. */
  readonly copy: boolean;
  /** Offer to save the QR code as an image. */
  readonly save: boolean;
}

const SCHEMES: Readonly<Record<string, QrHelp>> = {
  pix: { copy: true, save: false },
  promptpay: { copy: false, save: true },
  qris: { copy: false, save: true },
  paynow: { copy: false, save: true },
  duitnow: { copy: false, save: true },
  wechat_pay: { copy: false, save: true },
};

/** A scheme we do not know: offer both, the buyer's app decides. */
const UNKNOWN: QrHelp = { copy: true, save: true };

/** What to offer next to the QR code of method `methodId`. */
export function qrHelp(methodId: string): QrHelp {
  return Object.hasOwn(SCHEMES, methodId) ? SCHEMES[methodId]! : UNKNOWN;
}
