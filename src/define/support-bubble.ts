// Side-effect entry: `import 'checkout-kit/support-bubble'` defines <ck-support-bubble>.
// Only the launcher loads here; the chat panel loads on intent.
import { CkSupportBubble } from '../elements/support-bubble/support-bubble.js';

CkSupportBubble.define('ck-support-bubble');
