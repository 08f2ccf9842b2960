/**
 * Card brands and how a card number tells them apart (its issuer
 * identification number, the first 1–8 digits), with each brand's number
 * lengths, security-code length and digit grouping.
 *
 * Sources of the ranges:
 * - ISO/IEC 7812 IIN ranges of the global schemes as listed by the schemes and
 *   summarised in Wikipedia's "Payment card number" table (Visa, Mastercard
 *   incl. 2221–2720, Amex, JCB, UnionPay, Discover, Diners, RuPay, Troy).
 * - Elo and Hipercard: the ranges of braintree/credit-card-type (MIT), which
 *   follows the schemes' published BIN tables.
 * - mada: a representative subset of the mada BIN list that Saudi gateways
 *   publish for merchants (HyperPay, PayTabs and Moyasar integration guides);
 *   a production vault takes the full, current list from its acquirer.
 * - Cartes Bancaires co-badging is decided per BIN by the acquirer's table, not
 *   by a public prefix; the sandbox co-badges the BINs of the published test
 *   numbers (4000 0025…, 5555 5525…) so the brand choice can be exercised.
 *
 * Ranges are matched longest prefix first: mada, Elo, RuPay and the co-badged
 * BINs sit inside Visa's, Mastercard's, Discover's or UnionPay's ranges and win
 * over them, which is what "mada before Visa and Mastercard" requires.
 */

export const CARD_BRANDS = [
  'visa',
  'mastercard',
  'amex',
  'jcb',
  'unionpay',
  'discover',
  'diners',
  'mada',
  'rupay',
  'elo',
  'hipercard',
  'troy',
  'cartes_bancaires',
] as const;
export type CardBrand = (typeof CARD_BRANDS)[number];

/** What a brand requires of a number and its security code. */
export interface BrandSpec {
  /** Shown to the buyer (brand names are not translated). */
  readonly name: string;
  /** Valid number lengths, ascending. */
  readonly lengths: readonly number[];
  /** Digits of the security code (CVC, CVV, CID). */
  readonly cvcLength: number;
  /** Positions after which a space is shown: 4-4-4-4 by default, 4-6-5 for Amex. */
  readonly gaps: readonly number[];
  /** Whether the last digit is a Luhn check digit (some UnionPay cards have none). */
  readonly luhn: boolean;
}

const FOUR_FOUR_FOUR = [4, 8, 12, 16] as const;

export const BRAND_SPECS: Readonly<Record<CardBrand, BrandSpec>> = {
  visa: { name: 'Visa', lengths: [13, 16, 19], cvcLength: 3, gaps: FOUR_FOUR_FOUR, luhn: true },
  mastercard: { name: 'Mastercard', lengths: [16], cvcLength: 3, gaps: FOUR_FOUR_FOUR, luhn: true },
  amex: { name: 'American Express', lengths: [15], cvcLength: 4, gaps: [4, 10], luhn: true },
  jcb: { name: 'JCB', lengths: [16, 17, 18, 19], cvcLength: 3, gaps: FOUR_FOUR_FOUR, luhn: true },
  unionpay: { name: 'UnionPay', lengths: [16, 17, 18, 19], cvcLength: 3, gaps: FOUR_FOUR_FOUR, luhn: false },
  discover: { name: 'Discover', lengths: [16, 17, 18, 19], cvcLength: 3, gaps: FOUR_FOUR_FOUR, luhn: true },
  diners: { name: 'Diners Club', lengths: [14, 15, 16, 17, 18, 19], cvcLength: 3, gaps: [4, 10], luhn: true },
  mada: { name: 'mada', lengths: [16], cvcLength: 3, gaps: FOUR_FOUR_FOUR, luhn: true },
  rupay: { name: 'RuPay', lengths: [16], cvcLength: 3, gaps: FOUR_FOUR_FOUR, luhn: true },
  elo: { name: 'Elo', lengths: [16], cvcLength: 3, gaps: FOUR_FOUR_FOUR, luhn: true },
  hipercard: { name: 'Hipercard', lengths: [16, 19], cvcLength: 3, gaps: FOUR_FOUR_FOUR, luhn: true },
  troy: { name: 'Troy', lengths: [16], cvcLength: 3, gaps: FOUR_FOUR_FOUR, luhn: true },
  cartes_bancaires: { name: 'Cartes Bancaires', lengths: [16, 19], cvcLength: 3, gaps: FOUR_FOUR_FOUR, luhn: true },
};

/** Diners 14-digit cards are grouped 4-6-4; longer ones 4-4-4-4. */
export function gapsFor(brand: CardBrand, length: number): readonly number[] {
  return brand === 'diners' && length > 14 ? FOUR_FOUR_FOUR : BRAND_SPECS[brand].gaps;
}

/** One IIN range: numbers whose first `from.length` digits lie in [from, to]. `brands` has two entries when co-badged. */
interface IinRange {
  readonly from: string;
  readonly to: string;
  /** The brand the number is, or the brands the buyer chooses between (co-badged), preferred first. */
  readonly brands: readonly CardBrand[];
}

