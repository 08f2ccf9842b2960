import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { luhnValid, maskCardNumbers } from './card-mask.js';

describe('maskCardNumbers', () => {
  it('masks Luhn-valid 13–19 digit runs, keeping the last four digits and the separators', () => {
    assert.deepEqual(maskCardNumbers('my card is 4242 4242 4242 4242 ok?'), { text: 'my card is •••• •••• •••• 4242 ok?', masked: 1 });
    assert.deepEqual(maskCardNumbers('5555-5555-5555-4444'), { text: '••••-••••-••••-4444', masked: 1 });
    assert.equal(maskCardNumbers('378282246310005').text, '•••••••••••0005', 'Amex, 15 digits');
    assert.equal(maskCardNumbers('6011111111111117 and 4111111111111111').masked, 2);
  });
  it('leaves order numbers, phone numbers and Luhn-invalid runs alone', () => {
    for (const text of ['order 1234567890123', '+66 81 234 5678', '4242 4242 4242 4241', '12345678901234567890123', 'tracking 4242424242424242424242']) {
      assert.equal(maskCardNumbers(text).text, text, text);
    }
  });
  it('checks Luhn', () => {
    assert.equal(luhnValid('79927398713'), true);
    assert.equal(luhnValid('79927398710'), false);
    assert.equal(luhnValid(''), false);
  });
});
