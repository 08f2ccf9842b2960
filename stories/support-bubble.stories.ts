import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define/support-bubble.js';
import { loadLocale } from '../src/core/i18n/i18n.js';
import { resolveLocale } from '../src/core/i18n/locales.js';
import type { FaqEntry } from '../src/core/support/assistant.js';
import type { Attachment, CheckoutContext, ConnectInit, SupportEvent, SupportMessage, SupportStatus, SupportTransport } from '../src/core/support/transport.js';

/** A fixed clock, so "back at …" looks the same in every screenshot. */
const NOW = Date.parse('2030-01-08T12:00:00.000Z');

type Scene = 'launcher' | 'unread' | 'open' | 'offline' | 'assistant';

const AGENT_LINES: Record<string, [string, string]> = {
  en: ['Hi! Does the stoneware mug come in blue?', 'It does: blue, green and sand. Blue ships tomorrow.'],
  ar: ['مرحبًا! هل يتوفر الكوب الخزفي باللون الأزرق؟', 'نعم، بالأزرق والأخضر والرملي. الأزرق يُشحن غدًا.'],
  th: ['สวัสดีค่ะ แก้วเซรามิกมีสีฟ้าไหมคะ', 'มีค่ะ มีสีฟ้า เขียว และสีทราย สีฟ้าจัดส่งได้พรุ่งนี้ค่ะ'],
};

const FAQ: FaqEntry[] = [
  { locale: 'en', question: 'How long does international shipping take?', answer: 'International orders arrive in 5–10 business days.' },
  { locale: 'ar', question: 'كم يستغرق الشحن الدولي؟', answer: 'تصل الطلبات الدولية خلال 5 إلى 10 أيام عمل.' },
  { locale: 'th', question: 'ส่งสินค้าไปต่างประเทศใช้เวลากี่วัน', answer: 'คำสั่งซื้อต่างประเทศจะถึงภายใน 5–10 วันทำการค่ะ' },
];
const QUESTIONS: Record<string, string> = { en: 'How long does shipping to Japan take?', ar: 'كم يستغرق الشحن الدولي إلى اليابان؟', th: 'ส่งไปต่างประเทศกี่วันคะ' };

/**
 * A scripted transport (the same public seam a store uses for its own chat
 * service), so each story shows one state without a backend.
 */
