// `import 'checkout-kit/method-picker'` alone types <ck-method-picker> and its events.
import { CkMethodPicker } from 'checkout-kit/method-picker';

const picker: CkMethodPicker | null = document.querySelector('ck-method-picker');
picker?.addEventListener('ck-method-selected', (event) => console.log(event.detail.method, event.detail.type));
