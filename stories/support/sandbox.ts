/**
 * The in-page stand-in backend every checkout story talks to (test/shared/fake-backend.ts patches
 * `fetch` for FAKE_ENDPOINT). A story's session token says what it answers, as
 * `<region>.<outcome>[.<fault>]`, so any state is a token away and the toolbar's "Outcome" and
 * "Fault" menus (.storybook/workshop.ts) only rewrite the token.
 *
 * The outcomes mirror the reference backend's sandbox scenarios (server/psp/scenarios.ts:
 * `success`, `decline:<code>`, `decline-once:<code>`, `pending`, `action:<kind>`) and the faults
 * its fault injection (server/psp/faults.ts: latency, 5xx, malformed bodies, a dropped response
 * after commit), plus the transport faults only a browser sees (offline, expired token).
 */
import { FAILURE_CODES, failureInfo, type FailureCode } from '../../src/core/payment/failures.js';
import type { PaymentAction, PaymentResult, Session } from '../../src/core/protocol/schemas.js';
import { FAKE_ENDPOINT, FakeBackend, sessionFixture, type Handler } from '../../test/shared/fake-backend.js';

export { FAKE_ENDPOINT };

const later = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

/** The buyer's region: its amount, currency and the methods a store there offers. */
export const REGIONS: Record<string, Omit<Session, 'id' | 'expiresAt' | 'mode'>> = {
  nl: sessionFixture(),
  sa: { country: 'SA', amount: { value: 25600, currency: 'SAR' }, paymentMethods: [{ id: 'mada', type: 'card' }, { id: 'apple_pay', type: 'wallet' }, { id: 'stc_pay', type: 'wallet' }, { id: 'tabby', type: 'bnpl' }, { id: 'bank_transfer', type: 'bank_transfer' }, { id: 'cod', type: 'cash_on_delivery' }] },
  jp: { country: 'JP', amount: { value: 6800, currency: 'JPY' }, paymentMethods: [{ id: 'card', type: 'card' }, { id: 'paypay', type: 'wallet' }, { id: 'konbini', type: 'voucher' }] },
  br: { country: 'BR', amount: { value: 36700, currency: 'BRL' }, paymentMethods: [{ id: 'pix', type: 'qr' }, { id: 'card', type: 'card' }, { id: 'boleto', type: 'voucher' }, { id: 'mercado_pago', type: 'wallet' }] },
  th: { country: 'TH', amount: { value: 159000, currency: 'THB' }, paymentMethods: [{ id: 'promptpay', type: 'qr' }, { id: 'truemoney', type: 'wallet' }, { id: 'card', type: 'card' }, { id: 'bank_transfer', type: 'bank_transfer' }, { id: 'cod', type: 'cash_on_delivery' }] },
};

/**
 * Every outcome of a new payment, by token name, with a label for the toolbar. `fail_<code>`
 * declines with that failure code; `declined_once` declines the session's first payment and
 * accepts the next (the reference sandbox's `decline-once:card_declined`).
 */
export const OUTCOMES: Readonly<Record<string, string>> = {
  succeeded: 'Succeeds',
  declined: 'Declined (insufficient funds)',
  declined_once: 'Declined once, then succeeds',
  retry_once: 'Issuer unavailable once (retryable), then succeeds',
  pending: 'Pending (waits for confirmation)',
  redirect: 'Action: redirect to the bank',
  qr: 'Action: QR code',
  voucher: 'Action: voucher',
  challenge: 'Action: 3-D Secure challenge',
  rejected: 'Rejected by the backend (422)',
  ...Object.fromEntries(FAILURE_CODES.map((code) => [`fail_${code}`, `Declined: ${code}`])),
};

/** Every fault the stand-in can inject, by token name, with a label for the toolbar. */
export const FAULTS: Readonly<Record<string, string>> = {
  network: 'Offline: every request fails',
  expired: 'Session expired (401)',
  malformed: 'Malformed session body',
  malformed_payment: 'Malformed payment body',
  server_error: '503 on the first two calls, then fine',
  slow: 'Slow backend (1.5 s per call)',
  drop: 'Payment committed, response lost once',
};

