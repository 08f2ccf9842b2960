/**
 * Region data loads lazily. A catalog is a value: until the buyer's region is
 * in it, the list keeps the backend's order (nothing is reordered on a guess);
 * a catalog that holds the region follows the country. node:test runs each
 * file in its own process, so nothing here is loaded in advance.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GLOBAL_CATALOG, loadCatalog } from './registry.js';
import { offeredMethods } from './offered.js';

const NL = { offers: [{ id: 'card', type: 'card' as const }, { id: 'ideal', type: 'bank_redirect' as const }], country: 'NL', amount: { value: 4200, currency: 'EUR' } };

describe('lazy catalog regions', () => {
  it('starts with only the global methods and keeps the backend order until the region arrives', async () => {
    assert.equal(GLOBAL_CATALOG.covers('NL'), false);
    assert.equal(GLOBAL_CATALOG.method('ideal'), undefined);
    assert.ok(GLOBAL_CATALOG.method('card'));
    assert.deepEqual(offeredMethods({ ...NL, catalog: GLOBAL_CATALOG }).map((m) => m.id), ['card', 'ideal']);

    const [nl, de] = await Promise.all([loadCatalog('NL'), loadCatalog('de')]);
    assert.equal(nl.covers('NL'), true);
    assert.equal(de.covers('DE'), true);
    assert.equal(nl.method('ideal')?.name, 'iDEAL');
    assert.deepEqual(offeredMethods({ ...NL, catalog: nl }).map((m) => m.id), ['ideal', 'card']);
    // A value, not a registry: what one caller loaded does not change another caller's catalog.
    assert.equal(GLOBAL_CATALOG.method('ideal'), undefined);
    assert.deepEqual(offeredMethods({ ...NL, catalog: GLOBAL_CATALOG }).map((m) => m.id), ['card', 'ideal']);
  });

  it('loads only the buyer country region', async () => {
    const br = await loadCatalog('BR');
    assert.equal(br.method('pix')?.type, 'qr');
    assert.equal(br.method('gopay'), undefined, 'Asia-Pacific was not loaded for a Brazilian buyer');
    assert.equal(br.covers('ID'), false);
  });

  it('is complete at once for a country without a region, and loads every region when no country is given', async () => {
    assert.equal(GLOBAL_CATALOG.covers('AQ'), true);
    assert.equal((await loadCatalog('AQ')).covers('AQ'), true);
    assert.equal(GLOBAL_CATALOG.covers(), false);
    const all = await loadCatalog();
    assert.equal(all.covers(), true);
    assert.ok(all.method('gopay') && all.method('mada') && all.method('twint'));
  });

  it('ranks global methods first, then region by region, whatever order regions arrived in', async () => {
    const [apac, europe] = await Promise.all([loadCatalog('ID'), loadCatalog('NL')]);
    assert.ok(apac.rank('card') < apac.rank('gopay'));
    assert.ok(europe.rank('paypal') < europe.rank('ideal'));
    assert.equal(europe.rank('nonexistent'), Number.MAX_SAFE_INTEGER);
  });
});
