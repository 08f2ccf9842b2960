// The demo store's own script: cart, region switcher, the checkout mount and the sandbox panel.
// It uses checkout-kit only as a store would: attributes, properties and ck-* events.
import { storeLanguage, storeText } from './i18n.js';

const COUNTRIES = [
  ['US', 'United States', 'USD', 'en-US'], ['GB', 'United Kingdom', 'GBP', 'en-GB'], ['NL', 'Netherlands', 'EUR', 'nl'],
  ['DE', 'Germany', 'EUR', 'de'], ['FR', 'France', 'EUR', 'fr'], ['ES', 'Spain', 'EUR', 'es'], ['PL', 'Poland', 'PLN', 'pl'],
  ['ID', 'Indonesia', 'IDR', 'id'], ['TH', 'Thailand', 'THB', 'th'], ['MY', 'Malaysia', 'MYR', 'ms'],
  ['SG', 'Singapore', 'SGD', 'en-SG'], ['PH', 'Philippines', 'PHP', 'fil'], ['VN', 'Vietnam', 'VND', 'vi'],
  ['JP', 'Japan', 'JPY', 'ja'], ['KR', 'South Korea', 'KRW', 'ko'], ['CN', 'China', 'CNY', 'zh-CN'], ['TW', 'Taiwan', 'TWD', 'zh-TW'], ['HK', 'Hong Kong', 'HKD', 'zh-TW'], ['IN', 'India', 'INR', 'hi'],
  ['BR', 'Brazil', 'BRL', 'pt-BR'], ['MX', 'Mexico', 'MXN', 'es-MX'], ['SA', 'Saudi Arabia', 'SAR', 'ar'],
  ['AE', 'United Arab Emirates', 'AED', 'ar'], ['KW', 'Kuwait', 'KWD', 'ar'], ['TR', 'Türkiye', 'TRY', 'tr'],
];
const LANGUAGES = [
  ['', 'Automatic'], ['en', 'English'], ['zh-CN', '简体中文'], ['zh-TW', '繁體中文'], ['ja', '日本語'], ['ko', '한국어'],
  ['id', 'Bahasa Indonesia'], ['th', 'ไทย'], ['ms', 'Bahasa Melayu'], ['vi', 'Tiếng Việt'], ['fil', 'Filipino'],
  ['hi', 'हिन्दी'], ['pt-BR', 'Português (Brasil)'], ['es', 'Español'], ['es-MX', 'Español (México)'], ['fr', 'Français'],
  ['de', 'Deutsch'], ['nl', 'Nederlands'], ['pl', 'Polski'], ['tr', 'Türkçe'], ['ar', 'العربية'],
];
const STORAGE_KEY = 'atlas-oak-store';
/** The example themes in themes/ (file name, key of its name in i18n.js); '' is the built-in look. */
const THEMES = [['', 'themeStandard'], ['minimal', 'themeMinimal'], ['marketplace', 'themeMarketplace'], ['luxury-dark', 'themeLuxuryDark']];

/** The protocol's failure codes (docs/protocol.md), each a `decline:<code>` or `decline-once:<code>` scenario. */
const FAILURE_CODES = [
  'insufficient_funds', 'card_declined', 'expired_card', 'incorrect_cvc', 'authentication_failed', 'risk_blocked', 'limit_exceeded',
  'method_unavailable', 'issuer_unavailable', 'cancelled', 'expired', 'network_error', 'timeout', 'processing_error', 'store_limit',
];
/** Magic amounts: a total ending in these minor units picks the outcome when no scenario is set. */
const MAGIC_ENDINGS = [
  ...FAILURE_CODES.map((code, index) => [51 + index, `decline: ${code}`]),
  [70, 'pending'], [71, 'redirect'], [72, 'QR code'], [73, 'voucher'], [74, '3-D Secure'],
];

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const saved = readState();
const state = {
  country: params.get('country') ?? saved.country ?? 'US',
  language: params.get('lang') ?? saved.language ?? '',
  theme: params.get('theme') ?? saved.theme ?? '',
  cart: saved.cart ?? {},
  checkout: saved.checkout ?? null,
  products: [],
  currency: 'USD',
};

