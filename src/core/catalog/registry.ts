/**
 * The catalog as currently loaded: the global methods from the start, each
 * region's methods and country orders once `loadCatalog` fetched them. Lookups
 * are synchronous so ordering stays a pure function of what is loaded.
 */
import { GLOBAL_METHODS, REGION_OF, REGIONS, type Region } from './global.js';
import type { CatalogMethod } from './types.js';

/** What a region module exports. */
export interface RegionData {
  readonly METHODS: readonly CatalogMethod[];
  readonly COUNTRY_ORDER: Readonly<Record<string, readonly string[]>>;
}

// Literal import() calls so bundlers emit one lazy chunk per region.
const loaders: Record<Region, () => Promise<RegionData>> = {
  europe: () => import('./regions/europe.js'),
  americas: () => import('./regions/americas.js'),
  'asia-pacific': () => import('./regions/asia-pacific.js'),
  'middle-east-africa': () => import('./regions/middle-east-africa.js'),
};

const methods = new Map<string, CatalogMethod>(GLOBAL_METHODS.map((method) => [method.id, method]));
// Global methods first, then each region's in REGIONS order, whatever order regions load in.
const ranks = new Map<string, number>(GLOBAL_METHODS.map((method, index) => [method.id, index]));
const orders = new Map<string, readonly string[]>();
const loaded = new Set<Region>();
const pending = new Map<Region, Promise<boolean>>();

/** Adds a region's data. Idempotent; `loadCatalog` calls it, tests and the docs generator may call it directly. */
export function registerRegion(region: Region, data: RegionData): void {
  if (loaded.has(region)) return;
  const base = 1000 * (REGIONS.indexOf(region) + 1);
  data.METHODS.forEach((method, index) => {
    methods.set(method.id, method);
    ranks.set(method.id, base + index);
  });
  for (const [country, order] of Object.entries(data.COUNTRY_ORDER)) orders.set(country, order);
  loaded.add(region);
}

/** The regions a buyer country needs: its own, or all of them when the country is not given. */
function regionsFor(country: string | null | undefined): Region[] {
  if (!country) return [...REGIONS];
  const region = REGION_OF[country.toUpperCase()];
  return region ? [region] : [];
}

/** True when everything the buyer's country needs is loaded (always for countries without a region). */
export function isCatalogReady(country?: string | null): boolean {
  return regionsFor(country).every((region) => loaded.has(region));
}

/**
 * Loads the catalog data a buyer country needs (every region when `country`
 * is not given). Concurrent callers share the request; resolves `false`
 * instead of rejecting when a chunk cannot be fetched, and a later call
 * tries again. Until it resolves, `offeredMethods` keeps the backend's order.
 */
export async function loadCatalog(country?: string | null): Promise<boolean> {
  const results = await Promise.all(
    regionsFor(country).map((region) => {
      if (loaded.has(region)) return true;
      let request = pending.get(region);
      if (!request) {
        request = loaders[region]()
          .then((data) => {
            registerRegion(region, data);
            return true;
          })
          .catch(() => false)
          .finally(() => pending.delete(region));
        pending.set(region, request);
      }
      return request;
    }),
  );
  return results.every(Boolean);
}

/** The catalog record of a method id, if the loaded catalog knows it. */
export function catalogMethod(id: string): CatalogMethod | undefined {
  return methods.get(id);
}

/** Fallback rank of a known method: global ones first, then by region and position. */
export function catalogRank(id: string): number {
  return ranks.get(id) ?? Number.MAX_SAFE_INTEGER;
}

/** A loaded country's own order, if it has one. */
export function loadedCountryOrder(country: string): readonly string[] | undefined {
  return orders.get(country.toUpperCase());
}
