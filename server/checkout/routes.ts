/**
 * Protocol v1 checkout API (docs/protocol.md): GET /session, POST /payments,
 * GET /payments/:id, POST /payments/:id/cancel, POST /events. Requests and
 * our own responses are both checked against the protocol schemas; a response
 * that would break the protocol is a 500 here rather than a confusing state in
 * the widget. One live payment per session: see live-payment.ts.
 */
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod/mini';
import {
  AppleMerchantSession,
  AppleMerchantValidation,
  EventBatch,
  EventsAccepted,
  IDEMPOTENCY_HEADER,
  PaymentRequest,
  PaymentResult,
  Session,
  type ExperimentAssignment,
} from '../../src/core/protocol/schemas.js';
import type { AppEnv, ServerContext } from '../context.js';
import { insertEvents } from '../db/events.js';
import { assignExperiments } from '../analytics/experiments.js';
import { applyRollouts } from '../analytics/rollouts.js';
import { applyDegradedMarks } from '../analytics/monitoring.js';
import { releaseKey, reserveKey } from '../db/idempotency.js';
import { findPayment, listPayments, savePayment, toResult } from '../db/payments.js';
import { randomId, type SessionRecord } from '../db/sessions.js';
import { storeCors } from '../http/cors.js';
import { limitBody } from '../http/body-limit.js';
import { ApiError, describeIssues, handleError, readJson } from '../http/errors.js';
import { clientKey } from '../http/rate-limit.js';
import { authorize, poll, POLL_AFTER_MS } from '../psp/engine.js';
import { malformedBody } from '../psp/faults.js';
import { requestHash } from './canonical.js';
import { consumeFault } from './faults.js';
import { admitPayment, cancelPayment, sessionLock } from './live-payment.js';
import { assessRisk, loadRiskSettings, recordRiskStop, type RiskStop } from '../risk/limits.js';
import { recordCapture } from '../reconciliation/ledger.js';
import { injectFaults, requireSession, requireVersion, sleep } from './middleware.js';
import { cardOfferFor } from '../vault/session-card.js';
import { cardPayment } from '../vault/card-payment.js';
import { appleMerchantSession, walletOffersFor, walletPayment } from '../wallets/wallets.js';

export interface CheckoutApiOptions {
  /** Absolute URL of the sandbox pages on the same origin as this mount, e.g. `http://127.0.0.1:8787/sandbox`. */
  sandboxBase: () => string;
}

const IdempotencyKey = z.uuid();

