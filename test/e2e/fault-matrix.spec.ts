// The fault matrix of issue 4: every scriptable fault of the reference backend
// against every action type, in real Chromium against the real backend. Each
// cell checks what the buyer sees (by role and accessible name) and what the
// SQLite file holds (exactly one payment row, with the right status).
//
// Columns are action types, rows are faults; a cell is either a test or a
// skip with the reason the combination means nothing. Fault timings are short
// (session faults set at creation or armed through the merchant API) so the
// whole matrix stays within a minute or two on two cores.
import { expect, test, type ClockedBackend } from './fixtures.js';
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import {
  armFaults,
  chooseMethod,
  createCheckout,
  dbFaultState,
  dbPayments,
  dbPolls,
  openCheckout,
  openPaymentId,
  saysPaid,
  settleInSandbox,
  watchPaymentPosts,
  sharedBackend,
  type Backend,
  type CheckoutHandle,
  type CheckoutOptions,
} from './support.js';

test.describe.configure({ mode: 'parallel' });

interface Ctx {
  page: Page;
  request: APIRequestContext;
  checkout: Locator;
  handle: CheckoutHandle;
  /** The backend the session lives on (a clocked one for cells about time). */
  backend: Backend;
  /** Set for `clocked` cells: moves the backend's and the page's clocks together. */
  clock: ClockedBackend | null;
}

type ActionType = 'inline card' | 'redirect' | 'qr' | 'voucher' | 'challenge';

interface Column {
  /** Session the store creates (country, currency, offered methods, scenario). */
  session: CheckoutOptions;
  /** Accessible name of the method's radio in the picker. */
  method: RegExp;
  /** Method id stored with the payment. */
  methodId: string;
  /** Resolves once the action is on screen (nothing for an inline card). */
  shown(ctx: Ctx): Promise<void>;
  /** What the buyer does to finish it: approve at the bank, scan and pay, nothing for a voucher paid later. */
  finish(ctx: Ctx): Promise<void>;
  /** What the buyer sees at the end. */
  outcome(ctx: Ctx): Promise<void>;
  /** Status of the one payment row at the end. */
  stored: 'succeeded' | 'requires_action';
}

const paid = async ({ checkout }: Ctx) => {
  await expect(checkout.getByRole('heading', { name: 'Payment successful' })).toBeVisible({ timeout: 20_000 });
};

const COLUMNS: Record<ActionType, Column> = {
  'inline card': {
    session: { country: 'US', currency: 'USD', methods: ['card', 'paypal'] },
    method: /card/i,
    methodId: 'card',
    shown: async () => {},
    finish: async () => {},
    outcome: paid,
    stored: 'succeeded',
  },
  redirect: {
    session: { country: 'NL', currency: 'EUR', methods: ['ideal', 'card'] },
    method: /^iDEAL/,
    methodId: 'ideal',
    shown: async ({ checkout }) => {
      await expect(checkout.getByRole('heading', { name: 'Continue to iDEAL' })).toBeVisible();
    },
    finish: async ({ page, checkout }) => {
      await checkout.getByRole('button', { name: 'Continue to iDEAL' }).click();
      await page.getByRole('button', { name: 'Approve' }).click();
      await expect(page).toHaveURL(/ck_payment=/);
    },
    outcome: paid,
    stored: 'succeeded',
  },
  qr: {
    session: { country: 'BR', currency: 'BRL', locale: 'en', methods: ['pix', 'card'] },
    method: /^Pix/,
    methodId: 'pix',
    shown: async ({ checkout }) => {
      await expect(checkout.getByRole('img', { name: /^QR code to pay .+ with Pix$/ })).toBeVisible();
    },
    // The buyer scans and pays in the bank app, then says so.
    finish: async ({ request, checkout, handle, backend }) => {
      await settleInSandbox(request, await openPaymentId(request, handle.sessionId, backend), 'succeeded', backend);
      await saysPaid(checkout);
    },
    outcome: paid,
    stored: 'succeeded',
  },
  voucher: {
    session: { country: 'BR', currency: 'BRL', locale: 'en', methods: ['boleto', 'card'] },
    method: /^Boleto/,
    methodId: 'boleto',
    shown: async ({ checkout }) => {
      await expect(checkout.getByRole('heading', { name: 'Your boleto is ready' })).toBeVisible();
    },
    // Paid at a bank hours later: the page keeps showing the voucher.
    finish: async () => {},
    outcome: async ({ checkout }) => {
      await expect(checkout.getByRole('heading', { name: 'Your boleto is ready' })).toBeVisible();
      await expect(checkout.getByRole('status').filter({ hasText: 'Waiting for payment' })).toBeVisible();
      await expect(checkout.getByRole('textbox', { name: 'Digitable line' })).toHaveValue(/^\d{5}\.\d{5} /);
      await expect(checkout.getByRole('alert')).toHaveCount(0);
    },
    stored: 'requires_action',
  },
  challenge: {
    session: { country: 'US', currency: 'USD', methods: ['card', 'paypal'], scenario: 'action:challenge' },
    method: /card/i,
    methodId: 'card',
    shown: async ({ checkout }) => {
      await expect(checkout.getByRole('heading', { name: 'Confirm with your bank' })).toBeVisible();
    },
    finish: async ({ page }) => {
      // The widget may poll, learn the outcome and remove the frame right after this click.
      await page.frameLocator('iframe[title="Payment verification by your bank"]').getByRole('button', { name: 'Approve' }).click();
    },
    outcome: paid,
    stored: 'succeeded',
  },
};

