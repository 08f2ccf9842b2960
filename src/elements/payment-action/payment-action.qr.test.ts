// <ck-payment-action> QR screens per scheme: what each scheme's buyers are offered (Pix: copy the
// code; PromptPay/QRIS: save the image), the saved PNG is the same code as on screen, the amount
// is shown once, the payload breaks evenly and the buttons are equally wide on a phone.
import { expect, fixture, html } from '@open-wc/testing';
import '../../define/payment-action.js';
import type { CkPaymentAction } from './payment-action.js';
import type { PaymentAction } from '../../core/protocol/schemas.js';
import { loadLocale } from '../../core/i18n/i18n.js';
import { qrPath } from '../../core/payment/qr.js';
import { getByRole, queryAllByRole } from '../../../test/shared/queries.js';

interface MochaGlobals {
  describe: (name: string, body: () => void) => void;
  it: (name: string, body: () => Promise<void> | void) => void;
  before: (body: () => Promise<void> | void) => void;
}
const { describe, it, before } = globalThis as unknown as MochaGlobals;

const NOW = Date.parse('2030-01-08T12:00:00.000Z');
const PIX = '00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D';
const PROMPTPAY = '00020101021230550016A00000067701011201150107536000315080214KB1234567890125303764540512.005802TH5910ATLAS OAK6007BANGKOK6304ABCD';

const qr = (payload: string): PaymentAction => ({ type: 'qr', payload, expiresAt: new Date(NOW + 5 * 60_000).toISOString() });

interface Mounted {
  el: CkPaymentAction;
  downloads: { name: string; url: string }[];
}

