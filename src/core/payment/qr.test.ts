import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { qrPath } from './qr.js';

/** The dark cells of a path, as "x,y" strings. */
function cells(path: string): Set<string> {
  const out = new Set<string>();
  for (const [, x, y, w] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let i = 0; i < Number(w); i++) out.add(`${Number(x) + i},${y}`);
  }
  return out;
}

function hasFinder(dark: Set<string>, left: number, top: number): boolean {
  for (let i = 0; i < 7; i++) {
    for (const [x, y] of [[left + i, top], [left + i, top + 6], [left, top + i], [left + 6, top + i]] as const) {
      if (!dark.has(`${x},${y}`)) return false;
    }
  }
  return !dark.has(`${left + 1},${top + 1}`) && dark.has(`${left + 3},${top + 3}`);
}

describe('qrPath', () => {
  const pix = '00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D';

  it('draws the three finder patterns inside a four-module quiet zone', () => {
    const qr = qrPath(pix)!;
    const dark = cells(qr.path);
    const inner = qr.size - 8;
    assert.equal((inner - 17) % 4, 0, 'a valid QR version size');
    assert.ok(hasFinder(dark, 4, 4) && hasFinder(dark, 4 + inner - 7, 4) && hasFinder(dark, 4, 4 + inner - 7));
    assert.ok(![...dark].some((cell) => cell.split(',').some((n) => Number(n) < 4 || Number(n) >= qr.size - 4)));
  });

  it('encodes text as UTF-8, so accented merchant names are kept', () => {
    const a = qrPath('5915São Paulo Ltda')!;
    const b = qrPath('5915Sco Paulo Ltda')!;
    const latin = qrPath('5915S\u00e3o Paulo Ltda'.normalize('NFD'))!;
    assert.notEqual(a.path, b.path);
    assert.notEqual(a.path, latin.path);
  });

  it('is deterministic and refuses what no QR version can hold', () => {
    assert.equal(qrPath(pix)!.path, qrPath(pix)!.path);
    assert.equal(qrPath('x'.repeat(5000)), null);
  });
});
