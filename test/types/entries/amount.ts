// `import 'checkout-kit/amount'` alone types <ck-amount> and its events.
import { CkAmount } from 'checkout-kit/amount';

const amount: CkAmount | null = document.querySelector('ck-amount');
amount?.addEventListener('ck-error', (event) => console.log(event.detail.code));
if (amount) amount.currency = 'JPY';