async function mount(methodId: string, method: string, payload: string, options: { locale?: string; width?: number; amount?: { value: number; currency: string } } = {}): Promise<Mounted> {
  const downloads: { name: string; url: string }[] = [];
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: ${options.width ?? 600}px">
    <ck-payment-action
      .action=${qr(payload)}
      .amount=${options.amount ?? { value: 12990, currency: 'BRL' }}
      method=${method}
      method-id=${methodId}
      payment-id="pay_1"
      locale=${options.locale ?? 'en'}
      .now=${() => NOW}
      .download=${(name: string, url: string) => downloads.push({ name, url })}
    ></ck-payment-action>
  </div>`);
  const el = wrapper.querySelector('ck-payment-action')!;
  await el.updateComplete;
  return { el, downloads };
}

/** Dark modules (`row,col`) of a PNG data URL drawn at `scale` px per module, read at each module's centre. */
async function pngModules(url: string, size: number): Promise<{ width: number; dark: Set<string> }> {
  const image = new Image();
  image.src = url;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.naturalWidth;
  canvas.height = image.naturalHeight;
  const context = canvas.getContext('2d')!;
  context.drawImage(image, 0, 0);
  const scale = image.naturalWidth / size;
  const dark = new Set<string>();
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const [r] = context.getImageData(Math.floor((col + 0.5) * scale), Math.floor((row + 0.5) * scale), 1, 1).data;
      if (r! < 128) dark.add(`${row},${col}`);
    }
  }
  return { width: image.naturalWidth, dark };
}

/** Dark modules of the on-screen SVG path (`M{x} {y}h{w}v1h-{w}z` runs). */
function svgModules(path: string): Set<string> {
  const dark = new Set<string>();
  for (const [, x, y, w] of path.matchAll(/M(\d+) (\d+)h(\d+)/g)) {
    for (let i = 0; i < Number(w); i++) dark.add(`${y},${Number(x) + i}`);
  }
  return dark;
}

/** Visible text of the shadow root, without attribute text such as aria-labels. */
function visibleText(el: CkPaymentAction): string {
  return el.shadowRoot!.querySelector('section')!.innerText;
}

function widths(elements: Element[]): number[] {
  return elements.map((element) => Math.round(element.getBoundingClientRect().width));
}

describe('<ck-payment-action> QR schemes', () => {
  before(async () => {
    await Promise.all([loadLocale('th'), loadLocale('id')]);
  });

  it('Pix: "Copy code" with the payload (Pix Copia e Cola), no "Save QR code"', async () => {
    const { el } = await mount('pix', 'Pix', PIX);
    getByRole(el, 'button', { name: 'Copy code' });
    expect(getByRole<HTMLTextAreaElement>(el, 'textbox', { name: 'Or copy this code and paste it in your app' }).value).to.equal(PIX);
    expect(queryAllByRole(el, 'button', { name: 'Save QR code' })).to.have.length(0);
  });

  it('PromptPay: no "Copy code", a "Save QR code" that downloads a PNG of the very code on screen', async () => {
    const { el, downloads } = await mount('promptpay', 'PromptPay', PROMPTPAY, { amount: { value: 1200, currency: 'THB' } });
    expect(queryAllByRole(el, 'button', { name: 'Copy code' })).to.have.length(0);
    expect(queryAllByRole(el, 'textbox')).to.have.length(0);
    expect(visibleText(el)).to.contain('Paying on this phone? Save the QR code');
    getByRole(el, 'button', { name: 'Save QR code' }).click();
    await el.updateComplete;
    expect(downloads.map((d) => d.name)).to.deep.equal(['promptpay-pay_1.png']);
    expect(downloads[0]!.url).to.match(/^data:image\/png;base64,/);
    const expected = qrPath(PROMPTPAY)!;
    const png = await pngModules(downloads[0]!.url, expected.size);
    expect(png.width).to.equal(expected.size * 8);
    expect(png.dark).to.deep.equal(svgModules(expected.path));
    expect(png.dark.has('0,0'), 'quiet zone').to.equal(false);
    getByRole(el, 'button', { name: 'QR code saved' });
    expect(el.shadowRoot!.querySelector('[aria-live="polite"]')!.textContent!.trim()).to.equal('QR code saved');
  });

  it('QRIS in Indonesian and PromptPay in Thai: the save button and hint in the buyer\'s language', async () => {
    const qris = await mount('qris', 'QRIS', PROMPTPAY, { locale: 'id', amount: { value: 250000, currency: 'IDR' } });
    getByRole(qris.el, 'button', { name: 'Simpan kode QR' });
    expect(queryAllByRole(qris.el, 'button', { name: 'Salin kode' })).to.have.length(0);
    const promptpay = await mount('promptpay', 'PromptPay', PROMPTPAY, { locale: 'th', amount: { value: 1200, currency: 'THB' } });
    getByRole(promptpay.el, 'button', { name: 'บันทึกคิวอาร์โค้ด' });
    getByRole(promptpay.el, 'button', { name: 'ฉันชำระเงินแล้ว' });
  });

  it("does not repeat the amount the checkout's summary shows above; the code's name carries it", async () => {
    for (const [id, name, payload] of [['pix', 'Pix', PIX], ['promptpay', 'PromptPay', PROMPTPAY]] as const) {
      const { el } = await mount(id, name, payload);
      expect(visibleText(el), id).not.to.contain('R$129.90');
      getByRole(el, 'img', { name: `QR code to pay R$129.90 with ${name}` });
    }
  });

  it('breaks the payload anywhere, evenly, never preferring its hyphens', async () => {
    const { el } = await mount('pix', 'Pix', PIX, { width: 320 });
    const style = getComputedStyle(getByRole(el, 'textbox'));
    expect(style.wordBreak).to.equal('break-all');
    expect(style.lineBreak).to.equal('anywhere');
  });

  it('on a phone every button is as wide as the panel; on a desktop the actions share a row equally', async () => {
    for (const [id, name, payload] of [['pix', 'Pix', PIX], ['promptpay', 'PromptPay', PROMPTPAY]] as const) {
      // 358 px: a phone; 406 px: the store's cart column on a desktop, also too narrow for two buttons side by side.
      for (const width of [358, 406]) {
        const narrow = await mount(id, name, payload, { width });
        const stacked = queryAllByRole(narrow.el, 'button');
        expect(new Set(widths(stacked)).size, `${id} at ${width}px: ${widths(stacked).join(', ')}`).to.equal(1);
      }
      const phone = await mount(id, name, payload, { width: 358 });
      const buttons = queryAllByRole(phone.el, 'button');
      expect(buttons.length).to.be.greaterThan(2);
      expect(new Set(widths(buttons)).size, `${id} on a phone: ${widths(buttons).join(', ')}`).to.equal(1);
      const desktop = await mount(id, name, payload, { width: 640 });
      const actions = [...desktop.el.shadowRoot!.querySelectorAll('.actions > button')];
      expect(new Set(widths(actions)).size, `${id} on a desktop: ${widths(actions).join(', ')}`).to.equal(1);
    }
  });
});
