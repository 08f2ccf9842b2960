// Side-effect entry: `import 'checkout-kit/amount'` defines <ck-amount>. It also exports the class,
// so the entry's declaration file imports the element module and its `HTMLElementTagNameMap` entry.
import { CkAmount } from '../elements/amount/amount.js';

CkAmount.define('ck-amount');

// A re-export (not `export { CkAmount }`) so the manifest points at the class's own module.
export { CkAmount } from '../elements/amount/amount.js';
