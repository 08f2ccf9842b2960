/**
 * The host side of the card frame protocol (src/core/protocol/card-frame.schema.ts):
 * listens for the frame's messages, accepting a message only when it comes from
 * the frame's exact origin *and* from this iframe's window, parses it with the
 * schema, and posts to that origin only (never `'*'`).
 */
import {
  CARD_FRAME_PROTOCOL,
  FrameToHostMessage,
  HostToFrameMessage,
} from '../../core/protocol/card-frame.schema.js';

type Outgoing = HostToFrameMessage extends infer M ? (M extends unknown ? Omit<M, 'protocol'> : never) : never;

export class FrameChannel {
  readonly #listener = (event: MessageEvent) => this.#receive(event);

  /**
   * @param frame the iframe (read at message time: the element may re-render it)
   * @param origin the frame's origin, from the session's `card.frameUrl`
   */
  constructor(
    private readonly frame: () => HTMLIFrameElement | null | undefined,
    private readonly origin: () => string | null,
    private readonly onMessage: (message: FrameToHostMessage) => void,
  ) {}

  open(): void {
    window.addEventListener('message', this.#listener);
  }

  close(): void {
    window.removeEventListener('message', this.#listener);
  }

  /** Posts to the frame's origin; dropped when the frame or its origin is not known yet. */
  post(message: Outgoing): void {
    const target = this.frame()?.contentWindow;
    const origin = this.origin();
    if (!target || !origin) return;
    const parsed = HostToFrameMessage.safeParse({ protocol: CARD_FRAME_PROTOCOL, ...message });
    if (parsed.success) target.postMessage(parsed.data, origin);
  }

  #receive(event: MessageEvent): void {
    const origin = this.origin();
    const frame = this.frame();
    if (!origin || !frame || event.origin !== origin || event.source !== frame.contentWindow) return;
    const parsed = FrameToHostMessage.safeParse(event.data);
    if (parsed.success) this.onMessage(parsed.data);
  }
}

/** The origin of the frame URL, or `null` when it is not an http(s) URL. */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null;
  } catch {
    return null;
  }
}
