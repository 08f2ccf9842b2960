import { expect, fixture, html } from '@open-wc/testing';
import '../../define/payment-action.js';
import type { CkPaymentAction } from './payment-action.js';
import type { PaymentAction } from '../../core/protocol/schemas.js';
import type { CkEventMap } from '../../events.js';
import { loadLocale } from '../../core/i18n/i18n.js';
import { getByRole, queryAllByRole } from '../../../test/shared/queries.js';
import { domDriver } from '../../../test/shared/dom-driver.js';
import { PaymentActionHarness } from './payment-action.harness.js';

// Mocha globals from @web/test-runner, typed locally so no global declarations are added.
interface MochaGlobals {
  describe: (name: string, body: () => void) => void;
  it: (name: string, body: () => Promise<void> | void) => void;
  before: (body: () => Promise<void> | void) => void;
  afterEach: (body: () => Promise<void> | void) => void;
}
const { describe, it, before, afterEach } = globalThis as unknown as MochaGlobals;

const NOW = Date.parse('2030-01-08T12:00:00.000Z');
const BRL = { value: 12990, currency: 'BRL' };
const PIX = '00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D';

const qr = (minutesLeft = 5, extra: Partial<Extract<PaymentAction, { type: 'qr' }>> = {}): PaymentAction => ({
  type: 'qr',
  payload: PIX,
  expiresAt: new Date(NOW + minutesLeft * 60_000).toISOString(),
  ...extra,
});
const boleto: PaymentAction = {
  type: 'voucher',
  kind: 'boleto',
  reference: '23793381286000000000300000004001843400000123453',
  barcode: '23791843400000123453381260000000000400000000',
  expiresAt: '2030-01-11T23:59:00.000Z',
};

type Recorded = { [K in keyof CkEventMap]?: CkEventMap[K]['detail'][] };

