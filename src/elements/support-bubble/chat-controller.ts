import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES } from '../../core/protocol/support.schema.js';
import { FaqAssistant, type SupportAssistant } from '../../core/support/assistant.js';
import { maskCardNumbers } from '../../core/support/card-mask.js';
import { initialChatState, reduceChat, type ChatState, type LocalAction } from '../../core/support/chat-state.js';
import { ReferenceTransport } from '../../core/support/reference-transport.js';
import { SupportRequestError, type Attachment, type CheckoutContext, type SupportEvent, type SupportMessage, type SupportTransport } from '../../core/support/transport.js';
import type { CkSupportBubble } from './support-bubble.js';

/** What the buyer is told after an action, besides the messages themselves. */
export type ChatNotice = 'cardMasked' | 'badType' | 'tooLarge' | 'attachFailed' | 'rateLimited' | 'unavailable' | null;

/**
 * Connects the panel to a transport and keeps the chat state: sends (masking
 * card numbers first), images (type- and size-checked), typing, read receipts,
 * the checkout context after consent, and the assistant while no agent is
 * online. The host re-renders on every change; every async path ends in state.
 */
export class ChatController implements ReactiveController {
  state: ChatState = initialChatState;
  notice: ChatNotice = null;
  /** The latest agent message, for the polite live region. */
  announcement: { name: string; text: string } | null = null;
  readonly images = new Map<string, string>();
  #transport: SupportTransport | null = null;
  #unsubscribe: (() => void) | null = null;
  #typingTimer = 0;
  #typingSent = false;
  #assistantUsed = false;
  #noAnswerShown = false;
  #masked = new Map<string, number>();
  #notes = 0;

  constructor(
    private readonly host: ReactiveControllerHost & { readonly bubble: CkSupportBubble | null; onIncoming(message: SupportMessage): void; onSent(message: SupportMessage, masked: number): void },
    private readonly locale: () => string,
  ) {
    host.addController(this);
  }

  get started(): boolean {
    return this.#transport !== null;
  }

  /** The connected transport (a support call signals over it), or null before `start`. */
  get transport(): SupportTransport | null {
    return this.#transport;
  }

  /** True when a conversation exists (from an earlier page) and the transport should reconnect for replies. */
  static hasStoredConversation(endpoint: string): boolean {
    try {
      return window.localStorage.getItem(`ck-support:${endpoint.replace(/\/+$/, '')}`) !== null;
    } catch {
      return false;
    }
  }

