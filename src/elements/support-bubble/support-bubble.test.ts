import { expect, fixture, html } from '@open-wc/testing';
import '../../define/support-bubble.js';
// The panel loads on intent in real use; here it is loaded up front so a busy machine's first compile does not count against the test's waits.
import './support-panel.js';
import type { CkSupportBubble } from './support-bubble.js';
import type { CkEventMap } from '../../events.js';
import type { Attachment, CheckoutContext, ConnectInit, SupportEvent, SupportMessage, SupportTransport } from '../../core/support/transport.js';
import { getByRole, queryAllByRole } from '../../../test/shared/queries.js';

// Mocha globals from @web/test-runner, typed locally so no global declarations are added.
interface MochaGlobals {
  describe: (name: string, body: () => void) => void;
  it: (name: string, body: () => Promise<void> | void) => void;
  afterEach: (body: () => Promise<void> | void) => void;
}
const { describe, it, afterEach } = globalThis as unknown as MochaGlobals;

/** A store-supplied transport (the public seam), recording what the bubble asks of it. */
class FakeTransport implements SupportTransport {
  connected: ConnectInit | null = null;
  sent: { text: string; attachment?: Attachment }[] = [];
  shared: CheckoutContext[] = [];
  uploads = 0;
  #listeners = new Set<(event: SupportEvent) => void>();
  #seq = 0;
  connect(init: ConnectInit): void {
    this.connected = init;
    this.emit({ type: 'state', state: 'open', via: 'websocket' });
  }
  disconnect(): void {}
  subscribe(listener: (event: SupportEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  emit(event: SupportEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
  send(text: string, attachment?: Attachment): string {
    this.sent.push(attachment ? { text, attachment } : { text });
    const clientId = crypto.randomUUID();
    queueMicrotask(() => this.emit({ type: 'sent', clientId, message: this.message('buyer', text, clientId) }));
    return clientId;
  }
  message(author: SupportMessage['author'], text: string, clientId?: string): SupportMessage {
    const seq = ++this.#seq;
    return { id: `msg_${seq}`, seq, conversationId: 'cv_1', author, text, createdAt: new Date().toISOString(), ...(author === 'agent' ? { authorName: 'Ana' } : {}), ...(clientId ? { clientId } : {}) };
  }
  uploadImage(): Promise<Attachment> {
    this.uploads++;
    return Promise.resolve({ id: 'att_1', type: 'image/png', size: 10 });
  }
  loadImage(): Promise<Blob> {
    return Promise.resolve(new Blob([]));
  }
  typing(): void {}
  markRead(): void {}
  shareContext(context: CheckoutContext): void {
    this.shared.push(context);
  }
  sendOffline(): Promise<void> {
    return Promise.resolve();
  }
  signal(): void {}
}

const ONLINE = { presence: 'online', open: true, nextOpenAt: null } as const;

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + 8000;
  while (performance.now() < deadline) {
    if (check()) return;
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function bubble(locale = 'en', attrs: { faq?: boolean } = {}): Promise<{ el: CkSupportBubble; transport: FakeTransport; events: { type: string; detail: unknown }[] }> {
  const transport = new FakeTransport();
  const events: { type: string; detail: unknown }[] = [];
  for (const type of ['ck-support-opened', 'ck-support-closed', 'ck-support-message-sent', 'ck-support-message-received'] as (keyof CkEventMap)[]) {
    document.addEventListener(type, (event) => events.push({ type, detail: (event as CustomEvent).detail }));
  }
  const el = await fixture<CkSupportBubble>(html`<ck-support-bubble endpoint="https://shop.test/api/support/v1" locale=${locale} .transport=${transport}></ck-support-bubble>`);
  if (attrs.faq) {
    el.faq = [
      { locale: 'th', question: 'ส่งสินค้าไปต่างประเทศใช้เวลากี่วัน', answer: 'ส่งต่างประเทศใช้เวลา 5–10 วันทำการค่ะ' },
      { locale: 'th', question: 'คืนสินค้าได้ไหม', answer: 'คืนสินค้าได้ภายใน 30 วันค่ะ' },
    ];
  }
  await until(() => queryAllByRole(el, 'button').length > 0, 'the launcher');
  return { el, transport, events };
}

const panelOf = (el: CkSupportBubble) => el.shadowRoot!.querySelector('ck-support-panel')!;
const deepActive = (): Element | null => {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
};

describe('<ck-support-bubble>', () => {
  afterEach(() => localStorage.clear());

  it('is one accessible launcher button that opens no connection until used', async () => {
    const webSockets: string[] = [];
    const original = window.WebSocket;
    window.WebSocket = class extends original {
      constructor(url: string | URL) {
        webSockets.push(String(url));
        super(url);
      }
    } as typeof WebSocket;
    try {
      const { el, transport } = await bubble();
      const launcher = getByRole(el, 'button', { name: 'Chat with us' });
      expect(launcher.getAttribute('aria-expanded')).to.equal('false');
      expect(transport.connected).to.equal(null);
      expect(webSockets).to.deep.equal([]);
      await expect(el).to.be.accessible();
    } finally {
      window.WebSocket = original;
    }
  });

  it('opens as a dialog with focus inside; Esc closes it and focus returns to the launcher', async () => {
    const { el, transport, events } = await bubble();
    getByRole(el, 'button', { name: 'Chat with us' }).click();
    await until(() => Boolean(panelOf(el)?.shadowRoot?.querySelector('[role="dialog"]')), 'the panel');
    const dialog = getByRole(el, 'dialog', { name: 'Customer support' });
    await until(() => deepActive()?.tagName === 'TEXTAREA', 'focus in the message field');
    expect(transport.connected?.locale).to.equal('en');
    transport.emit({ type: 'status', status: ONLINE });
    await expect(el).to.be.accessible();
    dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await until(() => !el.open, 'closed');
    await el.updateComplete;
    expect(deepActive()?.getAttribute('part')).to.equal('launcher');
    expect(events.map((e) => e.type)).to.include.members(['ck-support-opened', 'ck-support-closed']);
  });

  it('masks a card number before it leaves the page and says why', async () => {
    const { el, transport, events } = await bubble();
    el.show();
    await until(() => Boolean(panelOf(el)?.shadowRoot?.querySelector('textarea')), 'the composer');
    transport.emit({ type: 'status', status: ONLINE });
    const field = getByRole<HTMLTextAreaElement>(el, 'textbox', { name: 'Message' });
    field.value = 'my card 4242 4242 4242 4242 was declined';
    getByRole(el, 'button', { name: 'Send' }).click();
    await until(() => transport.sent.length === 1, 'the send');
    expect(transport.sent[0]!.text).to.equal('my card •••• •••• •••• 4242 was declined');
    await until(() => queryAllByRole(el, 'status').some((s) => /hid the card number/.test(s.textContent ?? '')), 'the notice');
    await until(() => events.some((e) => e.type === 'ck-support-message-sent'), 'the sent event');
    expect(events.find((e) => e.type === 'ck-support-message-sent')!.detail).to.include({ maskedCardNumbers: 1, attachment: false });
  });

  it('renders an agent message as text, counts it as unread while closed, and announces it', async () => {
    const { el, transport } = await bubble();
    el.show();
    await until(() => Boolean(panelOf(el)?.shadowRoot?.querySelector('textarea')), 'the panel');
    el.hide();
    await el.updateComplete;
    transport.emit({ type: 'message', message: transport.message('agent', '<img src=x onerror="window.__pwned=1"><b>hi</b>') });
    await until(() => /1 new message/.test(getByRole(el, 'button', { name: /Chat with us/ }).getAttribute('aria-label') ?? ''), 'the unread count');
    expect(el.shadowRoot!.querySelector('[part="badge"]')?.textContent).to.equal('1');
    expect(localStorage.getItem(el.unreadKey)).to.equal('1');
    const panel = panelOf(el).shadowRoot!;
    expect(panel.querySelector('.log img')).to.equal(null);
    expect(panel.querySelector('.log b')).to.equal(null);
    expect(panel.querySelector('.log .text')?.textContent).to.equal('<img src=x onerror="window.__pwned=1"><b>hi</b>');
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    expect(panel.querySelector('[aria-live="polite"]')?.textContent).to.contain('New message from Ana');
    el.show();
    await until(() => !el.shadowRoot!.querySelector('[part="badge"]'), 'the badge cleared');
  });

  it('asks before sharing the checkout context from ck-support-requested, then shares it', async () => {
    const { el, transport, events } = await bubble();
    const context = { sessionId: 'cs_1', amount: { value: 12990, currency: 'BRL' }, method: 'card', code: 'card_declined', attempt: 2, locale: 'en', country: 'BR' };
    document.body.dispatchEvent(new CustomEvent('ck-support-requested', { detail: { context }, bubbles: true, composed: true }));
    await until(() => el.open && queryAllByRole(el, 'button', { name: 'Share my checkout details with the agent' }).length === 1, 'the consent choice');
    expect(transport.shared).to.deep.equal([]);
    getByRole(el, 'button', { name: 'Share my checkout details with the agent' }).click();
    await until(() => transport.shared.length === 1, 'the share');
    expect(transport.shared[0]).to.deep.equal(context);
    expect(events.find((e) => e.type === 'ck-support-opened')!.detail).to.deep.equal({ reason: 'checkout' });
  });

  it('outside business hours says when someone is back and offers the offline form', async () => {
    const { el, transport } = await bubble();
    el.show();
    await until(() => Boolean(panelOf(el)?.shadowRoot?.querySelector('textarea')), 'the panel');
    transport.emit({ type: 'status', status: { presence: 'offline', open: false, nextOpenAt: new Date(Date.now() + 3 * 24 * 3600_000).toISOString() } });
    await until(() => queryAllByRole(el, 'button', { name: 'Send message' }).length === 1, 'the offline form');
    expect(panelOf(el).shadowRoot!.querySelector('.status.back')?.textContent).to.match(/Back on .+ at /);
    getByRole(el, 'textbox', { name: 'Email' });
    await expect(el).to.be.accessible();
  });

  it('answers from the FAQ in Thai while no agent is online, right to left in Arabic', async () => {
    const { el, transport } = await bubble('th', { faq: true });
    el.show();
    await until(() => Boolean(panelOf(el)?.shadowRoot?.querySelector('textarea')), 'the panel');
    transport.emit({ type: 'status', status: { presence: 'offline', open: true, nextOpenAt: null } });
    const field = getByRole<HTMLTextAreaElement>(el, 'textbox', { name: 'ข้อความ' });
    field.value = 'ส่งไปต่างประเทศกี่วันคะ';
    getByRole(el, 'button', { name: 'ส่ง' }).click();
    await until(() => /5–10 วันทำการ/.test(panelOf(el).shadowRoot!.querySelector('.assistant')?.textContent ?? ''), 'the assistant answer');
    // The conversation is started in the buyer's language, not in the one rendered before the first update.
    expect(transport.connected?.locale).to.equal('th');
    await expect(el).to.be.accessible();

    const arabic = await bubble('ar');
    arabic.el.show();
    await until(() => Boolean(panelOf(arabic.el)?.shadowRoot?.querySelector('[role="dialog"]')), 'the Arabic panel');
    expect(panelOf(arabic.el).shadowRoot!.querySelector('[role="dialog"]')?.getAttribute('dir')).to.equal('rtl');
    getByRole(arabic.el, 'dialog', { name: 'خدمة العملاء' });
    expect(arabic.transport.connected?.locale).to.equal('ar');
    await expect(arabic.el).to.be.accessible();
  });

  it('refuses a file that is not an image before uploading it', async () => {
    const { el, transport } = await bubble();
    el.show();
    await until(() => Boolean(panelOf(el)?.shadowRoot?.querySelector('input[type="file"]')), 'the composer');
    const input = panelOf(el).shadowRoot!.querySelector<HTMLInputElement>('input[type="file"]')!;
    const files = new DataTransfer();
    files.items.add(new File(['<svg onload=alert(1)>'], 'x.svg', { type: 'image/svg+xml' }));
    input.files = files.files;
    input.dispatchEvent(new Event('change'));
    await until(() => queryAllByRole(el, 'status').some((s) => /Only PNG, JPEG, WebP or GIF/.test(s.textContent ?? '')), 'the refusal');
    expect(transport.uploads).to.equal(0);
  });
});
