// The currency formatting matrix, run in real Chromium (this folder is picked
// up by wtr): 35 currencies × 10 locales plus refunds, zero, the largest safe
// amount, every currency display, presentment notes and instalments.
//
// Expected strings are written out literally. They were produced once by this
// module in Chromium 156 (its bundled ICU/CLDR data) and then reviewed by hand:
// the number of decimals is ISO's (0 for JPY/KRW/VND/CLP/ISK/XOF, 3 for the
// dinars, 4 for CLF), grouping and decimal separators and symbol placement are
// the locale's, `hi-IN` groups in lakhs and crores, `ar-SA` uses Arabic-Indic
// digits with a right-to-left mark. Invisible characters are escaped:
// \u00a0 no-break space, \u202f narrow no-break space (French grouping and
// "F CFA"), \u200f right-to-left mark, \u061c Arabic letter mark,
// \u2066…\u2069 the left-to-right isolate this module puts around Latin
// currency symbols in right-to-left locales (so "US$" is not shown as "$US").
// A browser with newer CLDR data may legitimately differ; review such a diff
// against CLDR before updating the table.
import { expect } from '@open-wc/testing';
import { formatApproximate, formatInstalment, formatMoney, minorUnits } from '../../core/money/format.js';

type Locale = 'en-US' | 'de-DE' | 'fr-FR' | 'ja-JP' | 'ar-SA' | 'th-TH' | 'id-ID' | 'pt-BR' | 'hi-IN' | 'zh-CN';

