import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestServers, type TestServers } from '../test-support.js';
import { cacheControlFor, etagOf, IMMUTABLE, matchesIfNoneMatch, REVALIDATE } from './cache-headers.js';

describe('cacheControlFor', () => {
  it('caches hashed chunks for a year, immutable', () => {
    for (const path of ['/dist/chunks/core-CBXaCU1O.js', '/dist/chunks/ko-payment-_c4YZUh5.js', '/dist/chunks/es-MX-B65WrIdO.js']) {
      assert.equal(cacheControlFor(path), IMMUTABLE, path);
    }
  });
  it('revalidates the entry, HTML, source maps, library builds and anything without a hash', () => {
    for (const path of ['/dist/checkout-kit.js', '/', '/index.html', '/dist/chunks/core-CBXaCU1O.js.map', '/dist/lib/index.js', '/dist/chunks/core.js', '/demo/store.css']) {
      assert.equal(cacheControlFor(path), REVALIDATE, path);
    }
  });
});

describe('ETags', () => {
  it('differ per content coding and match weakly in If-None-Match lists', () => {
    assert.notEqual(etagOf('abc', 'br'), etagOf('abc', 'gzip'));
    assert.equal(etagOf('abc', 'identity'), '"abc"');
    assert.ok(matchesIfNoneMatch('"x", W/"abc-br"', etagOf('abc', 'br')));
    assert.ok(matchesIfNoneMatch('*', '"anything"'));
    assert.ok(!matchesIfNoneMatch('"abc"', etagOf('abc', 'br')));
    assert.ok(!matchesIfNoneMatch(null, '"abc"'));
  });
});

describe('the store serves static files with cache headers', () => {
  let servers: TestServers;
  before(async () => {
    servers = await startTestServers();
    const chunks = join(servers.dir, 'store', 'dist', 'chunks');
    mkdirSync(chunks, { recursive: true });
    writeFileSync(join(chunks, 'core-Ab_d12-4.js'), `export const x = "${'y'.repeat(2000)}";\n`);
  });
  after(() => servers.dispose());

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${servers.storeUrl}${path}`, { headers });

  it('hashed chunk: immutable for a year, with an ETag', async () => {
    const response = await get('/dist/chunks/core-Ab_d12-4.js', { 'Accept-Encoding': 'br' });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.match(response.headers.get('etag') ?? '', /^"[\w-]{22}-br"$/);
    await response.arrayBuffer();
  });

  for (const path of ['/dist/checkout-kit.js', '/', '/index.html']) {
    it(`${path}: revalidated on each use, 304 when the ETag still matches, 200 when it does not`, async () => {
      const first = await get(path);
      assert.equal(first.status, 200);
      assert.equal(first.headers.get('cache-control'), 'no-cache');
      const etag = first.headers.get('etag');
      assert.ok(etag);
      await first.arrayBuffer();
      const again = await get(path, { 'If-None-Match': etag });
      assert.equal(again.status, 304);
      assert.equal(again.headers.get('etag'), etag);
      assert.equal((await again.arrayBuffer()).byteLength, 0);
      const stale = await get(path, { 'If-None-Match': '"an-old-build"' });
      assert.equal(stale.status, 200);
      await stale.arrayBuffer();
    });
  }

  it('keeps the security headers and 404s on what is not served', async () => {
    const response = await get('/dist/chunks/core-Ab_d12-4.js');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    await response.arrayBuffer();
    const missing = await get('/dist/chunks/gone-Ab_d12-4.js');
    assert.equal(missing.status, 404);
    await missing.arrayBuffer();
  });
});
