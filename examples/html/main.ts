// Plain HTML + a module script: properties and typed `ck-*` events, no framework.
import 'checkout-kit/checkout';
import { createCheckoutSession } from '../shared/session.js';

const checkout = document.querySelector('ck-checkout')!; // typed as CkCheckout by the package
const status = document.getElementById('status')!;

checkout.addEventListener('ck-ready', (event) => {
  status.textContent = `Ready: ${event.detail.methods.length} payment methods`;
});
checkout.addEventListener('ck-payment-succeeded', (event) => {
  status.textContent = `Paid: ${event.detail.paymentId}`;
});

createCheckoutSession().then(
  ({ sessionToken, endpoint }) => {
    checkout.endpoint = endpoint;
    checkout.sessionToken = sessionToken;
  },
  (error: unknown) => {
    status.textContent = `Could not start the checkout: ${String(error)}`;
  },
);
