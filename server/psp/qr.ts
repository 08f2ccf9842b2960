/**
 * QR payloads as real schemes encode them: EMVCo merchant-presented mode
 * (Pix, PromptPay, QRIS, PayNow, DuitNow all use it, with their own
 * merchant-account template), a URL for WeChat Pay. Sandbox values only —
 * the merchant keys are fake — but a banking app's parser would accept the
 * structure, which keeps the widget's copy-code button honest.
 */

/** ISO 4217 numeric codes, tag 53 of the EMV payload. */
const NUMERIC_CURRENCY: Readonly<Record<string, string>> = {
  BRL: '986', THB: '764', IDR: '360', SGD: '702', MYR: '458', USD: '840', EUR: '978', CNY: '156',
  PHP: '608', VND: '704', INR: '356', JPY: '392', GBP: '826', MXN: '484',
};

/** Merchant account template (tag 26–51) per method. */
const MERCHANT_ACCOUNT: Readonly<Record<string, { tag: string; fields: ReadonlyArray<[string, string]> }>> = {
  pix: { tag: '26', fields: [['00', 'br.gov.bcb.pix'], ['01', 'sandbox@checkout-kit.dev']] },
  promptpay: { tag: '29', fields: [['00', 'A000000677010111'], ['01', '0066812345678']] },
  qris: { tag: '26', fields: [['00', 'ID.CO.QRIS.WWW'], ['01', '936000000000000001'], ['02', 'ID1020000000001']] },
  paynow: { tag: '26', fields: [['00', 'SG.PAYNOW'], ['01', '2'], ['02', '201912345K'], ['03', '0']] },
  duitnow: { tag: '26', fields: [['00', 'MY.COM.PAYNET.DUITNOW'], ['01', '0001234567']] },
};

function tlv(tag: string, value: string): string {
  return tag + String(value.length).padStart(2, '0') + value;
}

/** CRC-16/CCITT-FALSE, as EMVCo prescribes for tag 63. */
export function crc16(text: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

export interface QrInput {
  method: string;
  paymentId: string;
  amountMinor: number;
  currency: string;
  minorUnits: number;
  country: string;
}

export function qrPayload(input: QrInput): string {
  if (input.method === 'wechat_pay') {
    return `weixin://wxpay/bizpayurl?pr=${input.paymentId.replace(/[^A-Za-z0-9]/g, '').slice(0, 16)}`;
  }
  const account = MERCHANT_ACCOUNT[input.method] ?? MERCHANT_ACCOUNT['pix']!;
  const amount = (input.amountMinor / 10 ** input.minorUnits).toFixed(input.minorUnits);
  const reference = input.paymentId.replace(/[^A-Za-z0-9]/g, '').slice(0, 25);
  const body =
    tlv('00', '01') +
    tlv('01', '12') + // dynamic: one payment, one code
    tlv(account.tag, account.fields.map(([tag, value]) => tlv(tag, value)).join('')) +
    tlv('52', '0000') +
    tlv('53', NUMERIC_CURRENCY[input.currency] ?? '999') +
    tlv('54', amount) +
    tlv('58', input.country) +
    tlv('59', 'CHECKOUT KIT SANDBOX') +
    tlv('60', 'SANDBOX') +
    tlv('62', tlv('05', reference)) +
    '6304';
  return body + crc16(body);
}