function readState() {
  try {
    return JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '{}');
  } catch {
    return {};
  }
}

function saveState() {
  const { country, language, theme, cart, checkout } = state;
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ country, language, theme, cart, checkout }));
}

function option(value, label, selected) {
  const element = document.createElement('option');
  element.value = value;
  element.textContent = label;
  element.selected = selected;
  return element;
}

function countryInfo() {
  return COUNTRIES.find(([code]) => code === state.country) ?? COUNTRIES[0];
}

function locale() {
  return state.language || countryInfo()[3];
}

/** The store's own words in the page's language. */
function t(key, values) {
  return storeText(locale(), key, values);
}

/** Puts the store's words on the static page (the sandbox panel stays English: it is a developer tool). */
function translatePage() {
  const lang = storeLanguage(locale());
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
  for (const element of document.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);
  for (const element of document.querySelectorAll('[data-i18n-label]')) element.setAttribute('aria-label', t(element.dataset.i18nLabel));
  const automatic = $('language').querySelector('option[value=""]');
  if (automatic) automatic.textContent = t('automatic');
  for (const [value, key] of THEMES) {
    const entry = $('theme').querySelector(`option[value="${value}"]`);
    if (entry) entry.textContent = t(key);
  }
  const link = document.createElement('a');
  link.href = 'https://www.npmjs.com/package/checkout-kit';
  link.textContent = 'checkout-kit';
  const [before, after = ''] = t('footer').split('{link}');
  $('footer-text').replaceChildren(before ?? '', link, after);
}

/** Loads the chosen example theme: one stylesheet of tokens and ::part() rules, nothing else. */
function applyTheme() {
  const link = $('theme-css');
  const known = THEMES.some(([value]) => value && value === state.theme);
  if (known) link.href = `/themes/${state.theme}.css`;
  link.disabled = !known;
}

function magicEnding() {
  return Number($('magic-ending').value) || 0;
}

/** The scenario the panel asks for: a decline kind takes the chosen failure code. */
function scenario() {
  const outcome = $('scenario').value;
  return outcome === 'decline' || outcome === 'decline-once' ? `${outcome}:${$('failure-code').value}` : outcome;
}

async function loadProducts() {
  state.currency = countryInfo()[2];
  const response = await fetch(`/store/products?currency=${state.currency}`);
  const body = await response.json();
  state.products = body.products.map((product) => ({ ...product, price: { value: product.prices[state.currency], currency: state.currency } }));
  renderProducts();
  renderCart();
}

function renderProducts() {
  const list = $('products');
  list.replaceChildren(
    ...state.products.map((product) => {
      const item = document.createElement('li');
      item.className = 'product';
      const art = document.createElement('div');
      art.className = `art art-${product.sku}`;
      art.setAttribute('aria-hidden', 'true');
      const label = t(product.sku) === product.sku ? product.name : t(product.sku);
      const name = document.createElement('h2');
      name.textContent = label;
      const price = document.createElement('ck-amount');
      price.setAttribute('value', String(product.price.value));
      price.setAttribute('currency', product.price.currency);
      price.setAttribute('locale', locale());
      const add = document.createElement('button');
      add.type = 'button';
      add.textContent = t('addToCart');
      add.setAttribute('aria-label', t('addNamed', { name: label }));
      add.addEventListener('click', () => changeQuantity(product.sku, 1));
      item.append(art, name, price, add);
      return item;
    }),
  );
}

/** What the store will charge: the shelf prices, plus the sandbox price ending when one is chosen. */
function cartTotal() {
  const total = state.products.reduce((sum, product) => sum + (state.cart[product.sku] ?? 0) * product.price.value, 0);
  return total > 0 ? total + magicEnding() : 0;
}

