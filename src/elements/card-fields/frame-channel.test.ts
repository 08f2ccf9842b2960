import { expect, waitUntil } from '@open-wc/testing';
import { FrameChannel } from './frame-channel.js';
import { CARD_FRAME_PROTOCOL, type FrameToHostMessage } from '../../core/protocol/card-frame.schema.js';

/**
 * The host's guard on the card frame's messages: only the frame's exact origin
 * *and* its own iframe window are heard, and only schema-valid messages.
 * A same-origin srcdoc iframe stands in for the frame so the test can post from it.
 */
describe('<ck-card-fields> frame channel', () => {
  let iframe: HTMLIFrameElement;
  let other: HTMLIFrameElement;
  let heard: FrameToHostMessage[];
  let channel: FrameChannel;

  const ready = { protocol: CARD_FRAME_PROTOCOL, type: 'ready' };
  /** Posts `message` to this page from a script running in `from` (so `event.source` is `from`). */
  const post = (from: Window, message: unknown) =>
    (from as Window & { eval(code: string): unknown }).eval(`parent.postMessage(${JSON.stringify(message)}, ${JSON.stringify(location.origin)})`);

  beforeEach(async () => {
    heard = [];
    [iframe, other] = [document.createElement('iframe'), document.createElement('iframe')];
    for (const frame of [iframe, other]) {
      frame.srcdoc = '<!doctype html><title>frame</title>';
      document.body.append(frame);
    }
    await waitUntil(() => iframe.contentDocument?.readyState === 'complete' && other.contentDocument?.readyState === 'complete');
    channel = new FrameChannel(() => iframe, () => location.origin, (message) => heard.push(message));
    channel.open();
  });

  afterEach(() => {
    channel.close();
    iframe.remove();
    other.remove();
  });

  it('hears a valid message from its own frame at the frame origin', async () => {
    post(iframe.contentWindow!, ready);
    await waitUntil(() => heard.length === 1);
    expect(heard[0]?.type).to.equal('ready');
  });

  it('ignores another window, another origin and malformed messages', async () => {
    post(other.contentWindow!, ready); // right origin, wrong window
    window.postMessage(ready, location.origin); // the page itself
    post(iframe.contentWindow!, { protocol: CARD_FRAME_PROTOCOL, type: 'tokenized', requestId: 'r1', token: '4242424242424242', brand: 'visa' }); // not a token
    post(iframe.contentWindow!, { type: 'ready' }); // no protocol
    const wrongOrigin = new FrameChannel(() => iframe, () => 'https://payments.example', (message) => heard.push(message));
    wrongOrigin.open();
    post(iframe.contentWindow!, { ...ready, note: 'to the wrong-origin channel too' });
    // The last message is valid for `channel` (unknown fields are allowed): once it arrives, the earlier ones were judged.
    await waitUntil(() => heard.length >= 1);
    wrongOrigin.close();
    expect(heard.map((m) => m.type)).to.deep.equal(['ready']);
  });
});
