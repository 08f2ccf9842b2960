// Side-effect entry: `import 'checkout-kit/checkout'` defines <ck-checkout> and the elements it renders.
// It also exports the class, so the entry's declaration file imports the element module and its
// `HTMLElementTagNameMap` entry (and, through the imports below, those of <ck-amount> and <ck-method-picker>).
import './amount.js';
import './method-picker.js';
import { CkCheckout } from '../elements/checkout/checkout.js';

CkCheckout.define('ck-checkout');

// A re-export (not `export { CkCheckout }`) so the manifest points at the class's own module.
export { CkCheckout } from '../elements/checkout/checkout.js';