/** The checkout API as a Hono app, to be mounted at `/checkout/v1` (or `/api/checkout/v1` on the store origin). */
export function checkoutApi(ctx: ServerContext, options: CheckoutApiOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError(handleError);
  app.use(storeCors(ctx.storeOrigins));
  // Also enforced by both listeners; repeated so the API stays safe wherever it is mounted.
  app.use(limitBody());
  app.use(requireVersion(), requireSession(ctx), injectFaults(ctx));

  app.get('/session', async (c) => {
    const session = c.get('session');
    const paymentMethods = await applyDegradedMarks(ctx, session, await applyRollouts(ctx, session));
    const body = Session.parse({
      id: session.id,
      amount: session.amount,
      country: session.country,
      ...(session.locale ? { locale: session.locale } : {}),
      paymentMethods,
      expiresAt: new Date(c.get('tokenExpiresAt')).toISOString(),
      ...(session.settlement ? { settlement: session.settlement } : {}),
      mode: 'sandbox',
      ...experimentsOf(ctx, session),
      ...cardOfferFor(ctx, session),
      ...walletOffersFor(session),
    });
    return c.json(await maybeMalformed(ctx, session, 'session', body), 200);
  });

  app.post('/payments', async (c) => {
    const session = c.get('session');
    const key = c.req.header(IDEMPOTENCY_HEADER);
    if (!key || !IdempotencyKey.safeParse(key).success) {
      throw new ApiError(400, 'invalid_request', `Send a UUID as the ${IDEMPOTENCY_HEADER} header; re-use it only to re-send the same attempt.`);
    }
    const parsed = PaymentRequest.safeParse(await readJson(c));
    if (!parsed.success) throw new ApiError(400, 'invalid_request', describeIssues(parsed.error.issues));
    // Apple Pay / Google Pay: the token is checked here and goes no further than the PSP (server/wallets/wallets.ts).
    const request = walletPayment(parsed.data);
    // Only the store's configured origins: the sandbox redirects the buyer there, and a phishing page must not be one.
    if (!URL.canParse(request.returnUrl) || !ctx.storeOrigins.has(new URL(request.returnUrl).origin)) {
      throw new ApiError(400, 'invalid_request', 'returnUrl must be on one of the store origins this backend is configured for.');
    }
    const offer = session.methods.find((method) => method.id === request.method);
    if (!offer) throw new ApiError(422, 'method_not_offered', `The session does not offer "${request.method}".`);

    const reservation = await reserveKey(ctx.store, session.id, key, requestHash(request), ctx.now());
    switch (reservation.kind) {
      case 'reused':
        throw new ApiError(422, 'idempotency_key_reused', 'This Idempotency-Key was used with a different request body; use a new key for a new attempt.');
      case 'in_flight':
        throw new ApiError(409, 'idempotency_conflict', 'A request with this Idempotency-Key is still being processed; re-send it shortly.');
      case 'replay':
        c.header('Idempotent-Replayed', 'true');
        return c.json(await maybeMalformed(ctx, session, 'payment', reservation.body), reservation.status as ContentfulStatusCode);
      case 'reserved':
        break;
    }
    // Only fresh attempts count: re-sending the same attempt is what the protocol asks clients to do.
    try {
      await ctx.limiter.hit('paymentsPerSession', session.id);
      await ctx.limiter.hit('paymentsPerClient', clientKey(c));
    } catch (error) {
      await releaseKey(ctx.store, session.id, key, reservation.lockedAt);
      throw error;
    }

    let result: PaymentResult;
    let created: boolean;
    /** The risk verdict per candidate id, from `decide` to `created` (a Postgres retry decides again). */
    const stops = new Map<string, RiskStop | undefined>();
    try {
      // The latency fault stands for a slow PSP call, so it is spent while the key is held.
      const latency = session.faults.latencyMs ?? 0;
      if (latency > 0) await sleep(latency);
      const now = ctx.now();
      // Card methods: spend the vault token (a payment without one is refused, docs/cards.md).
      const card = offer.type === 'card' ? await cardPayment(ctx, session, request) : { request };
      const candidate = authorize({
        paymentId: randomId('pay'),
        idempotencyKey: key,
        session,
        offer,
        request: card.request,
        now,
        sandboxBase: options.sandboxBase(),
        earlierPayments: (await listPayments(ctx.store, session.id)).length,
        ...(card.scenario ? { cardScenario: card.scenario } : {}),
      });
      const settings = await loadRiskSettings(ctx.store);
      // Another tab may have paid (or opened a QR code) while this request waited: then it joins that payment.
      // Otherwise, in the same transaction (under the session's lock, then the risk rules' own locks):
      const admission = await admitPayment(ctx.store, session.id, key, candidate, now, {
        // The store's own limits come before the PSP: a stopped attempt is stored as failed `store_limit`.
        decide: async (tx, proposed) => {
          const stop = await assessRisk(tx, settings, { session, method: offer.id, request, now });
          const decided = stop
            ? { ...proposed, status: 'failed' as const, failureCode: 'store_limit' as const, action: null, actionExpiresAt: null, pollsToSettle: null }
            : proposed;
          PaymentResult.parse(toResult(decided, POLL_AFTER_MS));
          stops.set(decided.id, stop);
          return decided;
        },
        created: async (tx, record) => {
          const stop = stops.get(record.id);
          if (stop) await recordRiskStop(tx, record.id, stop, now);
          // The PSP's synchronous answer: a payment captured at once is in its ledger from now on.
          if (record.status === 'succeeded') await recordCapture(tx, record, now);
        },
      });
      result = PaymentResult.parse(admission.result);
      created = admission.created;
    } catch (error) {
      await releaseKey(ctx.store, session.id, key, reservation.lockedAt);
      throw error;
    }

    if (await consumeFault(ctx.store, session.id, 'drop')) {
      // The payment is committed; the buyer's browser never hears about it.
      c.env.incoming.socket.destroy();
    }
    return c.json(await maybeMalformed(ctx, session, 'payment', result), created ? 201 : 200);
  });

  app.post('/payments/:id/cancel', async (c) => {
    const session = c.get('session');
    const cancelled = await cancelPayment(ctx.store, session.id, c.req.param('id'), ctx.now());
    if (!cancelled) throw new ApiError(404, 'not_found', 'No such payment in this session.');
    return c.json(PaymentResult.parse(toResult(cancelled, POLL_AFTER_MS)), 200);
  });

  app.get('/payments/:id', async (c) => {
    const session = c.get('session');
    const id = c.req.param('id');
    const seen = await findPayment(ctx.store, id);
    // Another session's payment is "not found", never "forbidden": ids must not be probeable.
    if (!seen || seen.sessionId !== session.id) throw new ApiError(404, 'not_found', 'No such payment in this session.');
    // Most polls change nothing (a final payment); those that do read and write under the session's lock,
    // so a callback or a cancel landing on another instance meanwhile is never overwritten.
    const next =
      poll(seen, session, ctx.now()) === seen
        ? seen
        : await ctx.store.transaction(async (tx) => {
            await tx.lock(sessionLock(session.id));
            const stored = (await findPayment(tx, id)) ?? seen;
            const polled = poll(stored, session, ctx.now());
            if (polled !== stored) await savePayment(tx, polled);
            // A pending payment the PSP settled on this status query.
            if (stored.status === 'pending' && polled.status === 'succeeded') await recordCapture(tx, polled, polled.updatedAt);
            return polled;
          });
    const result = PaymentResult.parse(toResult(next, POLL_AFTER_MS));
    return c.json(await maybeMalformed(ctx, session, 'poll', result), 200);
  });

  app.post('/events', async (c) => {
    const parsed = EventBatch.safeParse(await readJson(c));
    if (!parsed.success) throw new ApiError(400, 'invalid_request', describeIssues(parsed.error.issues));
    const accepted = await insertEvents(ctx.store, c.get('session').id, parsed.data.events, ctx.now());
    return c.json(EventsAccepted.parse({ accepted }), 202);
  });

  app.post('/wallets/apple-pay/merchant-session', async (c) => {
    const parsed = AppleMerchantValidation.safeParse(await readJson(c));
    if (!parsed.success) throw new ApiError(400, 'invalid_request', describeIssues(parsed.error.issues));
    const merchantSession = appleMerchantSession(c.get('session'), parsed.data.validationUrl, ctx.now());
    return c.json(AppleMerchantSession.parse({ merchantSession }), 200);
  });

  app.all('*', (c: Context) => {
    throw new ApiError(404, 'not_found', `No route ${c.req.method} ${c.req.path}.`);
  });
  return app;
}

/** The buyer's experiment variants (server/analytics/experiments.ts), when the merchant runs any that cover them. */
function experimentsOf(ctx: ServerContext, session: SessionRecord): { experiments?: ExperimentAssignment[] } {
  const experiments = assignExperiments(ctx.experiments, session);
  return experiments.length ? { experiments } : {};
}

async function maybeMalformed(ctx: ServerContext, session: SessionRecord, target: 'session' | 'payment' | 'poll', body: unknown): Promise<unknown> {
  if (session.faults.malformed !== target || !(await consumeFault(ctx.store, session.id, 'malformed'))) return body;
  return malformedBody(target, body as Record<string, unknown>);
}
