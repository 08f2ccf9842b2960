// React 19: custom elements get properties (camelCase) and native `on<event-name>` listeners.
// `import type {} from 'checkout-kit/react'` types the tags, their properties and every ck-* event.
import 'checkout-kit/checkout'; // define the element before the first render, so React sets properties
import type {} from 'checkout-kit/react';
import { StrictMode, useEffect, useState, type ReactElement } from 'react';
import { createRoot } from 'react-dom/client';
import { createCheckoutSession, type CheckoutSession } from '../shared/session.js';

function App(): ReactElement {
  const [session, setSession] = useState<CheckoutSession | null>(null);
  const [status, setStatus] = useState('Loading…');

  useEffect(() => {
    let current = true;
    createCheckoutSession().then(
      (created) => current && setSession(created),
      (error: unknown) => current && setStatus(`Could not start the checkout: ${String(error)}`),
    );
    return () => {
      current = false;
    };
  }, []);

  return (
    <main>
      <h1>Checkout (React 19)</h1>
      {session && (
        <ck-checkout
          endpoint={session.endpoint}
          sessionToken={session.sessionToken}
          locale="en"
          onck-ready={(event) => setStatus(`Ready: ${event.detail.methods.length} payment methods`)}
          onck-payment-succeeded={(event) => setStatus(`Paid: ${event.detail.paymentId}`)}
        />
      )}
      <p role="status">{status}</p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
