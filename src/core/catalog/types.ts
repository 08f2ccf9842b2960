/**
 * Shapes of the payment method catalog. Plain, serialisable data: no
 * functions, no DOM, so the same records drive the picker, the reference docs
 * and the tests.
 */
import type { MethodFlow, MethodType } from '../protocol/schemas.js';

/** What the buyer does after choosing the method: the protocol's one flow vocabulary (`MethodFlow`). */
export type Flow = MethodFlow;

/** ISO 3166-1 alpha-2 codes, or `'*'` for "anywhere the merchant sells". */
export type Countries = '*' | readonly string[];

/** ISO 4217 codes, or `'*'` for "whatever the session charges in". */
export type Currencies = '*' | readonly string[];

/** Amount limits of a method in one currency, in that currency's minor units. */
export interface AmountRule {
  /** Smallest amount the provider accepts (inclusive). */
  readonly min?: number;
  /** Largest amount the provider accepts (inclusive). */
  readonly max?: number;
  /** Number of equal payments of a pay-later plan, for the "4 × €12.50" preview. */
  readonly instalments?: number;
}

/**
 * Ids whose display name is a generic term rather than a brand, so it is
 * translated: `catalog:method.<id>` in every locale.
 */
export const GENERIC_NAMES = ['card', 'bank_transfer', 'virtual_account', 'cod', 'konbini', 'sepa_debit', 'boleto'] as const;
export type GenericName = (typeof GENERIC_NAMES)[number];

/** One payment method the catalog knows. */
export interface CatalogMethod {
  /** Lowercase id shared with the backend (`ideal`, `apple_pay`). */
  readonly id: string;
  /** Protocol type: decides grouping, the type icon and the default flow. */
  readonly type: MethodType;
  readonly flow: Flow;
  /** Buyer countries where the method is offered. */
  readonly countries: Countries;
  /** Currencies it can charge in; BNPL lists exactly the currencies it has limits for. */
  readonly currencies: Currencies;
  /** Limits per currency; a currency without an entry has no limits (unless the method is BNPL, see `currencies`). */
  readonly limits?: Readonly<Record<string, AmountRule>>;
  /**
   * Brand name as written by its owner (a proper noun, not translated), or a
   * key of {@link GENERIC_NAMES} when the name is a generic term.
   */
  readonly name: string | { readonly key: GenericName };
  /** Where the brand is written differently in a language (支付宝, 카카오페이), by locale or language. */
  readonly localNames?: Readonly<Record<string, string>>;
  /**
   * Where the method is known by another name in a buyer country: Afterpay is
   * Clearpay in the UK, bank transfer is a "virtual account" in Indonesia.
   */
  readonly nameByCountry?: Readonly<Record<string, string | { readonly key: GenericName }>>;
  /** Brand colour for the badge, `#rrggbb`; absent for generic methods, which show their type icon. */
  readonly colour?: string;
  /** Short mark on the badge (1–4 characters): our own lettering, never the brand's logo. */
  readonly mark?: string;
  /** For card brands: countries where the brand is shown as accepted on the generic card option. */
  readonly cardBrandIn?: Countries;
}
