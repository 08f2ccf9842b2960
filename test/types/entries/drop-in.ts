// `import 'checkout-kit/drop-in'` types every tag, <ck-payment-action> included, and every event.
import { CkCheckout, VERSION, type CkPaymentAction, type CkReadyDetail } from 'checkout-kit/drop-in';

const checkout: CkCheckout | null = document.querySelector('ck-checkout');
const action: CkPaymentAction | null = document.querySelector('ck-payment-action');
checkout?.addEventListener('ck-ready', (event) => {
  const detail: CkReadyDetail = event.detail;
  console.log(VERSION, detail.methods);
});
export { action };
