/**
 * After a payment fails, which methods should the buyer see next? Pure and
 * data-driven: a store can add its own rules as JSON (from its CMS, a remote
 * config or an attribute) and change them without a deploy.
 *
 * ## Rule shape
 *
 * ```json
 * [
 *   { "when": { "type": "wallet" }, "offer": ["type:bank_transfer", "type:card"] },
 *   { "when": { "method": "pix", "code": ["expired", "cancelled"] }, "offer": ["boleto", "type:card"] }
 * ]
 * ```
 *
 * - `when` matches the failed payment. Every field is optional; a field that
 *   is present must match (a list matches any of its entries):
 *   `method` (method id), `type` (protocol method type), `code` (failure code).
 *   `{}` matches every failure.
 * - `offer` is the order of preference: a method id (`"pix"`) or a whole type
 *   (`"type:card"`). Entries the session does not offer are skipped.
 *
 * The first matching rule wins; store rules are tried before the defaults.
 * Offered methods the rule does not mention follow in the session's order, so
 * a rule reorders and never hides. Whatever the rules say, the failed method
 * itself, methods that already failed in this checkout and `down` methods are
 * never suggested, and `degraded` methods come last.
 */
import * as z from 'zod/mini';
import { MethodType, type PaymentMethodOffer } from '../protocol/session.schema.js';
import { FailureCode } from '../protocol/payment.schema.js';

export type FallbackRule = z.infer<typeof FallbackRule>;

const oneOrMany = <T extends z.ZodMiniType>(schema: T) => z.union([schema, z.array(schema).check(z.minLength(1))]);

/** Schema of one store rule; see the module doc for the meaning. */
export const FallbackRule = z.object({
  when: z.object({
    method: z.optional(oneOrMany(z.string().check(z.minLength(1), z.maxLength(64)))),
    type: z.optional(oneOrMany(MethodType)),
    code: z.optional(oneOrMany(FailureCode)),
  }),
  offer: z.array(z.string().check(z.regex(/^(type:)?[a-z0-9][a-z0-9_.-]{0,63}$/))).check(z.maxLength(50)),
});

/** The built-in rules: prefer a different kind of method from the one that failed. */
export const DEFAULT_FALLBACK_RULES: readonly FallbackRule[] = [
  // The card itself was refused: a wallet or the buyer's bank sidesteps the issuer's decision.
  {
    when: { type: 'card', code: ['card_declined', 'insufficient_funds', 'expired_card', 'limit_exceeded', 'risk_blocked'] },
    offer: ['type:wallet', 'type:bank_redirect', 'type:qr', 'type:bank_transfer'],
  },
  { when: { type: 'card' }, offer: ['type:wallet', 'type:bank_redirect', 'type:qr', 'type:bank_transfer'] },
  { when: { type: 'wallet' }, offer: ['type:bank_transfer', 'type:card', 'type:bank_redirect', 'type:qr'] },
  { when: { type: 'bank_redirect' }, offer: ['type:card', 'type:wallet', 'type:qr', 'type:bank_transfer'] },
  { when: { type: 'qr' }, offer: ['type:card', 'type:wallet', 'type:bank_redirect', 'type:bank_transfer'] },
  { when: { type: 'bank_transfer' }, offer: ['type:card', 'type:wallet', 'type:qr', 'type:bank_redirect'] },
  { when: { type: 'voucher' }, offer: ['type:qr', 'type:card', 'type:bank_transfer', 'type:wallet'] },
  { when: { type: 'bnpl' }, offer: ['type:card', 'type:wallet', 'type:bank_redirect'] },
  { when: { type: 'cash_on_delivery' }, offer: ['type:card', 'type:wallet', 'type:qr'] },
];

export interface FallbackInput {
  /** The method that just failed. */
  failed: { id: string; type: MethodType };
  code: FailureCode;
  /** The session's methods in the order the buyer sees them. */
  offers: readonly PaymentMethodOffer[];
  /** Methods that already failed earlier in this checkout. */
  exclude?: readonly string[];
}

export interface FallbackOptions {
  /** Store rules, tried before the defaults. */
  rules?: readonly FallbackRule[];
  /** Set false to use only the store's rules. Default true. */
  defaults?: boolean;
  /** How many methods to return. Default 3. */
  limit?: number;
}

/** The methods to suggest after a failure, best first. */
export function fallbackMethods(input: FallbackInput, options: FallbackOptions = {}): PaymentMethodOffer[] {
  const excluded = new Set([input.failed.id, ...(input.exclude ?? [])]);
  const candidates = input.offers.filter((offer) => !excluded.has(offer.id) && offer.status !== 'down');
  const rules = [...(options.rules ?? []), ...(options.defaults === false ? [] : DEFAULT_FALLBACK_RULES)];
  const rule = rules.find((candidate) => matches(candidate, input));
  const rank = (offer: PaymentMethodOffer): number => {
    if (!rule) return Number.MAX_SAFE_INTEGER;
    const index = rule.offer.findIndex((entry) => entry === offer.id || entry === `type:${offer.type}`);
    return index === -1 ? Number.MAX_SAFE_INTEGER : index;
  };
  // Array#sort is stable: equal ranks keep the session's order.
  return candidates
    .map((offer) => ({ offer, degraded: offer.status === 'degraded' ? 1 : 0, rank: rank(offer) }))
    .sort((a, b) => a.degraded - b.degraded || a.rank - b.rank)
    .slice(0, Math.max(0, options.limit ?? 3))
    .map(({ offer }) => offer);
}

/** Store rules from untrusted JSON; invalid rules are dropped and reported, never thrown. */
export function parseFallbackRules(json: unknown): { rules: FallbackRule[]; invalid: number } {
  if (!Array.isArray(json)) return { rules: [], invalid: json === undefined || json === null ? 0 : 1 };
  const rules: FallbackRule[] = [];
  let invalid = 0;
  for (const entry of json) {
    const parsed = FallbackRule.safeParse(entry);
    if (parsed.success) rules.push(parsed.data);
    else invalid++;
  }
  return { rules, invalid };
}

function matches(rule: FallbackRule, input: FallbackInput): boolean {
  const { method, type, code } = rule.when;
  return includes(method, input.failed.id) && includes(type, input.failed.type) && includes(code, input.code);
}

function includes<T>(condition: T | readonly T[] | undefined, value: T): boolean {
  if (condition === undefined) return true;
  return Array.isArray(condition) ? condition.includes(value) : condition === value;
}
