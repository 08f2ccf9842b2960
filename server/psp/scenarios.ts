/**
 * Deterministic sandbox outcomes. A session's `scenario` (set by the merchant
 * at creation) wins; without one, "magic" amounts pick the outcome, so a
 * store can test declines with nothing but a price.
 */
import { FAILURE_CODES, type FailureCode } from '../../src/core/protocol/schemas.js';

export type ActionKind = 'redirect' | 'qr' | 'voucher' | 'challenge';

export type Scenario =
  | { kind: 'success' }
  | { kind: 'decline'; code: FailureCode; /** Only the session's first payment declines; later ones follow the method's natural flow. */ once?: boolean }
  | { kind: 'pending'; polls: number }
  | { kind: 'action'; action: ActionKind; challengeMode?: 'iframe' | 'redirect' };

/** Polls a `pending` payment needs before it succeeds when the scenario gives no count. */
export const DEFAULT_PENDING_POLLS = 2;

/**
 * Magic amounts: the last two digits of the amount in minor units. Chosen in
 * the 51–74 range so that ordinary round prices (…00, …99, …95) never hit one.
 */
export const MAGIC_AMOUNTS: ReadonlyArray<{ readonly lastTwoDigits: number; readonly scenario: string }> = [
  ...FAILURE_CODES.map((code, index) => ({ lastTwoDigits: 51 + index, scenario: `decline:${code}` })),
  { lastTwoDigits: 70, scenario: 'pending' },
  { lastTwoDigits: 71, scenario: 'action:redirect' },
  { lastTwoDigits: 72, scenario: 'action:qr' },
  { lastTwoDigits: 73, scenario: 'action:voucher' },
  { lastTwoDigits: 74, scenario: 'action:challenge' },
];

/** Every scenario string the sandbox accepts, for docs and validation messages. */
export const SCENARIO_NAMES: readonly string[] = [
  'success',
  ...FAILURE_CODES.map((code) => `decline:${code}`),
  ...FAILURE_CODES.map((code) => `decline-once:${code}`),
  'pending',
  'pending:<polls>',
  'action:redirect',
  'action:qr',
  'action:voucher',
  'action:challenge',
  'action:challenge:iframe',
  'action:challenge:redirect',
];

const FAILURE_SET: ReadonlySet<string> = new Set(FAILURE_CODES);

/** Parses a scenario string; `undefined` when it is not one the sandbox knows. */
export function parseScenario(text: string): Scenario | undefined {
  if (text === 'success') return { kind: 'success' };
  const [head, arg, extra] = text.split(':');
  if (head === 'decline' && arg !== undefined && extra === undefined && FAILURE_SET.has(arg)) {
    return { kind: 'decline', code: arg as FailureCode };
  }
  if (head === 'decline-once' && arg !== undefined && extra === undefined && FAILURE_SET.has(arg)) {
    return { kind: 'decline', code: arg as FailureCode, once: true };
  }
  if (head === 'pending' && extra === undefined) {
    if (arg === undefined) return { kind: 'pending', polls: DEFAULT_PENDING_POLLS };
    if (/^(?:[0-9]|[1-9][0-9])$/.test(arg)) return { kind: 'pending', polls: Number(arg) };
    return undefined;
  }
  if (head === 'action') {
    if ((arg === 'redirect' || arg === 'qr' || arg === 'voucher') && extra === undefined) {
      return { kind: 'action', action: arg };
    }
    if (arg === 'challenge' && (extra === undefined || extra === 'iframe' || extra === 'redirect')) {
      return { kind: 'action', action: 'challenge', challengeMode: extra ?? 'iframe' };
    }
  }
  return undefined;
}

/**
 * The scenario that applies to a payment: the session's explicit one, else
 * the magic amount's, else plain success (the method's natural flow).
 */
export function resolveScenario(explicit: string | null | undefined, amountMinor: number): Scenario {
  if (explicit) {
    const parsed = parseScenario(explicit);
    if (parsed) return parsed;
  }
  const lastTwo = Math.abs(amountMinor) % 100;
  const magic = MAGIC_AMOUNTS.find((entry) => entry.lastTwoDigits === lastTwo);
  return (magic && parseScenario(magic.scenario)) ?? { kind: 'success' };
}
