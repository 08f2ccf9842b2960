/**
 * Region data loads lazily. Until the buyer's region is there, the list keeps
 * the backend's order (nothing is reordered on a guess); afterwards it follows
 * the country. node:test runs each file in its own process, so nothing here is
 * loaded in advance.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { catalogMethod, isCatalogReady, loadCatalog } from './registry.js';
import { offeredMethods } from './offered.js';

const NL = { offers: [{ id: 'card', type: 'card' as const }, { id: 'ideal', type: 'bank_redirect' as const }], country: 'NL', amount: { value: 4200, currency: 'EUR' } };

describe('lazy catalog regions', () => {
  it('starts with only the global methods and keeps the backend order until the region arrives', async () => {
    assert.equal(isCatalogReady('NL'), false);
    assert.equal(catalogMethod('ideal'), undefined);
    assert.ok(catalogMethod('card'));
    assert.deepEqual(offeredMethods(NL).map((m) => m.id), ['card', 'ideal']);

    const loading = [loadCatalog('NL'), loadCatalog('de')];
    assert.deepEqual(await Promise.all(loading), [true, true]);
    assert.equal(isCatalogReady('NL'), true);
    assert.equal(isCatalogReady('DE'), true);
    assert.equal(catalogMethod('ideal')?.name, 'iDEAL');
    assert.deepEqual(offeredMethods(NL).map((m) => m.id), ['ideal', 'card']);
  });

  it('loads only the buyer’s region', async () => {
    assert.equal(isCatalogReady('BR'), false);
    assert.equal(catalogMethod('pix'), undefined);
    await loadCatalog('BR');
    assert.equal(catalogMethod('pix')?.type, 'qr');
    assert.equal(catalogMethod('gopay'), undefined, 'Asia-Pacific was not loaded for a Brazilian buyer');
  });

  it('is ready at once for a country without a region, and loads every region when no country is given', async () => {
    assert.equal(isCatalogReady('AQ'), true);
    assert.equal(await loadCatalog('AQ'), true);
    assert.equal(isCatalogReady(), false);
    await loadCatalog();
    assert.equal(isCatalogReady(), true);
    assert.ok(catalogMethod('gopay') && catalogMethod('mada') && catalogMethod('twint'));
  });
});
