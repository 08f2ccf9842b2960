// `import 'checkout-kit/support-bubble'` alone types <ck-support-bubble> and its events.
import { CkSupportBubble } from 'checkout-kit/support-bubble';

const bubble: CkSupportBubble | null = document.querySelector('ck-support-bubble');
bubble?.addEventListener('ck-support-opened', (event) => console.log(event.detail));
bubble?.addEventListener('ck-support-message-received', (event) => console.log(event.detail));