/**
 * A token from its parts; `fault` left out when none. `tag` (after `~`) only makes the token, and
 * so the session, distinct: two checkouts with the same scenario on one page must not share attempts.
 */
export function sandboxToken(region: string, outcome: string, fault?: string, tag?: string): string {
  return [region, outcome, fault].filter(Boolean).join('.') + (tag ? `~${tag}` : '');
}

/** Parts of a token; unknown parts are kept, so a story's own token never breaks. */
export function parseToken(token: string): { region: string; outcome: string; fault: string | undefined; tag: string | undefined } {
  const [scenario = '', tag] = token.split('~');
  const [region = 'nl', outcome = 'succeeded', fault] = scenario.split('.');
  return { region, outcome, fault, tag };
}

/**
 * The token with the toolbar's outcome and fault put in (`story` keeps the story's own), so a
 * story of the Brazilian checkout stays Brazilian when the toolbar asks for a voucher.
 */
export function withScenario(token: string, outcome: string | undefined, fault: string | undefined): string {
  const parts = parseToken(token);
  const chosenOutcome = outcome && outcome !== 'story' ? outcome : parts.outcome;
  const chosenFault = fault && fault !== 'story' ? (fault === 'none' ? undefined : fault) : parts.fault;
  return sandboxToken(parts.region, chosenOutcome, chosenFault, parts.tag);
}

/** ISO 4217 numeric codes of the story currencies, for the QR payloads. */
const NUMERIC_CURRENCY: Record<string, string> = { EUR: '978', SAR: '682', JPY: '392', BRL: '986', THB: '764' };

/** A made-up payload in the shape of an EMV merchant-presented QR code (no real scheme or merchant). */
function qrPayload(session: Session): string {
  const amount = String(session.amount.value / 100);
  const field = (id: string, value: string) => `${id}${String(value.length).padStart(2, '0')}${value}`;
  return ['000201', '010212', field('26', field('00', 'story.checkout-kit') + field('01', 'CK0042')), field('53', NUMERIC_CURRENCY[session.amount.currency] ?? '999'), field('54', amount), field('58', session.country), field('59', 'ATLAS AND OAK'), '6304', 'B7E2'].join('');
}

/** Each region's voucher as its PSP would issue it. */
const VOUCHERS: Record<string, PaymentAction> = {
  br: { type: 'voucher', kind: 'boleto', reference: '34191790010104351004791020150008291070000036700', barcode: '34192910700000367001790001043510047910201500', expiresAt: later(3 * 24 * 60) },
  jp: { type: 'voucher', kind: 'konbini', reference: '4567-8901-2345', expiresAt: later(3 * 24 * 60), instructions: 'ファミリーマート、ローソン、セブン-イレブンのレジで3日以内にお支払いください。' },
  default: { type: 'voucher', kind: 'bank_transfer', reference: 'CK-7XQ4-2291', expiresAt: later(5 * 24 * 60) },
};

/**
 * Which of the region's methods each action belongs to. The stand-in answers with it whatever
 * the buyer chose, as a backend answers a second tab with the session's live payment, so the
 * headings name the method that really shows a QR code or a voucher.
 */
const ACTION_METHODS: Record<string, Partial<Record<string, string>>> = {
  nl: { redirect: 'ideal', challenge: 'card' },
  br: { redirect: 'mercado_pago', qr: 'pix', voucher: 'boleto', challenge: 'card' },
  sa: { redirect: 'stc_pay', qr: 'stc_pay', voucher: 'bank_transfer', challenge: 'mada' },
  th: { redirect: 'truemoney', qr: 'promptpay', voucher: 'bank_transfer', challenge: 'card' },
  jp: { redirect: 'paypay', qr: 'paypay', voucher: 'konbini', challenge: 'card' },
};

