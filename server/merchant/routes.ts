/**
 * The merchant side a real store's server talks to, authenticated with the
 * merchant secret: create a session from a cart, rotate its token, revoke it,
 * switch a method's health, list what was paid, re-script its faults.
 * Not part of protocol v1 — every PSP has its own — but documented in
 * docs/protocol.md so tests and the demo store can drive the sandbox.
 */
import { Hono } from 'hono';
import { z } from 'zod/mini';
import {
  CountryCode,
  LocaleTag,
  MethodStatus,
  Money,
  Settlement,
  type PaymentMethodOffer,
} from '../../src/core/protocol/schemas.js';
import { MAX_TOKEN_TTL_SECONDS, MIN_TOKEN_TTL_SECONDS } from '../config.js';
import type { AppEnv, ServerContext } from '../context.js';
import { findPayment, listPayments, savePayment, toResult } from '../db/payments.js';
import { sessionLock } from '../checkout/live-payment.js';
import {
  findSession,
  insertSession,
  issueToken,
  randomId,
  revokeSession,
  saveMethods,
  type SessionRecord,
} from '../db/sessions.js';
import { ApiError, describeIssues, handleError, readJson } from '../http/errors.js';
import { requireMerchant } from './auth.js';
import { isKnownCurrency } from '../money.js';
import { expire, POLL_AFTER_MS } from '../psp/engine.js';
import { Faults, initialFaultState } from '../psp/faults.js';
import { replaceFaults } from '../checkout/faults.js';
import { AMOUNT_LIMITS, defaultMethodsFor, isKnownMethod, METHOD_TYPES_BY_ID } from '../psp/offers.js';
import { parseScenario, SCENARIO_NAMES } from '../psp/scenarios.js';
import { refundedAmount } from '../db/refunds.js';
import { mountRefunds } from './refunds.js';
import { loadRiskSettings, RiskSettings, riskStopOf, saveRiskSettings } from '../risk/limits.js';
import { dayStart, reconcile, toCsv, utcDay } from '../reconciliation/report.js';
import type { Sql } from '../storage/storage.js';

/** `POST /merchant/v1/sessions` body. */
export const CreateSessionBody = z.object({
  amount: Money,
  country: CountryCode,
  locale: z.optional(LocaleTag),
  methods: z.optional(z.array(z.string()).check(z.minLength(1), z.maxLength(64))),
  scenario: z.optional(z.string()),
  faults: z.optional(Faults),
  settlement: z.optional(Settlement),
  ttlSeconds: z.optional(z.int().check(z.gte(MIN_TOKEN_TTL_SECONDS), z.lte(MAX_TOKEN_TTL_SECONDS))),
  /** The store's own id for the buyer (never an email or name): per-buyer risk limits count by it. */
  buyer: z.optional(z.object({ id: z.string().check(z.minLength(1), z.maxLength(128)) })),
});
export type CreateSessionBody = z.infer<typeof CreateSessionBody>;

/** What session creation and token rotation return to the store's server. */
export interface SessionCredentials {
  sessionId: string;
  sessionToken: string;
  /** Base URL of the checkout API the widget talks to. */
  endpoint: string;
  expiresAt: string;
}

const MethodStatusBody = z.object({ status: MethodStatus });

/** Builds the session's offers from method ids, with BNPL limits where the currency matches. */
export function buildOffers(ids: readonly string[], currency: string): PaymentMethodOffer[] {
  return ids.map((id) => {
    if (!isKnownMethod(id)) throw new ApiError(400, 'invalid_request', `The sandbox PSP does not support the method "${id}".`);
    const limits = AMOUNT_LIMITS[id]?.[currency];
    return {
      id,
      type: METHOD_TYPES_BY_ID[id],
      status: 'available',
      ...(limits ? { minAmount: limits.min, maxAmount: limits.max } : {}),
    };
  });
}