/** A fault row: when its faults are armed, and anything it checks beyond the column's normal ending. */
interface Fault {
  /** Changes to the column's session, e.g. a scenario the fault needs. */
  session?: CheckoutOptions;
  /** Faults the session is created with. */
  atCreation?: Record<string, unknown>;
  /** Faults armed after the method list is shown, right before "Pay" (so loading the session does not use them up). */
  beforePay?: Record<string, unknown>;
  /** Faults armed once the action is on screen: they hit the polls. */
  onAction?: Record<string, unknown>;
  /**
   * How many `POST /payments` the page sends per attempt: `one`, or `resent` when the answer
   * was unreadable and the widget must re-send the same attempt. `any` for a dropped connection:
   * Chromium itself silently repeats a POST whose reused keep-alive connection closed without an
   * answer, so the page may or may not see a second request; either way it carries the same key.
   */
  posts?: 'one' | 'resent' | 'any';
  /** The injected fault counter that must be used up by the end, proving the fault really hit. */
  spent?: 'failRemaining' | 'dropRemaining' | 'malformedRemaining';
  /** Distinct attempts (Idempotency-Keys) the buyer makes in the cell; 1 unless the buyer tries again. */
  attempts?: number;
  /** Replaces the column's ending for faults that change the outcome (expiry, a payment that stays pending). */
  run?: (ctx: Ctx, column: Column) => Promise<void>;
  /** The cell is about time: it runs on its own backend and page clock, which only the test moves (see `ctx.clock`). */
  clocked?: true;
}
type Skip = { skip: string };
type Row = Record<ActionType, Fault | Skip>;
const all = (fault: Fault): Row => ({ 'inline card': fault, redirect: fault, qr: fault, voucher: fault, challenge: fault });

const NOTHING_POLLED = 'an inline card payment is final in the POST answer; nothing is polled';
const NO_EXPIRY = 'protocol v1 gives redirect and challenge actions no expiresAt; the sandbox never expires them';
/** A minute: far longer than any test waits in real time, so only the test's clock move can expire the action. */
const ACTION_LIFETIME_MS = 60_000;

