// A bench floor (scripts/bench-floor.ts): plain.ts's page with lit, i18next and zod each doing the least
// the list needs of it, and with the drop-in's request structure: this tiny entry asks for the session
// and, at the same moment, for the chunk with the libraries (./libraries.ts).

const checkout = document.querySelector('ck-checkout');
(globalThis as { floorSession?: Promise<unknown> }).floorSession = fetch(`${checkout?.getAttribute('endpoint')}/session`, {
  headers: { Accept: 'application/json', Authorization: `Bearer ${checkout?.getAttribute('session-token')}`, 'Checkout-Kit-Version': '1' },
}).then((answer) => answer.json());
import('./libraries.js')
  .then(({ defineFloorElements }) => defineFloorElements())
  .catch((error: unknown) => console.error('floor:', error));
