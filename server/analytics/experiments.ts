/**
 * Server-side assignment of the reference backend: the merchant's experiments
 * (start option `experiments`, or `CHECKOUT_KIT_EXPERIMENTS` as JSON) are
 * assigned when the widget loads the session, sticky per the buyer id the
 * store passed at session creation (`buyer.id`), and sent in
 * `Session.experiments`. Without a buyer id the session id is the unit, so
 * the variant holds for that checkout only. Same hash as the widget's
 * client-side bucketing (src/core/protocol/bucketing.ts).
 */
import { assignVariant, ExperimentDefinition } from '../../src/core/protocol/bucketing.js';
import type { ExperimentAssignment } from '../../src/core/protocol/schemas.js';
import type { SessionRecord } from '../db/sessions.js';

/** The `experiments` of a session: its buyer's variant of each experiment that covers them. */
export function assignExperiments(experiments: readonly ExperimentDefinition[], session: SessionRecord): ExperimentAssignment[] {
  const unit = session.buyerId ?? session.id;
  return experiments.flatMap((experiment) => assignVariant(experiment, unit, session.country) ?? []);
}

/**
 * Parses `CHECKOUT_KIT_EXPERIMENTS` (a JSON array of experiment definitions,
 * docs/experiments.md). Absent: none. Malformed: an error naming the entry,
 * so `npm start` stops instead of silently running without the experiment.
 */
export function experimentsFromEnv(value: string | undefined): ExperimentDefinition[] {
  if (!value?.trim()) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch {
    throw new Error('CHECKOUT_KIT_EXPERIMENTS is not JSON: write an array of { "key", "variants": [{ "key", "order"? }] }.');
  }
  if (!Array.isArray(raw)) throw new Error('CHECKOUT_KIT_EXPERIMENTS must be a JSON array of experiment definitions.');
  return raw.map((entry, index) => {
    const parsed = ExperimentDefinition.safeParse(entry);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`CHECKOUT_KIT_EXPERIMENTS[${index}] is invalid at ${issue?.path.map(String).join('.') || '(entry)'}: ${issue?.message ?? 'invalid'}.`);
    }
    return parsed.data;
  });
}
