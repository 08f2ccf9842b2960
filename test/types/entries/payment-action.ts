// `import 'checkout-kit/payment-action'` alone types <ck-payment-action> and its events.
import { CkPaymentAction } from 'checkout-kit/payment-action';

const action: CkPaymentAction | null = document.querySelector('ck-payment-action');
action?.addEventListener('ck-action-redirect', (event) => console.log(event.detail.url, event.detail.popup));