/** 123456789 minor units of each currency, i.e. ¥123,456,789 / $1,234,567.89 / KWD 123,456.789 / CLF 12,345.6789. */
const MATRIX: Record<Locale, Record<string, string>> = {
  'en-US': {
    USD: '$1,234,567.89',
    EUR: '€1,234,567.89',
    GBP: '£1,234,567.89',
    JPY: '¥123,456,789',
    KRW: '₩123,456,789',
    VND: '₫123,456,789',
    CLP: 'CLP\u00a0123,456,789',
    ISK: 'ISK\u00a0123,456,789',
    XOF: 'F\u202fCFA\u00a0123,456,789',
    KWD: 'KWD\u00a0123,456.789',
    BHD: 'BHD\u00a0123,456.789',
    OMR: 'OMR\u00a0123,456.789',
    JOD: 'JOD\u00a0123,456.789',
    TND: 'TND\u00a0123,456.789',
    IQD: 'IQD\u00a0123,456.789',
    CLF: 'CLF\u00a012,345.6789',
    IDR: 'IDR\u00a01,234,567.89',
    HUF: 'HUF\u00a01,234,567.89',
    THB: 'THB\u00a01,234,567.89',
    SAR: 'SAR\u00a01,234,567.89',
    AED: 'AED\u00a01,234,567.89',
    INR: '₹1,234,567.89',
    BRL: 'R$1,234,567.89',
    MXN: 'MX$1,234,567.89',
    CNY: 'CN¥1,234,567.89',
    TWD: 'NT$1,234,567.89',
    CHF: 'CHF\u00a01,234,567.89',
    PLN: 'PLN\u00a01,234,567.89',
    TRY: 'TRY\u00a01,234,567.89',
    ZAR: 'ZAR\u00a01,234,567.89',
    EGP: 'EGP\u00a01,234,567.89',
    NGN: 'NGN\u00a01,234,567.89',
    PHP: '₱1,234,567.89',
    MYR: 'MYR\u00a01,234,567.89',
    XCG: 'XCG\u00a01,234,567.89',
  },
  'de-DE': {
    USD: '1.234.567,89\u00a0$',
    EUR: '1.234.567,89\u00a0€',
    GBP: '1.234.567,89\u00a0£',
    JPY: '123.456.789\u00a0¥',
    KRW: '123.456.789\u00a0₩',
    VND: '123.456.789\u00a0₫',
    CLP: '123.456.789\u00a0CLP',
    ISK: '123.456.789\u00a0ISK',
    XOF: '123.456.789\u00a0F\u202fCFA',
    KWD: '123.456,789\u00a0KWD',
    BHD: '123.456,789\u00a0BHD',
    OMR: '123.456,789\u00a0OMR',
    JOD: '123.456,789\u00a0JOD',
    TND: '123.456,789\u00a0TND',
    IQD: '123.456,789\u00a0IQD',
    CLF: '12.345,6789\u00a0CLF',
    IDR: '1.234.567,89\u00a0IDR',
    HUF: '1.234.567,89\u00a0HUF',
    THB: '1.234.567,89\u00a0฿',
    SAR: '1.234.567,89\u00a0SAR',
    AED: '1.234.567,89\u00a0AED',
    INR: '1.234.567,89\u00a0₹',
    BRL: '1.234.567,89\u00a0R$',
    MXN: '1.234.567,89\u00a0MX$',
    CNY: '1.234.567,89\u00a0CN¥',
    TWD: '1.234.567,89\u00a0NT$',
    CHF: '1.234.567,89\u00a0CHF',
    PLN: '1.234.567,89\u00a0PLN',
    TRY: '1.234.567,89\u00a0TRY',
    ZAR: '1.234.567,89\u00a0ZAR',
    EGP: '1.234.567,89\u00a0EGP',
    NGN: '1.234.567,89\u00a0NGN',
    PHP: '1.234.567,89\u00a0PHP',
    MYR: '1.234.567,89\u00a0MYR',
    XCG: '1.234.567,89\u00a0XCG',
  },
  'fr-FR': {
    USD: '1\u202f234\u202f567,89\u00a0$US',
    EUR: '1\u202f234\u202f567,89\u00a0€',
    GBP: '1\u202f234\u202f567,89\u00a0£GB',
    JPY: '123\u202f456\u202f789\u00a0JPY',
    KRW: '123\u202f456\u202f789\u00a0₩',
    VND: '123\u202f456\u202f789\u00a0₫',
    CLP: '123\u202f456\u202f789\u00a0$CL',
    ISK: '123\u202f456\u202f789\u00a0ISK',
    XOF: '123\u202f456\u202f789\u00a0F\u202fCFA',
    KWD: '123\u202f456,789\u00a0KWD',
    BHD: '123\u202f456,789\u00a0BHD',
    OMR: '123\u202f456,789\u00a0OMR',
    JOD: '123\u202f456,789\u00a0JOD',
    TND: '123\u202f456,789\u00a0TND',
    IQD: '123\u202f456,789\u00a0IQD',
    CLF: '12\u202f345,6789\u00a0CLF',
    IDR: '1\u202f234\u202f567,89\u00a0IDR',
    HUF: '1\u202f234\u202f567,89\u00a0HUF',
    THB: '1\u202f234\u202f567,89\u00a0THB',
    SAR: '1\u202f234\u202f567,89\u00a0SAR',
    AED: '1\u202f234\u202f567,89\u00a0AED',
    INR: '1\u202f234\u202f567,89\u00a0₹',
    BRL: '1\u202f234\u202f567,89\u00a0R$',
    MXN: '1\u202f234\u202f567,89\u00a0$MX',
    CNY: '1\u202f234\u202f567,89\u00a0CNY',
    TWD: '1\u202f234\u202f567,89\u00a0TWD',
    CHF: '1\u202f234\u202f567,89\u00a0CHF',
    PLN: '1\u202f234\u202f567,89\u00a0PLN',
    TRY: '1\u202f234\u202f567,89\u00a0TRY',
    ZAR: '1\u202f234\u202f567,89\u00a0ZAR',
    EGP: '1\u202f234\u202f567,89\u00a0EGP',
    NGN: '1\u202f234\u202f567,89\u00a0NGN',
    PHP: '1\u202f234\u202f567,89\u00a0PHP',
    MYR: '1\u202f234\u202f567,89\u00a0MYR',
    XCG: '1\u202f234\u202f567,89\u00a0XCG',
  },
  'ja-JP': {
    USD: '$1,234,567.89',
    EUR: '€1,234,567.89',
    GBP: '£1,234,567.89',
    JPY: '￥123,456,789',
    KRW: '₩123,456,789',
    VND: '₫123,456,789',
    CLP: 'CLP\u00a0123,456,789',
    ISK: 'ISK\u00a0123,456,789',
    XOF: 'F\u202fCFA\u00a0123,456,789',
    KWD: 'KWD\u00a0123,456.789',
    BHD: 'BHD\u00a0123,456.789',
    OMR: 'OMR\u00a0123,456.789',
    JOD: 'JOD\u00a0123,456.789',
    TND: 'TND\u00a0123,456.789',
    IQD: 'IQD\u00a0123,456.789',
    CLF: 'CLF\u00a012,345.6789',
    IDR: 'IDR\u00a01,234,567.89',
    HUF: 'HUF\u00a01,234,567.89',
    THB: 'THB\u00a01,234,567.89',
    SAR: 'SAR\u00a01,234,567.89',
    AED: 'AED\u00a01,234,567.89',
    INR: '₹1,234,567.89',
    BRL: 'R$1,234,567.89',
    MXN: 'MX$1,234,567.89',
    CNY: '元\u00a01,234,567.89',
    TWD: 'NT$1,234,567.89',
    CHF: 'CHF\u00a01,234,567.89',
    PLN: 'PLN\u00a01,234,567.89',
    TRY: 'TRY\u00a01,234,567.89',
    ZAR: 'ZAR\u00a01,234,567.89',
    EGP: 'EGP\u00a01,234,567.89',
    NGN: 'NGN\u00a01,234,567.89',
    PHP: 'PHP\u00a01,234,567.89',
    MYR: 'MYR\u00a01,234,567.89',
    XCG: 'XCG\u00a01,234,567.89',
  },
  'ar-SA': {
    USD: '\u200f١٬٢٣٤٬٥٦٧٫٨٩\u00a0\u2066US$\u2069',
    EUR: '\u200f١٬٢٣٤٬٥٦٧٫٨٩\u00a0€',
    GBP: '\u200f١٬٢٣٤٬٥٦٧٫٨٩\u00a0\u2066UK£\u2069',
    JPY: '\u200f١٢٣٬٤٥٦٬٧٨٩\u00a0\u2066JP¥\u2069',
    KRW: '\u200f١٢٣٬٤٥٦٬٧٨٩\u00a0₩',
    VND: '\u200f١٢٣٬٤٥٦٬٧٨٩\u00a0₫',
    CLP: '\u200f١٢٣٬٤٥٦٬٧٨٩\u00a0\u2066CLP\u2069',
    ISK: '\u200f١٢٣٬٤٥٦٬٧٨٩\u00a0\u2066ISK\u2069',
    XOF: '\u200f١٢٣٬٤٥٦٬٧٨٩\u00a0\u2066F\u202fCFA\u2069',
    KWD: '\u200f١٢٣٬٤٥٦٫٧٨٩\u00a0د.ك.\u200f',
    BHD: '\u200f١٢٣٬٤٥٦٫٧٨٩\u00a0د.ب.\u200f',
    OMR: '\u200f١٢٣٬٤٥٦٫٧٨٩\u00a0ر.ع.\u200f',
    JOD: '\u200f١٢٣٬٤٥٦٫٧٨٩\u00a0د.أ.\u200f',
    TND: '\u200f١٢٣٬٤٥٦٫٧٨٩\u00a0د.ت.\u200f',
    IQD: '\u200f١٢٣٬٤٥٦٫٧٨٩\u00a0د.ع.\u200f',
    CLF: '\u200f١٢٬٣٤٥٫٦٧٨٩\u00a0\u2066CLF\u2069',
    IDR: '\u200f١٬٢٣٤٬٥٦٧٫٨٩\u00a0\u2066IDR\u2069',
    HUF: '\u200f١٬٢٣٤٬٥٦٧٫٨٩\u00a0\u2066HUF\u2069',
    THB: '\u200f١٬٢٣٤٬٥٦٧٫٨٩\u00a0฿',
    SAR: '\u200f١٬٢٣٤٬٥٦٧٫٨٩\u00a0ر.س.\u200f',
    AED: '\u200f١٬٢٣٤٬٥٦٧٫٨٩\u00a0د.إ.\u200f',
    INR: '\u200f١٬٢٣٤٬٥٦٧٫٨٩\u00a0₹',
    BRL: '\u200f١٬٢٣٤٬٥٦٧٫٨٩\u00a0\u2066R$\u2069',
    MXN: '\u200f١٬٢٣٤٬٥٦٧٫٨٩\u00a0\u2066MX$\u2069',
    CNY: '\u200f١٬٢٣٤٬٥٦٧٫٨٩\u00a0\u2066CN¥\u2069',
    TWD: '\u200f١٬٢٣٤٬٥٦٧٫٨٩\u00a0\u2066NT$\u2069',
    CHF: '\u200f١٬٢٣٤٬٥٦٧٫٨٩\u00a0\u2066CHF\u2069',
    PLN: '\u200f١٬٢٣٤٬٥٦٧٫٨٩\u00a0\u2066PLN\u2069',
    TRY: '\u200f١٬٢٣٤٬٥٦٧٫٨٩\u00a0\u2066TRY\u2069',
    ZAR: '\u200f١٬٢٣٤٬٥٦٧٫٨٩\u00a0\u2066ZAR\u2069',
    EGP: '\u200f١٬٢٣٤٬٥٦٧٫٨٩\u00a0ج.م.\u200f',
    NGN: '\u200f١٬٢٣٤٬٥٦٧٫٨٩\u00a0\u2066NGN\u2069',
    PHP: '\u200f١٬٢٣٤٬٥٦٧٫٨٩\u00a0\u2066PHP\u2069',
    MYR: '\u200f١٬٢٣٤٬٥٦٧٫٨٩\u00a0\u2066MYR\u2069',
    XCG: '\u200f١٬٢٣٤٬٥٦٧٫٨٩\u00a0\u2066XCG\u2069',
  },
  'th-TH': {
    USD: 'US$1,234,567.89',
    EUR: '€1,234,567.89',
    GBP: '£1,234,567.89',
    JPY: '¥123,456,789',
    KRW: '₩123,456,789',
    VND: '₫123,456,789',
    CLP: 'CLP\u00a0123,456,789',
    ISK: 'ISK\u00a0123,456,789',
    XOF: 'F\u202fCFA\u00a0123,456,789',
    KWD: 'KWD\u00a0123,456.789',
    BHD: 'BHD\u00a0123,456.789',
    OMR: 'OMR\u00a0123,456.789',
    JOD: 'JOD\u00a0123,456.789',
    TND: 'TND\u00a0123,456.789',
    IQD: 'IQD\u00a0123,456.789',
    CLF: 'CLF\u00a012,345.6789',
    IDR: 'IDR\u00a01,234,567.89',
    HUF: 'HUF\u00a01,234,567.89',
    THB: '฿1,234,567.89',
    SAR: 'SAR\u00a01,234,567.89',
    AED: 'AED\u00a01,234,567.89',
    INR: '₹1,234,567.89',
    BRL: 'R$1,234,567.89',
    MXN: 'MX$1,234,567.89',
    CNY: 'CN¥1,234,567.89',
    TWD: 'NT$1,234,567.89',
    CHF: 'CHF\u00a01,234,567.89',
    PLN: 'PLN\u00a01,234,567.89',
    TRY: 'TRY\u00a01,234,567.89',
    ZAR: 'ZAR\u00a01,234,567.89',
    EGP: 'EGP\u00a01,234,567.89',
    NGN: 'NGN\u00a01,234,567.89',
    PHP: 'PHP\u00a01,234,567.89',
    MYR: 'MYR\u00a01,234,567.89',
    XCG: 'XCG\u00a01,234,567.89',
  },
  'id-ID': {
    USD: 'US$1.234.567,89',
    EUR: '€1.234.567,89',
    GBP: '£1.234.567,89',
    JPY: 'JP¥123.456.789',
    KRW: '₩123.456.789',
    VND: '₫123.456.789',
    CLP: 'CLP\u00a0123.456.789',
    ISK: 'ISK\u00a0123.456.789',
    XOF: 'F\u202fCFA\u00a0123.456.789',
    KWD: 'KWD\u00a0123.456,789',
    BHD: 'BHD\u00a0123.456,789',
    OMR: 'OMR\u00a0123.456,789',
    JOD: 'JOD\u00a0123.456,789',
    TND: 'TND\u00a0123.456,789',
    IQD: 'IQD\u00a0123.456,789',
    CLF: 'CLF\u00a012.345,6789',
    IDR: 'Rp\u00a01.234.567,89',
    HUF: 'HUF\u00a01.234.567,89',
    THB: '฿1.234.567,89',
    SAR: 'SAR\u00a01.234.567,89',
    AED: 'AED\u00a01.234.567,89',
    INR: 'Rs\u00a01.234.567,89',
    BRL: 'R$1.234.567,89',
    MXN: 'MX$1.234.567,89',
    CNY: 'CN¥1.234.567,89',
    TWD: 'NT$1.234.567,89',
    CHF: 'CHF\u00a01.234.567,89',
    PLN: 'PLN\u00a01.234.567,89',
    TRY: 'TRY\u00a01.234.567,89',
    ZAR: 'ZAR\u00a01.234.567,89',
    EGP: 'EGP\u00a01.234.567,89',
    NGN: 'NGN\u00a01.234.567,89',
    PHP: 'PHP\u00a01.234.567,89',
    MYR: 'MYR\u00a01.234.567,89',
    XCG: 'XCG\u00a01.234.567,89',
  },
  'pt-BR': {
    USD: 'US$\u00a01.234.567,89',
    EUR: '€\u00a01.234.567,89',
    GBP: '£\u00a01.234.567,89',
    JPY: 'JP¥\u00a0123.456.789',
    KRW: '₩\u00a0123.456.789',
    VND: '₫\u00a0123.456.789',
    CLP: 'CLP\u00a0123.456.789',
    ISK: 'ISK\u00a0123.456.789',
    XOF: 'F\u202fCFA\u00a0123.456.789',
    KWD: 'KWD\u00a0123.456,789',
    BHD: 'BHD\u00a0123.456,789',
    OMR: 'OMR\u00a0123.456,789',
    JOD: 'JOD\u00a0123.456,789',
    TND: 'TND\u00a0123.456,789',
    IQD: 'IQD\u00a0123.456,789',
    CLF: 'CLF\u00a012.345,6789',
    IDR: 'IDR\u00a01.234.567,89',
    HUF: 'HUF\u00a01.234.567,89',
    THB: '฿\u00a01.234.567,89',
    SAR: 'SAR\u00a01.234.567,89',
    AED: 'AED\u00a01.234.567,89',
    INR: '₹\u00a01.234.567,89',
    BRL: 'R$\u00a01.234.567,89',
    MXN: 'MX$\u00a01.234.567,89',
    CNY: 'CN¥\u00a01.234.567,89',
    TWD: 'NT$\u00a01.234.567,89',
    CHF: 'CHF\u00a01.234.567,89',
    PLN: 'PLN\u00a01.234.567,89',
    TRY: 'TRY\u00a01.234.567,89',
    ZAR: 'ZAR\u00a01.234.567,89',
    EGP: 'EGP\u00a01.234.567,89',
    NGN: 'NGN\u00a01.234.567,89',
    PHP: 'PHP\u00a01.234.567,89',
    MYR: 'MYR\u00a01.234.567,89',
    XCG: 'XCG\u00a01.234.567,89',
  },
  'hi-IN': {
    USD: '$12,34,567.89',
    EUR: '€12,34,567.89',
    GBP: '£12,34,567.89',
    JPY: 'JP¥12,34,56,789',
    KRW: '₩12,34,56,789',
    VND: '₫12,34,56,789',
    CLP: 'CLP\u00a012,34,56,789',
    ISK: 'ISK\u00a012,34,56,789',
    XOF: 'F\u202fCFA\u00a012,34,56,789',
    KWD: 'KWD\u00a01,23,456.789',
    BHD: 'BHD\u00a01,23,456.789',
    OMR: 'OMR\u00a01,23,456.789',
    JOD: 'JOD\u00a01,23,456.789',
    TND: 'TND\u00a01,23,456.789',
    IQD: 'IQD\u00a01,23,456.789',
    CLF: 'CLF\u00a012,345.6789',
    IDR: 'IDR\u00a012,34,567.89',
    HUF: 'HUF\u00a012,34,567.89',
    THB: '฿12,34,567.89',
    SAR: 'SAR\u00a012,34,567.89',
    AED: 'AED\u00a012,34,567.89',
    INR: '₹12,34,567.89',
    BRL: 'R$12,34,567.89',
    MXN: 'MX$12,34,567.89',
    CNY: 'CN¥12,34,567.89',
    TWD: 'NT$12,34,567.89',
    CHF: 'CHF\u00a012,34,567.89',
    PLN: 'PLN\u00a012,34,567.89',
    TRY: 'TRY\u00a012,34,567.89',
    ZAR: 'ZAR\u00a012,34,567.89',
    EGP: 'EGP\u00a012,34,567.89',
    NGN: 'NGN\u00a012,34,567.89',
    PHP: 'PHP\u00a012,34,567.89',
    MYR: 'MYR\u00a012,34,567.89',
    XCG: 'XCG\u00a012,34,567.89',
  },
  'zh-CN': {
    USD: 'US$1,234,567.89',
    EUR: '€1,234,567.89',
    GBP: '£1,234,567.89',
    JPY: 'JP¥123,456,789',
    KRW: '₩123,456,789',
    VND: '₫123,456,789',
    CLP: 'CLP\u00a0123,456,789',
    ISK: 'ISK\u00a0123,456,789',
    XOF: 'F\u202fCFA\u00a0123,456,789',
    KWD: 'KWD\u00a0123,456.789',
    BHD: 'BHD\u00a0123,456.789',
    OMR: 'OMR\u00a0123,456.789',
    JOD: 'JOD\u00a0123,456.789',
    TND: 'TND\u00a0123,456.789',
    IQD: 'IQD\u00a0123,456.789',
    CLF: 'CLF\u00a012,345.6789',
    IDR: 'IDR\u00a01,234,567.89',
    HUF: 'HUF\u00a01,234,567.89',
    THB: 'THB\u00a01,234,567.89',
    SAR: 'SAR\u00a01,234,567.89',
    AED: 'AED\u00a01,234,567.89',
    INR: '₹1,234,567.89',
    BRL: 'R$1,234,567.89',
    MXN: 'MX$1,234,567.89',
    CNY: '¥1,234,567.89',
    TWD: 'NT$1,234,567.89',
    CHF: 'CHF\u00a01,234,567.89',
    PLN: 'PLN\u00a01,234,567.89',
    TRY: 'TRY\u00a01,234,567.89',
    ZAR: 'ZAR\u00a01,234,567.89',
    EGP: 'EGP\u00a01,234,567.89',
    NGN: 'NGN\u00a01,234,567.89',
    PHP: 'PHP\u00a01,234,567.89',
    MYR: 'MYR\u00a01,234,567.89',
    XCG: 'XCG\u00a01,234,567.89',
  },
};

