import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../define/amount.js';
import type { CkAmount } from './amount.js';
import type { CkErrorDetail } from '../../events.js';
import { addMessages } from '../../core/i18n/i18n.js';
import { domDriver } from '../../../test/shared/dom-driver.js';
import { AmountHarness } from './amount.harness.js';

const NBSP = '\u00a0';
const RLM = '\u200f';

/** The amount's harness: the same reading API the stories and the end-to-end tests use. */
const harness = (el: CkAmount) => new AmountHarness(domDriver(el));

function part(el: CkAmount, name: 'amount' | 'approx' | 'error'): HTMLElement | null {
  return el.shadowRoot!.querySelector<HTMLElement>(`[part="${name}"]`);
}

/** What the buyer sees: the text of a part that is actually rendered. */
function shown(el: CkAmount, name: 'amount' | 'approx' | 'error'): string | null {
  const node = part(el, name);
  if (!node) return null;
  expect(node.checkVisibility(), `${name} is visible`).to.equal(true);
  return node.textContent;
}

/** The note as seen on screen: the text that takes up room, which must not be read out. */
function seenApprox(el: CkAmount): string | null {
  const node = part(el, 'approx');
  if (!node) return null;
  const seen = [...node.querySelectorAll<HTMLElement>('*')].filter((child) => child.getBoundingClientRect().width > 1);
  expect(seen, 'one visible piece of text').to.have.length(1);
  expect(seen[0]!.closest('[aria-hidden="true"]'), 'the visible note is hidden from screen readers').to.not.equal(null);
  return seen[0]!.textContent;
}

/** The note as a screen reader says it: its text outside aria-hidden subtrees. */
function heardApprox(el: CkAmount): string | null {
  const node = part(el, 'approx');
  if (!node) return null;
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  let heard = '';
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    if (!text.parentElement?.closest('[aria-hidden="true"]')) heard += text.textContent;
  }
  return heard;
}

/** Records every ck-error that reaches the document (so it bubbled and was composed). */
function recordErrors(): { events: CustomEvent<CkErrorDetail>[]; stop: () => void } {
  const events: CustomEvent<CkErrorDetail>[] = [];
  const listener = (event: CustomEvent<CkErrorDetail>) => events.push(event);
  document.addEventListener('ck-error', listener);
  return { events, stop: () => document.removeEventListener('ck-error', listener) };
}

let recorder: ReturnType<typeof recordErrors>;
beforeEach(() => {
  recorder = recordErrors();
});
afterEach(() => recorder.stop());

