import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { barcodePath, interleaved2of5, type Barcode } from './itf.js';
import { copyableReference, formatBoletoLine } from './voucher-format.js';

/** An independent reader: element widths back to digits, the way a scanner does it. */
function decode(barcode: Barcode, wide = 3): string {
  const widths: number[] = [];
  barcode.bars.forEach((bar, i) => {
    widths.push(bar.width);
    const next = barcode.bars[i + 1];
    if (next) widths.push(next.x - bar.x - bar.width);
  });
  assert.deepEqual(widths.slice(0, 4), [1, 1, 1, 1], 'start pattern');
  assert.deepEqual(widths.slice(-3), [wide, 1, 1], 'stop pattern');
  const body = widths.slice(4, -3);
  const table = ['00110', '10001', '01001', '11000', '00101', '10100', '01100', '00011', '10010', '01010'];
  let out = '';
  for (let i = 0; i < body.length; i += 10) {
    const chunk = body.slice(i, i + 10).map((w) => (w === wide ? '1' : '0'));
    const bars = chunk.filter((_, k) => k % 2 === 0).join('');
    const spaces = chunk.filter((_, k) => k % 2 === 1).join('');
    out += String(table.indexOf(bars)) + String(table.indexOf(spaces));
  }
  return out;
}

describe('interleaved2of5', () => {
  it('encodes a pair as bars and spaces with start, stop and quiet zones', () => {
    const code = interleaved2of5('12')!;
    // quiet 10 + start 4 + pair 18 + stop 5 + quiet 10
    assert.equal(code.width, 47);
    assert.deepEqual(code.bars.slice(0, 2), [{ x: 10, width: 1 }, { x: 12, width: 1 }]);
    assert.equal(decode(code), '12');
  });

  it('round-trips any digit string (odd lengths get a leading zero)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,64}$/), fc.constantFrom(2, 3), (digits, wide) => {
        const code = interleaved2of5(digits, { wide })!;
        assert.equal(decode(code, wide), digits.length % 2 ? `0${digits}` : digits);
      }),
    );
  });

  it('encodes a 44-digit boleto barcode at the standard width', () => {
    const code = interleaved2of5('23791843400000123453381260000000000400000000')!;
    assert.equal(code.bars.length, 2 + 44 * 5 / 2 + 2);
    assert.equal(code.width, 10 + 4 + 22 * 18 + 5 + 10);
  });

  it('refuses anything but digits', () => {
    assert.equal(interleaved2of5('12a4'), null);
    assert.equal(interleaved2of5(''), null);
  });

  it('draws one rectangle per bar', () => {
    const path = barcodePath(interleaved2of5('00')!, 50);
    assert.equal(path.match(/M/g)?.length, 2 + 5 + 2);
    assert.ok(path.startsWith('M10 0h1v50h-1z'));
  });
});

describe('voucher references', () => {
  it('groups a 47-digit boleto line as printed', () => {
    assert.equal(
      formatBoletoLine('23793381286000000000300000004001843400000123453'),
      '23793.38128 60000.000003 00000.004001 8 43400000123453',
    );
    assert.equal(formatBoletoLine('836200000005 667800481000 180975657313 001589636081'), '836200000005 667800481000 180975657313 001589636081');
  });

  it('copies digits only', () => {
    assert.equal(copyableReference('23793.38128 60000.000003'), '237933812860000000003');
    assert.equal(copyableReference(' ABC-123 '), 'ABC-123');
  });
});