  /** Connects once: the store's transport, or the reference service at the bubble's endpoint. */
  start(): void {
    const bubble = this.host.bubble;
    if (this.#transport || !bubble) return;
    let storage: Storage | undefined;
    try {
      storage = window.localStorage;
    } catch {
      storage = undefined;
    }
    const transport =
      bubble.transport ??
      new ReferenceTransport({ endpoint: bubble.resolvedEndpoint, ...(storage ? { storage } : {}), ...(bubble.transportMode === 'long-poll' ? { webSocket: null } : {}) });
    this.#transport = transport;
    this.#unsubscribe = transport.subscribe((event) => this.#handle(event));
    const init = { locale: this.locale(), timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC' };
    transport.connect(bubble.identityToken ? { ...init, identityToken: bubble.identityToken } : init);
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#transport?.disconnect();
    this.#transport = null;
    this.images.clear();
    window.clearTimeout(this.#typingTimer);
  }

  #apply(event: SupportEvent | LocalAction): void {
    this.state = reduceChat(this.state, event);
    this.host.requestUpdate();
  }

  #handle(event: SupportEvent): void {
    const wasOnline = this.state.status?.presence === 'online';
    this.#apply(event);
    switch (event.type) {
      case 'message':
        if (event.message.author === 'agent') {
          this.announcement = { name: event.message.authorName ?? '', text: event.message.text };
          this.host.onIncoming(event.message);
        }
        // #loadImage turns every failure into an empty image (the view says it could not load).
        if (event.message.attachment) this.#loadImage(event.message.attachment).catch(() => undefined);
        break;
      case 'sent':
        this.host.onSent(event.message, this.#masked.get(event.clientId) ?? 0);
        this.#masked.delete(event.clientId);
        if (event.message.attachment) this.#loadImage(event.message.attachment).catch(() => undefined);
        break;
      case 'failed':
        this.notice = event.error.code === 'rate_limited' ? 'rateLimited' : 'unavailable';
        break;
      case 'status':
        // A person is here now: the assistant steps aside, and says so once.
        if (!wasOnline && event.status.presence === 'online' && this.#assistantUsed) {
          this.#assistantUsed = false;
          this.#apply({ type: 'note', key: `note-${++this.#notes}`, note: 'handover' });
        }
        break;
      case 'closed':
        this.#apply({ type: 'note', key: `note-${++this.#notes}`, note: 'closed' });
        break;
      default:
        break;
    }
  }

  async #loadImage(attachment: Attachment): Promise<void> {
    if (this.images.has(attachment.id) || !this.#transport) return;
    try {
      const blob = await this.#transport.loadImage(attachment);
      // A data: URL, not blob:, because the store CSP in docs/security.md allows `img-src data:` and not `blob:`;
      // typed by the attachment (an image type), whatever the response said.
      this.images.set(attachment.id, await dataUrl(new Blob([blob], { type: attachment.type })));
    } catch {
      this.images.set(attachment.id, '');
    }
    this.host.requestUpdate();
  }

  /** Sends the buyer's text (card numbers masked first) and, while no agent is online, asks the assistant. */
  send(raw: string, attachment?: Attachment): void {
    const text = raw.trim();
    if ((!text && !attachment) || !this.#transport) return;
    const { text: safe, masked } = maskCardNumbers(text);
    this.notice = masked ? 'cardMasked' : null;
    this.typing(false);
    const clientId = this.#transport.send(safe, attachment);
    if (masked) this.#masked.set(clientId, masked);
    this.#apply(attachment ? { type: 'queued', clientId, text: safe, attachment } : { type: 'queued', clientId, text: safe });
    // #ask ends in an assistant answer or the 'no answer' note; a failing assistant counts as no answer.
    if (safe && this.state.status?.presence !== 'online') this.#ask(safe).catch(() => undefined);
  }

  async #ask(question: string): Promise<void> {
    const bubble = this.host.bubble;
    const assistant: SupportAssistant | null = bubble?.assistant ?? (bubble?.faq.length ? new FaqAssistant(bubble.faq) : null);
    if (!assistant) return;
    let reply: Awaited<ReturnType<SupportAssistant['answer']>> = null;
    try {
      reply = await assistant.answer(question, this.locale());
    } catch {
      reply = null;
    }
    if (reply) {
      this.#assistantUsed = true;
      this.#apply({ type: 'assistant', key: `assistant-${++this.#notes}`, text: reply.text, ...(reply.source ? { source: reply.source } : {}) });
    } else if (!this.#noAnswerShown) {
      this.#noAnswerShown = true;
      this.#apply({ type: 'note', key: `note-${++this.#notes}`, note: 'noAnswer' });
    }
  }

  /** Checks and uploads an image, then sends it as a message. */
  async sendImage(file: File): Promise<void> {
    if (!(ATTACHMENT_TYPES as readonly string[]).includes(file.type)) {
      this.notice = 'badType';
    } else if (file.size > MAX_ATTACHMENT_BYTES) {
      this.notice = 'tooLarge';
    } else if (this.#transport) {
      try {
        const attachment = await this.#transport.uploadImage(file);
        this.send('', attachment);
        return;
      } catch (error) {
        const code = error instanceof SupportRequestError ? error.error.code : 'internal_error';
        this.notice = code === 'too_large' ? 'tooLarge' : code === 'unsupported_type' ? 'badType' : code === 'rate_limited' ? 'rateLimited' : 'attachFailed';
      }
    }
    this.host.requestUpdate();
  }

  /** The buyer is typing: tell the agent once, and stop after three quiet seconds. */
  typing(on: boolean): void {
    window.clearTimeout(this.#typingTimer);
    if (on) this.#typingTimer = window.setTimeout(() => this.typing(false), 3000);
    if (on === this.#typingSent) return;
    this.#typingSent = on;
    this.#transport?.typing(on);
  }

  markRead(): void {
    if (this.state.lastSeq) this.#transport?.markRead(this.state.lastSeq);
  }

  shareContext(context: CheckoutContext): void {
    this.#transport?.shareContext(context);
    this.#apply({ type: 'note', key: `note-${++this.#notes}`, note: 'contextShared' });
  }

  /** The offline form; resolves true once stored. */
  async sendOffline(email: string, message: string): Promise<boolean> {
    try {
      await this.#transport?.sendOffline({ email, message: maskCardNumbers(message).text });
      return true;
    } catch {
      return false;
    }
  }

  dismissNotice(): void {
    this.notice = null;
    this.host.requestUpdate();
  }
}

/** The bytes as a `data:` URL. */
function dataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => (typeof reader.result === 'string' ? resolve(reader.result) : reject(new Error('unreadable image')));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable image'));
    reader.readAsDataURL(blob);
  });
}