function renderCart() {
  const lines = state.products.filter((product) => state.cart[product.sku]);
  $('cart-lines').replaceChildren(
    ...lines.map((product) => {
      const line = document.createElement('li');
      const label = document.createElement('span');
      const name = t(product.sku) === product.sku ? product.name : t(product.sku);
      label.textContent = `${state.cart[product.sku]} × ${name}`;
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'link';
      remove.textContent = t('remove');
      remove.setAttribute('aria-label', t('removeNamed', { name }));
      remove.addEventListener('click', () => changeQuantity(product.sku, -state.cart[product.sku]));
      line.append(label, remove);
      return line;
    }),
  );
  const total = $('cart-total');
  total.setAttribute('value', String(cartTotal()));
  total.setAttribute('currency', state.currency);
  total.setAttribute('locale', locale());
  // No disabled "Checkout" lingers above the success panel or an empty cart: it shows only when it can be used.
  $('checkout-button').disabled = false;
  $('checkout-button').hidden = Boolean(state.checkout) || lines.length === 0;
  $('cart-empty').hidden = lines.length > 0 || Boolean($('checkout-slot').firstChild);
}

function changeQuantity(sku, delta) {
  const next = Math.max(0, (state.cart[sku] ?? 0) + delta);
  if (next) state.cart[sku] = next;
  else delete state.cart[sku];
  discardCheckout();
  saveState();
  renderCart();
}

function discardCheckout() {
  state.checkout = null;
  $('checkout-slot').replaceChildren();
  $('order-status').textContent = '';
  setOutageMethods([]);
}

async function startCheckout() {
  const button = $('checkout-button');
  button.disabled = true;
  $('order-status').textContent = '';
  const chosen = scenario();
  const ending = magicEnding();
  const response = await fetch('/store/checkout', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      items: Object.entries(state.cart).map(([sku, quantity]) => ({ sku, quantity })),
      country: state.country,
      currency: state.currency,
      locale: locale(),
      sameOrigin: $('same-origin').checked,
      ...(chosen ? { scenario: chosen } : {}),
      ...(ending ? { magicEnding: ending } : {}),
    }),
  }).catch(() => null);
  if (!response?.ok) {
    $('order-status').textContent = t('startFailed');
    button.disabled = false;
    return;
  }
  state.checkout = { ...(await response.json()), sameOrigin: $('same-origin').checked };
  saveState();
  mountCheckout();
}

function mountCheckout() {
  const { sessionToken, endpoint, sessionId } = state.checkout;
  const checkout = document.createElement('ck-checkout');
  checkout.setAttribute('endpoint', endpoint);
  checkout.setAttribute('session-token', sessionToken);
  if (state.language) checkout.setAttribute('locale', state.language);
  // Return here after a redirect, with the order id so a new tab can find the session.
  const returnUrl = new URL('/', location.href);
  returnUrl.searchParams.set('order', sessionId);
  checkout.setAttribute('return-url', returnUrl.href);
  $('checkout-slot').replaceChildren(checkout);
  $('checkout-button').hidden = true;
}

function tokenRequest() {
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ sameOrigin: $('same-origin').checked || Boolean(state.checkout?.sameOrigin) }),
  };
}

async function renewToken(checkout) {
  const response = await fetch(`/store/sessions/${encodeURIComponent(state.checkout.sessionId)}/token`, tokenRequest());
  if (!response.ok) return;
  const { sessionToken } = await response.json();
  state.checkout.sessionToken = sessionToken;
  saveState();
  checkout.sessionToken = sessionToken;
}

async function resumeOrder(orderId) {
  // Back from a bank or wallet page, possibly in another browser: ask our server for a fresh token.
  const response = await fetch(`/store/sessions/${encodeURIComponent(orderId)}/token`, tokenRequest()).catch(() => null);
  if (!response?.ok) {
    // Only the browser that started the checkout gets its tokens (a signed cookie): say so rather than show nothing.
    if (response?.status === 403) $('order-status').textContent = t('otherBrowser');
    return false;
  }
  const { sessionToken, endpoint } = await response.json();
  state.checkout = { sessionToken, endpoint, sessionId: orderId };
  saveState();
  mountCheckout();
  return true;
}

