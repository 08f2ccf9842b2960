/**
 * Client-side experiments as a static store writes them in the `experiments`
 * attribute of `<ck-checkout>`: validated here, entry by entry, so one bad
 * entry costs only itself.
 */
import * as z from 'zod/mini';
import { ExperimentKey } from '../protocol/session.schema.js';
import type { ExperimentDefinition } from './assign.js';

const MethodId = z.string().check(z.regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/));

const Variant = z.object({
  key: ExperimentKey,
  weight: z.optional(z.number().check(z.gte(0), z.lte(1))),
  order: z.optional(z.array(MethodId).check(z.maxLength(64))),
});

const Definition = z.object({
  key: ExperimentKey,
  seed: z.optional(z.string().check(z.maxLength(128))),
  variants: z.array(Variant).check(z.minLength(1), z.maxLength(16)),
  coverage: z.optional(z.number().check(z.gte(0), z.lte(1))),
  countries: z.optional(z.array(z.string().check(z.regex(/^[A-Z]{2}$/)))),
});

/** The valid definitions of `raw` (an array) and how many entries were left out; anything else is all invalid. */
export function parseExperimentDefinitions(raw: unknown): { experiments: ExperimentDefinition[]; invalid: number } {
  if (raw === undefined || raw === null) return { experiments: [], invalid: 0 };
  if (!Array.isArray(raw)) return { experiments: [], invalid: 1 };
  const experiments: ExperimentDefinition[] = [];
  let invalid = 0;
  for (const entry of raw.slice(0, 8)) {
    const parsed = Definition.safeParse(entry);
    if (parsed.success) experiments.push(parsed.data);
    else invalid++;
  }
  return { experiments, invalid: invalid + Math.max(0, raw.length - 8) };
}
