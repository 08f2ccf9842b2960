/**
 * Client-side experiments as a static store writes them in the `experiments`
 * attribute of `<ck-checkout>`: validated here, entry by entry, so one bad
 * entry costs only itself.
 */
import { ExperimentDefinition } from '../protocol/bucketing.js';

/** At most this many experiments apply to one list. */
const MAX_EXPERIMENTS = 8;

/** The valid definitions of `raw` (an array) and how many entries were left out; anything else is all invalid. */
export function parseExperimentDefinitions(raw: unknown): { experiments: ExperimentDefinition[]; invalid: number } {
  if (raw === undefined || raw === null) return { experiments: [], invalid: 0 };
  if (!Array.isArray(raw)) return { experiments: [], invalid: 1 };
  const experiments: ExperimentDefinition[] = [];
  let invalid = 0;
  for (const entry of raw.slice(0, MAX_EXPERIMENTS)) {
    const parsed = ExperimentDefinition.safeParse(entry);
    if (parsed.success) experiments.push(parsed.data);
    else invalid++;
  }
  return { experiments, invalid: invalid + Math.max(0, raw.length - MAX_EXPERIMENTS) };
}
