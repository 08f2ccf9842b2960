/**
 * One sandbox test number per brand (and per co-badged pair): the numbers the
 * brand table test, the card form's stories, the e2e tests and docs/cards.md
 * use. Where a scheme or a PSP publishes a test number it is that one (Visa
 * 4242…, Mastercard 5555…4444 and 2223…, Amex, JCB, UnionPay, Discover,
 * Diners, Elo, Hipercard and the Cartes Bancaires pairs are the numbers PSP
 * sandboxes document); mada, RuPay, Troy and the UnionPay–Discover pair are a
 * BIN of the range followed by zeros and a Luhn check digit.
 * In the reference sandbox every one of them pays (the outcome depends only on
 * the last four digits, see server/vault/test-cards.ts).
 */
import type { CardBrand } from './brands.js';

export interface TestCard {
  readonly number: string;
  /** The brand detected first; `choices` when co-badged. */
  readonly brand: CardBrand;
  readonly choices?: readonly CardBrand[];
  readonly label: string;
}

export const BRAND_TEST_CARDS: readonly TestCard[] = [
  { number: '4242424242424242', brand: 'visa', label: 'Visa' },
  { number: '5555555555554444', brand: 'mastercard', label: 'Mastercard' },
  { number: '2223003122003222', brand: 'mastercard', label: 'Mastercard (2-series)' },
  { number: '378282246310005', brand: 'amex', label: 'American Express' },
  { number: '3566002020360505', brand: 'jcb', label: 'JCB' },
  { number: '6200000000000005', brand: 'unionpay', label: 'UnionPay' },
  { number: '6011111111111117', brand: 'discover', label: 'Discover' },
  { number: '36227206271667', brand: 'diners', label: 'Diners Club (14 digits)' },
  { number: '4406470000000007', brand: 'mada', label: 'mada (Visa range)' },
  { number: '5888500000000005', brand: 'mada', label: 'mada (588850)' },
  { number: '6080010000000009', brand: 'rupay', label: 'RuPay' },
  { number: '5066991111111118', brand: 'elo', label: 'Elo' },
  { number: '6062826786276634', brand: 'hipercard', label: 'Hipercard' },
  { number: '9792000000000003', brand: 'troy', label: 'Troy' },
  { number: '4000002500001001', brand: 'cartes_bancaires', choices: ['cartes_bancaires', 'visa'], label: 'Cartes Bancaires + Visa' },
  { number: '5555552500001001', brand: 'cartes_bancaires', choices: ['cartes_bancaires', 'mastercard'], label: 'Cartes Bancaires + Mastercard' },
  { number: '6221260000000000', brand: 'unionpay', choices: ['unionpay', 'discover'], label: 'UnionPay + Discover' },
];
