// Side-effect entry: `import 'checkout-kit/checkout'` defines <ck-checkout> and the elements it renders.
import './amount.js';
import './method-picker.js';
import { CkCheckout } from '../elements/checkout/checkout.js';

CkCheckout.define('ck-checkout');
