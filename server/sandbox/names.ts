/** Display names for the sandbox pages (the widget has its own localized catalog). */
const NAMES: Readonly<Record<string, string>> = {
  card: 'Card', paypal: 'PayPal', apple_pay: 'Apple Pay', google_pay: 'Google Pay', klarna: 'Klarna', afterpay: 'Afterpay',
  affirm: 'Affirm', ideal: 'iDEAL', bancontact: 'Bancontact', blik: 'BLIK', p24: 'Przelewy24', eps: 'EPS', twint: 'TWINT',
  swish: 'Swish', mbway: 'MB WAY', multibanco: 'Multibanco', sepa_debit: 'SEPA Direct Debit', grabpay: 'GrabPay', gopay: 'GoPay',
  dana: 'DANA', ovo: 'OVO', shopeepay: 'ShopeePay', qris: 'QRIS', truemoney: 'TrueMoney', promptpay: 'PromptPay',
  rabbit_line_pay: 'Rabbit LINE Pay', touch_n_go: "Touch 'n Go eWallet", fpx: 'FPX', duitnow: 'DuitNow QR', gcash: 'GCash',
  maya: 'Maya', momo: 'MoMo', zalopay: 'ZaloPay', paynow: 'PayNow', alipay: 'Alipay', wechat_pay: 'WeChat Pay',
  kakaopay: 'KakaoPay', naver_pay: 'Naver Pay', paypay: 'PayPay', konbini: 'Konbini', upi: 'UPI', pix: 'Pix', boleto: 'Boleto',
  oxxo: 'OXXO', spei: 'SPEI', mercado_pago: 'Mercado Pago', pse: 'PSE', stc_pay: 'stc pay', knet: 'KNET', fawry: 'Fawry',
  mpesa: 'M-Pesa', mada: 'mada', bank_transfer: 'Bank transfer', cod: 'Cash on delivery',
};

export function methodDisplayName(override: string | undefined, id: string): string {
  return override ?? NAMES[id] ?? id.replace(/_/g, ' ');
}
