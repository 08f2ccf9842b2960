/**
 * Sandbox PSP pages and test hooks. The approval pages are plain HTML with a
 * form POST (no script at all), so they work under the strictest CSP; the
 * 3-D Secure page may be framed by the configured store origins.
 */
import { Hono } from 'hono';
import { z } from 'zod/mini';
import { FailureCode, PaymentResult } from '../../src/core/protocol/schemas.js';
import type { AppEnv, ServerContext } from '../context.js';
import { findPayment, savePayment, toResult, type PaymentRecord } from '../db/payments.js';
import { findSession } from '../db/sessions.js';
import { sessionLock } from '../checkout/live-payment.js';
import { storeCors } from '../http/cors.js';
import { ApiError, describeIssues, handleError, readJson } from '../http/errors.js';
import { requireJson, sameOriginWrites } from '../http/request-origin.js';
import { complete, expire, isFinal, POLL_AFTER_MS, type Completion } from '../psp/engine.js';
import { decidePayment, enqueueEvent, deliverEvent, pspDecision, releaseEvents } from '../psp/webhooks.js';
import { randomId } from '../db/sessions.js';
import { CLOSE_POPUP_SCRIPT, escapeHtml, page, popupDoneBody, SANDBOX_CSS, scriptHash } from './html.js';
import { methodDisplayName } from './names.js';
import { formatMinor } from '../money.js';

/** Body of the `POST /sandbox/payments/:id/complete` test hook. */
export const CompleteHookBody = z.object({
  outcome: z.enum(['succeeded', 'failed']),
  code: z.optional(FailureCode),
});

/** Body of `POST /sandbox/webhooks/release`: deliver held callbacks now, in an order and as often as asked. */
export const ReleaseHookBody = z.object({
  paymentId: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
  order: z.optional(z.enum(['created', 'reverse'])),
  times: z.optional(z.int().check(z.gte(1), z.lte(5))),
  includeDelivered: z.optional(z.boolean()),
});

/** Body of `POST /sandbox/payments/:id/chargeback`: the buyer disputed a paid payment at their bank. */
export const ChargebackHookBody = z.object({
  amount: z.optional(z.int().check(z.positive())),
});

type PageKind = 'redirect' | 'challenge';

const DECISIONS: Readonly<Record<string, Completion>> = {
  approve: { outcome: 'succeeded' },
  decline: { outcome: 'failed', code: 'authentication_failed' },
  cancel: { outcome: 'failed', code: 'cancelled' },
};

/** Appends `ck_payment=<id>` to the store's return URL, keeping its own query and fragment. */
export function returnUrlFor(payment: PaymentRecord): string {
  const url = new URL(payment.returnUrl);
  url.searchParams.set('ck_payment', payment.id);
  return url.toString();
}

/** What a page says about a payment that already has its outcome; the buttons are gone for good. */
function finalBody(heading: string, payment: PaymentRecord, framed: boolean): string {
  const outcome =
    payment.status === 'succeeded'
      ? 'This payment has already been approved.'
      : payment.failureCode === 'cancelled'
        ? 'This payment was cancelled and can no longer be approved.'
        : payment.failureCode === 'expired'
          ? 'This payment expired and can no longer be approved.'
          : `This payment has already failed (${payment.failureCode ?? 'processing_error'}).`;
  const back = framed
    ? ''
    : `<form method="post"><div class="actions"><button class="primary" name="decision" value="return">Back to the store</button></div></form>`;
  return `<h1>${escapeHtml(heading)}</h1><p role="alert">${escapeHtml(outcome)}</p>${back}`;
}

