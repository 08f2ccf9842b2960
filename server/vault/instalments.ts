/**
 * Instalments the sandbox offers where buyers expect them: parcelas in Brazil
 * (up to 12), meses sin intereses in Mexico (3, 6, 9, 12) and 分割払い in Japan
 * (3, 5, 6, 10, 12), interest-free, and only counts whose instalment is at
 * least the local minimum (R$ 5, MX$ 50, ¥ 1,000), as issuers require.
 */
import type { CardOffer, Money } from '../../src/core/protocol/schemas.js';

interface Plan {
  readonly currency: string;
  readonly counts: readonly number[];
  /** Smallest instalment, in minor units. */
  readonly minimum: number;
}

const PLANS: Readonly<Record<string, Plan>> = {
  BR: { currency: 'BRL', counts: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], minimum: 500 },
  MX: { currency: 'MXN', counts: [3, 6, 9, 12], minimum: 5000 },
  JP: { currency: 'JPY', counts: [3, 5, 6, 10, 12], minimum: 1000 },
};

export function instalmentsFor(country: string, amount: Money): CardOffer['instalments'] | undefined {
  const plan = PLANS[country];
  if (!plan || plan.currency !== amount.currency) return undefined;
  const counts = plan.counts.filter((count) => Math.floor(amount.value / count) >= plan.minimum);
  return counts.length ? { counts, interestFree: true } : undefined;
}