const MATRIX: Record<string, Row> = {
  latency: all({ atCreation: { latencyMs: 400 } }),
  'HTTP 503 on create': all({ beforePay: { failRequests: { count: 2, status: 503 } }, posts: 'resent', spent: 'failRemaining' }),
  'malformed create answer': all({ atCreation: { malformed: 'payment', malformedCount: 1 }, posts: 'resent', spent: 'malformedRemaining' }),
  'connection dropped after commit': all({ atCreation: { dropAfterCommit: 1 }, posts: 'any', spent: 'dropRemaining' }),
  'malformed poll answer': {
    'inline card': { skip: NOTHING_POLLED },
    redirect: { atCreation: { malformed: 'poll', malformedCount: 2 }, spent: 'malformedRemaining' },
    qr: { atCreation: { malformed: 'poll', malformedCount: 2 }, spent: 'malformedRemaining' },
    voucher: { atCreation: { malformed: 'poll', malformedCount: 2 }, run: waitForFaultsUsed('malformed') },
    challenge: { atCreation: { malformed: 'poll', malformedCount: 2 }, spent: 'malformedRemaining' },
  },
  'HTTP 503 on poll': {
    'inline card': { skip: NOTHING_POLLED },
    // Back from the bank, the page reloads the session before it polls: 3 failures still let that
    // GET succeed on its last retry, and the page must carry on to the outcome.
    redirect: { onAction: { failRequests: { count: 3, status: 503 } }, spent: 'failRemaining' },
    // 4 failures outlast the client's GET retries once, so the flow itself must keep polling.
    qr: { onAction: { failRequests: { count: 4, status: 503 } }, spent: 'failRemaining' },
    voucher: { onAction: { failRequests: { count: 4, status: 503 } }, run: waitForFaultsUsed('fail') },
    challenge: { onAction: { failRequests: { count: 4, status: 503 } }, spent: 'failRemaining' },
  },
  'poll stays pending': {
    'inline card': { session: { scenario: 'pending' }, atCreation: { pollStaysPending: true }, run: stillWaiting },
    redirect: { skip: 'pollStaysPending only affects `pending` payments; a redirect is `requires_action` and waits for the buyer anyway' },
    qr: { skip: 'pollStaysPending only affects `pending` payments; a QR code is `requires_action` until paid or expired' },
    voucher: { skip: 'pollStaysPending only affects `pending` payments; a voucher is `requires_action` until paid or expired' },
    challenge: { skip: 'pollStaysPending only affects `pending` payments; a challenge is `requires_action` until answered' },
  },
  'action expires': {
    'inline card': { skip: 'an inline card payment has no action, so nothing can expire' },
    redirect: { skip: NO_EXPIRY },
    qr: { atCreation: { actionExpiresInMs: ACTION_LIFETIME_MS }, run: expires(), attempts: 2, clocked: true },
    voucher: { atCreation: { actionExpiresInMs: ACTION_LIFETIME_MS }, run: expires(), attempts: 2, clocked: true },
    challenge: { skip: NO_EXPIRY },
  },
};

/** The column's own ending, after polls have met every injected fault: no error is shown. */
function waitForFaultsUsed(kind: 'fail' | 'malformed') {
  return async (ctx: Ctx, column: Column): Promise<void> => {
    await expect
      .poll(() => {
        const state = dbFaultState(ctx.handle.sessionId, ctx.backend);
        return kind === 'fail' ? state.failRemaining : state.malformedRemaining;
      }, { timeout: 20_000 })
      .toBe(0);
    await column.outcome(ctx);
    expect(dbPayments(ctx.handle.sessionId, ctx.backend)).toEqual([{ method: column.methodId, status: column.stored, failureCode: null }]);
  };
}

