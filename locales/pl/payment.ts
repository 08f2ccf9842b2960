// The locale's messages for paying (failures, actions, retry, fallback): a
// separate chunk, loaded with the payment flow rather than for the first paint.
import payment from './payment.json';

export default { payment };