describe('<ck-amount>', () => {
  it('formats JPY, KWD, EUR and USD with their ISO decimals in several locales', async () => {
    const cases: [string, string, string, string][] = [
      ['1250', 'JPY', 'ja-JP', '￥1,250'],
      ['1250', 'JPY', 'en-US', '¥1,250'],
      ['1250', 'KWD', 'en-US', `KWD${NBSP}1.250`],
      ['1250', 'KWD', 'de-DE', `1,250${NBSP}KWD`],
      ['1250', 'EUR', 'de-DE', `12,50${NBSP}€`],
      ['1250', 'EUR', 'fr-FR', `12,50${NBSP}€`],
      ['1250', 'USD', 'en-US', '$12.50'],
      ['1250', 'USD', 'pt-BR', `US$${NBSP}12,50`],
      ['1250', 'SAR', 'ar-SA', `${RLM}١٢٫٥٠${NBSP}ر.س.${RLM}`],
    ];
    for (const [value, currency, locale, expected] of cases) {
      const el = await fixture<CkAmount>(html`<ck-amount value=${value} currency=${currency} locale=${locale}></ck-amount>`);
      expect(shown(el, 'amount'), `${currency} ${locale}`).to.equal(expected);
      expect(part(el, 'error')).to.equal(null);
    }
    expect(recorder.events).to.have.length(0);
  });

  it('shows a refund as a negative amount', async () => {
    const el = await fixture<CkAmount>(html`<ck-amount value="-1250" currency="USD" locale="en-US"></ck-amount>`);
    expect(await harness(el).text()).to.equal('-$12.50');
    await expect(el).to.be.accessible();
  });

  it('accepts a number property as well as the attribute', async () => {
    const el = await fixture<CkAmount>(html`<ck-amount .value=${987654} currency="IDR" locale="id-ID"></ck-amount>`);
    expect(await harness(el).text()).to.equal(`Rp${NBSP}9.876,54`);
  });

  it('ignores the letter case of currency codes', async () => {
    const el = await fixture<CkAmount>(html`<ck-amount value="1250" currency=" eur " locale="en-US"></ck-amount>`);
    expect(await harness(el).text()).to.equal('€12.50');
  });

  it('is accessible when it shows an amount', async () => {
    const el = await fixture<CkAmount>(html`<p>Total: <ck-amount value="1250" currency="EUR" locale="en-US"></ck-amount></p>`);
    await expect(el).to.be.accessible();
  });

  it('shows "Invalid amount" and fires one invalid_attribute ck-error for a value that is not integer minor units', async () => {
    const el = await fixture<CkAmount>(html`<ck-amount value="12.50" currency="EUR" locale="en"></ck-amount>`);
    expect(shown(el, 'error')).to.equal('Invalid amount');
    expect(part(el, 'amount')).to.equal(null);
    await expect(el).to.be.accessible();

    expect(recorder.events).to.have.length(1);
    const event = recorder.events[0]!;
    expect(event.bubbles).to.equal(true);
    expect(event.composed).to.equal(true);
    expect(event.target).to.equal(el);
    expect(event.detail.code).to.equal('invalid_attribute');
    expect(event.detail.recoverable).to.equal(true);
    expect(event.detail.message).to.contain('12.50');

    // Re-rendering with the same bad input does not report it again...
    el.requestUpdate();
    el.display = 'code';
    await el.updateComplete;
    expect(recorder.events).to.have.length(1);
    // ...a different bad input does.
    el.value = '1e3';
    await el.updateComplete;
    expect(recorder.events).to.have.length(2);
    el.value = '12.50';
    await el.updateComplete;
    expect(recorder.events).to.have.length(2);
  });

  it('rejects values beyond the safe integer range instead of rounding them', async () => {
    const el = await fixture<CkAmount>(html`<ck-amount value="9007199254740993" currency="USD" locale="en"></ck-amount>`);
    expect(shown(el, 'error')).to.equal('Invalid amount');
    expect(recorder.events.map((e) => e.detail.code)).to.deep.equal(['invalid_attribute']);
  });

  it('shows "Unknown currency XYZ" and fires one unknown_currency ck-error', async () => {
    const el = await fixture<CkAmount>(html`<ck-amount value="1250" currency="XYZ" locale="en"></ck-amount>`);
    expect(await harness(el).error()).to.equal('Unknown currency XYZ');
    await expect(el).to.be.accessible();
    expect(recorder.events.map((e) => e.detail.code)).to.deep.equal(['unknown_currency']);
    el.requestUpdate();
    await el.updateComplete;
    expect(recorder.events).to.have.length(1);
  });

  it('treats withdrawn and metal codes as unknown, never showing NaN', async () => {
    for (const code of ['HRK', 'XAU']) {
      const el = await fixture<CkAmount>(html`<ck-amount value="1250" currency=${code} locale="en"></ck-amount>`);
      expect(shown(el, 'error')).to.equal(`Unknown currency ${code}`);
      expect(el.shadowRoot!.textContent).not.to.contain('NaN');
    }
  });

  it('shows its error messages in the buyer language', async () => {
    // Stand-in messages: this test is about the element following the locale, not about the wording.
    addMessages('de', 'checkout', { amount: { invalid: 'Ungültiger Betrag', unknownCurrency: 'Unbekannte Währung {{code}}' } });
    const invalid = await fixture<CkAmount>(html`<ck-amount value="abc" currency="EUR" locale="de-DE"></ck-amount>`);
    // German arrives as a lazy chunk; the store's override must survive it.
    await waitUntil(() => shown(invalid, 'error') === 'Ungültiger Betrag', 'German message', { timeout: 5000 });
    expect(part(invalid, 'error')!.lang).to.equal('de');
    const unknown = await fixture<CkAmount>(html`<ck-amount value="100" currency="ABC" locale="de-DE"></ck-amount>`);
    await waitUntil(() => shown(unknown, 'error') === 'Unbekannte Währung ABC', 'German message', { timeout: 5000 });
  });

  it('updates when its attributes change', async () => {
    const el = await fixture<CkAmount>(html`<ck-amount value="1250" currency="USD" locale="en-US"></ck-amount>`);
    expect(shown(el, 'amount')).to.equal('$12.50');
    el.setAttribute('currency', 'JPY');
    await el.updateComplete;
    expect(shown(el, 'amount')).to.equal('¥1,250');
    el.setAttribute('value', '-99');
    await el.updateComplete;
    expect(shown(el, 'amount')).to.equal('-¥99');
    el.setAttribute('locale', 'de-DE');
    el.setAttribute('currency', 'EUR');
    await el.updateComplete;
    expect(shown(el, 'amount')).to.equal(`-0,99${NBSP}€`);
    el.setAttribute('display', 'code');
    await el.updateComplete;
    expect(shown(el, 'amount')).to.equal(`-0,99${NBSP}EUR`);
    el.setAttribute('locale', 'en-US');
    el.setAttribute('currency', 'nope');
    await el.updateComplete;
    expect(shown(el, 'error')).to.equal('Unknown currency NOPE');
    el.setAttribute('currency', 'KWD');
    await el.updateComplete;
    expect(shown(el, 'amount')).to.equal(`-KWD${NBSP}0.099`);
    expect(part(el, 'error')).to.equal(null);
  });

  it('falls back to symbol display and reports an unknown display value', async () => {
    const el = await fixture<CkAmount>(html`<ck-amount value="1250" currency="USD" locale="en-US" display="fancy"></ck-amount>`);
    expect(shown(el, 'amount')).to.equal('$12.50');
    expect(recorder.events.map((e) => e.detail.code)).to.deep.equal(['invalid_attribute']);
  });

  it('adds the approximate settlement amount when given a settlement currency and rate', async () => {
    const el = await fixture<CkAmount>(
      html`<ck-amount value="100000" currency="THB" locale="en-US" settlement-currency="USD" rate="0.0279"></ck-amount>`,
    );
    expect(shown(el, 'amount')).to.equal(`THB${NBSP}1,000.00`);
    expect(seenApprox(el)).to.equal(`≈${NBSP}$27.90`);
    expect(heardApprox(el)).to.equal("approximately $27.90 at the store's exchange rate");
    expect(part(el, 'approx')!.lang).to.equal('en');
    await expect(el).to.be.accessible();

    el.setAttribute('locale', 'th-TH');
    await el.updateComplete;
    expect(shown(el, 'amount')).to.equal('฿1,000.00');
    // Thai messages arrive as a lazy chunk; until then the note is in English.
    await waitUntil(() => heardApprox(el) === 'ประมาณ US$27.90 ตามอัตราแลกเปลี่ยนของร้านค้า', 'Thai note', { timeout: 5000 });
    expect(seenApprox(el)).to.equal(`≈${NBSP}US$27.90`);
    expect(part(el, 'approx')!.lang).to.equal('th');
    expect(recorder.events).to.have.length(0);
  });

  it('words the note in Japanese and Arabic, for the eye and for a screen reader', async () => {
    const ja = await fixture<CkAmount>(
      html`<ck-amount value="100000" currency="THB" locale="ja-JP" settlement-currency="USD" rate="0.0279"></ck-amount>`,
    );
    await waitUntil(() => heardApprox(ja) === 'ストアの為替レートで約$27.90', 'Japanese note', { timeout: 5000 });
    expect(seenApprox(ja)).to.equal('約$27.90');
    expect(part(ja, 'approx')!.lang).to.equal('ja');
    await expect(ja).to.be.accessible();

    const container = await fixture<HTMLParagraphElement>(
      html`<p dir="rtl" lang="ar">الإجمالي <ck-amount value="125000" currency="SAR" settlement-currency="USD" rate="0.2666"></ck-amount></p>`,
    );
    const ar = container.querySelector('ck-amount')!;
    // The Latin symbol is isolated (LRI … PDI) so it reads "US$", not "$US", in right-to-left text.
    const usd = `${RLM}333.25${NBSP}\u2066US$\u2069`;
    await waitUntil(() => heardApprox(ar) === `ما يعادل ${usd} تقريبًا بسعر صرف المتجر`, 'Arabic note', { timeout: 5000 });
    expect(seenApprox(ar)).to.equal(`≈${NBSP}${usd}`);
    expect(part(ar, 'approx')!.lang).to.equal('ar');
    expect(part(ar, 'approx')!.dir).to.equal('rtl');
    await expect(container).to.be.accessible();
    expect(recorder.events).to.have.length(0);
  });

  it('leaves the note out, keeps the amount and reports once when the settlement input is bad', async () => {
    const el = await fixture<CkAmount>(
      html`<ck-amount value="1250" currency="EUR" locale="en-US" settlement-currency="USD" rate="-1"></ck-amount>`,
    );
    expect(shown(el, 'amount')).to.equal('€12.50');
    expect(part(el, 'approx')).to.equal(null);
    expect(recorder.events.map((e) => e.detail.code)).to.deep.equal(['invalid_attribute']);

    el.setAttribute('rate', '1.08');
    el.setAttribute('settlement-currency', 'ZZZ');
    await el.updateComplete;
    expect(part(el, 'approx')).to.equal(null);
    expect(recorder.events.map((e) => e.detail.code)).to.deep.equal(['invalid_attribute', 'unknown_currency']);

    el.setAttribute('settlement-currency', 'USD');
    await el.updateComplete;
    expect(seenApprox(el)).to.equal(`≈${NBSP}$13.50`);
  });

  it('takes the locale from the nearest lang, also across a shadow root', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="de-DE"><section></section></div>`);
    const host = wrapper.querySelector('section')!;
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<p><ck-amount value="1250" currency="EUR"></ck-amount></p>';
    const el = root.querySelector('ck-amount')!;
    await el.updateComplete;
    expect(shown(el, 'amount')).to.equal(`12,50${NBSP}€`);
  });

  it('stays intact inside right-to-left Arabic text', async () => {
    const container = await fixture<HTMLParagraphElement>(
      html`<p dir="rtl" lang="ar">المبلغ الإجمالي <ck-amount value="125000" currency="SAR"></ck-amount> شامل الضريبة</p>`,
    );
    const el = container.querySelector('ck-amount')!;
    await el.updateComplete;
    const amount = part(el, 'amount')!;
    // `ar` (without a region) uses Latin digits in current CLDR; ar-SA would use Arabic-Indic.
    expect(shown(el, 'amount')).to.equal(`${RLM}1,250.00${NBSP}ر.س.${RLM}`);
    expect(amount.dir).to.equal('rtl');
    expect(amount.lang).to.equal('ar');
    expect(getComputedStyle(el).unicodeBidi).to.equal('isolate');
    expect(getComputedStyle(amount).unicodeBidi).to.equal('isolate');
    // One unbroken piece: its bidi runs sit on one line, side by side, with
    // none of the surrounding Arabic words between them.
    const runs = [...amount.getClientRects()];
    const box = amount.getBoundingClientRect();
    expect(new Set(runs.map((r) => r.top)).size).to.equal(1);
    expect(runs.reduce((sum, r) => sum + r.width, 0)).to.be.closeTo(box.width, 0.5);
    await expect(container).to.be.accessible();
  });

  it('shows a Latin currency symbol whole in an Arabic amount ("US$", not "$US")', async () => {
    const el = await fixture<CkAmount>(html`<p dir="rtl" lang="ar"><ck-amount value="1250" currency="USD" locale="ar-SA"></ck-amount></p>`)
      .then((p) => p.querySelector('ck-amount')!);
    await el.updateComplete;
    const textNode = [...part(el, 'amount')!.childNodes].find((n): n is Text => n instanceof Text && n.data.length > 0)!;
    const x = (char: string) => {
      const range = document.createRange();
      const at = textNode.data.indexOf(char);
      range.setStart(textNode, at);
      range.setEnd(textNode, at + 1);
      return range.getBoundingClientRect().left;
    };
    expect(x('U')).to.be.lessThan(x('S'));
    expect(x('S')).to.be.lessThan(x('$'));
    // The digits stay on the right of the symbol, as Arabic readers expect.
    expect(x('$')).to.be.lessThan(x('١'));
  });

  it('keeps a Latin amount left-to-right inside Arabic text', async () => {
    const container = await fixture<HTMLParagraphElement>(
      html`<p dir="rtl" lang="ar">المجموع <ck-amount value="-1250" currency="USD" locale="en-US"></ck-amount></p>`,
    );
    const el = container.querySelector('ck-amount')!;
    await el.updateComplete;
    expect(shown(el, 'amount')).to.equal('-$12.50');
    expect(part(el, 'amount')!.dir).to.equal('ltr');
  });

  it('inherits the surrounding font and takes its theme knobs', async () => {
    const container = await fixture<HTMLDivElement>(
      html`<div style="font-size: 20px; font-weight: 700"><ck-amount value="1" currency="USD" locale="en-US"></ck-amount></div>`,
    );
    const el = container.querySelector('ck-amount')!;
    await el.updateComplete;
    expect(getComputedStyle(part(el, 'amount')!).fontSize).to.equal('20px');
    expect(getComputedStyle(part(el, 'amount')!).fontWeight).to.equal('700');
    el.style.setProperty('--ck-amount-font-size', '30px');
    el.style.setProperty('--ck-amount-font-weight', '400');
    expect(getComputedStyle(part(el, 'amount')!).fontSize).to.equal('30px');
    expect(getComputedStyle(part(el, 'amount')!).fontWeight).to.equal('400');
  });
});