/** Pending forever: "still waiting" with a way to check now, no second payment; it ends when the PSP settles. */
async function stillWaiting(ctx: Ctx, column: Column): Promise<void> {
  const { checkout, handle, request, backend } = ctx;
  await expect(checkout.getByRole('heading', { name: 'Waiting for confirmation' })).toBeVisible();
  const check = checkout.getByRole('button', { name: 'Check payment status' });
  await expect(check).toBeVisible();
  await expect.poll(() => dbPolls(handle.sessionId, backend), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
  const before = dbPolls(handle.sessionId, backend);
  await check.click();
  await expect.poll(() => dbPolls(handle.sessionId, backend)).toBeGreaterThan(before);
  await expect(checkout.getByRole('heading', { name: 'Waiting for confirmation' })).toBeVisible();
  expect(dbPayments(handle.sessionId, backend)).toEqual([{ method: column.methodId, status: 'pending', failureCode: null }]);
  await settleInSandbox(request, await openPaymentId(request, handle.sessionId, backend), 'succeeded', backend);
  await saysPaid(checkout, 'Check payment status');
  await paid(ctx);
  expect(dbPayments(handle.sessionId, backend)).toEqual([{ method: column.methodId, status: 'succeeded', failureCode: null }]);
}

/**
 * The QR code or voucher runs out: the buyer is told, offered a new one or
 * another method; nothing is charged. The action's lifetime passes on the
 * backend's and the page's clocks at once, when the test says so.
 */
function expires() {
  return async (ctx: Ctx, column: Column): Promise<void> => {
    const { page, checkout, handle, backend, clock } = ctx;
    if (!clock) throw new Error('an expiry cell must be `clocked`');
    expect(dbPayments(handle.sessionId, backend)).toEqual([{ method: column.methodId, status: 'requires_action', failureCode: null }]);
    await clock.advance(page, ACTION_LIFETIME_MS);
    const alert = checkout.getByRole('alert');
    await expect(alert.getByRole('heading', { name: 'Time ran out' })).toBeVisible();
    await expect(checkout.getByRole('button', { name: 'Try again' })).toBeVisible();
    await expect(checkout.getByRole('button', { name: 'Choose another method' })).toBeVisible();
    expect(dbPayments(handle.sessionId, backend)).toEqual([{ method: column.methodId, status: 'failed', failureCode: 'expired' }]);
    // "Try again" is a new attempt: a fresh code, and the expired one stays failed.
    await checkout.getByRole('button', { name: 'Try again' }).click();
    await column.shown(ctx);
    expect(dbPayments(handle.sessionId, backend).map((row) => row.status)).toEqual(['failed', 'requires_action']);
  };
}

for (const [faultName, row] of Object.entries(MATRIX)) {
  test.describe(faultName, () => {
    for (const [type, cell] of Object.entries(row) as Array<[ActionType, Fault | Skip]>) {
      const column = COLUMNS[type];
      if ('skip' in cell) {
        test(type, () => test.skip(true, cell.skip));
        continue;
      }
      const run = async (page: Page, request: APIRequestContext, clock: ClockedBackend | null): Promise<void> => {
        const backend = clock ?? sharedBackend();
        const handle = await createCheckout(request, { ...column.session, ...cell.session, ...(cell.atCreation ? { faults: cell.atCreation } : {}), backend });
        const posts = watchPaymentPosts(page);
        if (clock) await clock.installClock(page);
        await openCheckout(page, handle, { country: column.session.country, language: 'en', backend, ...(column.session.items ? { items: column.session.items } : {}) });
        const checkout = page.locator('ck-checkout');
        const ctx: Ctx = { page, request, checkout, handle, backend, clock };
        await chooseMethod(checkout, column.method);
        if (cell.beforePay) await armFaults(request, handle.sessionId, cell.beforePay, backend);
        await checkout.getByRole('button', { name: /^Pay / }).click();
        if (cell.run) {
          await column.shown(ctx);
          if (cell.onAction) await armFaults(request, handle.sessionId, cell.onAction, backend);
          await cell.run(ctx, column);
        } else {
          await column.shown(ctx);
          if (cell.onAction) await armFaults(request, handle.sessionId, cell.onAction, backend);
          await column.finish(ctx);
          await column.outcome(ctx);
          expect(dbPayments(handle.sessionId, backend)).toEqual([{ method: column.methodId, status: column.stored, failureCode: null }]);
        }
        if (cell.spent) expect(dbFaultState(handle.sessionId, backend)[cell.spent], `the fault hit (${cell.spent} is 0)`).toBe(0);
        const attempts = cell.attempts ?? 1;
        switch (cell.posts ?? 'one') {
          case 'one':
            expect(posts.keys.length, 'nothing to re-send').toBe(attempts);
            break;
          case 'resent':
            expect(posts.keys.length, 'the unreadable answer was followed by a re-send').toBeGreaterThan(attempts);
            break;
          case 'any':
            expect(posts.keys.length).toBeGreaterThanOrEqual(attempts);
            break;
        }
        expect(new Set(posts.keys).size, 'one Idempotency-Key per attempt').toBe(attempts);
      };
      // Only the cells about time ask for (and so start) the worker's clocked backend.
      if (cell.clocked) test(type, ({ page, request, clockedBackend }) => run(page, request, clockedBackend));
      else test(type, ({ page, request }) => run(page, request, null));
    }
  });
}
