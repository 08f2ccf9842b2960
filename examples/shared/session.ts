/**
 * What every example does first: ask the store's own server for a checkout session. That server
 * creates it with the merchant secret (`POST /merchant/v1/sessions` on the reference backend,
 * docs/protocol.md) and answers with the token and the checkout API's base URL; the page never
 * sees the secret. The test (test/frameworks/examples.test.ts) answers this route itself.
 */
export interface CheckoutSession {
  sessionToken: string;
  endpoint: string;
}

export async function createCheckoutSession(): Promise<CheckoutSession> {
  const response = await fetch('/api/checkout-session', { method: 'POST' });
  if (!response.ok) throw new Error(`the store could not start a checkout (${response.status})`);
  return (await response.json()) as CheckoutSession;
}
