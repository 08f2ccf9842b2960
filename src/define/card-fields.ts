// Side-effect entry: defines <ck-card-fields>. <ck-checkout> imports it lazily when
// the buyer chooses a card method, so the method list never waits for it.
import { CkCardFields } from '../elements/card-fields/card-fields.js';

CkCardFields.define('ck-card-fields');

// A re-export (not `export { CkCardFields }`) so the manifest points at the class's own module.
export { CkCardFields } from '../elements/card-fields/card-fields.js';
