/**
 * The whole catalog at once, for the docs generator and tests. Not imported by
 * the runtime: pages load only their buyer's region (see `loadCatalog`).
 */
import { GLOBAL_METHODS, REGIONS, type Region } from './global.js';
import { createCatalog, type Catalog, type RegionData } from './registry.js';
import * as europe from './regions/europe.js';
import * as americas from './regions/americas.js';
import * as asiaPacific from './regions/asia-pacific.js';
import * as middleEastAfrica from './regions/middle-east-africa.js';
import type { CatalogMethod } from './types.js';

export const REGION_DATA: Readonly<Record<Region, RegionData>> = {
  europe,
  americas,
  'asia-pacific': asiaPacific,
  'middle-east-africa': middleEastAfrica,
};

/** Every method, global ones first, then region by region. */
export const ALL_METHODS: readonly CatalogMethod[] = [...GLOBAL_METHODS, ...REGIONS.flatMap((region) => REGION_DATA[region].METHODS)];

/** Every country's order, by country code. */
export const ALL_COUNTRY_ORDERS: Readonly<Record<string, readonly string[]>> = Object.assign(
  {},
  ...REGIONS.map((region) => REGION_DATA[region].COUNTRY_ORDER),
) as Record<string, readonly string[]>;

/** Every region at once, as `loadCatalog()` would return it once every chunk arrived. */
export const FULL_CATALOG: Catalog = createCatalog(REGION_DATA);
