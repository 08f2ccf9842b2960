// Payment actions end to end and the "two tabs" rule, in real Chromium against
// the reference backend: what the buyer sees, the events the store gets, and
// the rows SQLite holds.
import { expect, test } from './fixtures.js';
import type { Page } from '@playwright/test';
import {
  chooseMethod,
  ckEvents,
  createCheckout,
  dbPayments,
  openCheckout,
  openPaymentId,
  recordCkEvents,
  returnToTab,
  saysPaid,
  settleInSandbox,
  watchPaymentPosts,
  type CheckoutHandle,
  type CheckoutOptions,
} from './support.js';

test.describe.configure({ mode: 'parallel' });

const BRAZIL: CheckoutOptions = { country: 'BR', currency: 'BRL', locale: 'en' };

async function open(page: Page, handle: CheckoutHandle, options: CheckoutOptions) {
  await openCheckout(page, handle, { country: options.country ?? 'US', language: 'en' });
  return page.locator('ck-checkout');
}

test('voucher: reference and due date shown, ck-payment-pending fired, one open row; paying it later shows the success', async ({ page, request }) => {
  const handle = await createCheckout(request, { ...BRAZIL, methods: ['boleto', 'card'] });
  await recordCkEvents(page);
  const checkout = await open(page, handle, BRAZIL);
  await chooseMethod(checkout, /^Boleto/);
  await checkout.getByRole('button', { name: /^Pay / }).click();

  await expect(checkout.getByRole('heading', { name: 'Your boleto is ready' })).toBeVisible();
  const line = checkout.getByRole('textbox', { name: 'Digitable line' });
  // The 47-digit typeable line in its printed groups (5.5 5.6 5.6 1 14).
  await expect(line).toHaveValue(/^\d{5}\.\d{5} \d{5}\.\d{6} \d{5}\.\d{6} \d \d{14}$/);
  await expect(checkout.getByRole('img', { name: 'Barcode of the boleto' })).toBeVisible();
  // Three days from now, as a date the buyer reads ("Pay by November 27, 2026").
  const due = new Date(Date.now() + 3 * 24 * 3600 * 1000);
  const dueText = new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(due);
  await expect(checkout.getByText(`Pay by ${dueText}`)).toBeVisible();
  await expect(checkout.getByRole('status').filter({ hasText: 'Waiting for payment' })).toBeVisible();
  await expect(checkout.getByRole('button', { name: 'Copy digitable line' })).toBeVisible();
  await expect(checkout.getByRole('button', { name: 'Print' })).toBeVisible();

  const paymentId = await openPaymentId(request, handle.sessionId);
  await expect.poll(() => ckEvents(page, 'ck-payment-pending')).toEqual([
    { type: 'ck-payment-pending', detail: { paymentId, method: 'boleto', reason: 'voucher' } },
  ]);
  expect(dbPayments(handle.sessionId)).toEqual([{ method: 'boleto', status: 'requires_action', failureCode: null }]);

  // Paid at a bank the next day: the page (still open) shows it once the buyer checks.
  await settleInSandbox(request, paymentId);
  await saysPaid(checkout);
  await expect(checkout.getByRole('heading', { name: 'Payment successful' })).toBeVisible();
  expect(dbPayments(handle.sessionId)).toEqual([{ method: 'boleto', status: 'succeeded', failureCode: null }]);
});

test('challenge: the bank frame approves, the outcome is read back from the backend, one succeeded row', async ({ page, request }) => {
  const handle = await createCheckout(request, { country: 'US', currency: 'USD', methods: ['card', 'paypal'], scenario: 'action:challenge' });
  await recordCkEvents(page);
  const checkout = await open(page, handle, { country: 'US' });
  await chooseMethod(checkout, /card/i);
  await checkout.getByRole('button', { name: /^Pay / }).click();
  await expect(checkout.getByRole('heading', { name: 'Confirm with your bank' })).toBeVisible();
  expect(dbPayments(handle.sessionId)).toEqual([{ method: 'card', status: 'requires_action', failureCode: null }]);
  const bank = page.frameLocator('iframe[title="Payment verification by your bank"]');
  await expect(bank.getByRole('heading', { name: 'Verify this payment (3-D Secure)' })).toBeVisible();
  await bank.getByRole('button', { name: 'Approve' }).click();
  // The frame ends on "Verification finished" and posts nothing: the widget learns the outcome by polling.
  await expect(checkout.getByRole('heading', { name: 'Payment successful' })).toBeVisible({ timeout: 20_000 });
  await expect(checkout.getByRole('heading', { name: 'Confirm with your bank' })).toHaveCount(0);
  expect(dbPayments(handle.sessionId)).toEqual([{ method: 'card', status: 'succeeded', failureCode: null }]);
  expect((await ckEvents(page, 'ck-payment-succeeded')).length).toBe(1);
});

