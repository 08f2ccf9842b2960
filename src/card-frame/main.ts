/**
 * The card frame's entry (served by the payment origin, built as its own
 * bundle: vite.card-frame.config.ts). It talks to exactly one host origin:
 * the one the host names in the URL fragment (`#host=<origin>`), accepted only
 * when the backend's page configuration lists it. Every message in is checked
 * for that origin and for coming from the parent window, then parsed with the
 * card frame schemas; every message out is posted to that origin only.
 */
import {
  CARD_FRAME_PROTOCOL,
  FrameToHostMessage,
  HostToFrameMessage,
  VaultTokenResponse,
  type CardFrameTheme,
} from '../core/protocol/card-frame.schema.js';
import { CardForm } from './form.js';
import { loadStrings, type Translate } from './i18n.js';
import { applyTheme, FRAME_CSS } from './styles.js';

interface PageConfig {
  hostOrigins: string[];
  vaultPath: string;
}

function readConfig(): PageConfig | null {
  try {
    const raw = JSON.parse(document.getElementById('ck-card-frame-config')?.textContent ?? 'null') as Partial<PageConfig> | null;
    if (!raw || !Array.isArray(raw.hostOrigins) || typeof raw.vaultPath !== 'string' || !raw.vaultPath.startsWith('/')) return null;
    return { hostOrigins: raw.hostOrigins.filter((o): o is string => typeof o === 'string'), vaultPath: raw.vaultPath };
  } catch {
    return null;
  }
}

/** The host origin from `#host=…`, if the backend allows it; otherwise the frame stays inert. */
function hostOrigin(config: PageConfig): string | null {
  const named = new URLSearchParams(location.hash.slice(1)).get('host');
  return named && config.hostOrigins.includes(named) && window.parent !== window ? named : null;
}

type OutMessage = FrameToHostMessage extends infer M ? (M extends unknown ? Omit<M, 'protocol'> : never) : never;

function start(): void {
  const config = readConfig();
  const origin = config && hostOrigin(config);
  if (!config || !origin) return;

  const sheet = new CSSStyleSheet();
  sheet.replaceSync(FRAME_CSS);
  document.adoptedStyleSheets = [sheet];

  const post = (message: OutMessage) => {
    // Checked against the schema on the way out too: a bug here must not leak more than the protocol allows.
    const parsed = FrameToHostMessage.safeParse({ protocol: CARD_FRAME_PROTOCOL, ...message });
    if (parsed.success) window.parent.postMessage(parsed.data, origin);
  };

  let form: CardForm | null = null;
  let frameKey: string | null = null;
  let t: Translate | null = null;
  let locale = '';
  let submitting = false;

  const resizeObserver = new ResizeObserver(() => post({ type: 'resize', height: Math.ceil(document.documentElement.getBoundingClientRect().height) }));

  async function configure(message: { locale: string; theme: CardFrameTheme; frameKey?: string | undefined; dir: 'ltr' | 'rtl' }): Promise<void> {
    applyTheme(document.documentElement, message.theme);
    document.documentElement.dir = message.dir;
    if (message.frameKey) frameKey = message.frameKey;
    if (message.locale !== locale || !t) {
      locale = message.locale;
      const strings = await loadStrings(message.locale);
      t = strings.t;
      document.documentElement.lang = strings.locale;
      document.title = t('title');
      if (form) form.setTranslator(t);
    }
    if (!form) {
      form = new CardForm({
        t,
        now: () => new Date(),
        onChange: (state) => post({ type: 'state', brand: state.brand, brands: [...state.brands], complete: state.complete, empty: state.empty, errors: state.errors }),
        onFocus: (field) => post({ type: 'focus', field }),
      });
      document.body.append(form.form);
      resizeObserver.observe(document.documentElement);
      post({ type: 'state', ...form.state(), brands: [...form.state().brands] });
    }
  }

  async function submit(requestId: string): Promise<void> {
    if (!form || !t || submitting) return;
    const state = form.touchAll();
    const card = form.card();
    if (!state.complete || !card) {
      post({ type: 'tokenize_failed', requestId, reason: 'invalid' });
      return;
    }
    if (!frameKey) {
      post({ type: 'tokenize_failed', requestId, reason: 'unavailable' });
      return;
    }
    submitting = true;
    form.setStatus('');
    try {
      const response = await fetch(config!.vaultPath, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        credentials: 'omit',
        body: JSON.stringify({ frameKey, ...card }),
      });
      const body: unknown = await response.json().catch(() => null);
      const parsed = VaultTokenResponse.safeParse(body);
      if (response.ok && parsed.success) {
        post({ type: 'tokenized', requestId, token: parsed.data.token, brand: parsed.data.brand });
      } else {
        form.setStatus(t('vault.rejected'));
        post({ type: 'tokenize_failed', requestId, reason: response.status >= 500 ? 'unavailable' : 'rejected' });
      }
    } catch {
      form.setStatus(t('vault.unavailable'));
      post({ type: 'tokenize_failed', requestId, reason: 'unavailable' });
    } finally {
      submitting = false;
    }
  }

  window.addEventListener('message', (event: MessageEvent) => {
    // Exact origin and the parent window only: nothing else on the page or in other frames is heard.
    if (event.origin !== origin || event.source !== window.parent) return;
    const parsed = HostToFrameMessage.safeParse(event.data);
    if (!parsed.success) return;
    const message = parsed.data;
    switch (message.type) {
      case 'configure':
        configure(message).catch(() => post({ type: 'tokenize_failed', requestId: 'configure', reason: 'unavailable' }));
        break;
      case 'focus':
        form?.focus(message.field);
        break;
      case 'submit':
        submit(message.requestId).catch(() => post({ type: 'tokenize_failed', requestId: message.requestId, reason: 'unavailable' }));
        break;
      default: {
        const unreachable: never = message;
        return unreachable;
      }
    }
  });
  post({ type: 'ready' });
}

start();
