// The locale's messages for support video calls: a separate chunk, loaded only
// when a call starts (with <ck-support-call>).
import call from './call.json';

export default { call };
