// The floors' one request: `GET /session` for the page's <ck-checkout>, with the headers the drop-in's
// early start sends (src/early/start.ts, self-contained, so a floor page pulls in nothing else).
import { EARLY_HEADERS } from '../../src/early/start.js';

/** The session of `checkout` (its `endpoint` and `session-token` attributes), as parsed JSON. */
export function requestSession(checkout: Element | null): Promise<unknown> {
  return fetch(`${checkout?.getAttribute('endpoint')}/session`, {
    headers: {
      [EARLY_HEADERS.accept]: 'application/json',
      [EARLY_HEADERS.auth]: `Bearer ${checkout?.getAttribute('session-token')}`,
      [EARLY_HEADERS.version]: EARLY_HEADERS.versionValue,
    },
  }).then((answer) => answer.json());
}