/** -1250 minor units: a refund. */
const NEGATIVE: Record<Locale, Record<string, string>> = {
  'en-US': {
    USD: '-$12.50',
    EUR: '-€12.50',
    JPY: '-¥1,250',
    KWD: '-KWD\u00a01.250',
    SAR: '-SAR\u00a012.50',
    INR: '-₹12.50',
    BRL: '-R$12.50',
  },
  'de-DE': {
    USD: '-12,50\u00a0$',
    EUR: '-12,50\u00a0€',
    JPY: '-1.250\u00a0¥',
    KWD: '-1,250\u00a0KWD',
    SAR: '-12,50\u00a0SAR',
    INR: '-12,50\u00a0₹',
    BRL: '-12,50\u00a0R$',
  },
  'fr-FR': {
    USD: '-12,50\u00a0$US',
    EUR: '-12,50\u00a0€',
    JPY: '-1\u202f250\u00a0JPY',
    KWD: '-1,250\u00a0KWD',
    SAR: '-12,50\u00a0SAR',
    INR: '-12,50\u00a0₹',
    BRL: '-12,50\u00a0R$',
  },
  'ja-JP': {
    USD: '-$12.50',
    EUR: '-€12.50',
    JPY: '-￥1,250',
    KWD: '-KWD\u00a01.250',
    SAR: '-SAR\u00a012.50',
    INR: '-₹12.50',
    BRL: '-R$12.50',
  },
  'ar-SA': {
    USD: '\u061c-\u200f١٢٫٥٠\u00a0\u2066US$\u2069',
    EUR: '\u061c-\u200f١٢٫٥٠\u00a0€',
    JPY: '\u061c-\u200f١٬٢٥٠\u00a0\u2066JP¥\u2069',
    KWD: '\u061c-\u200f١٫٢٥٠\u00a0د.ك.\u200f',
    SAR: '\u061c-\u200f١٢٫٥٠\u00a0ر.س.\u200f',
    INR: '\u061c-\u200f١٢٫٥٠\u00a0₹',
    BRL: '\u061c-\u200f١٢٫٥٠\u00a0\u2066R$\u2069',
  },
  'th-TH': {
    USD: '-US$12.50',
    EUR: '-€12.50',
    JPY: '-¥1,250',
    KWD: '-KWD\u00a01.250',
    SAR: '-SAR\u00a012.50',
    INR: '-₹12.50',
    BRL: '-R$12.50',
  },
  'id-ID': {
    USD: '-US$12,50',
    EUR: '-€12,50',
    JPY: '-JP¥1.250',
    KWD: '-KWD\u00a01,250',
    SAR: '-SAR\u00a012,50',
    INR: '-Rs\u00a012,50',
    BRL: '-R$12,50',
  },
  'pt-BR': {
    USD: '-US$\u00a012,50',
    EUR: '-€\u00a012,50',
    JPY: '-JP¥\u00a01.250',
    KWD: '-KWD\u00a01,250',
    SAR: '-SAR\u00a012,50',
    INR: '-₹\u00a012,50',
    BRL: '-R$\u00a012,50',
  },
  'hi-IN': {
    USD: '-$12.50',
    EUR: '-€12.50',
    JPY: '-JP¥1,250',
    KWD: '-KWD\u00a01.250',
    SAR: '-SAR\u00a012.50',
    INR: '-₹12.50',
    BRL: '-R$12.50',
  },
  'zh-CN': {
    USD: '-US$12.50',
    EUR: '-€12.50',
    JPY: '-JP¥1,250',
    KWD: '-KWD\u00a01.250',
    SAR: '-SAR\u00a012.50',
    INR: '-₹12.50',
    BRL: '-R$12.50',
  },
};

