// The demo store's own script: cart, region switcher and the checkout mount.
// It uses checkout-kit only as a store would: attributes, properties and ck-* events.

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

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const saved = readState();
const state = {
  country: params.get('country') ?? saved.country ?? 'US',
  language: params.get('lang') ?? saved.language ?? '',
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
  const { country, language, cart, checkout } = state;
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ country, language, cart, checkout }));
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
      const name = document.createElement('h3');
      name.textContent = product.name;
      const price = document.createElement('ck-amount');
      price.setAttribute('value', String(product.price.value));
      price.setAttribute('currency', product.price.currency);
      price.setAttribute('locale', locale());
      const add = document.createElement('button');
      add.type = 'button';
      add.textContent = 'Add to cart';
      add.setAttribute('aria-label', `Add ${product.name} to cart`);
      add.addEventListener('click', () => changeQuantity(product.sku, 1));
      item.append(art, name, price, add);
      return item;
    }),
  );
}

function cartTotal() {
  return state.products.reduce((sum, product) => sum + (state.cart[product.sku] ?? 0) * product.price.value, 0);
}

function renderCart() {
  const lines = state.products.filter((product) => state.cart[product.sku]);
  $('cart-lines').replaceChildren(
    ...lines.map((product) => {
      const line = document.createElement('li');
      const label = document.createElement('span');
      label.textContent = `${state.cart[product.sku]} × ${product.name}`;
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'link';
      remove.textContent = 'Remove';
      remove.setAttribute('aria-label', `Remove ${product.name}`);
      remove.addEventListener('click', () => changeQuantity(product.sku, -state.cart[product.sku]));
      line.append(label, remove);
      return line;
    }),
  );
  const total = $('cart-total');
  total.setAttribute('value', String(cartTotal()));
  total.setAttribute('currency', state.currency);
  total.setAttribute('locale', locale());
  $('checkout-button').disabled = lines.length === 0;
  $('checkout-button').hidden = Boolean(state.checkout);
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
}

async function startCheckout() {
  const button = $('checkout-button');
  button.disabled = true;
  $('order-status').textContent = '';
  const scenario = $('scenario').value;
  const response = await fetch('/store/checkout', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      items: Object.entries(state.cart).map(([sku, quantity]) => ({ sku, quantity })),
      country: state.country,
      currency: state.currency,
      locale: locale(),
      sameOrigin: $('same-origin').checked,
      ...(scenario ? { scenario } : {}),
    }),
  }).catch(() => null);
  if (!response?.ok) {
    $('order-status').textContent = 'We could not start the checkout. Please try again.';
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
  const response = await fetch(`/store/sessions/${encodeURIComponent(orderId)}/token`, tokenRequest());
  if (!response.ok) return false;
  const { sessionToken, endpoint } = await response.json();
  state.checkout = { sessionToken, endpoint, sessionId: orderId };
  saveState();
  mountCheckout();
  return true;
}

document.addEventListener('ck-payment-succeeded', () => {
  $('order-status').textContent = 'Order confirmed. A receipt is on its way to your inbox.';
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
    renderProducts();
    renderCart();
  });
  $('checkout-button').addEventListener('click', () => void startCheckout());
  void loadProducts().then(async () => {
    const orderId = params.get('order');
    if (orderId && (!state.checkout || state.checkout.sessionId !== orderId)) {
      if (await resumeOrder(orderId)) return;
    }
    if (state.checkout) mountCheckout();
  });
}

init();
