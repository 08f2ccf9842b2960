/** Consumes one-shot fault counters atomically, so concurrent requests never both take the last one. */
import type { Db } from '../db/database.js';
import { findSession, saveFaultState } from '../db/sessions.js';

export type CountedFault = 'fail' | 'drop' | 'malformed';

/** True when the fault applies to this request (and one use of it is spent). */
export function consumeFault(db: Db, sessionId: string, fault: CountedFault): boolean {
  return db.transaction((): boolean => {
    const session = findSession(db, sessionId);
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
    saveFaultState(db, sessionId, state);
    return true;
  })();
}