test('two tabs press Pay at the same moment: one payment, and both tabs show its success', async ({ page, request }) => {
  // The latency keeps both POSTs inside the backend at once.
  const handle = await createCheckout(request, { country: 'US', currency: 'USD', methods: ['card', 'paypal'], faults: { latencyMs: 800 } });
  const second = await page.context().newPage();
  const tabs = [page, second];
  const posts = tabs.map((tab) => watchPaymentPosts(tab));
  const checkouts = await Promise.all(tabs.map((tab) => open(tab, handle, { country: 'US' })));
  for (const checkout of checkouts) await chooseMethod(checkout, /card/i);
  await Promise.all(checkouts.map((checkout) => checkout.getByRole('button', { name: /^Pay / }).click()));
  for (const checkout of checkouts) {
    await expect(checkout.getByRole('heading', { name: 'Payment successful' })).toBeVisible();
  }
  // Each tab made its own attempt (its own key); the backend kept one payment.
  expect(new Set(posts.flatMap((p) => p.keys)).size).toBe(2);
  expect(dbPayments(handle.sessionId)).toEqual([{ method: 'card', status: 'succeeded', failureCode: null }]);
});

test('a second tab joins the first tab\'s open QR code instead of opening another; paying it ends both', async ({ page, request }) => {
  const handle = await createCheckout(request, { ...BRAZIL, methods: ['pix', 'boleto', 'card'] });
  const first = await open(page, handle, BRAZIL);
  await chooseMethod(first, /^Pix/);
  await first.getByRole('button', { name: /^Pay / }).click();
  const code = (checkout: typeof first) => checkout.getByRole('textbox', { name: 'Or copy this code and paste it in your app' });
  await expect(code(first)).toHaveValue(/^000201/);

  const other = await page.context().newPage();
  const second = await open(other, handle, BRAZIL);
  // The buyer picks something else in the other tab; the session's open QR code wins.
  await chooseMethod(second, /^Boleto/);
  await second.getByRole('button', { name: /^Pay / }).click();
  await expect(second.getByRole('img', { name: /^QR code to pay .+ with Pix$/ })).toBeVisible();
  await expect(code(second)).toHaveValue(await code(first).inputValue());
  expect(dbPayments(handle.sessionId)).toEqual([{ method: 'pix', status: 'requires_action', failureCode: null }]);

  await settleInSandbox(request, await openPaymentId(request, handle.sessionId));
  // The buyer says so in the tab in front, then goes back to the first tab, which checks at once.
  await saysPaid(second);
  await expect(second.getByRole('heading', { name: 'Payment successful' })).toBeVisible();
  await returnToTab(page);
  await expect(first.getByRole('heading', { name: 'Payment successful' })).toBeVisible();
  expect(dbPayments(handle.sessionId)).toEqual([{ method: 'pix', status: 'succeeded', failureCode: null }]);
});

test('choosing another method under a QR code cancels it first: the QR row is cancelled, the card row paid', async ({ page, request }) => {
  const handle = await createCheckout(request, { ...BRAZIL, methods: ['pix', 'card'] });
  const checkout = await open(page, handle, BRAZIL);
  await chooseMethod(checkout, /^Pix/);
  await checkout.getByRole('button', { name: /^Pay / }).click();
  await expect(checkout.getByRole('img', { name: /^QR code to pay .+ with Pix$/ })).toBeVisible();
  await checkout.getByRole('button', { name: 'Choose another method' }).click();
  await chooseMethod(checkout, /card/i);
  expect(dbPayments(handle.sessionId)).toEqual([{ method: 'pix', status: 'failed', failureCode: 'cancelled' }]);
  await checkout.getByRole('button', { name: /^Pay / }).click();
  await expect(checkout.getByRole('heading', { name: 'Payment successful' })).toBeVisible();
  expect(dbPayments(handle.sessionId)).toEqual([
    { method: 'pix', status: 'failed', failureCode: 'cancelled' },
    { method: 'card', status: 'succeeded', failureCode: null },
  ]);
});