const ZERO: Record<Locale, Record<string, string>> = {
  'en-US': {
    USD: '$0.00',
    JPY: '¥0',
    KWD: 'KWD\u00a00.000',
  },
  'de-DE': {
    USD: '0,00\u00a0$',
    JPY: '0\u00a0¥',
    KWD: '0,000\u00a0KWD',
  },
  'fr-FR': {
    USD: '0,00\u00a0$US',
    JPY: '0\u00a0JPY',
    KWD: '0,000\u00a0KWD',
  },
  'ja-JP': {
    USD: '$0.00',
    JPY: '￥0',
    KWD: 'KWD\u00a00.000',
  },
  'ar-SA': {
    USD: '\u200f٠٫٠٠\u00a0\u2066US$\u2069',
    JPY: '\u200f٠\u00a0\u2066JP¥\u2069',
    KWD: '\u200f٠٫٠٠٠\u00a0د.ك.\u200f',
  },
  'th-TH': {
    USD: 'US$0.00',
    JPY: '¥0',
    KWD: 'KWD\u00a00.000',
  },
  'id-ID': {
    USD: 'US$0,00',
    JPY: 'JP¥0',
    KWD: 'KWD\u00a00,000',
  },
  'pt-BR': {
    USD: 'US$\u00a00,00',
    JPY: 'JP¥\u00a00',
    KWD: 'KWD\u00a00,000',
  },
  'hi-IN': {
    USD: '$0.00',
    JPY: 'JP¥0',
    KWD: 'KWD\u00a00.000',
  },
  'zh-CN': {
    USD: 'US$0.00',
    JPY: 'JP¥0',
    KWD: 'KWD\u00a00.000',
  },
};

