import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkActionUrl, checkDeepLink } from './action-url.js';

describe('checkActionUrl', () => {
  it('accepts https', () => {
    assert.deepEqual(checkActionUrl('https://bank.example/pay?id=1', false), { ok: true, url: 'https://bank.example/pay?id=1' });
  });

  it('accepts http on loopback only in sandbox', () => {
    for (const url of ['http://127.0.0.1:8787/psp/redirect', 'http://localhost:3000/x', 'http://[::1]/x']) {
      assert.equal(checkActionUrl(url, true).ok, true, url);
      assert.equal(checkActionUrl(url, false).ok, false, url);
    }
    assert.equal(checkActionUrl('http://bank.example/pay', true).ok, false);
    assert.equal(checkActionUrl('http://127.0.0.1.evil.example/', true).ok, false);
  });

  it('refuses script, data, credentials and garbage', () => {
    assert.deepEqual(checkActionUrl('javascript:alert(1)', true), { ok: false, reason: 'scheme' });
    assert.deepEqual(checkActionUrl('JaVaScRiPt:alert(1)', true), { ok: false, reason: 'scheme' });
    assert.deepEqual(checkActionUrl('data:text/html,<script>alert(1)</script>', true), { ok: false, reason: 'scheme' });
    assert.deepEqual(checkActionUrl('https://user:pw@bank.example/', false), { ok: false, reason: 'credentials' });
    assert.deepEqual(checkActionUrl('/relative', false), { ok: false, reason: 'invalid' });
  });
});

describe('checkDeepLink', () => {
  it('accepts https and app schemes', () => {
    assert.equal(checkDeepLink('https://nubank.com.br/pix?x=1', false).ok, true);
    assert.equal(checkDeepLink('picpay://pix/pay?code=000201', false).ok, true);
  });

  it('refuses schemes a browser runs or renders', () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,x', 'blob:https://a/b', 'file:///etc/passwd', 'http://wallet.example/']) {
      assert.equal(checkDeepLink(url, false).ok, false, url);
    }
  });
});
