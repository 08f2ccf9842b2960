/**
 * From what a session offers to what the buyer sees: one pure pipeline.
 *
 *   eligible offers (fit the buyer's country, currency and amount; described
 *   from the catalog) → stages, in order → the list.
 *
 * The default stages are the country's order (`regionalOrder`) and
 * `degradedLast`. The list is computed once per session load by whoever owns
 * the session (`<ck-checkout>`) and handed to every consumer: the picker's
 * order on screen, `ck-ready.detail.methods` and the fallback order are the
 * same list. The merchant's rules, experiment variants and the returning
 * buyer's method slot in between the two defaults: see `orderingStages`
 * (./ordering.ts), which also drops the regional order when the merchant
 * sends its own.
 */
import { DEFAULT_FLOW_BY_TYPE, type MethodType, type Money, type PaymentMethodOffer } from '../protocol/schemas.js';
import { FALLBACK_ORDER, GLOBAL_METHODS } from './global.js';
import type { Catalog } from './registry.js';
import type { CatalogMethod, Countries, Flow, GenericName } from './types.js';

/** How to show a method's name: a translation key for generic names, else the text itself. */
export type MethodName =
  | { kind: 'key'; key: GenericName }
  | {
      kind: 'text';
      text: string;
      /** The brand as written in some locales or languages (`zh-CN`, `ko`); `text` elsewhere. */
      localized?: Readonly<Record<string, string>>;
    };

/** What to draw next to the name. */
export type MethodIcon =
  /** The backend's own image (`PaymentMethodOffer.icon`). */
  | { kind: 'url'; url: string }
  /** A tile in the brand colour with our own lettering; `ink` is the text colour that contrasts with it. */
  | { kind: 'badge'; mark: string; colour: string; ink: string }
  /** The generic icon of the method's type (card, wallet, bank ...). */
  | { kind: 'type'; type: MethodType };

/** A card brand shown as accepted on the generic card option. */
export interface CardBrand {
  id: string;
  name: string;
  mark: string;
  colour: string;
  ink: string;
}

/** One entry of the buyer's method list, ready to render. */
export interface OfferedMethod {
  id: string;
  /** The protocol type as the backend offered it (what `ck-method-selected` reports). */
  type: MethodType;
  flow: Flow;
  name: MethodName;
  /** Brand colour, or null for generic methods. */
  colour: string | null;
  icon: MethodIcon;
  /** For `card`: the brands accepted in the buyer's country. Empty otherwise. */
  brands: readonly CardBrand[];
  /** The backend reports the method as slow; it is listed last and flagged. */
  degraded: boolean;
  /** False for a method the catalog does not know, shown from the backend's data alone. */
  known: boolean;
  /** Number of payments of a pay-later plan at this amount, for the "4 × €12.50" preview. */
  instalments?: number;
}

export interface OfferedMethodsInput {
  /** What the session offers, in the backend's order. */
  offers: readonly PaymentMethodOffer[];
  /** The catalog data at hand (see `loadCatalog`); methods it does not know are shown from the backend's data. */
  catalog: Catalog;
  /** Buyer country, ISO 3166-1 alpha-2; without it no method is filtered by country and the fallback order is used. */
  country?: string | null;
  /** Amount to pay; without it no method is filtered by currency or amount and no instalments are previewed. */
  amount?: Money | null;
}


/** One step of the pipeline: takes the list so far, returns it reordered or filtered. Pure. */
export type MethodListStage = (methods: readonly OfferedMethod[], input: OfferedMethodsInput) => readonly OfferedMethod[];

/** The default order for a buyer country in `catalog`: its own, else the fallback order. */
export function countryOrder(catalog: Catalog, country: string): readonly string[] {
  return catalog.countryOrder(country) ?? FALLBACK_ORDER;
}

function covers(list: Countries, code: string): boolean {
  return list === '*' || list.includes(code);
}