const range = (from: string, to: string, ...brands: CardBrand[]): IinRange => ({ from, to, brands });
const prefixes = (list: readonly string[], ...brands: CardBrand[]): IinRange[] => list.map((p) => range(p, p, ...brands));

/** The representative mada BINs (see the module comment for the source). */
export const MADA_BINS: readonly string[] = [
  '400861', '401757', '407197', '407395', '409201', '410685', '417633', '419593', '422817', '422818', '422819',
  '428331', '428671', '428672', '428673', '431361', '432328', '434107', '439954', '440533', '440647', '440795',
  '445564', '446393', '446404', '446672', '455036', '455708', '457865', '458456', '462220', '468540', '468541',
  '468542', '468543', '483010', '483011', '483012', '484783', '486094', '486095', '486096', '489317', '489318',
  '489319', '493428', '504300', '508160', '513213', '520058', '521076', '524130', '524514', '529415', '529741',
  '530060', '530906', '531095', '531196', '532013', '535825', '535989', '536023', '537767', '539931', '543085',
  '543357', '549760', '554180', '555610', '557606', '558848', '585265', '588845', '588846', '588847', '588848',
  '588849', '588850', '588851', '588982', '588983', '589005', '589206', '604906', '605141', '636120', '968201',
  '968202', '968203', '968204', '968205', '968206', '968207', '968208', '968209', '968210', '968211',
];

const ELO_RANGES: IinRange[] = [
  ...prefixes(['401178', '401179', '431274', '438935', '451416', '457393', '457631', '457632', '504175', '627780', '636297', '636368'], 'elo'),
  range('506699', '506778', 'elo'),
  range('509000', '509999', 'elo'),
  range('650031', '650033', 'elo'),
  range('650035', '650051', 'elo'),
  range('650405', '650439', 'elo'),
  range('650485', '650538', 'elo'),
  range('650541', '650598', 'elo'),
  range('650700', '650718', 'elo'),
  range('650720', '650727', 'elo'),
  range('650901', '650978', 'elo'),
  range('651652', '651679', 'elo'),
  range('655000', '655019', 'elo'),
  range('655021', '655058', 'elo'),
];

/** Every range, longest prefix first (the most specific match wins); ties keep this order. */
const RANGES: readonly IinRange[] = [
  // Sandbox co-badged Cartes Bancaires BINs (8 digits), Visa- or Mastercard-branded.
  range('40000025', '40000025', 'cartes_bancaires', 'visa'),
  range('55555525', '55555525', 'cartes_bancaires', 'mastercard'),
  ...prefixes(MADA_BINS, 'mada'),
  ...ELO_RANGES,
  ...prefixes(['606282', '637095', '637568', '637599', '637609', '637612'], 'hipercard'),
  range('508500', '508999', 'rupay'),
  range('606985', '607984', 'rupay'),
  range('608001', '608500', 'rupay'),
  range('652150', '653149', 'rupay'),
  // UnionPay cards accepted on the Discover network: the buyer may pick either.
  range('622126', '622925', 'unionpay', 'discover'),
  ...prefixes(['384100', '384140', '384160'], 'hipercard'),
  range('2221', '2720', 'mastercard'),
  range('3528', '3589', 'jcb'),
  range('6011', '6011', 'discover'),
  range('9792', '9792', 'troy'),
  range('3095', '3095', 'diners'),
  range('8100', '8171', 'unionpay'),
  range('300', '305', 'diners'),
  range('644', '649', 'discover'),
  range('34', '34', 'amex'),
  range('37', '37', 'amex'),
  range('36', '36', 'diners'),
  range('38', '39', 'diners'),
  range('51', '55', 'mastercard'),
  range('62', '62', 'unionpay'),
  range('65', '65', 'discover'),
  range('4', '4', 'visa'),
].sort((a, b) => b.from.length - a.from.length);

/** What the digits typed so far say about the card. */
export interface BrandMatch {
  /** The brand to show and validate against; `null` while unknown. */
  readonly brand: CardBrand | null;
  /** Co-badged cards: the brands the buyer may choose between (preferred first); otherwise just `brand`. */
  readonly brands: readonly CardBrand[];
}

const NO_BRAND: BrandMatch = { brand: null, brands: [] };

/**
 * The brand of a (possibly partial) card number: the longest IIN range its
 * digits already fully cover. "4406" is Visa until the sixth digit makes it
 * mada; "4000 0025" becomes a choice of Cartes Bancaires or Visa.
 */
export function detectBrand(digits: string): BrandMatch {
  if (!/^[0-9]+$/.test(digits)) return NO_BRAND;
  for (const candidate of RANGES) {
    const length = candidate.from.length;
    if (digits.length < length) continue;
    const head = digits.slice(0, length);
    if (head >= candidate.from && head <= candidate.to) {
      return { brand: candidate.brands[0] ?? null, brands: candidate.brands };
    }
  }
  return NO_BRAND;
}
