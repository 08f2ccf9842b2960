/**
 * Sandbox test cards that choose the PSP's outcome. The vault keeps only a
 * card's brand, last four digits and expiry, so the outcome is read from the
 * last four digits: `…5100` declines with `insufficient_funds`, `…7403` asks
 * for 3-D Secure, and so on (the same 51–65 / 74 numbering as the magic
 * amounts, followed by 0 and the check digit). Any other card pays.
 * Every number is a Luhn-valid Visa number (server/vault/vault.test.ts checks
 * them with the card rules); docs/cards.md lists them.
 */
import type { FailureCode } from '../../src/core/protocol/schemas.js';

export interface OutcomeTestCard {
  readonly number: string;
  /** A scenario string of server/psp/scenarios.ts. */
  readonly scenario: `decline:${FailureCode}` | 'action:challenge:iframe' | 'action:challenge:redirect';
}

export const OUTCOME_TEST_CARDS: readonly OutcomeTestCard[] = [
  { number: '4000000000005100', scenario: 'decline:insufficient_funds' },
  { number: '4000000000005209', scenario: 'decline:card_declined' },
  { number: '4000000000005308', scenario: 'decline:expired_card' },
  { number: '4000000000005407', scenario: 'decline:incorrect_cvc' },
  { number: '4000000000005506', scenario: 'decline:authentication_failed' },
  { number: '4000000000005605', scenario: 'decline:risk_blocked' },
  { number: '4000000000005704', scenario: 'decline:limit_exceeded' },
  { number: '4000000000005803', scenario: 'decline:method_unavailable' },
  { number: '4000000000005902', scenario: 'decline:issuer_unavailable' },
  { number: '4000000000006009', scenario: 'decline:cancelled' },
  { number: '4000000000006108', scenario: 'decline:expired' },
  { number: '4000000000006207', scenario: 'decline:network_error' },
  { number: '4000000000006306', scenario: 'decline:timeout' },
  { number: '4000000000006405', scenario: 'decline:processing_error' },
  { number: '4000000000006504', scenario: 'decline:store_limit' },
  { number: '4000000000007403', scenario: 'action:challenge:iframe' },
  { number: '4000000000007502', scenario: 'action:challenge:redirect' },
];

const BY_LAST4: ReadonlyMap<string, string> = new Map(OUTCOME_TEST_CARDS.map((card) => [card.number.slice(-4), card.scenario]));

/** The sandbox scenario a tokenized card asks for, from its last four digits; `undefined`: the card pays. */
export function scenarioOfCard(last4: string): string | undefined {
  return BY_LAST4.get(last4);
}
