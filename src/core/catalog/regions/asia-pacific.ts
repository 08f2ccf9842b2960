/**
 * Asia-Pacific (Southeast, East and South Asia, Oceania): local methods and
 * each country's order, most used first. Loaded lazily for buyers in these
 * countries; the figures behind each order are in ../sources.ts
 * (`COUNTRY_SOURCES`).
 */
import type { CatalogMethod } from '../types.js';

export const METHODS: readonly CatalogMethod[] = [
  // Southeast Asia
  { id: 'gopay', type: 'wallet', flow: 'qr', countries: ['ID'], currencies: ['IDR'], name: 'GoPay', colour: '#00aed6', mark: 'go' },
  { id: 'dana', type: 'wallet', flow: 'redirect', countries: ['ID'], currencies: ['IDR'], name: 'DANA', colour: '#118eea', mark: 'DANA' },
  { id: 'ovo', type: 'wallet', flow: 'inline', countries: ['ID'], currencies: ['IDR'], name: 'OVO', colour: '#4c3494', mark: 'OVO' },
  {
    id: 'shopeepay', type: 'wallet', flow: 'redirect', countries: ['ID', 'MY', 'PH', 'SG', 'TH', 'VN'], currencies: ['IDR', 'MYR', 'PHP', 'SGD', 'THB', 'VND'],
    name: 'ShopeePay', colour: '#ee4d2d', mark: 'SP',
  },
  { id: 'qris', type: 'qr', flow: 'qr', countries: ['ID'], currencies: ['IDR'], name: 'QRIS', colour: '#c8102e', mark: 'QRIS' },
  { id: 'grabpay', type: 'wallet', flow: 'redirect', countries: ['SG', 'MY', 'PH'], currencies: ['SGD', 'MYR', 'PHP'], name: 'GrabPay', colour: '#00b14f', mark: 'Grab' },
  { id: 'promptpay', type: 'qr', flow: 'qr', countries: ['TH'], currencies: ['THB'], name: 'PromptPay', localNames: { th: 'พร้อมเพย์' }, colour: '#1a3d6d', mark: 'PPay' },
  { id: 'truemoney', type: 'wallet', flow: 'redirect', countries: ['TH'], currencies: ['THB'], name: 'TrueMoney', colour: '#ff8300', mark: 'TM' },
  { id: 'rabbit_line_pay', type: 'wallet', flow: 'redirect', countries: ['TH'], currencies: ['THB'], name: 'Rabbit LINE Pay', colour: '#06c755', mark: 'LINE' },
  { id: 'fpx', type: 'bank_redirect', flow: 'redirect', countries: ['MY'], currencies: ['MYR'], name: 'FPX', colour: '#1a3d7c', mark: 'FPX' },
  { id: 'touch_n_go', type: 'wallet', flow: 'redirect', countries: ['MY'], currencies: ['MYR'], name: 'Touch ’n Go eWallet', colour: '#005abb', mark: 'TnG' },
  { id: 'duitnow', type: 'qr', flow: 'qr', countries: ['MY'], currencies: ['MYR'], name: 'DuitNow QR', colour: '#ed2c67', mark: 'DN' },
  { id: 'paynow', type: 'qr', flow: 'qr', countries: ['SG'], currencies: ['SGD'], name: 'PayNow', colour: '#7c1a78', mark: 'PN' },
  { id: 'gcash', type: 'wallet', flow: 'redirect', countries: ['PH'], currencies: ['PHP'], name: 'GCash', colour: '#007dfe', mark: 'G' },
  { id: 'maya', type: 'wallet', flow: 'redirect', countries: ['PH'], currencies: ['PHP'], name: 'Maya', colour: '#00a651', mark: 'maya' },
  { id: 'momo', type: 'wallet', flow: 'redirect', countries: ['VN'], currencies: ['VND'], name: 'MoMo', localNames: { vi: 'Ví MoMo' }, colour: '#a50064', mark: 'MoMo' },
  { id: 'zalopay', type: 'wallet', flow: 'redirect', countries: ['VN'], currencies: ['VND'], name: 'ZaloPay', colour: '#0068ff', mark: 'Zalo' },
  // East Asia
  {
    id: 'alipay', type: 'wallet', flow: 'redirect', countries: ['CN', 'HK'], currencies: ['CNY', 'HKD'], name: 'Alipay',
    localNames: { 'zh-CN': '支付宝', 'zh-TW': '支付寶' }, colour: '#1677ff', mark: 'A',
  },
  {
    id: 'wechat_pay', type: 'wallet', flow: 'qr', countries: ['CN', 'HK'], currencies: ['CNY', 'HKD'], name: 'WeChat Pay',
    localNames: { 'zh-CN': '微信支付', 'zh-TW': '微信支付' }, colour: '#07c160', mark: 'WP',
  },
  { id: 'kakaopay', type: 'wallet', flow: 'redirect', countries: ['KR'], currencies: ['KRW'], name: 'KakaoPay', localNames: { ko: '카카오페이' }, colour: '#ffeb00', mark: 'K' },
  { id: 'naver_pay', type: 'wallet', flow: 'redirect', countries: ['KR'], currencies: ['KRW'], name: 'Naver Pay', localNames: { ko: '네이버페이' }, colour: '#03c75a', mark: 'N' },
  { id: 'samsung_pay', type: 'wallet', flow: 'redirect', countries: ['KR'], currencies: ['KRW'], name: 'Samsung Pay', localNames: { ko: '삼성페이' }, colour: '#1428a0', mark: 'S' },
  { id: 'paypay', type: 'wallet', flow: 'redirect', countries: ['JP'], currencies: ['JPY'], name: 'PayPay', colour: '#ff0033', mark: 'P' },
  { id: 'konbini', type: 'voucher', flow: 'voucher', countries: ['JP'], currencies: ['JPY'], name: { key: 'konbini' }, limits: { JPY: { min: 120, max: 300_000 } } },
  // South Asia
  { id: 'upi', type: 'bank_redirect', flow: 'qr', countries: ['IN'], currencies: ['INR'], name: 'UPI', colour: '#097939', mark: 'UPI' },
  { id: 'rupay', type: 'card', flow: 'inline', countries: ['IN'], currencies: ['INR'], name: 'RuPay', colour: '#0a4a8d', mark: 'RP' },
];

