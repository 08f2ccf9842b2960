/**
 * The payment method catalog: which methods exist, where, in which order, and
 * the pure functions that turn a session's offers into the buyer's list.
 *
 * Only the methods used across regions are in the eager bundle; each region's
 * own methods and country orders are a lazy chunk fetched by `loadCatalog`.
 * The sources behind the data (./sources.ts) and the whole catalog at once
 * (./all.ts) are for docs and tests, and deliberately not re-exported here.
 */
export { GLOBAL_METHODS, FALLBACK_ORDER, REGION_OF, REGIONS, type Region } from './global.js';
export { loadCatalog, createCatalog, GLOBAL_CATALOG, type Catalog, type RegionData } from './registry.js';
export {
  offeredMethods,
  eligibleMethods,
  regionalOrder,
  degradedLast,
  DEFAULT_STAGES,
  countryOrder,
  localizedText,
  inkFor,
  type OfferedMethod,
  type OfferedMethodsInput,
  type MethodListStage,
  type MethodName,
  type MethodIcon,
  type CardBrand,
} from './offered.js';
export {
  orderingStages,
  merchantRules,
  hideMethods,
  groupMethods,
  pinMethods,
  experimentOrder,
  lastUsedFirst,
  type OrderingInput,
} from './ordering.js';
export { layoutMethods, groupOf, searchKey, METHOD_GROUPS, FLAT_LIMIT, TOP_COUNT, type MethodGroup, type MethodLayout } from './layout.js';
export { GENERIC_NAMES, type AmountRule, type CatalogMethod, type Countries, type Currencies, type Flow, type GenericName } from './types.js';