/** Rp 1.500.000,00 with the customary (all-zero digits dropped) and the full ISO display. */
const IDR_AUTO_AND_ISO: Record<Locale, [string, string]> = {
  'en-US': ['IDR\u00a01,500,000', 'IDR\u00a01,500,000.00'],
  'de-DE': ['1.500.000\u00a0IDR', '1.500.000,00\u00a0IDR'],
  'fr-FR': ['1\u202f500\u202f000\u00a0IDR', '1\u202f500\u202f000,00\u00a0IDR'],
  'ja-JP': ['IDR\u00a01,500,000', 'IDR\u00a01,500,000.00'],
  'ar-SA': ['\u200f١٬٥٠٠٬٠٠٠\u00a0\u2066IDR\u2069', '\u200f١٬٥٠٠٬٠٠٠٫٠٠\u00a0\u2066IDR\u2069'],
  'th-TH': ['IDR\u00a01,500,000', 'IDR\u00a01,500,000.00'],
  'id-ID': ['Rp\u00a01.500.000', 'Rp\u00a01.500.000,00'],
  'pt-BR': ['IDR\u00a01.500.000', 'IDR\u00a01.500.000,00'],
  'hi-IN': ['IDR\u00a015,00,000', 'IDR\u00a015,00,000.00'],
  'zh-CN': ['IDR\u00a01,500,000', 'IDR\u00a01,500,000.00'],
};

