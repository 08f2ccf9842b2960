// Side-effect entry: `import 'checkout-kit/method-picker'` defines <ck-method-picker>. It also exports
// the class, so the entry's declaration file imports the element module and its `HTMLElementTagNameMap` entry.
import { CkMethodPicker } from '../elements/method-picker/method-picker.js';

CkMethodPicker.define('ck-method-picker');

// A re-export (not `export { CkMethodPicker }`) so the manifest points at the class's own module.
export { CkMethodPicker } from '../elements/method-picker/method-picker.js';
