/**
 * The catalog as a value: the global methods, plus the regions a buyer
 * country needs once `loadCatalog` fetched them. Every ordering function takes
 * a `Catalog` as input, so the list a buyer sees is a pure function of the
 * session and the catalog handed in, never of what some other element on the
 * page happened to load before.
 */
import { GLOBAL_METHODS, REGION_OF, REGIONS, type Region } from './global.js';
import type { CatalogMethod } from './types.js';

/** What a region module exports. */
export interface RegionData {
  readonly METHODS: readonly CatalogMethod[];
  readonly COUNTRY_ORDER: Readonly<Record<string, readonly string[]>>;
}

/** An immutable view of the catalog data at hand: the global methods and some regions. */
export interface Catalog {
  /** The catalog record of a method id, if this catalog knows it. */
  method(id: string): CatalogMethod | undefined;
  /** Fallback rank of a known method: global ones first, then by region and position. */
  rank(id: string): number;
  /** A country's own order, if its region is part of this catalog. */
  countryOrder(country: string): readonly string[] | undefined;
  /**
   * True when this catalog holds everything `country` needs (always for a
   * country without a region; every region when no country is given).
   */
  covers(country?: string | null): boolean;
}

/** The regions a buyer country needs: its own, or all of them when the country is not given. */
function regionsFor(country: string | null | undefined): Region[] {
  if (!country) return [...REGIONS];
  const region = REGION_OF[country.toUpperCase()];
  return region ? [region] : [];
}

/** Builds a catalog from the global methods and the given regions' data. */
export function createCatalog(regions: Partial<Readonly<Record<Region, RegionData>>>): Catalog {
  const methods = new Map<string, CatalogMethod>(GLOBAL_METHODS.map((method) => [method.id, method]));
  // Global methods first, then each region's in REGIONS order, whatever order regions arrived in.
  const ranks = new Map<string, number>(GLOBAL_METHODS.map((method, index) => [method.id, index]));
  const orders = new Map<string, readonly string[]>();
  const present = new Set<Region>();
  REGIONS.forEach((region, regionIndex) => {
    const data = regions[region];
    if (!data) return;
    present.add(region);
    data.METHODS.forEach((method, index) => {
      methods.set(method.id, method);
      ranks.set(method.id, 1000 * (regionIndex + 1) + index);
    });
    for (const [country, order] of Object.entries(data.COUNTRY_ORDER)) orders.set(country, order);
  });
  return {
    method: (id) => methods.get(id),
    rank: (id) => ranks.get(id) ?? Number.MAX_SAFE_INTEGER,
    countryOrder: (country) => orders.get(country.toUpperCase()),
    covers: (country) => regionsFor(country).every((region) => present.has(region)),
  };
}

/** Only the global methods: what is known before any region arrived. */
export const GLOBAL_CATALOG: Catalog = createCatalog({});

// Literal import() calls so bundlers emit one lazy chunk per region.
const loaders: Record<Region, () => Promise<RegionData>> = {
  europe: () => import('./regions/europe.js'),
  americas: () => import('./regions/americas.js'),
  'asia-pacific': () => import('./regions/asia-pacific.js'),
  'middle-east-africa': () => import('./regions/middle-east-africa.js'),
};

/**
 * Region chunks fetched so far, shared by every caller on the page. A cache of
 * immutable data: it changes how fast a catalog arrives, never what it holds.
 * A failed fetch is dropped so that a later call tries again.
 */
const requests = new Map<Region, Promise<RegionData | null>>();

function fetchRegion(region: Region): Promise<RegionData | null> {
  let request = requests.get(region);
  if (!request) {
    request = loaders[region]().then(
      (data) => data,
      () => {
        requests.delete(region);
        return null;
      },
    );
    requests.set(region, request);
  }
  return request;
}

/**
 * The catalog a buyer country needs (every region when `country` is not
 * given). Never rejects: a region chunk that cannot be fetched is left out,
 * and the returned catalog's `covers(country)` says so; ordering then keeps
 * the backend's order rather than guessing.
 */
export async function loadCatalog(country?: string | null): Promise<Catalog> {
  const wanted = regionsFor(country);
  if (!wanted.length) return GLOBAL_CATALOG;
  const loaded = await Promise.all(wanted.map(async (region) => [region, await fetchRegion(region)] as const));
  const regions: Partial<Record<Region, RegionData>> = {};
  for (const [region, data] of loaded) if (data) regions[region] = data;
  return createCatalog(regions);
}
