/**
 * Where the catalog's figures come from: for each country, the published
 * figures behind its default order, and for each method with amount limits,
 * where the limits come from. The docs generator prints all of it into
 * docs/payment-methods.md. Nothing at run time imports this module, so it
 * costs the widget's bundle nothing.
 *
 * Figures are shares of online (e-commerce) spend or purchases unless said
 * otherwise. Where no public figure ranks two methods against each other,
 * their relative order is our estimate and the entry says so.
 */

/** Why a country's order is what it is. */
export interface OrderSource {
  /** The figures behind the order, with what each measures. */
  readonly basis: string;
  /** Publications the figures come from, by name and year. */
  readonly refs: readonly string[];
  /** `true` when the order rests mostly on our estimate; `false` when its top places follow published figures. */
  readonly estimated: boolean;
}

export const COUNTRY_SOURCES: Readonly<Record<string, OrderSource>> = {
  US: {
    basis: 'Cards and digital wallets carry most online spend; among wallets PayPal and Apple Pay lead. Wallet order and the place of pay-later are our estimate.',
    refs: ['Worldpay Global Payments Report 2024', 'Worldpay Global Payments Report 2025'],
    estimated: true,
  },
  CA: {
    basis: 'Credit cards lead online spend, followed by PayPal and other wallets; Interac online is a small share. Order below cards is our estimate.',
    refs: ['Worldpay Global Payments Report 2024'],
    estimated: true,
  },
  MX: {
    basis: 'Cards lead; digital wallets (mostly Mercado Pago) follow; cash vouchers at OXXO remain a sizeable minority; SPEI transfers grow. Order below cards is our estimate.',
    refs: ['Worldpay Global Payments Report 2024'],
    estimated: true,
  },
  BR: {
    basis: 'GPR 2024: credit cards about 40% and Pix about 30% of online spend in 2023, Pix projected near 50% by 2027; EBANX (with PCMI data) puts Pix slightly ahead of credit cards (about 42% vs 41%). Pix first is our reading of that trend; Boleto declines as Pix replaces it.',
    refs: ['Worldpay Global Payments Report 2024', 'EBANX e-commerce payment outlook, with PCMI data (2025)', 'Banco Central do Brasil Pix statistics (2023)'],
    estimated: true,
  },
  CO: {
    basis: 'PSE (bank account-to-account) and cards carry most online spend; wallets follow. Exact order is our estimate.',
    refs: ['Worldpay Global Payments Report 2024'],
    estimated: true,
  },
  GB: {
    basis: 'Cards (mostly debit) and wallets lead; PayPal and Apple Pay are the largest wallets; Klarna and Clearpay are the main pay-later options. Order within wallets is our estimate.',
    refs: ['Worldpay Global Payments Report 2024', 'UK Finance UK Payment Markets (2024)'],
    estimated: true,
  },
  IE: { basis: 'Cards lead online; wallets follow. Order below cards is our estimate.', refs: ['Worldpay Global Payments Report 2024'], estimated: true },
  DE: {
    basis: 'EHI Online-Payment 2024 (2023 revenue shares): PayPal 27.7%, purchase on invoice 26.7% (offered here through Klarna), direct debit 16.7%, credit card 12.1% (2022); Apple Pay and Google Pay growing. Giropay closed in 2024 and is not offered.',
    refs: ['EHI Retail Institute, Online-Payment 2024', 'EHI Retail Institute, Online-Payment 2023'],
    estimated: false,
  },
  NL: {
    basis: 'iDEAL is used for about 70% of Dutch online purchases (2023); cards, PayPal and wallets follow far behind. Order after iDEAL is our estimate.',
    refs: ['iDEAL / Currence annual figures (2023), as reported by yStats.com Europe Online Payment Methods 2023', 'Worldpay Global Payments Report 2024'],
    estimated: false,
  },
  BE: {
    basis: '2024 consumer survey: 70% pay online most often with Bancontact, 36% with a debit card, 33% with PayPal.',
    refs: ['RetailDetail, Belgian online payment preferences (2024)', 'Worldpay Global Payments Report 2024'],
    estimated: false,
  },
  FR: {
    basis: 'Cards (mostly Cartes Bancaires co-badged) lead online; PayPal is the main wallet. Order below PayPal is our estimate.',
    refs: ['Worldpay Global Payments Report 2024', 'Banque de France payment statistics (2023)'],
    estimated: true,
  },
  ES: {
    basis: 'Cards lead online; PayPal second; Bizum grows quickly for online payments. Order below PayPal is our estimate.',
    refs: ['Worldpay Global Payments Report 2024'],
    estimated: true,
  },
  IT: {
    basis: 'Cards (including prepaid) lead online; PayPal is the main wallet. Order below PayPal is our estimate.',
    refs: ['Worldpay Global Payments Report 2024'],
    estimated: true,
  },
  PT: {
    basis: 'MB WAY and Multibanco references are the local favourites alongside cards. Order is our estimate.',
    refs: ['Worldpay Global Payments Report 2024', 'SIBS Market Report (2023)'],
    estimated: true,
  },
  AT: {
    basis: 'eps bank transfers, cards, PayPal and pay-later (Klarna) share online spend. Order is our estimate.',
    refs: ['Worldpay Global Payments Report 2024'],
    estimated: true,
  },
  CH: {
    basis: 'Mobile payments (mostly TWINT) had the largest share of Swiss online transactions: 57% by volume and 31% by value (Nov 2022); cards and PayPal follow.',
    refs: ['yStats.com, Europe Online Payment Methods 2023 (figures for Nov 2022)'],
    estimated: false,
  },
  PL: {
    basis: 'BLIK e-commerce payments were worth PLN 172.6 bn in 2024, about 3.4× the value of online card payments (≈ PLN 51 bn); 64% of Poles pay online with BLIK, 37% with cards; pay-by-link transfers (Przelewy24) and cash on delivery (24%) follow.',
    refs: ['Polski Standard Płatności (BLIK) annual results 2024', 'Autopay, Finanse Polek i Polaków 2025'],
    estimated: false,
  },
  SE: {
    basis: 'Swish, cards and Klarna lead online. Order is our estimate.',
    refs: ['Worldpay Global Payments Report 2024', 'Sveriges Riksbank, Payments Report (2024)'],
    estimated: true,
  },
  NO: { basis: 'Vipps and cards lead online; Klarna follows. Order is our estimate.', refs: ['Worldpay Global Payments Report 2024', 'Norges Bank, Financial Infrastructure Report (2024)'], estimated: true },
  DK: { basis: 'Cards (Dankort) and MobilePay lead online. Order is our estimate.', refs: ['Worldpay Global Payments Report 2024', 'Danmarks Nationalbank payment statistics (2024)'], estimated: true },
  FI: { basis: 'Cards and bank buttons lead online; MobilePay and Klarna follow. Order is our estimate.', refs: ['Worldpay Global Payments Report 2024'], estimated: true },
  TR: { basis: 'Cards (often in instalments) dominate online; bank transfers and cash on delivery follow. Order is our estimate.', refs: ['Worldpay Global Payments Report 2024'], estimated: true },
  ID: {
    basis: 'E-wallets about 39–40% of online spend (GoPay about 10%), bank transfers mostly by virtual account 23–27%, cards 17%, cash 11–14%. A virtual-account transfer is the largest single method; the order among DANA, OVO and ShopeePay is our estimate; QRIS works with any wallet or bank app. 61% of surveyed buyers still used cash on delivery in 2023.',
    refs: ['Worldpay Global Payments Report 2024', 'PPRO Indonesia country report (2023)', 'Kredivo & Katadata Insight Center, Indonesian e-Commerce Consumer Behavior Report 2023'],
    estimated: true,
  },
  TH: {
    basis: 'Bank transfers (PromptPay QR) are the most used online method and digital wallets second; PromptPay averaged 54.5 million transfers a day in 2023. TrueMoney as the leading wallet and the order after PromptPay are our estimate.',
    refs: ['Bank of Thailand, Payment Insight (2023)', 'Antom, Thailand payment market report (2025)', 'Worldpay Global Payments Report 2024'],
    estimated: true,
  },
  MY: {
    basis: 'FPX online banking and cards lead; Touch ’n Go eWallet and GrabPay are the largest wallets. Order is our estimate.',
    refs: ['Worldpay Global Payments Report 2024', 'Bank Negara Malaysia payment statistics (2023)'],
    estimated: true,
  },
  SG: { basis: 'Cards lead online; PayNow and GrabPay follow. Order is our estimate.', refs: ['Worldpay Global Payments Report 2024', 'Monetary Authority of Singapore e-payments statistics (2023)'], estimated: true },
  PH: {
    basis: 'Digital wallets lead online, GCash first and Maya second; cash on delivery remains common. Order is our estimate.',
    refs: ['Worldpay Global Payments Report 2024', 'Bangko Sentral ng Pilipinas, Status of Digital Payments (2023)'],
    estimated: true,
  },
  VN: {
    basis: 'Digital wallets (MoMo first) and bank transfers by VietQR lead; cash on delivery is still widely used. Order is our estimate.',
    refs: ['Worldpay Global Payments Report 2024', 'State Bank of Vietnam payment statistics (2023)'],
    estimated: true,
  },
  CN: {
    basis: 'Alipay holds roughly half and WeChat Pay roughly two-fifths of third-party mobile payment value (rounded); cards trail online.',
    refs: ['iResearch, China Third-party Payment Industry reports (2021–2023)', 'Worldpay Global Payments Report 2024'],
    estimated: false,
  },
  HK: { basis: 'Cards lead online; Alipay HK and WeChat Pay HK follow. Order is our estimate.', refs: ['Worldpay Global Payments Report 2024'], estimated: true },
  TW: {
    basis: 'Cards lead online; ATM transfers to a virtual account and cash on delivery at pickup remain common. Order is our estimate.',
    refs: ['Worldpay Global Payments Report 2024'],
    estimated: true,
  },
  JP: {
    basis: 'About 80% of online shoppers pay by credit card (79.8%, multiple answers); e-money and convenience-store (konbini) payment come next; PayPay is the largest code-payment wallet. Order after cards is our estimate.',
    refs: ['Ministry of Internal Affairs and Communications, Communications Usage Trend Survey'],
    estimated: true,
  },
  KR: {
    basis: 'Cards carry most online spend, mostly through simple-pay wallets; Naver Pay, Kakao Pay and Samsung Pay are the largest. Order among them is our estimate.',
    refs: ['Bank of Korea, Payment and Settlement Survey (2023)', 'Worldpay Global Payments Report 2024'],
    estimated: true,
  },
  IN: {
    basis: 'UPI is the largest online payment method by volume and value; cards follow; cash on delivery persists outside big cities.',
    refs: ['NPCI UPI product statistics (2024)', 'Reserve Bank of India, Payment System Indicators (2024)', 'Worldpay Global Payments Report 2024'],
    estimated: false,
  },
  AU: {
    basis: 'Cards lead online; PayPal and Apple Pay are the main wallets; Afterpay is the largest pay-later provider. Order below cards is our estimate.',
    refs: ['Worldpay Global Payments Report 2024', 'Reserve Bank of Australia, Consumer Payments Survey (2022)'],
    estimated: true,
  },
  NZ: { basis: 'Cards lead online; wallets and Afterpay follow. Order is our estimate.', refs: ['Worldpay Global Payments Report 2024'], estimated: true },
  SA: {
    basis: 'Online sales with mada cards reached SAR 197 bn in 2024 (SAMA, credit cards excluded), and mada makes up over 90% of cards issued (Kearney estimate); Apple Pay is the leading wallet; cash on delivery keeps declining. Order after mada is our estimate.',
    refs: ['Saudi Central Bank (SAMA) monthly statistical bulletins (2024)', 'Kearney Middle East, quoted by Arab News (2025)', 'Worldpay Global Payments Report 2024'],
    estimated: true,
  },
  AE: {
    basis: 'Cards and Apple Pay lead online; tabby is the largest pay-later provider; cash on delivery declines. Order is our estimate.',
    refs: ['Worldpay Global Payments Report 2024'],
    estimated: true,
  },
  KW: { basis: 'KNET debit is the dominant online method; cards and Apple Pay follow. Order after KNET is our estimate.', refs: ['Central Bank of Kuwait payment statistics (2023)'], estimated: true },
  EG: {
    basis: 'Cash on delivery is still the most used way to pay for online orders; cards and Fawry reference payments follow. Order is our estimate.',
    refs: ['Central Bank of Egypt payment statistics (2023)'],
    estimated: true,
  },
  KE: {
    basis: 'M-Pesa carries the large majority of mobile-money and online payments; cards trail.',
    refs: ['Central Bank of Kenya, National Payments System statistics (2024)'],
    estimated: false,
  },
  NG: { basis: 'Cards and bank transfers lead online; cash on delivery remains common. Order is our estimate.', refs: ['Worldpay Global Payments Report 2024'], estimated: true },
  ZA: { basis: 'Cards lead online; instant EFT bank transfers follow. Order is our estimate.', refs: ['Worldpay Global Payments Report 2024'], estimated: true },
};

/** Where each method's amount limits come from. */
export const METHOD_SOURCES: Readonly<Record<string, string>> = {
  klarna:
    'Klarna merchant documentation (2024): pay in 4 in the US, Canada, Australia and New Zealand, pay in 3 in the UK and euro markets; purchase limits vary by merchant and buyer, the figures are typical ranges (estimate). Nordic currencies: pay-later invoices, no instalment preview.',
  afterpay:
    'Afterpay/Clearpay merchant documentation (2024): 4 fortnightly payments; US$1–2,000 and £1–1,200 are the published upper ranges and each merchant sets its own (CAD, AUD and NZD ranges are our estimate).',
  affirm: 'Affirm merchant documentation (2024): purchases from US$50 up to US$30,000; plans range from pay in 4 to monthly loans, so no single preview.',
  tabby: 'tabby merchant documentation (2024): 4 interest-free payments; limits are set per merchant and buyer, the figures are our estimate of a typical range.',
  konbini: 'Japanese konbini payment processors (2024): one payment of ¥120 up to ¥300,000 (convenience-store cash-handling limit).',
  oxxo: 'OXXO Pay processor documentation (2024): MX$10 to MX$10,000 per voucher.',
};
