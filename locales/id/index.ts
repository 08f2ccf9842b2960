// One module per locale so that a bundler emits one lazy chunk per language.
import checkout from './checkout.json';
import catalog from './catalog.json';
import payment from './payment.json';

export default { checkout, catalog, payment };