export function sandboxRoutes(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError(handleError);
  // Approving or completing a payment needs only its id: no cross-site page may do it on the buyer's behalf.
  app.use(sameOriginWrites(() => new Set([ctx.apiUrl, ctx.storeUrl, ...ctx.storeOrigins])));

  /**
   * The configured store origin a payment returns to, taken from our own
   * configuration rather than from the request: only it is ever written into
   * a header (CSP, Location). `undefined` for a return URL no longer allowed.
   */
  const returnOrigin = (payment: PaymentRecord): string | undefined => {
    const origin = URL.canParse(payment.returnUrl) ? new URL(payment.returnUrl).origin : '';
    return [...ctx.storeOrigins].find((allowed) => allowed === origin);
  };

  app.get('/sandbox.css', (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.body(SANDBOX_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });

  /**
   * The payment as the PSP sees it: the stored record with expiry applied and,
   * when the PSP has decided but its callback has not reached the backend yet
   * (held or failing), that decision on top. Pages and hooks answer from this view.
   */
  const load = async (id: string): Promise<PaymentRecord> => {
    const stored = await findPayment(ctx.store, id);
    if (!stored) throw new ApiError(404, 'not_found', 'No such payment.');
    const now = ctx.now();
    let current = expire(stored, now);
    if (current !== stored) {
      // Written back under the session's lock, re-read: a callback or cancel on another instance may have just decided it.
      current = await ctx.store.transaction(async (tx) => {
        await tx.lock(sessionLock(stored.sessionId));
        const fresh = (await findPayment(tx, id)) ?? stored;
        const expired = expire(fresh, now);
        if (expired !== fresh) await savePayment(tx, expired);
        return expired;
      });
    }
    const decided = await pspDecision(ctx.store, id);
    return decided ? complete(current, decided, now) : current;
  };

  /**
   * Asks the PSP to decide and tells whether this answer is the one it kept.
   * `decidePayment` records only the first decision, under a lock on the
   * payment that holds across instances; a later, different answer (approve
   * in one tab, decline in another, each on its own instance) loses, and its
   * caller answers as if the payment had been final when it loaded it. The
   * same answer twice is the same outcome whichever of them was first.
   */
  const decide = async (payment: PaymentRecord, completion: Completion): Promise<{ kept: boolean; next: PaymentRecord }> => {
    await decidePayment(ctx, payment, completion);
    const kept = await pspDecision(ctx.store, payment.id);
    const same =
      kept !== undefined &&
      kept.outcome === completion.outcome &&
      (kept.outcome === 'succeeded' || (completion.outcome === 'failed' && kept.code === completion.code));
    return { kept: same, next: await load(payment.id) };
  };

  const isIframeChallenge = (payment: PaymentRecord, kind: PageKind) =>
    kind === 'challenge' && payment.action?.type === 'challenge' && payment.action.mode === 'iframe';

  const securityHeaders = (payment: PaymentRecord, kind: PageKind, framed: boolean, script?: string): Record<string, string> => {
    const ancestors = framed ? ["'self'", ...ctx.storeOrigins].join(' ') : "'none'";
    return {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': [
        "default-src 'none'",
        ...(script ? [`script-src ${scriptHash(script)}`] : []),
        "style-src 'self'",
        "img-src 'self' data:",
        // Form submissions may redirect back to the store, and CSP checks that hop too.
        ["form-action 'self'", returnOrigin(payment)].filter(Boolean).join(' '),
        `frame-ancestors ${ancestors}`,
        "base-uri 'none'",
      ].join('; '),
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    };
  };

  for (const kind of ['redirect', 'challenge'] as const) {
    app.get(`/${kind}/:id`, async (c) => {
      const payment = await load(c.req.param('id'));
      const session = await findSession(ctx.store, payment.sessionId);
      const framed = isIframeChallenge(payment, kind);
      const name = methodDisplayName(session?.methods.find((m) => m.id === payment.method)?.name, payment.method);
      const amount = formatMinor(payment.amount.value, payment.amount.currency, session?.locale);
      const heading = kind === 'challenge' ? `Verify this payment (3-D Secure)` : `Pay with ${name}`;
      const body = isFinal(payment)
        ? finalBody(heading, payment, framed)
        : `<h1>${escapeHtml(heading)}</h1>
<p class="muted">${escapeHtml(name)}</p>
<p class="amount">${escapeHtml(amount)}</p>
<form method="post">
<div class="actions">
<button class="primary" name="decision" value="approve">Approve</button>
<button name="decision" value="decline">Decline</button>
<button name="decision" value="cancel">Cancel</button>
</div>
</form>`;
      return c.body(page({ title: heading, body }), 200, securityHeaders(payment, kind, framed));
    });

    app.post(`/${kind}/:id`, async (c) => {
      const form = await c.req.parseBody();
      const decision = typeof form['decision'] === 'string' ? form['decision'] : '';
      const completion = DECISIONS[decision];
      if (!completion && decision !== 'return') throw new ApiError(400, 'invalid_request', 'Choose approve, decline or cancel.');
      const payment = await load(c.req.param('id'));
      const framed = isIframeChallenge(payment, kind);
      const alreadyFinal = (final: PaymentRecord) => {
        // Like a real PSP: a payment the buyer cancelled at the store (or that expired) cannot be approved afterwards.
        const heading = kind === 'challenge' ? 'Verify this payment (3-D Secure)' : 'Payment already finished';
        return c.body(page({ title: heading, body: finalBody(heading, final, framed) }), 409, securityHeaders(final, kind, framed));
      };
      if (completion && isFinal(payment)) return alreadyFinal(payment);
      let next = payment;
      if (completion) {
        // The PSP decides and calls the backend back; the backend's record moves with the callback.
        const decided = await decide(payment, completion);
        // Another tab (on any instance) answered first: its answer stands.
        if (!decided.kept) return alreadyFinal(decided.next);
        next = decided.next;
      }
      if (isIframeChallenge(next, kind)) {
        // Inside the store's frame: post nothing, the widget learns the outcome by polling.
        const body = `<h1>Verification finished</h1><p>You can return to the checkout; it updates by itself.</p>`;
        return c.body(page({ title: 'Verification finished', body }), 200, securityHeaders(next, kind, true));
      }
      if (!returnOrigin(next)) throw new ApiError(400, 'invalid_request', 'The return URL of this payment is not an allowed store origin.');
      if (kind === 'redirect' && payment.action?.type === 'redirect' && payment.action.popup === true) {
        // A wallet popup closes instead of loading a second copy of the store; the store page polls.
        const done = next.status === 'succeeded' ? 'Payment approved' : next.failureCode === 'cancelled' ? 'Payment cancelled' : 'Payment declined';
        const html = page({ title: done, body: popupDoneBody(done, returnUrlFor(next)), script: CLOSE_POPUP_SCRIPT });
        return c.body(html, 200, securityHeaders(next, kind, false, CLOSE_POPUP_SCRIPT));
      }
      return c.redirect(returnUrlFor(next), 303);
    });
  }

  // Test hook: the buyer paid (or failed to pay) a QR code or voucher, or a pending payment settled.
  app.use('/payments/*', storeCors(ctx.storeOrigins));
  app.post('/payments/:id/complete', requireJson(), async (c) => {
    const parsed = CompleteHookBody.safeParse(await readJson(c));
    if (!parsed.success) throw new ApiError(400, 'invalid_request', describeIssues(parsed.error.issues));
    const payment = await load(c.req.param('id'));
    const firstAnswerWins = ({ status, failureCode }: PaymentRecord) =>
      new ApiError(409, 'invalid_request', `The payment is already ${status}${failureCode ? ` (${failureCode})` : ''}; the first answer wins.`);
    if (isFinal(payment)) throw firstAnswerWins(payment);
    const completion: Completion =
      parsed.data.outcome === 'succeeded' ? { outcome: 'succeeded' } : { outcome: 'failed', code: parsed.data.code ?? 'processing_error' };
    const decided = await decide(payment, completion);
    if (!decided.kept) throw firstAnswerWins(decided.next);
    return c.json(PaymentResult.parse(toResult(decided.next, POLL_AFTER_MS)), 200);
  });

  // Test hook: a chargeback on a paid payment (the whole amount unless `amount` says less).
  app.post('/payments/:id/chargeback', requireJson(), async (c) => {
    const parsed = ChargebackHookBody.safeParse(await readJson(c));
    if (!parsed.success) throw new ApiError(400, 'invalid_request', describeIssues(parsed.error.issues));
    const payment = await load(c.req.param('id'));
    if (payment.status !== 'succeeded') throw new ApiError(409, 'invalid_request', 'Only a paid payment can be charged back.');
    const value = Math.min(parsed.data.amount ?? payment.amount.value, payment.amount.value);
    const { event, held } = await enqueueEvent(ctx, {
      type: 'chargeback.created',
      payment,
      amount: { value, currency: payment.amount.currency },
      chargebackId: randomId('cb'),
    });
    if (!held) await deliverEvent(ctx, event.id);
    return c.json({ event }, 202);
  });

  // Test hook: deliver held (or re-deliver delivered) callbacks now, e.g. newest first and twice.
  app.post('/webhooks/release', requireJson(), async (c) => {
    const parsed = ReleaseHookBody.safeParse(await readJson(c));
    if (!parsed.success) throw new ApiError(400, 'invalid_request', describeIssues(parsed.error.issues));
    const { paymentId, order, times, includeDelivered } = parsed.data;
    const sent = await releaseEvents(ctx, {
      ...(paymentId ? { paymentId } : {}),
      ...(order ? { order } : {}),
      ...(times ? { times } : {}),
      ...(includeDelivered ? { includeDelivered } : {}),
    });
    return c.json({ sent }, 200);
  });

  app.all('*', (c) => {
    throw new ApiError(404, 'not_found', `No route ${c.req.method} ${c.req.path}.`);
  });
  return app;
}