/** Number.MAX_SAFE_INTEGER cents, formatted exactly. */
const LARGEST: Record<Locale, string> = {
  'en-US': '$90,071,992,547,409.91',
  'de-DE': '90.071.992.547.409,91\u00a0$',
  'fr-FR': '90\u202f071\u202f992\u202f547\u202f409,91\u00a0$US',
  'ja-JP': '$90,071,992,547,409.91',
  'ar-SA': '\u200f٩٠٬٠٧١٬٩٩٢٬٥٤٧٬٤٠٩٫٩١\u00a0\u2066US$\u2069',
  'th-TH': 'US$90,071,992,547,409.91',
  'id-ID': 'US$90.071.992.547.409,91',
  'pt-BR': 'US$\u00a090.071.992.547.409,91',
  'hi-IN': '$9,00,71,99,25,47,409.91',
  'zh-CN': 'US$90,071,992,547,409.91',
};

/** US$12.50 as symbol, narrowSymbol, code and name. */
const DISPLAYS: Record<Locale, [string, string, string, string]> = {
  'en-US': ['$12.50', '$12.50', 'USD\u00a012.50', '12.50 US dollars'],
  'de-DE': ['12,50\u00a0$', '12,50\u00a0$', '12,50\u00a0USD', '12,50 US-Dollar'],
  'fr-FR': ['12,50\u00a0$US', '12,50\u00a0$', '12,50\u00a0USD', '12,50 dollars des États-Unis'],
  'ja-JP': ['$12.50', '$12.50', 'USD\u00a012.50', '12.50米ドル'],
  'ar-SA': ['\u200f١٢٫٥٠\u00a0\u2066US$\u2069', '\u200f١٢٫٥٠\u00a0\u2066US$\u2069', '\u200f١٢٫٥٠\u00a0\u2066USD\u2069', '١٢٫٥٠ دولار أمريكي'],
  'th-TH': ['US$12.50', '$12.50', 'USD\u00a012.50', '12.50 ดอลลาร์สหรัฐ'],
  'id-ID': ['US$12,50', '$12,50', 'USD\u00a012,50', '12,50 Dolar Amerika Serikat'],
  'pt-BR': ['US$\u00a012,50', '$\u00a012,50', 'USD\u00a012,50', '12,50 Dólares americanos'],
  'hi-IN': ['$12.50', '$12.50', 'USD\u00a012.50', '12.50 यूएस डॉलर'],
  'zh-CN': ['US$12.50', '$12.50', 'USD\u00a012.50', '12.50美元'],
};

