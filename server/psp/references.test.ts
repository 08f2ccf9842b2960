import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { crc16, qrPayload } from './qr.js';
import { boleto, clabe, dueDateFactor, mod10, mod11, voucherAction } from './vouchers.js';

describe('QR payloads', () => {
  it('computes CRC-16/CCITT-FALSE', () => {
    assert.equal(crc16('123456789'), '29B1');
  });

  it('builds an EMV payload whose TLV fields parse and whose CRC checks out', () => {
    const payload = qrPayload({ method: 'promptpay', paymentId: 'pay_abc', amountMinor: 123450, currency: 'THB', minorUnits: 2, country: 'TH' });
    const fields = new Map<string, string>();
    for (let i = 0; i < payload.length; ) {
      const tag = payload.slice(i, i + 2);
      const length = Number(payload.slice(i + 2, i + 4));
      fields.set(tag, payload.slice(i + 4, i + 4 + length));
      i += 4 + length;
    }
    assert.equal(fields.get('53'), '764');
    assert.equal(fields.get('54'), '1234.50');
    assert.equal(fields.get('58'), 'TH');
    assert.match(fields.get('29') ?? '', /A000000677010111/);
    assert.equal(crc16(payload.slice(0, -4)), payload.slice(-4));
  });

  it('uses the currency\'s minor units for the amount', () => {
    const payload = qrPayload({ method: 'qris', paymentId: 'pay_x', amountMinor: 5000, currency: 'JPY', minorUnits: 0, country: 'JP' });
    assert.match(payload, /54045000/);
  });
});

describe('voucher references', () => {
  it('Boleto: 44-digit barcode and 47-digit line with valid check digits', () => {
    const due = new Date(Date.UTC(2025, 1, 22));
    assert.equal(dueDateFactor(due), '1000');
    assert.equal(dueDateFactor(new Date(Date.UTC(2025, 1, 21))), '9999');
    const { barcode, line } = boleto('pay_seed', 12345, due);
    assert.match(barcode, /^[0-9]{44}$/);
    assert.match(line, /^[0-9]{47}$/);
    assert.equal(Number(barcode[4]), mod11(barcode.slice(0, 4) + barcode.slice(5)));
    assert.equal(barcode.slice(5, 9), '1000');
    assert.equal(barcode.slice(9, 19), '0000012345');
    assert.equal(Number(line[9]), mod10(line.slice(0, 9)));
    assert.equal(Number(line[20]), mod10(line.slice(10, 20)));
    assert.equal(Number(line[31]), mod10(line.slice(21, 31)));
    // The line is a rearrangement of the barcode.
    assert.equal(line.slice(0, 4) + line[32] + line.slice(33) + line.slice(4, 9) + line.slice(10, 20) + line.slice(21, 31), barcode);
  });

  it('mod10 follows the FEBRABAN example', () => {
    assert.equal(mod10('001905009'), 5);
  });

  it('CLABE carries its weighted check digit', () => {
    const value = clabe('pay_seed');
    assert.match(value, /^646180[0-9]{12}$/);
    const weights = [3, 7, 1];
    const sum = [...value.slice(0, 17)].reduce((acc, d, i) => acc + ((Number(d) * weights[i % 3]!) % 10), 0);
    assert.equal(Number(value[17]), (10 - (sum % 10)) % 10);
  });

  it('konbini, OXXO and Multibanco references have their usual shapes and are stable per payment', () => {
    const input = { paymentId: 'pay_1', amountMinor: 5000, expiresAt: new Date(0), locale: 'ja-JP' };
    const konbini = voucherAction({ ...input, method: 'konbini' });
    assert.equal(konbini.kind, 'konbini');
    assert.match(konbini.reference, /^[0-9]{11}$/);
    assert.match(konbini.instructions ?? '', /支払番号/);
    assert.deepEqual(voucherAction({ ...input, method: 'konbini' }), konbini);
    const oxxo = voucherAction({ ...input, method: 'oxxo', locale: 'es-MX' });
    assert.match(oxxo.reference, /^[0-9]{14}$/);
    assert.equal(oxxo.barcode, oxxo.reference);
    assert.match(oxxo.instructions ?? '', /OXXO/);
    // No text in the buyer's language: no instructions rather than English on a Thai page.
    assert.equal(voucherAction({ ...input, method: 'bank_transfer', locale: 'th' }).instructions, undefined);
    assert.match(voucherAction({ ...input, method: 'bank_transfer', locale: 'ja' }).instructions ?? '', /振り込み/);
    assert.match(voucherAction({ ...input, method: 'multibanco' }).reference, /^Entidade [0-9]{5} · Ref\. [0-9]{3} [0-9]{3} [0-9]{3}$/);
  });
});
