// `import 'checkout-kit/checkout'` alone types <ck-checkout> (and the elements it renders) and its events.
import { CkCheckout } from 'checkout-kit/checkout';

const checkout: CkCheckout | null = document.querySelector('ck-checkout');
const picker: HTMLElementTagNameMap['ck-method-picker'] | null = document.querySelector('ck-method-picker');
const amount: HTMLElementTagNameMap['ck-amount'] | null = document.querySelector('ck-amount');
checkout?.addEventListener('ck-payment-succeeded', (event) => console.log(event.detail.paymentId));
document.addEventListener('ck-ready', (event) => console.log(event.detail.methods.length));
export { amount, picker };
