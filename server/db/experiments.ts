/**
 * Gradual rollouts of payment methods: the share of buyers per country that
 * sees a method, changed through the merchant API without a deploy, and the
 * guardrail that halts one by itself (table `rollouts`, ANALYTICS_MIGRATION in
 * server/db/analytics.ts); and the experiments' sample-size plans.
 */
import type { Sql } from '../storage/storage.js';

/** When a rollout halts by itself. */
export interface Guardrail {
  /** Halt when the method's failure rate exceeds the other methods' by more than this (absolute: 0.05 = 5 points). */
  margin: number;
  /** Final attempts of the method needed before the guardrail judges. */
  minAttempts: number;
  /** How far back the guardrail looks. */
  windowMinutes: number;
}

export interface Rollout {
  method: string;
  /** Share (0–1) per buyer country; `*` for the others (0 when absent). */
  shares: Record<string, number>;
  guardrail: Guardrail | null;
  /** Set when the guardrail halted it; cleared when the merchant sets the rollout again. */
  haltedAt: number | null;
  haltedReason: string | null;
  updatedAt: number;
}

interface Row {
  method: string;
  shares_json: string;
  guardrail_json: string | null;
  halted_at: number | null;
  halted_reason: string | null;
  updated_at: number;
}

const fromRow = (row: Row): Rollout => ({
  method: row.method,
  shares: JSON.parse(row.shares_json) as Record<string, number>,
  guardrail: row.guardrail_json ? (JSON.parse(row.guardrail_json) as Guardrail) : null,
  haltedAt: row.halted_at,
  haltedReason: row.halted_reason,
  updatedAt: row.updated_at,
});

/** Sets (widens, narrows, restarts) a rollout; a halt is lifted by setting it again. */
export async function putRollout(db: Sql, rollout: { method: string; shares: Record<string, number>; guardrail: Guardrail | null }, now: number): Promise<Rollout> {
  const row = await db.get<Row>(
    `INSERT INTO rollouts (method, shares_json, guardrail_json, halted_at, halted_reason, updated_at) VALUES (?, ?, ?, NULL, NULL, ?)
     ON CONFLICT (method) DO UPDATE SET shares_json = excluded.shares_json, guardrail_json = excluded.guardrail_json,
       halted_at = NULL, halted_reason = NULL, updated_at = excluded.updated_at
     RETURNING method, shares_json, guardrail_json, halted_at, halted_reason, updated_at`,
    [rollout.method, JSON.stringify(rollout.shares), rollout.guardrail ? JSON.stringify(rollout.guardrail) : null, now],
  );
  return fromRow(row!);
}

export async function listRollouts(db: Sql): Promise<Rollout[]> {
  return (await db.all<Row>('SELECT method, shares_json, guardrail_json, halted_at, halted_reason, updated_at FROM rollouts ORDER BY method')).map(fromRow);
}

/** Halts a running rollout; true when this call halted it (on any instance, one halt wins). */
export async function haltRollout(db: Sql, method: string, reason: string, now: number): Promise<boolean> {
  const result = await db.run('UPDATE rollouts SET halted_at = ?, halted_reason = ?, updated_at = ? WHERE method = ? AND halted_at IS NULL', [now, reason, now, method]);
  return result.changes > 0;
}

/** Final payment attempts since `since`: of `method`, and of every other method. `cancelled` is the buyer's choice, not a failure, and is left out. */
export async function outcomeCounts(
  db: Sql,
  method: string,
  since: number,
): Promise<{ method: { attempts: number; failures: number }; others: { attempts: number; failures: number } }> {
  const rows = await db.all<{ mine: number; attempts: number; failures: number | null }>(
    // Grouped by the derived column: Postgres does not take two placeholders as the same expression.
    `SELECT mine, COUNT(*) AS attempts, SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS failures FROM (
       SELECT CASE WHEN method = ? THEN 1 ELSE 0 END AS mine, status FROM payments
       WHERE created_at >= ? AND status IN ('succeeded', 'failed') AND COALESCE(failure_code, '') <> 'cancelled'
     ) p GROUP BY mine`,
    [method, since],
  );
  const of = (mine: number) => {
    const row = rows.find((r) => r.mine === mine);
    return { attempts: row?.attempts ?? 0, failures: row?.failures ?? 0 };
  };
  return { method: of(1), others: of(0) };
}

/** The merchant's sample-size plan of one experiment (docs/experiments.md, "Statistics"). */
export interface ExperimentPlan {
  /** Control's expected conversion (0–1); the control's observed rate when absent. */
  baseline?: number;
  /** Relative lift worth detecting (0.1 = +10%). */
  minimumDetectableEffect: number;
  alpha: number;
  power: number;
}

export const DEFAULT_PLAN: ExperimentPlan = { minimumDetectableEffect: 0.1, alpha: 0.05, power: 0.8 };

export async function putPlan(db: Sql, experiment: string, plan: ExperimentPlan, now: number): Promise<void> {
  await db.run(
    `INSERT INTO experiment_plans (experiment, json, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (experiment) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at`,
    [experiment, JSON.stringify(plan), now],
  );
}

/** Plans by experiment key. */
export async function listPlans(db: Sql): Promise<Map<string, ExperimentPlan>> {
  const rows = await db.all<{ experiment: string; json: string }>('SELECT experiment, json FROM experiment_plans');
  return new Map(rows.map((row) => [row.experiment, JSON.parse(row.json) as ExperimentPlan]));
}