/** ฿1,000.00 settled in USD at 0.0279. */
const APPROX_THB_USD: Record<Locale, string> = {
  'en-US': '≈\u00a0$27.90',
  'de-DE': '≈\u00a027,90\u00a0$',
  'fr-FR': '≈\u00a027,90\u00a0$US',
  'ja-JP': '≈\u00a0$27.90',
  'ar-SA': '≈\u00a0\u200f٢٧٫٩٠\u00a0\u2066US$\u2069',
  'th-TH': '≈\u00a0US$27.90',
  'id-ID': '≈\u00a0US$27,90',
  'pt-BR': '≈\u00a0US$\u00a027,90',
  'hi-IN': '≈\u00a0$27.90',
  'zh-CN': '≈\u00a0US$27.90',
};

/** €100.00 in 3: count, first (with the remainder), regular. */
const INSTALMENTS: Record<Locale, [string, string, string]> = {
  'en-US': ['3', '€33.34', '€33.33'],
  'de-DE': ['3', '33,34\u00a0€', '33,33\u00a0€'],
  'fr-FR': ['3', '33,34\u00a0€', '33,33\u00a0€'],
  'ja-JP': ['3', '€33.34', '€33.33'],
  'ar-SA': ['٣', '\u200f٣٣٫٣٤\u00a0€', '\u200f٣٣٫٣٣\u00a0€'],
  'th-TH': ['3', '€33.34', '€33.33'],
  'id-ID': ['3', '€33,34', '€33,33'],
  'pt-BR': ['3', '€\u00a033,34', '€\u00a033,33'],
  'hi-IN': ['3', '€33.34', '€33.33'],
  'zh-CN': ['3', '€33.34', '€33.33'],
};