class StoryTransport implements SupportTransport {
  #listeners = new Set<(event: SupportEvent) => void>();
  #seq = 0;
  constructor(
    private readonly scene: Scene,
    private readonly locale: string,
  ) {}
  #status(): SupportStatus {
    if (this.scene === 'offline') return { presence: 'offline', open: false, nextOpenAt: new Date(NOW + 21 * 3600_000).toISOString() };
    if (this.scene === 'assistant') return { presence: 'offline', open: true, nextOpenAt: null };
    return { presence: 'online', open: true, nextOpenAt: null };
  }
  #message(author: SupportMessage['author'], text: string): SupportMessage {
    const seq = ++this.#seq;
    return {
      id: `msg_${seq}`,
      seq,
      conversationId: 'cv_story',
      author,
      text,
      createdAt: new Date(NOW - (10 - seq) * 60_000).toISOString(),
      ...(author === 'agent' ? { authorName: 'Ana' } : {}),
    };
  }
  connect(_init: ConnectInit): void {
    queueMicrotask(() => {
      this.#emit({ type: 'state', state: 'open', via: 'websocket' });
      this.#emit({ type: 'status', status: this.#status() });
      if (this.scene === 'open') {
        const [question, answer] = AGENT_LINES[this.locale] ?? AGENT_LINES['en']!;
        this.#emit({ type: 'message', message: this.#message('buyer', question) });
        this.#emit({ type: 'message', message: this.#message('agent', answer) });
        this.#emit({ type: 'receipt', readByAgent: 1 });
        this.#emit({ type: 'typing', on: true, name: 'Ana' });
      }
    });
  }
  disconnect(): void {}
  subscribe(listener: (event: SupportEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  #emit(event: SupportEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
  send(text: string): string {
    const clientId = crypto.randomUUID();
    queueMicrotask(() => this.#emit({ type: 'sent', clientId, message: { ...this.#message('buyer', text), clientId } }));
    return clientId;
  }
  uploadImage(): Promise<Attachment> {
    return Promise.reject(new Error('Stories do not upload.'));
  }
  loadImage(): Promise<Blob> {
    return Promise.resolve(new Blob([]));
  }
  typing(): void {}
  markRead(): void {}
  shareContext(_context: CheckoutContext): void {}
  sendOffline(): Promise<void> {
    return Promise.resolve();
  }
  signal(): void {}
}

interface BubbleArgs {
  scene: Scene;
  locale: string;
}

const loadArgsLocale = async ({ args }: { args: BubbleArgs }) => {
  await loadLocale(resolveLocale([args.locale]), ['support']);
  return {};
};

const meta: Meta<BubbleArgs> = {
  title: 'Elements/Support bubble',
  component: 'ck-support-bubble',
  render: ({ scene, locale }) => {
    // Unread counts survive page loads through localStorage; the stories set theirs explicitly.
    const endpoint = `https://shop.example/support/${scene}-${locale}`;
    localStorage.setItem(`ck-support-unread:${endpoint}`, scene === 'unread' ? '2' : '0');
    return html`<p style="font: 14px system-ui; max-width: 30rem">A store page. The support bubble sits in the corner.</p>
      <ck-support-bubble
        endpoint=${endpoint}
        locale=${locale}
        ?open=${scene !== 'launcher' && scene !== 'unread'}
        .transport=${new StoryTransport(scene, locale)}
        .faq=${FAQ}
      ></ck-support-bubble>`;
  },
  loaders: [loadArgsLocale],
  args: { scene: 'launcher', locale: 'en' },
  argTypes: {
    scene: { control: 'select', options: ['launcher', 'unread', 'open', 'offline', 'assistant'] },
    locale: { control: 'select', options: ['en', 'ar', 'th', 'ja', 'de', 'pt-BR'] },
  },
  parameters: { layout: 'fullscreen' },
};
export default meta;

type Story = StoryObj<BubbleArgs>;

/** Wait until the panel's shadow root has rendered `selector`. */
async function inPanel(canvas: HTMLElement, selector: string): Promise<HTMLElement> {
  for (let i = 0; i < 300; i++) {
    const panel = canvas.querySelector('ck-support-bubble')?.shadowRoot?.querySelector('ck-support-panel');
    const found = panel?.shadowRoot?.querySelector<HTMLElement>(selector);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${selector} never appeared in the panel`);
}

/** Asks the FAQ assistant the scene's question, as a buyer would. */
const askAssistant: Story['play'] = async ({ canvasElement, args }) => {
  const field = (await inPanel(canvasElement, 'textarea')) as HTMLTextAreaElement;
  field.value = QUESTIONS[args.locale] ?? QUESTIONS['en']!;
  (await inPanel(canvasElement, 'button.send')).click();
  await inPanel(canvasElement, '.assistant');
};

/** The launcher alone: what every page pays for (no connection, the chat loads on intent). */
export const Launcher: Story = {};

/** The launcher in Arabic: at the reading end (left), its label and badge right to left. */
export const LauncherArabic: Story = { args: { scene: 'unread', locale: 'ar' } };
/** The launcher in Thai. */
export const LauncherThai: Story = { args: { scene: 'unread', locale: 'th' } };

/** Replies arrived while the panel was closed, on this page or an earlier one. */
export const LauncherUnread: Story = { args: { scene: 'unread' } };

/** An agent online: the conversation, a read mark and the agent typing. */
export const OpenPanel: Story = { args: { scene: 'open' } };

/** Arabic: right to left, mirrored bubbles and send icon. */
export const OpenPanelArabic: Story = { args: { scene: 'open', locale: 'ar' } };

/** Thai. */
export const OpenPanelThai: Story = { args: { scene: 'open', locale: 'th' } };

/** Outside business hours: when someone is back, in the buyer's time zone, and the offline form. */
export const Offline: Story = { args: { scene: 'offline' } };

export const OfflineArabic: Story = { args: { scene: 'offline', locale: 'ar' } };

export const OfflineThai: Story = { args: { scene: 'offline', locale: 'th' } };

/** No agent online: the FAQ assistant answers, marked as an automatic answer. */
export const Assistant: Story = { args: { scene: 'assistant' }, play: askAssistant };

export const AssistantArabic: Story = { args: { scene: 'assistant', locale: 'ar' }, play: askAssistant };

export const AssistantThai: Story = { args: { scene: 'assistant', locale: 'th' }, play: askAssistant };
