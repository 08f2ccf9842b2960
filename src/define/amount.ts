// Side-effect entry: `import 'checkout-kit/amount'` defines <ck-amount>. It also exports the class,
// so the entry's declaration file imports the element module and its `HTMLElementTagNameMap` entry.
import { CkAmount } from '../elements/amount/amount.js';

CkAmount.define('ck-amount');

export { CkAmount };
