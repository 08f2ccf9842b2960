// Side-effect entry: `import 'checkout-kit/method-picker'` defines <ck-method-picker>.
import { CkMethodPicker } from '../elements/method-picker/method-picker.js';

CkMethodPicker.define('ck-method-picker');