/** What a new payment answers for an outcome name. */
function outcome(name: string, region: string, session: Session, chosen: string, id: string, attempt: number): PaymentResult {
  if (name === 'declined_once') return outcome(attempt === 1 ? 'fail_card_declined' : 'succeeded', region, session, chosen, id, attempt);
  if (name === 'retry_once') return outcome(attempt === 1 ? 'fail_issuer_unavailable' : 'succeeded', region, session, chosen, id, attempt);
  const method = ACTION_METHODS[region]?.[name] ?? chosen;
  const base = { id, method, amount: session.amount, createdAt: later(0) };
  if (name.startsWith('fail_')) {
    const code = name.slice('fail_'.length) as FailureCode;
    return { ...base, status: 'failed', failure: { code, retryable: failureInfo(code).retryable } };
  }
  switch (name) {
    case 'declined':
      return { ...base, status: 'failed', failure: { code: 'insufficient_funds', retryable: true } };
    case 'pending':
      return { ...base, status: 'pending', pollAfterMs: 60_000 };
    case 'qr':
      return { ...base, status: 'requires_action', action: { type: 'qr', payload: qrPayload(session), expiresAt: later(15) } };
    case 'voucher':
      return { ...base, status: 'requires_action', action: VOUCHERS[region] ?? VOUCHERS.default! };
    case 'redirect':
      return { ...base, status: 'requires_action', action: { type: 'redirect', url: 'https://bank.example/authorise?trx=8812' } };
    case 'challenge':
      return { ...base, status: 'requires_action', action: { type: 'challenge', url: 'https://3ds.bank.example/challenge?session=5512', mode: 'redirect' } };
    default:
      return { ...base, status: 'succeeded' };
  }
}

const payments = new Map<string, PaymentResult>();
/** New payments per token, for outcomes that change from one attempt to the next. */
const attempts = new Map<string, number>();
/** Calls answered per token, for the one-shot faults (`server_error`, `drop`). */
const calls = new Map<string, number>();
const dropped = new Set<string>();

const wait = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Forgets what a token's sandbox stored, so a story replayed from the toolbar starts afresh. */
export function resetSandbox(token: string): void {
  attempts.delete(token);
  calls.delete(token);
  dropped.delete(token);
}

const handler: Handler = async (request) => {
  const token = (request.headers.authorization ?? '').replace('Bearer ', '');
  const { region, outcome: result, fault } = parseToken(token);
  // One session id per token: attempts kept in sessionStorage must not leak from one story into another.
  const session: Session = sessionFixture({ ...(REGIONS[region] ?? REGIONS.nl!), id: `cs_story_${token.replace(/[^a-z0-9_]/gi, '_')}` });
  const call = (calls.get(token) ?? 0) + 1;
  calls.set(token, call);
  if (fault === 'slow') await wait(1500);
  if (fault === 'network') return 'network-error';
  if (fault === 'expired') return { status: 401, body: { error: { code: 'session_expired', message: 'expired' } } };
  if (fault === 'malformed') return { status: 200, body: { id: 7 } };
  if (fault === 'server_error' && call <= 2) return { status: 503, body: { error: { code: 'unavailable', message: 'try again' } } };
  if (request.method === 'GET' && request.path === '/session') return { status: 200, body: session };
  if (request.method === 'POST' && request.path === '/payments') {
    if (result === 'rejected') return { status: 422, body: { error: { code: 'method_not_offered', message: 'not offered' } } };
    const key = request.headers['idempotency-key'] ?? '';
    const method = (request.body as { method: string }).method;
    let payment = payments.get(key);
    if (!payment) {
      const attempt = (attempts.get(token) ?? 0) + 1;
      attempts.set(token, attempt);
      payment = outcome(result, region, session, method, `pay_${payments.size + 1}`, attempt);
    }
    payments.set(key, payment);
    if (fault === 'malformed_payment') return { status: 201, body: { ...payment, status: 'complete' } };
    // Committed, then the answer is lost once: the client re-sends with the same key and gets the stored payment.
    if (fault === 'drop' && !dropped.has(token)) {
      dropped.add(token);
      return 'network-error';
    }
    return { status: 201, body: payment };
  }
  const found = [...payments.values()].find((p) => request.path.endsWith(`/payments/${p.id}`));
  return found ? { status: 200, body: found } : { status: 404, body: { error: { code: 'not_found', message: request.path } } };
};

let installed: FakeBackend | undefined;
/** Patches `fetch` once per preview iframe; every story module calls it, the first one wins. */
export function installSandbox(): void {
  if (typeof window === 'undefined' || installed) return;
  installed = new FakeBackend(handler);
}
installSandbox();
