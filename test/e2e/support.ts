// Shared helpers for the e2e specs: talk to the demo store's server as its page
// would, drive the widget through the element harnesses (the same API the
// component tests and stories use), and read what the reference backend stored.
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { CheckoutHarness } from '../../src/elements/checkout/checkout.harness.js';
import type { Name } from '../shared/harness.js';
import { playwrightDriver } from '../shared/playwright-driver.js';

export const storeUrl = (): string => process.env.CK_STORE_URL!;
export const apiUrl = (): string => process.env.CK_API_URL!;
export const dbPath = (): string => process.env.CK_DB_PATH!;
/** The reference backend's documented sandbox secret (docs/protocol.md). */
export const MERCHANT_SECRET = process.env.CK_MERCHANT_SECRET ?? 'ck_sandbox_secret_do_not_use_in_production';

/**
 * Where a test's reference backend listens: the one global-setup starts for
 * the whole run (the default), or a test's own with a clock it controls
 * (the `clockedBackend` fixture in fixtures.ts).
 */
export interface Backend {
  storeUrl: string;
  apiUrl: string;
  dbPath: string;
}

/** The backend global-setup started for every spec. */
export const sharedBackend = (): Backend => ({ storeUrl: storeUrl(), apiUrl: apiUrl(), dbPath: dbPath() });

export interface CheckoutHandle {
  sessionToken: string;
  endpoint: string;
  sessionId: string;
}

export interface CheckoutOptions {
  country?: string;
  currency?: string;
  locale?: string;
  items?: { sku: string; quantity: number }[];
  scenario?: string;
  faults?: Record<string, unknown>;
  /** Method ids the session offers, instead of the country's default offer. */
  methods?: string[];
  sameOrigin?: boolean;
  /** The backend to create it on; the shared one unless set. */
  backend?: Backend;
  /**
   * Card payments go through the card frame and the vault (issue 13). Off by default for the specs written
   * before card fields, whose buyers pay "by card" without typing one (`faults.cardWithoutToken`).
   */
  cardFields?: boolean;
}

/** Creates a checkout session the way the demo store's page does: through its own server. */
export async function createCheckout(request: APIRequestContext, options: CheckoutOptions = {}): Promise<CheckoutHandle> {
  const backend = options.backend ?? sharedBackend();
  const response = await request.post(`${backend.storeUrl}/store/checkout`, {
    data: {
      items: options.items ?? [{ sku: 'mug-stoneware', quantity: 2 }],
      country: options.country ?? 'US',
      currency: options.currency ?? 'USD',
      locale: options.locale,
      scenario: options.scenario,
      faults: options.cardFields ? options.faults : { cardWithoutToken: true, ...options.faults },
      methods: options.methods,
      sameOrigin: options.sameOrigin ?? false,
    },
  });
  if (!response.ok()) throw new Error(`store checkout failed: ${response.status()} ${await response.text()}`);
  return (await response.json()) as CheckoutHandle;
}

/**
 * Types a sandbox card into the card frame of the checkout on `page`, as a buyer would (issue 13):
 * sessions the demo store creates itself take a card only through the frame. Visa 4242… pays.
 */
export async function fillTestCard(page: Page, number = '4242424242424242'): Promise<void> {
  const frame = page.frameLocator('ck-checkout ck-card-fields iframe');
  // The list, the card form's chunk, then the frame's own bundle: slow on a busy machine.
  await frame.locator('#number').fill(number, { timeout: 30_000 });
  await frame.locator('#expiry').fill('12 / 34');
  await frame.locator('#cvc').fill('123');
  await frame.locator('#name').fill('Ada Lovelace');
}

/** Opens the demo store with a cart and an open checkout, as if the buyer had just pressed "Checkout". */
export async function openCheckout(page: Page, checkout: CheckoutHandle, options: CheckoutOptions & { language?: string } = {}): Promise<void> {
  const state = {
    country: options.country ?? 'US',
    language: options.language ?? '',
    cart: Object.fromEntries((options.items ?? [{ sku: 'mug-stoneware', quantity: 2 }]).map((i) => [i.sku, i.quantity])),
    checkout,
  };
  await page.addInitScript((value) => {
    if (!sessionStorage.getItem('atlas-oak-store')) sessionStorage.setItem('atlas-oak-store', value);
  }, JSON.stringify(state));
  await page.goto((options.backend ?? sharedBackend()).storeUrl);
}

export interface StoredPayment {
  id: string;
  status: string;
  method: string;
}

/** Every payment the reference backend stored for a session (merchant API, with the sandbox secret). */
export async function storedPayments(request: APIRequestContext, sessionId: string, backend = sharedBackend()): Promise<StoredPayment[]> {
  const response = await request.get(`${backend.apiUrl}/merchant/v1/sessions/${encodeURIComponent(sessionId)}/payments`, {
    headers: { Authorization: `Bearer ${MERCHANT_SECRET}` },
  });
  if (!response.ok()) throw new Error(`listing payments failed: ${response.status()}`);
  const body = (await response.json()) as { payments: StoredPayment[] };
  return body.payments;
}

export interface PaymentRow {
  method: string;
  status: string;
  /** The failure code of a `failed` row, else null. */
  failureCode: string | null;
}

/**
 * The session's rows in the payments table, read straight from the reference
 * backend's SQLite file (read-only; WAL lets it read while the server writes).
 * Unlike the merchant API it applies no expiry: it is exactly what is stored.
 */
export function dbPayments(sessionId: string, backend = sharedBackend()): PaymentRow[] {
  const db = new Database(backend.dbPath, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare('SELECT method, status, failure_code AS failureCode FROM payments WHERE session_id = ? ORDER BY created_at, rowid')
      .all(sessionId) as PaymentRow[];
  } finally {
    db.close();
  }
}

