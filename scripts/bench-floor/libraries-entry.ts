// A bench floor (scripts/bench-floor.ts): plain.ts's page with lit, i18next and zod each doing the least
// the list needs of it, and with the drop-in's request structure: this tiny entry asks for the session
// and, at the same moment, for the chunk with the libraries (./libraries.ts).

import { requestSession } from './session.js';

(globalThis as { floorSession?: Promise<unknown> }).floorSession = requestSession(document.querySelector('ck-checkout'));
import('./libraries.js')
  .then(({ defineFloorElements }) => defineFloorElements())
  .catch((error: unknown) => console.error('floor:', error));