/** Every ck-* event that reaches the document, by name. */
function record(): Recorded {
  const seen: Recorded = {};
  const names: (keyof CkEventMap)[] = ['ck-action-check', 'ck-action-expired', 'ck-action-retry', 'ck-action-cancel', 'ck-action-redirect', 'ck-payment-pending', 'ck-error'];
  for (const name of names) {
    const listener = (event: Event) => ((seen[name] ??= []) as unknown[]).push((event as CustomEvent).detail);
    document.addEventListener(name, listener);
    cleanups.push(() => document.removeEventListener(name, listener));
  }
  return seen;
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

interface Setup {
  action: PaymentAction;
  method?: string;
  locale?: string;
  sandbox?: boolean;
  mobile?: boolean;
  now?: number;
}

async function mount(setup: Setup): Promise<{ el: CkPaymentAction; navigated: string[]; printed: number[] }> {
  const navigated: string[] = [];
  const printed: number[] = [];
  const el = await fixture<CkPaymentAction>(html`<ck-payment-action
    .action=${setup.action}
    .amount=${BRL}
    method=${setup.method ?? 'Pix'}
    method-id="pix"
    payment-id="pay_1"
    locale=${setup.locale ?? 'en'}
    ?sandbox=${setup.sandbox ?? false}
    ?mobile=${setup.mobile ?? false}
    .now=${() => setup.now ?? NOW}
    .navigate=${(url: string) => navigated.push(url)}
    .print=${() => printed.push(1)}
  ></ck-payment-action>`);
  await el.updateComplete;
  return { el, navigated, printed };
}

async function setNow(el: CkPaymentAction, now: number): Promise<void> {
  el.now = () => now;
  await el.updateComplete;
  // `updated()` may move focus or fire events that trigger one more render.
  await el.updateComplete;
}

/**
 * Replaces the Clipboard API for one test: `grant` records what is written,
 * `refuse` rejects as a browser does without permission. Returns what was written.
 */
function stubClipboard(answer: 'grant' | 'refuse'): string[] {
  const written: string[] = [];
  const writeText = answer === 'grant' ? async (text: string) => void written.push(text) : () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
  Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
  cleanups.push(() => delete (navigator as { clipboard?: unknown }).clipboard);
  return written;
}

/** Replaces `document.execCommand` (the legacy copy) for one test with one that answers `works`; returns the commands asked for. */
function stubExecCommand(works: boolean): string[] {
  const commands: string[] = [];
  Object.defineProperty(document, 'execCommand', { configurable: true, value: (command: string) => (commands.push(command), works) });
  cleanups.push(() => delete (document as { execCommand?: unknown }).execCommand);
  return commands;
}

function liveText(el: CkPaymentAction): string {
  return el.shadowRoot!.querySelector('[aria-live="polite"]')!.textContent!.trim();
}

describe('<ck-payment-action>', () => {
  before(async () => {
    await loadLocale('ar');
    await loadLocale('ja');
  });

  describe('redirect', () => {
    it('shows where the buyer goes and navigates on click', async () => {
      const events = record();
      const { el, navigated } = await mount({ action: { type: 'redirect', url: 'https://bank.example/ideal?trx=1' }, method: 'iDEAL' });
      getByRole(el, 'heading', { name: 'Continue to iDEAL' });
      expect(el.shadowRoot!.textContent).to.contain('R$129.90');
      getByRole(el, 'button', { name: 'Continue to iDEAL' }).click();
      expect(navigated).to.deep.equal(['https://bank.example/ideal?trx=1']);
      expect(events['ck-action-redirect']).to.deep.equal([{ action: 'redirect', paymentId: 'pay_1', url: 'https://bank.example/ideal?trx=1', popup: false }]);
      await expect(el).to.be.accessible();
    });

    it('lets the store take over navigation by cancelling ck-action-redirect', async () => {
      const { el, navigated } = await mount({ action: { type: 'redirect', url: 'https://bank.example/x' } });
      const cancel = (event: Event) => event.preventDefault();
      document.addEventListener('ck-action-redirect', cancel);
      cleanups.push(() => document.removeEventListener('ck-action-redirect', cancel));
      getByRole(el, 'button', { name: 'Continue to Pix' }).click();
      expect(navigated).to.deep.equal([]);
    });

    it('opens a popup when allowed, and falls back to the page when the popup is blocked', async () => {
      const { el, navigated } = await mount({ action: { type: 'redirect', url: 'https://wallet.example/pay', popup: true }, method: 'PayPal' });
      const opened: string[] = [];
      el.openWindow = (url) => (opened.push(url), window);
      getByRole(el, 'button', { name: 'Continue to PayPal' }).click();
      expect([opened, navigated]).to.deep.equal([['https://wallet.example/pay'], []]);
      getByRole(el, 'status');
      el.openWindow = () => null;
      getByRole(el, 'button', { name: 'Continue to PayPal' }).click();
      expect(navigated).to.deep.equal(['https://wallet.example/pay']);
    });

    it('navigates at once with auto-redirect', async () => {
      const navigated: string[] = [];
      await fixture(html`<ck-payment-action
        auto-redirect
        locale="en"
        .navigate=${(url: string) => navigated.push(url)}
        .action=${{ type: 'redirect', url: 'https://bank.example/auto' }}
      ></ck-payment-action>`);
      expect(navigated).to.deep.equal(['https://bank.example/auto']);
    });
  });

  describe('unsafe URLs', () => {
    const cases: [string, boolean][] = [
      ['javascript:alert(document.domain)', true],
      ['data:text/html,<script>alert(1)</script>', true],
      ['http://bank.example/pay', true],
      ['http://127.0.0.1:8787/psp', false],
      ['https://user:secret@bank.example/', false],
    ];
    for (const [url, sandbox] of cases) {
      it(`refuses ${url.slice(0, 32)}${sandbox ? ' (sandbox)' : ''}`, async () => {
        const events = record();
        const { el, navigated } = await mount({ action: { type: 'redirect', url }, sandbox, method: 'iDEAL' });
        getByRole(el, 'alert');
        getByRole(el, 'heading', { name: "This payment can't continue" });
        expect(queryAllByRole(el, 'button', { name: /Continue/ })).to.have.length(0);
        getByRole(el, 'button', { name: 'Choose another method' }).click();
        expect(navigated).to.deep.equal([]);
        expect(events['ck-error']?.map((e) => e.code)).to.deep.equal(['unsafe_action_url']);
        expect(events['ck-action-cancel']).to.have.length(1);
      });
    }

    it('refuses an unsafe challenge frame instead of loading it', async () => {
      const { el } = await mount({ action: { type: 'challenge', url: 'javascript:alert(1)', mode: 'iframe' } });
      expect(el.shadowRoot!.querySelector('iframe')).to.equal(null);
      getByRole(el, 'heading', { name: "This payment can't continue" });
    });

    it('accepts loopback http in sandbox', async () => {
      const { el, navigated } = await mount({ action: { type: 'redirect', url: 'http://127.0.0.1:8787/psp/ideal' }, sandbox: true, method: 'iDEAL' });
      getByRole(el, 'button', { name: 'Continue to iDEAL' }).click();
      expect(navigated).to.deep.equal(['http://127.0.0.1:8787/psp/ideal']);
    });
  });

  describe('QR code', () => {
    it('shows the code, amount, time left and copyable payload, and reports pending', async () => {
      const events = record();
      const { el } = await mount({ action: qr(5) });
      const action = new PaymentActionHarness(domDriver(el));
      expect(await action.title()).to.equal('Scan to pay with Pix');
      expect(await (await action.qrCode()).name()).to.equal('QR code to pay R$129.90 with Pix');
      const image = getByRole(el, 'img', { name: 'QR code to pay R$129.90 with Pix' });
      expect(image.querySelector('path')!.getAttribute('d')).to.match(/^M4 4h7v1h-7z/);
      expect(await action.countdown()).to.equal('Time left: 5:00');
      expect(await action.qrPayload()).to.equal(PIX);
      const code = getByRole<HTMLTextAreaElement>(el, 'textbox', { name: 'Or copy this code and paste it in your app' });
      expect(code.readOnly).to.equal(true);
      expect(getByRole(el, 'status').textContent!.trim()).to.equal('Waiting for payment');
      expect(events['ck-payment-pending']).to.deep.equal([{ paymentId: 'pay_1', method: 'pix', reason: 'qr' }]);
      await expect(el).to.be.accessible();
    });

    it('copies the code with the Clipboard API and says so', async () => {
      const { el } = await mount({ action: qr() });
      const written = stubClipboard('grant');
      expect(await new PaymentActionHarness(domDriver(el)).copy()).to.equal('Copied');
      expect(written).to.deep.equal([PIX]);
      getByRole(el, 'button', { name: 'Copied' });
      expect(liveText(el)).to.equal('Copied');
    });

    it('when the Clipboard API is refused, selects the code and copies it with the legacy command', async () => {
      const { el } = await mount({ action: qr() });
      stubClipboard('refuse');
      const commands = stubExecCommand(true);
      expect(await new PaymentActionHarness(domDriver(el)).copy()).to.equal('Copied');
      expect(commands).to.deep.equal(['copy']);
      const code = getByRole<HTMLTextAreaElement>(el, 'textbox');
      expect([code.selectionStart, code.selectionEnd]).to.deep.equal([0, PIX.length]);
      expect(liveText(el)).to.equal('Copied');
    });

    it('when no way of copying works, leaves the code selected and says to copy it by hand', async () => {
      const { el } = await mount({ action: qr() });
      stubClipboard('refuse');
      const commands = stubExecCommand(false);
      const said = await new PaymentActionHarness(domDriver(el)).copy();
      expect(said).to.equal("Couldn't copy automatically. The code is selected, so you can copy it yourself.");
      expect(commands).to.deep.equal(['copy']);
      const code = getByRole<HTMLTextAreaElement>(el, 'textbox');
      expect([code.selectionStart, code.selectionEnd]).to.deep.equal([0, PIX.length]);
      getByRole(el, 'button', { name: 'Copy code' });
      expect(liveText(el)).to.equal(said);
    });

    it('"I\'ve paid" asks the host to check now and shows that it is checking', async () => {
      const events = record();
      const { el } = await mount({ action: qr() });
      getByRole(el, 'button', { name: "I've paid" }).click();
      await el.updateComplete;
      expect(events['ck-action-check']).to.deep.equal([{ action: 'qr', paymentId: 'pay_1' }]);
      expect(getByRole(el, 'status').textContent!.trim()).to.equal('Checking your payment…');
    });

    it('offers the wallet deep link on touch devices only, and never an unsafe one', async () => {
      const link = 'https://nubank.example/pix?c=1';
      const touch = await mount({ action: qr(5, { deepLink: link }), mobile: true });
      expect(getByRole<HTMLAnchorElement>(touch.el, 'link', { name: 'Open payment app' }).href).to.equal(link);
      const desktop = await mount({ action: qr(5, { deepLink: link }), mobile: false });
      expect(queryAllByRole(desktop.el, 'link')).to.have.length(0);
      const unsafe = await mount({ action: qr(5, { deepLink: 'javascript:alert(1)' }), mobile: true });
      expect(queryAllByRole(unsafe.el, 'link')).to.have.length(0);
    });

    it('announces the time left at thresholds, not every second', async () => {
      const { el } = await mount({ action: qr(12) });
      expect(liveText(el)).to.equal('');
      await setNow(el, NOW + 60_000);
      expect(liveText(el), '11 minutes left: nothing to announce').to.equal('');
      await setNow(el, NOW + 2 * 60_000 + 1_000);
      expect(liveText(el)).to.equal('10 minutes left to pay');
      await setNow(el, NOW + 2 * 60_000 + 2_000);
      expect(liveText(el)).to.equal('10 minutes left to pay');
      await setNow(el, NOW + 11 * 60_000 + 1_000);
      expect(liveText(el)).to.equal('1 minute left to pay');
      expect(getByRole(el, 'timer').classList.contains('urgent')).to.equal(true);
    });

    it('never takes focus away from the store page', async () => {
      const input = document.createElement('input');
      input.setAttribute('aria-label', 'Store search');
      document.body.append(input);
      cleanups.push(() => input.remove());
      input.focus();
      const { el } = await mount({ action: qr(1) });
      await setNow(el, NOW + 60_000);
      getByRole(el, 'alert');
      expect(document.activeElement).to.equal(input);
    });

    it('turns into an expired state offering a new code or another method', async () => {
      const events = record();
      const { el } = await mount({ action: qr(1) });
      const action = new PaymentActionHarness(domDriver(el));
      const before = getByRole(el, 'button', { name: "I've paid" });
      before.focus();
      await setNow(el, NOW + 60_000);
      expect(await action.expired()).to.equal('This QR code has expired');
      const alert = getByRole(el, 'alert');
      expect(queryAllByRole(el, 'img')).to.have.length(0);
      expect(el.shadowRoot!.activeElement).to.equal(alert);
      await action.renew();
      await action.chooseAnother();
      await setNow(el, NOW + 70_000);
      expect(events['ck-action-expired']).to.deep.equal([{ action: 'qr', paymentId: 'pay_1' }]);
      expect(events['ck-action-retry']).to.have.length(1);
      expect(events['ck-action-cancel']).to.have.length(1);
      await expect(el).to.be.accessible();
    });
  });

  describe('voucher', () => {
    it('shows a boleto: digitable line, barcode, due date, waiting status, copy and print', async () => {
      const events = record();
      const { el, printed } = await mount({ action: boleto, method: 'Boleto' });
      getByRole(el, 'heading', { name: 'Your boleto is ready' });
      const line = getByRole<HTMLTextAreaElement>(el, 'textbox', { name: 'Digitable line' });
      expect(line.value).to.equal('23793.38128 60000.000003 00000.004001 8 43400000123453');
      getByRole(el, 'button', { name: 'Copy digitable line' });
      const barcode = getByRole(el, 'img', { name: 'Barcode of the boleto' });
      expect(barcode.querySelector('path')!.getAttribute('d')!.match(/M/g)).to.have.length(2 + 110 + 2);
      const due = new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(new Date(boleto.expiresAt));
      expect(el.shadowRoot!.querySelector('[part="due-date"]')!.textContent!.trim()).to.equal(`Pay by ${due}`);
      expect(getByRole(el, 'status').textContent!.trim()).to.equal('Waiting for payment');
      getByRole(el, 'button', { name: 'Print' }).click();
      expect(printed).to.have.length(1);
      expect(events['ck-payment-pending']).to.deep.equal([{ paymentId: 'pay_1', method: 'pix', reason: 'voucher' }]);
      await expect(el).to.be.accessible();
    });

    it('copies the boleto line as digits only', async () => {
      const written = stubClipboard('grant');
      const { el } = await mount({ action: boleto });
      expect(await new PaymentActionHarness(domDriver(el)).copy()).to.equal('Copied');
      expect(written).to.deep.equal([boleto.type === 'voucher' ? boleto.reference : '']);
    });

    it('shows a konbini payment number with the PSP instructions and a date in Japanese', async () => {
      const action: PaymentAction = {
        type: 'voucher',
        kind: 'konbini',
        reference: '123456789012',
        instructions: 'ローソン・ファミリーマートでお支払いいただけます。',
        expiresAt: '2030-01-10T14:59:00.000Z',
      };
      const { el } = await mount({ action, locale: 'ja' });
      getByRole(el, 'heading', { name: 'コンビニでお支払い' });
      expect(getByRole<HTMLTextAreaElement>(el, 'textbox', { name: 'お支払い番号' }).value).to.equal('123456789012');
      expect(el.shadowRoot!.querySelector('[part="instructions"]')!.textContent).to.equal(action.instructions);
      expect(el.shadowRoot!.querySelector('[part="due-date"]')!.textContent).to.contain('2030年1月10日');
      await expect(el).to.be.accessible();
    });

    it('shows an OXXO reference and, past the deadline, offers a new payment', async () => {
      const events = record();
      const action: PaymentAction = { type: 'voucher', kind: 'oxxo', reference: '9300 1234 5678 9012', expiresAt: new Date(NOW + 60_000).toISOString() };
      const { el } = await mount({ action, method: 'OXXO' });
      getByRole(el, 'heading', { name: 'Pay in cash at OXXO' });
      getByRole(el, 'textbox', { name: 'Reference' });
      await setNow(el, NOW + 61_000);
      getByRole(el, 'heading', { name: 'The payment deadline has passed' });
      getByRole(el, 'button', { name: 'Start a new payment' }).click();
      expect(events['ck-action-retry']).to.deep.equal([{ action: 'voucher', paymentId: 'pay_1' }]);
    });
  });

  describe('challenge', () => {
    it('frames the bank page with a localized title and a restrictive sandbox', async () => {
      const { el } = await mount({ action: { type: 'challenge', url: 'https://acs.bank.example/3ds?t=1', mode: 'iframe' } });
      getByRole(el, 'heading', { name: 'Confirm with your bank' });
      const frame = el.shadowRoot!.querySelector('iframe')!;
      expect(frame.title).to.equal('Payment verification by your bank');
      expect(frame.src).to.equal('https://acs.bank.example/3ds?t=1');
      expect([...frame.sandbox].sort()).to.deep.equal(['allow-forms', 'allow-same-origin', 'allow-scripts']);
      getByRole(el, 'button', { name: 'Choose another method' });
    });

    it('redirect mode continues to the bank', async () => {
      const { el, navigated } = await mount({ action: { type: 'challenge', url: 'https://acs.bank.example/3ds', mode: 'redirect' } });
      getByRole(el, 'button', { name: 'Continue to your bank' }).click();
      expect(navigated).to.deep.equal(['https://acs.bank.example/3ds']);
      await expect(el).to.be.accessible();
    });
  });

  describe('Arabic', () => {
    const actions: [string, PaymentAction][] = [
      ['redirect', { type: 'redirect', url: 'https://bank.example/pay' }],
      ['qr', qr(5)],
      ['voucher', boleto],
      ['challenge', { type: 'challenge', url: 'https://acs.bank.example/3ds', mode: 'iframe' }],
      ['unsafe', { type: 'redirect', url: 'javascript:alert(1)' }],
    ];
    for (const [name, action] of actions) {
      it(`${name} is right-to-left, translated and accessible`, async () => {
        const { el } = await mount({ action, locale: 'ar' });
        const base = el.shadowRoot!.querySelector('[part="base"]')!;
        expect(base.getAttribute('dir')).to.equal('rtl');
        expect(base.getAttribute('lang')).to.equal('ar');
        const heading = getByRole(el, 'heading');
        expect(heading.textContent).to.match(/[\u0600-\u06ff]/);
        await expect(el).to.be.accessible();
      });
    }

    it('keeps codes and references left-to-right inside the right-to-left layout', async () => {
      // A Pix "copia e cola" or a Boleto line read right-to-left moves its punctuation to the wrong end.
      for (const [action, label] of [[qr(5), /.+/], [boleto, /.+/]] as const) {
        const { el } = await mount({ action, locale: 'ar' });
        const code = getByRole(el, 'textbox', { name: label });
        expect(code.getAttribute('dir')).to.equal('ltr');
        expect(getComputedStyle(code).direction).to.equal('ltr');
      }
    });

    it('keeps the expired QR state accessible', async () => {
      const { el } = await mount({ action: qr(0), locale: 'ar' });
      getByRole(el, 'alert');
      await expect(el).to.be.accessible();
    });
  });
});
