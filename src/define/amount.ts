// Side-effect entry: `import 'checkout-kit/amount'` defines <ck-amount>.
import { CkAmount } from '../elements/amount/amount.js';

CkAmount.define('ck-amount');