// Each line names its main source; figures and all sources: COUNTRY_SOURCES in ../sources.ts.
export const COUNTRY_ORDER: Readonly<Record<string, readonly string[]>> = {
  ID: ['bank_transfer', 'gopay', 'dana', 'ovo', 'qris', 'shopeepay', 'card', 'cod'], // Worldpay Global Payments Report 2024 + estimate
  TH: ['promptpay', 'truemoney', 'card', 'shopeepay', 'rabbit_line_pay', 'cod'], // Bank of Thailand, Payment Insight (2023) + estimate
  MY: ['fpx', 'card', 'touch_n_go', 'grabpay', 'duitnow', 'shopeepay', 'cod'], // Worldpay Global Payments Report 2024 + estimate
  SG: ['card', 'paynow', 'grabpay', 'apple_pay', 'google_pay', 'paypal', 'shopeepay'], // Worldpay Global Payments Report 2024 + estimate
  PH: ['gcash', 'maya', 'card', 'grabpay', 'shopeepay', 'cod'], // Worldpay Global Payments Report 2024 + estimate
  VN: ['momo', 'bank_transfer', 'zalopay', 'cod', 'card', 'shopeepay'], // Worldpay Global Payments Report 2024 + estimate
  CN: ['alipay', 'wechat_pay', 'card', 'unionpay', 'apple_pay'], // iResearch, China Third-party Payment Industry reports (2021–2023)
  HK: ['card', 'alipay', 'wechat_pay', 'apple_pay', 'google_pay', 'paypal'], // Worldpay Global Payments Report 2024 + estimate
  TW: ['card', 'apple_pay', 'bank_transfer', 'cod', 'google_pay', 'paypal'], // Worldpay Global Payments Report 2024 + estimate
  JP: ['card', 'paypay', 'konbini', 'apple_pay', 'amazon_pay', 'google_pay', 'bank_transfer', 'cod'], // Ministry of Internal Affairs and Communications, Communications Usage Trend Survey + estimate
  KR: ['card', 'naver_pay', 'kakaopay', 'samsung_pay', 'bank_transfer'], // Bank of Korea, Payment and Settlement Survey (2023) + estimate
  IN: ['upi', 'card', 'rupay', 'cod', 'bank_transfer'], // NPCI UPI product statistics (2024)
  AU: ['card', 'paypal', 'apple_pay', 'afterpay', 'google_pay', 'klarna'], // Worldpay Global Payments Report 2024 + estimate
  NZ: ['card', 'apple_pay', 'paypal', 'afterpay', 'google_pay', 'klarna'], // Worldpay Global Payments Report 2024 + estimate
};
