import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startTestServers, type TestServers } from '../test-support.js';
import { CompressionCache, isCompressible, negotiateEncoding } from './compression.js';

/** A raw GET: node's fetch would decode the body, and we want the bytes on the wire. */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('negotiateEncoding', () => {
  const cases: Array<[string | undefined, string]> = [
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0.5, gzip;q=0.8', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['BR', 'br'],
    ['x-gzip', 'gzip'],
    ['*', 'br'],
    ['*;q=0, identity;q=0.1', 'identity'],
    ['deflate', 'identity'],
    ['gzip;q=0, br;q=0', 'identity'],
    ['gzip;q=abc, br;q=0.2', 'br'],
  ];
  for (const [header, expected] of cases) {
    it(`${JSON.stringify(header)} → ${expected}`, () => assert.equal(negotiateEncoding(header), expected));
  }
});

describe('isCompressible', () => {
  it('compresses text, JS, JSON and SVG, not images or fonts', () => {
    for (const type of ['text/javascript; charset=utf-8', 'text/html; charset=utf-8', 'application/json; charset=utf-8', 'image/svg+xml']) {
      assert.ok(isCompressible(type), type);
    }
    for (const type of ['image/png', 'font/woff2', 'application/octet-stream']) assert.ok(!isCompressible(type), type);
  });
});

describe('CompressionCache', () => {
  it('compresses once per file version and again when the file changes', async () => {
    const cache = new CompressionCache();
    const body = Buffer.from('const x = 1;\n'.repeat(500));
    const first = cache.encode('/a.js', '1:100', body, 'br');
    assert.equal(cache.encode('/a.js', '1:100', body, 'br'), first, 'the same promise is reused');
    assert.deepEqual(brotliDecompressSync(await first), body);
    const changed = Buffer.from('const y = 2;\n'.repeat(500));
    const second = await cache.encode('/a.js', '2:100', changed, 'br');
    assert.deepEqual(brotliDecompressSync(second), changed);
    assert.deepEqual(gunzipSync(await cache.encode('/a.js', '2:100', changed, 'gzip')), changed);
  });

  it('keeps at most maxFiles files, dropping the least recently used', async () => {
    const cache = new CompressionCache(2);
    const body = Buffer.from('x'.repeat(1000));
    const a = cache.encode('/a', 'v', body, 'gzip');
    await cache.encode('/b', 'v', body, 'gzip');
    assert.equal(cache.encode('/a', 'v', body, 'gzip'), a, '/a used again: now the most recent');
    await cache.encode('/c', 'v', body, 'gzip');
    assert.equal(cache.size, 2);
    assert.equal(cache.encode('/a', 'v', body, 'gzip'), a, '/b was dropped, not /a');
    await a;
  });
});

describe('the store serves static files compressed', () => {
  let servers: TestServers;
  let chunk: Buffer;
  before(async () => {
    servers = await startTestServers();
    const chunks = join(servers.dir, 'store', 'dist', 'chunks');
    mkdirSync(chunks, { recursive: true });
    chunk = Buffer.from(Array.from({ length: 400 }, (_, i) => `export const value${i} = "${'abc'.repeat(i % 7)}";\n`).join(''));
    writeFileSync(join(chunks, 'core-Ab_d12-4.js'), chunk);
    writeFileSync(join(servers.dir, 'store', 'demo', 'logo.png'), Buffer.alloc(4096, 7));
  });
  after(() => servers.dispose());

  const url = (path: string) => `${servers.storeUrl}${path}`;

  it('sends brotli when accepted, smaller than gzip, which is smaller than the file', async () => {
    const br = await rawGet(url('/dist/chunks/core-Ab_d12-4.js'), { 'Accept-Encoding': 'gzip, deflate, br' });
    assert.equal(br.status, 200);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(br.headers['vary'], 'Accept-Encoding');
    assert.deepEqual(brotliDecompressSync(br.body), chunk);
    const gz = await rawGet(url('/dist/chunks/core-Ab_d12-4.js'), { 'Accept-Encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.deepEqual(gunzipSync(gz.body), chunk);
    assert.ok(br.body.length < gz.body.length && gz.body.length < chunk.length, `${br.body.length} < ${gz.body.length} < ${chunk.length}`);
  });

  it('sends the file as it is without Accept-Encoding, still with Vary', async () => {
    const plain = await rawGet(url('/dist/chunks/core-Ab_d12-4.js'));
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.headers['vary'], 'Accept-Encoding');
    assert.deepEqual(plain.body, chunk);
  });

  it('serves a rebuilt file with its new bytes, not the cached compression', async () => {
    const file = join(servers.dir, 'store', 'dist', 'chunks', 'core-Ab_d12-4.js');
    const before = await rawGet(url('/dist/chunks/core-Ab_d12-4.js'), { 'Accept-Encoding': 'br' });
    const rebuilt = Buffer.concat([chunk, Buffer.from('export const added = 1;\n')]);
    writeFileSync(file, rebuilt);
    utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    const after = await rawGet(url('/dist/chunks/core-Ab_d12-4.js'), { 'Accept-Encoding': 'br' });
    assert.deepEqual(brotliDecompressSync(after.body), rebuilt);
    assert.notEqual(after.headers['etag'], before.headers['etag']);
    writeFileSync(file, chunk);
  });

  it('leaves images and tiny files uncompressed', async () => {
    const png = await rawGet(url('/demo/logo.png'), { 'Accept-Encoding': 'br, gzip' });
    assert.equal(png.headers['content-encoding'], undefined);
    assert.equal(png.headers['vary'], undefined);
    assert.equal(png.body.length, 4096);
    const tiny = await rawGet(url('/dist/checkout-kit.js'), { 'Accept-Encoding': 'br, gzip' });
    assert.equal(tiny.headers['content-encoding'], undefined);
    assert.equal(tiny.body.toString(), readFileSync(join(servers.dir, 'store', 'dist', 'checkout-kit.js'), 'utf8'));
  });
});
