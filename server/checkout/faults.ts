/**
 * Consumes one-shot fault counters atomically, so concurrent requests never
 * both take the last one — on one instance or several: the read and the write
 * run in one transaction holding the session's fault lock.
 */
import { findSession, saveFaults, saveFaultState } from '../db/sessions.js';
import type { Faults, FaultState } from '../psp/faults.js';
import type { Sql } from '../storage/storage.js';

export type CountedFault = 'fail' | 'drop' | 'malformed';

/** True when the fault applies to this request (and one use of it is spent). */
export async function consumeFault(db: Sql, sessionId: string, fault: CountedFault): Promise<boolean> {
  return db.transaction(async (tx): Promise<boolean> => {
    await tx.lock(`faults:${sessionId}`);
    const session = await findSession(tx, sessionId);
    if (!session) return false;
    const state = { ...session.faultState };
    switch (fault) {
      case 'fail':
        if (state.failRemaining <= 0) return false;
        state.failRemaining -= 1;
        break;
      case 'drop':
        if (state.dropRemaining <= 0) return false;
        state.dropRemaining -= 1;
        break;
      case 'malformed':
        if (!session.faults.malformed) return false;
        if (state.malformedRemaining === null) return true;
        if (state.malformedRemaining <= 0) return false;
        state.malformedRemaining -= 1;
        break;
    }
    await saveFaultState(tx, sessionId, state);
    return true;
  });
}

/**
 * Replaces a session's faults and their counters (the merchant re-scripts a session) under the
 * same lock `consumeFault` takes, so a counter spent at the same moment on another instance
 * cannot write its old state over the new one.
 */
export async function replaceFaults(db: Sql, sessionId: string, faults: Faults, state: FaultState): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.lock(`faults:${sessionId}`);
    await saveFaults(tx, sessionId, faults, state);
  });
}
