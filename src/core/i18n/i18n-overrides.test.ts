// Store overrides (addMessages) and the Storybook pseudo-locale, which both register messages outside the lazy chunks.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addMessages, isLocaleLoaded, loadLocale, translate } from './i18n.js';
import { PSEUDO_LOCALE, directionOf, fallbackChain, resolveLocale } from './locales.js';

describe('i18n overrides and pseudo-locale', () => {
  it('a store override registered before the locale loads does not block the rest of the locale', async () => {
    addMessages('tr', 'checkout', { pay: 'Satın al: {{amount}}' });
    assert.equal(isLocaleLoaded('tr'), false);
    assert.equal(await loadLocale('tr'), true);
    assert.equal(translate('tr', 'checkout:pay', { amount: '₺50' }), 'Satın al: ₺50');
    assert.equal(translate('tr', 'checkout:unavailable.title'), 'Şu anda ödeme alınamıyor');
  });
  it('the pseudo-locale is selectable and falls back to English', () => {
    assert.deepEqual(fallbackChain('en-XA'), ['en-XA', 'en']);
    assert.equal(resolveLocale(['en-XA', 'de']), PSEUDO_LOCALE);
    assert.equal(directionOf('en-XA'), 'ltr');
  });
});
