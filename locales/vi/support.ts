// The locale's messages for the support bubble: a separate chunk, loaded only
// by <ck-support-bubble>, after the first paint.
import support from './support.json';

export default { support };