const LOCALES = Object.keys(MATRIX) as Locale[];

/** Latin digits of a formatted string (Arabic-Indic digits mapped), and the digits after the locale's decimal separator. */
function digitsOf(text: string, locale: string): { all: string; fraction: string } {
  const latin = text.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660));
  const decimal = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
  const at = latin.lastIndexOf(decimal);
  const fraction = at === -1 ? '' : (latin.slice(at + 1).match(/^\d*/)?.[0] ?? '');
  return { all: latin.replace(/\D/g, ''), fraction };
}

describe('money formatting matrix (Chromium)', () => {
  it('covers at least 30 currencies in at least 10 locales', () => {
    expect(LOCALES.length).to.be.at.least(10);
    for (const locale of LOCALES) expect(Object.keys(MATRIX[locale]).length).to.be.at.least(30);
  });

  // A check of the expectations themselves: every literal must hold the
  // amount's digits and exactly ISO's number of decimals.
  it('expects every amount with all its digits and ISO decimals', () => {
    for (const locale of LOCALES) {
      for (const [currency, text] of Object.entries(MATRIX[locale])) {
        const { all, fraction } = digitsOf(text, locale);
        expect(all, `${locale} ${currency}`).to.equal('123456789');
        expect(fraction.length, `${locale} ${currency}`).to.equal(minorUnits(currency));
      }
    }
  });

  for (const locale of LOCALES) {
    it(`formats 35 currencies for ${locale}`, () => {
      const actual = Object.fromEntries(Object.keys(MATRIX[locale]).map((code) => {
        const result = formatMoney(123456789, code, locale);
        return [code, result.ok ? result.text : result.reason];
      }));
      expect(actual).to.deep.equal(MATRIX[locale]);
    });

    it(`formats refunds, zero and the largest safe amount for ${locale}`, () => {
      for (const [code, text] of Object.entries(NEGATIVE[locale])) expect(formatMoney(-1250, code, locale), code).to.deep.equal({ ok: true, text });
      for (const [code, text] of Object.entries(ZERO[locale])) expect(formatMoney(0, code, locale), code).to.deep.equal({ ok: true, text });
      expect(formatMoney(Number.MAX_SAFE_INTEGER, 'USD', locale)).to.deep.equal({ ok: true, text: LARGEST[locale] });
    });

    it(`shows IDR the customary way only when nothing is lost, for ${locale}`, () => {
      const [auto, iso] = IDR_AUTO_AND_ISO[locale];
      expect(formatMoney(150_000_000, 'IDR', locale)).to.deep.equal({ ok: true, text: auto });
      expect(formatMoney(150_000_000, 'IDR', locale, { fractionDigits: 'iso' })).to.deep.equal({ ok: true, text: iso });
    });

    it(`supports every currency display for ${locale}`, () => {
      const displays = ['symbol', 'narrowSymbol', 'code', 'name'] as const;
      expect(displays.map((display) => {
        const result = formatMoney(1250, 'USD', locale, { display });
        return result.ok ? result.text : result.reason;
      })).to.deep.equal(DISPLAYS[locale]);
    });

    it(`formats the presentment note and instalments for ${locale}`, () => {
      const note = formatApproximate(100000, 'THB', { currency: 'USD', rate: 0.0279 }, locale);
      expect(note.ok && note.text).to.equal(APPROX_THB_USD[locale]);
      const plan = formatInstalment(10000, 3, 'EUR', locale);
      expect(plan.ok && [plan.countText, plan.firstText, plan.text]).to.deep.equal(INSTALMENTS[locale]);
    });

    it(`rejects values it cannot show exactly, for ${locale}`, () => {
      for (const value of [2 ** 53, -(2 ** 53), 12.5, NaN]) {
        expect(formatMoney(value, 'EUR', locale), String(value)).to.deep.equal({ ok: false, reason: 'invalid_value' });
      }
      for (const code of ['XYZ', 'HRK', 'XAU', 'eur']) {
        expect(formatMoney(1250, code, locale), code).to.deep.equal({ ok: false, reason: 'unknown_currency' });
      }
    });
  }
});
