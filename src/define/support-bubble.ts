// Side-effect entry: `import 'checkout-kit/support-bubble'` defines <ck-support-bubble>. It also exports the
// class, so the entry types its tag. Only the launcher loads here; the chat panel loads on intent.
import { CkSupportBubble } from '../elements/support-bubble/support-bubble.js';

CkSupportBubble.define('ck-support-bubble');

// A re-export, so the entry's declaration file types the tag and its events (and the manifest points at the class's module).
export { CkSupportBubble } from '../elements/support-bubble/support-bubble.js';
