// One module per locale so that a bundler emits one lazy chunk per language:
// what the method list needs. The payment messages are a second chunk (payment.ts).
import checkout from './checkout.json';
import catalog from './catalog.json';

export default { checkout, catalog };
