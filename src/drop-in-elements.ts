// Everything the drop-in defines, behind the entry's one import(): bundled into the hashed
// element chunk that lazy chunks import directly (never the entry, which a store may load as
// `checkout-kit.js?v=…`), so two script tags still make one module graph.
import './define/checkout.js';

export { CkElement, VERSION } from './elements/base/ck-element.js';
export { CkAmount } from './elements/amount/amount.js';
export { CkMethodPicker } from './elements/method-picker/method-picker.js';
export { CkCheckout } from './elements/checkout/checkout.js';
