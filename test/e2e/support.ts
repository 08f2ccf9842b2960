// Shared helpers for the e2e specs: talk to the demo store's server as its page
// would, and read what the reference backend stored.
import type { APIRequestContext, Page } from '@playwright/test';

export const storeUrl = (): string => process.env.CK_STORE_URL!;
export const apiUrl = (): string => process.env.CK_API_URL!;
/** The reference backend's documented sandbox secret (docs/protocol.md). */
export const MERCHANT_SECRET = process.env.CK_MERCHANT_SECRET ?? 'ck_sandbox_secret_do_not_use_in_production';

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
  sameOrigin?: boolean;
}

/** Creates a checkout session the way the demo store's page does: through its own server. */
export async function createCheckout(request: APIRequestContext, options: CheckoutOptions = {}): Promise<CheckoutHandle> {
  const response = await request.post(`${storeUrl()}/store/checkout`, {
    data: {
      items: options.items ?? [{ sku: 'mug-stoneware', quantity: 2 }],
      country: options.country ?? 'US',
      currency: options.currency ?? 'USD',
      locale: options.locale,
      scenario: options.scenario,
      faults: options.faults,
      sameOrigin: options.sameOrigin ?? false,
    },
  });
  if (!response.ok()) throw new Error(`store checkout failed: ${response.status()} ${await response.text()}`);
  return (await response.json()) as CheckoutHandle;
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
  await page.goto(storeUrl());
}

export interface StoredPayment {
  id: string;
  status: string;
  method: string;
}

/** Every payment the reference backend stored for a session (merchant API, with the sandbox secret). */
export async function storedPayments(request: APIRequestContext, sessionId: string): Promise<StoredPayment[]> {
  const response = await request.get(`${apiUrl()}/merchant/v1/sessions/${encodeURIComponent(sessionId)}/payments`, {
    headers: { Authorization: `Bearer ${MERCHANT_SECRET}` },
  });
  if (!response.ok()) throw new Error(`listing payments failed: ${response.status()}`);
  const body = (await response.json()) as { payments: StoredPayment[] };
  return body.payments;
}