export function merchantApi(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError(handleError);
  app.use(requireMerchant(ctx));

  const credentials = async (db: Sql, session: SessionRecord): Promise<SessionCredentials> => {
    const { token, expiresAt } = await issueToken(db, session.id, ctx.now(), session.ttlSeconds);
    return {
      sessionId: session.id,
      sessionToken: token,
      endpoint: `${ctx.apiUrl}/checkout/v1`,
      expiresAt: new Date(expiresAt).toISOString(),
    };
  };

  const sessionOr404 = async (id: string): Promise<SessionRecord> => {
    const session = await findSession(ctx.store, id);
    if (!session) throw new ApiError(404, 'not_found', 'No such session.');
    return session;
  };

  app.post('/sessions', async (c) => {
    const parsed = CreateSessionBody.safeParse(await readJson(c));
    if (!parsed.success) throw new ApiError(400, 'invalid_request', describeIssues(parsed.error.issues));
    const body = parsed.data;
    if (!isKnownCurrency(body.amount.currency)) {
      throw new ApiError(400, 'invalid_request', `Unknown currency "${body.amount.currency}".`);
    }
    if (body.amount.value <= 0) throw new ApiError(400, 'invalid_request', 'amount.value must be a positive integer in minor units.');
    if (body.scenario !== undefined && !parseScenario(body.scenario)) {
      throw new ApiError(400, 'invalid_request', `Unknown scenario "${body.scenario}"; one of: ${SCENARIO_NAMES.join(', ')}.`);
    }
    const faults = body.faults ?? {};
    const session: SessionRecord = {
      id: randomId('cs'),
      amount: body.amount,
      country: body.country,
      locale: body.locale ?? null,
      methods: buildOffers(body.methods ?? defaultMethodsFor(body.country), body.amount.currency),
      scenario: body.scenario ?? null,
      faults,
      faultState: initialFaultState(faults),
      settlement: body.settlement ?? null,
      ttlSeconds: body.ttlSeconds ?? ctx.tokenTtlSeconds,
      revokedAt: null,
      createdAt: ctx.now(),
      buyerId: body.buyer?.id ?? null,
    };
    // The session and its first token land together, or neither does.
    const issued = await ctx.store.transaction(async (tx) => {
      await insertSession(tx, session);
      return credentials(tx, session);
    });
    return c.json(issued, 201);
  });

  app.post('/sessions/:id/token', async (c) => {
    const session = await sessionOr404(c.req.param('id'));
    if (session.revokedAt !== null) throw new ApiError(409, 'invalid_request', 'The session was revoked; create a new one.');
    return c.json(await credentials(ctx.store, session), 201);
  });

  app.post('/sessions/:id/revoke', async (c) => {
    const session = await sessionOr404(c.req.param('id'));
    await revokeSession(ctx.store, session.id, ctx.now());
    return c.json({ sessionId: session.id, revoked: true }, 200);
  });

  app.put('/sessions/:id/methods/:method', async (c) => {
    const session = await sessionOr404(c.req.param('id'));
    const parsed = MethodStatusBody.safeParse(await readJson(c));
    if (!parsed.success) throw new ApiError(400, 'invalid_request', describeIssues(parsed.error.issues));
    const id = c.req.param('method');
    if (!session.methods.some((m) => m.id === id)) throw new ApiError(404, 'not_found', `The session does not offer "${id}".`);
    const methods = session.methods.map((m) => (m.id === id ? { ...m, status: parsed.data.status } : m));
    await saveMethods(ctx.store, session.id, methods);
    return c.json({ id, status: parsed.data.status }, 200);
  });

  app.put('/sessions/:id/faults', async (c) => {
    const session = await sessionOr404(c.req.param('id'));
    const parsed = Faults.safeParse(await readJson(c));
    if (!parsed.success) throw new ApiError(400, 'invalid_request', describeIssues(parsed.error.issues));
    await replaceFaults(ctx.store, session.id, parsed.data, initialFaultState(parsed.data));
    return c.json({ faults: parsed.data }, 200);
  });

  app.get('/sessions/:id/payments', async (c) => {
    const session = await sessionOr404(c.req.param('id'));
    const now = ctx.now();
    const payments = [];
    for (const stored of await listPayments(ctx.store, session.id)) {
      let current = expire(stored, now);
      if (current !== stored) {
        // Written back under the session's lock, re-read: a callback or cancel on another instance may have just decided it.
        current = await ctx.store.transaction(async (tx) => {
          await tx.lock(sessionLock(session.id));
          const fresh = (await findPayment(tx, stored.id)) ?? stored;
          const expired = expire(fresh, now);
          if (expired !== fresh) await savePayment(tx, expired);
          return expired;
        });
      }
      const [refunded, riskStop] = await Promise.all([refundedAmount(ctx.store, current.id), riskStopOf(ctx.store, current.id)]);
      payments.push({
        ...toResult(current, POLL_AFTER_MS),
        idempotencyKey: current.idempotencyKey,
        refundedAmount: { value: refunded, currency: current.amount.currency },
        // Why the store's own limits stopped it: for the merchant, never shown to the buyer.
        ...(riskStop ? { riskStop } : {}),
        updatedAt: new Date(current.updatedAt).toISOString(),
      });
    }
    return c.json({ sessionId: session.id, payments }, 200);
  });

  mountRefunds(app, ctx);

  // Daily reconciliation: ?date=YYYY-MM-DD (UTC, default yesterday), &format=csv for the export.
  app.get('/reconciliation', async (c) => {
    const date = c.req.query('date') ?? utcDay(ctx.now() - 24 * 60 * 60 * 1000);
    if (dayStart(date) === undefined) throw new ApiError(400, 'invalid_request', 'date must be a UTC day as YYYY-MM-DD.');
    const format = c.req.query('format') ?? 'json';
    if (format !== 'json' && format !== 'csv') throw new ApiError(400, 'invalid_request', 'format is json or csv.');
    const report = await reconcile(ctx.store, date);
    if (format === 'json') return c.json(report, 200);
    return c.body(toCsv(report), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      // The date was checked against YYYY-MM-DD above: nothing else reaches this header.
      'Content-Disposition': `attachment; filename="reconciliation-${date}.csv"`,
    });
  });

  app.get('/risk', async (c) => c.json(await loadRiskSettings(ctx.store), 200));
  app.put('/risk', async (c) => {
    const parsed = RiskSettings.safeParse(await readJson(c));
    if (!parsed.success) throw new ApiError(400, 'invalid_request', describeIssues(parsed.error.issues));
    await saveRiskSettings(ctx.store, parsed.data, ctx.now());
    return c.json(parsed.data, 200);
  });

  app.all('*', (c) => {
    throw new ApiError(404, 'not_found', `No route ${c.req.method} ${c.req.path}.`);
  });
  return app;
}