/** `#111111` on light brand colours, white on dark ones (WCAG relative luminance, threshold at the contrast midpoint). */
export function inkFor(colour: string): string {
  const hex = /^#?([0-9a-f]{6})$/i.exec(colour)?.[1];
  if (!hex) return '#ffffff';
  const channel = (offset: number): number => {
    const c = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
  // Equal contrast against #111 (L≈0.0056) and white (L=1) at L≈0.18.
  return luminance > 0.18 ? '#111111' : '#ffffff';
}

function textName(text: string, localized?: Readonly<Record<string, string>>): MethodName {
  return localized ? { kind: 'text', text, localized } : { kind: 'text', text };
}

function nameOf(method: CatalogMethod, country: string | undefined): MethodName {
  const special = country ? method.nameByCountry?.[country] : undefined;
  const name = special ?? method.name;
  if (typeof name !== 'string') return { kind: 'key', key: name.key };
  return textName(name, special === undefined ? method.localNames : undefined);
}

/** `foo_pay` → `Foo pay`: a readable last resort for an unknown method the backend did not name. */
function humanize(id: string): string {
  const words = id.replace(/[_.-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function cardBrands(country: string | undefined): CardBrand[] {
  const brands: CardBrand[] = [];
  // Brands are global methods, so they are known before any region loads.
  for (const method of GLOBAL_METHODS) {
    if (!method.cardBrandIn || !method.colour || !method.mark || typeof method.name !== 'string') continue;
    if (method.cardBrandIn !== '*' && !(country && method.cardBrandIn.includes(country))) continue;
    brands.push({ id: method.id, name: method.name, mark: method.mark, colour: method.colour, ink: inkFor(method.colour) });
  }
  return brands;
}

function iconOf(offer: PaymentMethodOffer, method: CatalogMethod | undefined): MethodIcon {
  if (offer.icon) return { kind: 'url', url: offer.icon };
  if (method?.colour && method.mark) return { kind: 'badge', mark: method.mark, colour: method.colour, ink: inkFor(method.colour) };
  return { kind: 'type', type: offer.type };
}

/**
 * The offers that fit `country`, the amount's currency and the amount itself,
 * described for display, in the backend's order.
 *
 * - A method the catalog knows is dropped when its countries or currencies
 *   exclude the buyer's, or the amount is outside its limits for the
 *   currency. The offer's own `minAmount`/`maxAmount` replace the catalog's
 *   bound of the same side.
 * - Methods the catalog does not know are named and drawn from the backend's data.
 * - `status: 'down'` is removed. A repeated id keeps its first offer.
 */
export function eligibleMethods({ offers, country, amount, catalog }: OfferedMethodsInput): OfferedMethod[] {
  const buyerCountry = country ? country.toUpperCase() : undefined;
  const currency = amount?.currency.toUpperCase();
  const value = amount?.value;
  const eligible: OfferedMethod[] = [];
  const seen = new Set<string>();
  for (const offer of offers) {
    if (seen.has(offer.id)) continue;
    seen.add(offer.id);
    if (offer.status === 'down') continue;
    const method = catalog.method(offer.id);
    if (method && buyerCountry && !covers(method.countries, buyerCountry)) continue;
    if (method && currency && !covers(method.currencies, currency)) continue;
    const rule = method && currency ? method.limits?.[currency] : undefined;
    const min = offer.minAmount ?? rule?.min;
    const max = offer.maxAmount ?? rule?.max;
    if (value !== undefined && ((min !== undefined && value < min) || (max !== undefined && value > max))) continue;

    const entry: OfferedMethod = {
      id: offer.id,
      type: offer.type,
      flow: method?.flow ?? DEFAULT_FLOW_BY_TYPE[offer.type],
      name: offer.name ? textName(offer.name) : method ? nameOf(method, buyerCountry) : textName(humanize(offer.id)),
      colour: method?.colour ?? null,
      icon: iconOf(offer, method),
      brands: offer.id === 'card' ? cardBrands(buyerCountry) : [],
      degraded: offer.status === 'degraded',
      known: method !== undefined,
    };
    if (rule?.instalments && value !== undefined && value > 0) entry.instalments = rule.instalments;
    eligible.push(entry);
  }
  return eligible;
}

/**
 * Known methods in the buyer country's order, then the rest of the known ones
 * in catalog order, then methods the catalog does not know, in the backend's
 * order. Without a country, or while the country's region is not in the
 * catalog, the backend's order is kept: it is the merchant's own choice and
 * better than a guess.
 */
export const regionalOrder: MethodListStage = (methods, { country, catalog }) => {
  const buyerCountry = country ? country.toUpperCase() : undefined;
  if (buyerCountry === undefined || !catalog.covers(buyerCountry)) return methods;
  const order = countryOrder(catalog, buyerCountry);
  const rank = (id: string): number => {
    const local = order.indexOf(id);
    return local >= 0 ? local : order.length + catalog.rank(id);
  };
  const known = methods.filter((m) => m.known).sort((a, b) => rank(a.id) - rank(b.id));
  return [...known, ...methods.filter((m) => !m.known)];
};

/** Methods the backend reports as slow go to the very end, in their order so far. */
export const degradedLast: MethodListStage = (methods) => [...methods.filter((m) => !m.degraded), ...methods.filter((m) => m.degraded)];

/** The stages `offeredMethods` runs when given none. */
export const DEFAULT_STAGES: readonly MethodListStage[] = [regionalOrder, degradedLast];

/** The buyer's list: `eligibleMethods`, then each stage in turn. The one source of the order shown anywhere. */
export function offeredMethods(input: OfferedMethodsInput, stages: readonly MethodListStage[] = DEFAULT_STAGES): OfferedMethod[] {
  return [...stages.reduce<readonly OfferedMethod[]>((list, stage) => stage(list, input), eligibleMethods(input))];
}

/**
 * The text of a brand name in `locale`: the exact locale (`zh-TW`), then its
 * language (`ko` for `ko-KR`), then the brand as its owner writes it.
 */
export function localizedText(name: { text: string; localized?: Readonly<Record<string, string>> }, locale: string): string {
  const localized = name.localized;
  if (!localized) return name.text;
  return localized[locale] ?? localized[locale.split('-')[0] ?? ''] ?? name.text;
}