/** How many status polls the backend has answered for the session's payments (the sandbox counts them per row). */
export function dbPolls(sessionId: string, backend = sharedBackend()): number {
  const db = new Database(backend.dbPath, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT COALESCE(SUM(polls), 0) AS polls FROM payments WHERE session_id = ?').get(sessionId) as { polls: number }).polls;
  } finally {
    db.close();
  }
}

/** The states of the session's idempotency keys as stored (`in_flight` while the backend holds a POST /payments). */
export function dbKeyStates(sessionId: string, backend = sharedBackend()): string[] {
  const db = new Database(backend.dbPath, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT state FROM idempotency_keys WHERE session_id = ? ORDER BY created_at, rowid').all(sessionId) as { state: string }[]).map((row) => row.state);
  } finally {
    db.close();
  }
}

/** The session's injected-fault counters as stored, to wait until the page's requests have used them up. */
export function dbFaultState(sessionId: string, backend = sharedBackend()): { failRemaining: number; dropRemaining: number; malformedRemaining: number | null } {
  const db = new Database(backend.dbPath, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT fault_state_json AS state FROM sessions WHERE id = ?').get(sessionId) as { state: string };
    return JSON.parse(row.state) as ReturnType<typeof dbFaultState>;
  } finally {
    db.close();
  }
}

/** Replaces the session's faults (and resets their counters) through the merchant API, e.g. right before "Pay". */
export async function armFaults(request: APIRequestContext, sessionId: string, faults: Record<string, unknown>, backend = sharedBackend()): Promise<void> {
  // PUT replaces the session's faults: keep the card-without-token switch `createCheckout` set (issue 13),
  // unless the caller says otherwise, or a card payment armed mid-checkout would be refused for lack of a token.
  const response = await request.put(`${backend.apiUrl}/merchant/v1/sessions/${encodeURIComponent(sessionId)}/faults`, {
    headers: { Authorization: `Bearer ${MERCHANT_SECRET}` },
    data: { cardWithoutToken: true, ...faults },
  });
  if (!response.ok()) throw new Error(`arming faults failed: ${response.status()} ${await response.text()}`);
}

/** The sandbox test hook: the buyer paid the QR code or voucher outside the page (or a pending payment settled). */
export async function settleInSandbox(request: APIRequestContext, paymentId: string, outcome: 'succeeded' | 'failed' = 'succeeded', backend = sharedBackend()): Promise<void> {
  const response = await request.post(`${backend.apiUrl}/sandbox/payments/${encodeURIComponent(paymentId)}/complete`, { data: { outcome } });
  if (!response.ok()) throw new Error(`settling ${paymentId} failed: ${response.status()} ${await response.text()}`);
}

/** The id of the session's one open payment, from the merchant API. */
export async function openPaymentId(request: APIRequestContext, sessionId: string, backend = sharedBackend()): Promise<string> {
  const open = (await storedPayments(request, sessionId, backend)).filter((p) => p.status === 'pending' || p.status === 'requires_action');
  if (open.length !== 1) throw new Error(`expected one open payment, found ${JSON.stringify(open)}`);
  return open[0]!.id;
}

/** Every `POST /payments` the page sends, with its Idempotency-Key, from now on. */
export function watchPaymentPosts(page: Page): { keys: string[] } {
  const seen = { keys: [] as string[] };
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname.endsWith('/payments')) {
      seen.keys.push(request.headers()['idempotency-key'] ?? '');
    }
  });
  return seen;
}

export interface RecordedEvent {
  type: string;
  detail: unknown;
}

/** Records every `ck-*` event the page's widgets fire, from the first script on (call before `openCheckout`). */
export async function recordCkEvents(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: Array<{ type: string; detail: unknown }> = [];
    Object.defineProperty(window, '__ckEvents', { value: seen });
    for (const type of ['ck-ready', 'ck-method-selected', 'ck-payment-succeeded', 'ck-payment-failed', 'ck-payment-pending', 'ck-fallback-offered', 'ck-fallback-chosen', 'ck-error']) {
      document.addEventListener(type, (event) => seen.push({ type, detail: JSON.parse(JSON.stringify((event as CustomEvent).detail ?? null)) as unknown }));
    }
  });
}

export function ckEvents(page: Page, type?: string): Promise<RecordedEvent[]> {
  return page.evaluate(
    (wanted) => ((window as unknown as { __ckEvents?: RecordedEvent[] }).__ckEvents ?? []).filter((e) => !wanted || e.type === wanted),
    type,
  );
}

/** The checkout harness (src/elements/checkout/checkout.harness.ts) over a `<ck-checkout>` on the page. */
export function checkoutHarness(checkout: Locator): CheckoutHarness {
  return new CheckoutHarness(playwrightDriver(checkout));
}

/**
 * Chooses a method in the picker the way a buyer would, through the harness:
 * it clicks the radio and waits until it is checked. The list is shown only
 * once its regional order is known, so one click is enough.
 */
export async function chooseMethod(checkout: Locator, name: Name): Promise<void> {
  await checkoutHarness(checkout).choose(name);
}

/**
 * The buyer presses "I've paid" (or "Check payment status") after paying
 * outside the page. The page may have found out by its own polling a moment
 * earlier, and then the button is already gone: that, and only that, is fine.
 */
export async function saysPaid(checkout: Locator, button = "I've paid"): Promise<void> {
  try {
    await checkout.getByRole('button', { name: button }).click({ timeout: 3_000 });
  } catch (error) {
    const outcome = await checkoutHarness(checkout).outcome().catch(() => null);
    if (outcome !== 'succeeded') throw error;
  }
}

/** The buyer switches back to this tab: the page checks the payment at once (`visibilitychange`). */
export async function returnToTab(page: Page): Promise<void> {
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
}