/** The outage switch lists the open session's methods (down ones included: they can come back). */
function setOutageMethods(ids) {
  const select = $('outage-method');
  select.replaceChildren(...ids.map((id) => option(id, id, false)));
  for (const button of $('outage').querySelectorAll('button')) button.disabled = ids.length === 0;
  $('outage-status').textContent = ids.length ? '' : 'Start a checkout to switch its methods.';
}

async function setMethodStatus(status) {
  const method = $('outage-method').value;
  if (!state.checkout || !method) return;
  const response = await fetch(`/store/sessions/${encodeURIComponent(state.checkout.sessionId)}/methods/${encodeURIComponent(method)}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ status }),
  }).catch(() => null);
  $('outage-status').textContent = response?.ok
    ? `${method} is ${status === 'available' ? 'back (available)' : status}. Paying with it now follows; the list shows it after "Reload the method list".`
    : `Could not mark ${method} ${status}.`;
}

document.addEventListener('ck-ready', (event) => {
  if (state.checkout) setOutageMethods(event.detail.session.paymentMethods.map((method) => method.id));
});
document.addEventListener('ck-payment-succeeded', () => {
  $('order-status').textContent = t('confirmed');
  state.cart = {};
  state.checkout = null;
  saveState();
  renderCart();
});
document.addEventListener('ck-session-expired', (event) => {
  if (state.checkout) void renewToken(event.target);
});
document.addEventListener('ck-error', (event) => {
  console.info('checkout-kit error', event.detail);
});

function init() {
  const countrySelect = $('country');
  countrySelect.append(...COUNTRIES.map(([code, name]) => option(code, name, code === state.country)));
  countrySelect.addEventListener('change', () => {
    state.country = countrySelect.value;
    discardCheckout();
    saveState();
    translatePage();
    void loadProducts();
  });
  const languageSelect = $('language');
  languageSelect.append(...LANGUAGES.map(([code, name]) => option(code, name, code === state.language)));
  languageSelect.addEventListener('change', () => {
    state.language = languageSelect.value;
    saveState();
    const checkout = document.querySelector('ck-checkout');
    if (checkout) {
      if (state.language) checkout.setAttribute('locale', state.language);
      else checkout.removeAttribute('locale');
    }
    translatePage();
    renderProducts();
    renderCart();
  });
  const themeSelect = $('theme');
  themeSelect.append(...THEMES.map(([value, key]) => option(value, t(key), value === state.theme)));
  themeSelect.addEventListener('change', () => {
    state.theme = themeSelect.value;
    saveState();
    applyTheme();
  });
  applyTheme();
  $('checkout-button').addEventListener('click', () => void startCheckout());
  $('failure-code').append(...FAILURE_CODES.map((code) => option(code, code, false)));
  $('magic-ending').append(option('', 'None (round prices)', true), ...MAGIC_ENDINGS.map(([ending, what]) => option(String(ending), `…${ending} → ${what}`, false)));
  const syncFailureCode = () => ($('failure-code').disabled = !$('scenario').value.startsWith('decline'));
  $('scenario').addEventListener('change', syncFailureCode);
  syncFailureCode();
  $('magic-ending').addEventListener('change', () => {
    discardCheckout();
    renderCart();
  });
  for (const button of $('outage').querySelectorAll('button[data-status]')) {
    button.addEventListener('click', () => void setMethodStatus(button.dataset.status));
  }
  $('reload-checkout').addEventListener('click', () => {
    if (state.checkout) mountCheckout();
  });
  setOutageMethods([]);
  translatePage();
  void loadProducts().then(async () => {
    const orderId = params.get('order');
    if (orderId && (!state.checkout || state.checkout.sessionId !== orderId)) {
      if (await resumeOrder(orderId)) return;
    }
    if (state.checkout) mountCheckout();
  });
}

init();
