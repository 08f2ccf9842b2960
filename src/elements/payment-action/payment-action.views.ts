// Private sub-templates of <ck-payment-action>: one function per action type and state.
import { html, nothing, svg, type TemplateResult } from 'lit';
import type { MessageKey, MessageValues } from '../../core/i18n/i18n.js';
import type { ChallengeAction, QrAction, RedirectAction, VoucherAction } from '../../core/protocol/schemas.js';
import { qrPath } from '../../core/payment/qr.js';
import { barcodePath, interleaved2of5 } from '../../core/payment/itf.js';
import { copyableReference, formatBoletoLine } from '../../core/payment/voucher-format.js';
import { formatRemaining } from './countdown-controller.js';
import { qrHelp } from './qr-schemes.js';

type Translate = (key: MessageKey, values?: MessageValues) => string;
type VoucherKind = NonNullable<VoucherAction['kind']>;

export interface ViewContext {
  t: Translate;
  locale: string;
  /** The amount, formatted for the locale ('' when it cannot be). */
  amount: string;
  /** Display name of the method. */
  method: string;
  /** Method id (`pix`, `promptpay`), which decides what a QR code's buyers are offered. */
  methodId: string;
  /** Id of the copy button that just succeeded, for its "Copied" state. */
  copied: string | null;
  /** The buyer pressed "I've paid" a moment ago. */
  checking: boolean;
  /** Milliseconds left before the action expires, or null without an expiry. */
  remaining: number | null;
  /** Whether to offer a wallet deep link (touch devices). */
  mobile: boolean;
  /** A checked deep link, or null. */
  deepLink: string | null;
  copy: (id: string, text: string, source: string) => void;
  /** Downloads the QR code as a PNG. */
  saveQr: (payload: string) => void;
  /** The QR code was just saved (its button says so for a moment). */
  saved: boolean;
  check: () => void;
  retry: () => void;
  cancel: () => void;
  print: () => void;
  go: () => void;
}

const chooseAnother = (c: ViewContext) =>
  html`<button type="button" part="button secondary-button" @click=${c.cancel}>${c.t('payment:retry.chooseAnother')}</button>`;

const waiting = (c: ViewContext) => html`
  <p part="waiting" class="waiting" role="status">
    <span class="spinner" aria-hidden="true"></span>${c.t(c.checking ? 'payment:action.checking' : 'payment:action.waiting')}
  </p>
`;

const amountLine = (c: ViewContext) =>
  c.amount ? html`<p class="amount"><span class="muted">${c.t('payment:action.amount')}</span><strong>${c.amount}</strong></p>` : nothing;

const copyButton = (c: ViewContext, id: string, text: string, label: MessageKey, source: string) => html`
  <button type="button" part="button secondary-button copy-button" @click=${() => c.copy(id, text, source)}>
    ${c.copied === id ? c.t('payment:action.copied') : c.t(label)}
  </button>
`;

/** Full-page redirect (or popup) to the PSP or bank. */
export function redirectView(c: ViewContext, action: RedirectAction): TemplateResult {
  const values = { method: c.method, amount: c.amount };
  return html`
    <h3 id="title" part="title">${c.t('payment:action.redirect.title', values)}</h3>
    <p>${c.t(action.popup ? 'payment:action.redirect.popupBody' : 'payment:action.redirect.body', values)}</p>
    <div class="actions">
      <button type="button" part="button primary-button" data-autofocus @click=${c.go}>
        ${c.t('payment:action.redirect.button', values)}
      </button>
      ${chooseAnother(c)}
    </div>
    ${action.popup ? waiting(c) : nothing}
  `;
}

/** 3-D Secure or wallet authorisation, framed or by redirect. */
export function challengeView(c: ViewContext, action: ChallengeAction, url: string): TemplateResult {
  if (action.mode === 'redirect') {
    return html`
      <h3 id="title" part="title">${c.t('payment:action.challenge.title')}</h3>
      <p>${c.t('payment:action.challenge.redirectBody')}</p>
      <div class="actions">
        <button type="button" part="button primary-button" data-autofocus @click=${c.go}>
          ${c.t('payment:action.challenge.button')}
        </button>
        ${chooseAnother(c)}
      </div>
    `;
  }
  // The bank's page needs forms, scripts and its own origin; it gets no top navigation and no popups.
  return html`
    <h3 id="title" part="title" tabindex="-1" data-autofocus>${c.t('payment:action.challenge.title')}</h3>
    <p>${c.t('payment:action.challenge.body')}</p>
    <iframe
      part="challenge-frame"
      title=${c.t('payment:action.challenge.frame')}
      src=${url}
      sandbox="allow-forms allow-scripts allow-same-origin"
      referrerpolicy="origin"
      allow="payment"
    ></iframe>
    <div class="actions">${chooseAnother(c)}</div>
  `;
}

/**
 * A QR code to scan, with a countdown and "I've paid", plus what the scheme's buyers do when
 * they pay on the phone that shows the code: Pix buyers copy the code ("Pix Copia e Cola"),
 * PromptPay and QRIS buyers save the image and open it from their banking app's scanner.
 * The amount is not repeated here: the checkout's summary shows the total right above, and the
 * code's accessible name carries it for screen readers.
 */
export function qrView(c: ViewContext, action: QrAction): TemplateResult {
  if (c.remaining === 0) return expiredView(c, 'payment:action.qr.expiredTitle', 'payment:action.qr.expiredBody', 'payment:action.qr.newCode');
  const qr = qrPath(action.payload);
  const values = { method: c.method, amount: c.amount };
  const urgent = c.remaining !== null && c.remaining <= 60_000;
  const help = qrHelp(c.methodId);
  return html`
    <h3 id="title" part="title" tabindex="-1" data-autofocus>${c.t('payment:action.qr.title', values)}</h3>
    <p>${c.t('payment:action.qr.body')}</p>
    ${qr
      ? html`<svg part="qr" class="qr" role="img" aria-label=${c.t('payment:action.qr.image', values)} viewBox="0 0 ${qr.size} ${qr.size}" shape-rendering="crispEdges">
          ${svg`<rect class="bg" width=${qr.size} height=${qr.size}></rect><path class="fg" d=${qr.path}></path>`}
        </svg>`
      : nothing}
    ${c.remaining !== null
      ? html`<p part="countdown" class="countdown ${urgent ? 'urgent' : ''}" role="timer">
          ${c.t('payment:action.qr.timeLeft', { time: formatRemaining(c.remaining, c.locale) })}
        </p>`
      : nothing}
    ${help.save && qr
      ? html`<div class="copy-row">
          <p class="muted">${c.t('payment:action.qr.saveHint')}</p>
          <button type="button" part="button secondary-button save-button" @click=${() => c.saveQr(action.payload)}>
            ${c.t(c.saved ? 'payment:action.qr.saved' : 'payment:action.qr.save')}
          </button>
        </div>`
      : nothing}
    ${help.copy
      ? html`<div class="copy-row">
          <label for="qr-code">${c.t('payment:action.qr.codeLabel')}</label>
          <textarea id="qr-code" part="code" class="payload" dir="ltr" readonly rows=${rowsFor(action.payload)} spellcheck="false" .value=${action.payload}></textarea>
          ${copyButton(c, 'qr', action.payload, 'payment:action.qr.copyCode', 'qr-code')}
        </div>`
      : nothing}
    ${c.deepLink && c.mobile
      ? html`<a part="button secondary-button open-app-button" href=${c.deepLink} rel="noopener noreferrer">${c.t('payment:action.qr.openApp')}</a>`
      : nothing}
    ${waiting(c)}
    <div class="actions">
      <button type="button" part="button primary-button" @click=${c.check}>${c.t('payment:action.paid')}</button>
      ${chooseAnother(c)}
    </div>
  `;
}

/** A reference paid later at a bank, store or ATM. */
export function voucherView(c: ViewContext, action: VoucherAction): TemplateResult {
  if (c.remaining === 0) {
    return expiredView(c, 'payment:action.voucher.expiredTitle', 'payment:action.voucher.expiredBody', 'payment:action.voucher.newVoucher');
  }
  const kind: VoucherKind = action.kind ?? 'other';
  const shown = kind === 'boleto' ? formatBoletoLine(action.reference) : action.reference;
  const barcode = action.barcode ? interleaved2of5(action.barcode) : null;
  const due = formatDue(action.expiresAt, c.locale, kind === 'boleto');
  return html`
    <h3 id="title" part="title" tabindex="-1" data-autofocus>${c.t(`payment:action.voucher.title.${kind}`)}</h3>
    <p>${c.t(`payment:action.voucher.hint.${kind}`, { amount: c.amount })}</p>
    ${amountLine(c)}
    ${due ? html`<p part="due-date"><strong>${c.t('payment:action.voucher.dueDate', { date: due })}</strong></p>` : nothing}
    <div class="copy-row">
      <label for="reference">${c.t(`payment:action.voucher.reference.${kind}`)}</label>
      <textarea id="reference" part="reference" class="reference" dir="ltr" readonly rows=${rowsFor(shown)} spellcheck="false" .value=${shown}></textarea>
      ${copyButton(c, 'reference', copyableReference(action.reference), `payment:action.voucher.copyReference.${kind}`, 'reference')}
    </div>
    ${barcode
      ? html`<svg part="barcode" class="barcode" role="img" aria-label=${c.t('payment:action.voucher.barcode')} width=${barcode.width} height="56" viewBox="0 0 ${barcode.width} 50" preserveAspectRatio="none" shape-rendering="crispEdges">
          ${svg`<path class="fg" d=${barcodePath(barcode, 50)}></path>`}
        </svg>`
      : nothing}
    ${action.instructions ? html`<p part="instructions" class="instructions" dir="auto">${action.instructions}</p>` : nothing}
    ${waiting(c)}
    <p class="muted">${c.t('payment:action.voucher.waitingBody')}</p>
    <div class="actions">
      <button type="button" part="button secondary-button" @click=${c.print}>${c.t('payment:action.print')}</button>
      <button type="button" part="button secondary-button" @click=${c.check}>${c.t('payment:action.paid')}</button>
      ${chooseAnother(c)}
    </div>
  `;
}

/** The QR code or voucher ran out: say so and offer a new one or another method. */
function expiredView(c: ViewContext, title: MessageKey, body: MessageKey, again: MessageKey): TemplateResult {
  return html`
    <div part="panel danger-panel" role="alert" tabindex="-1" data-autofocus>
      <h3 id="title" part="title">${c.t(title)}</h3>
      <p>${c.t(body)}</p>
    </div>
    <div class="actions">
      <button type="button" part="button primary-button" @click=${c.retry}>${c.t(again)}</button>
      ${chooseAnother(c)}
    </div>
  `;
}

/** The backend's URL failed the safety check: nothing is opened. */
export function unsafeView(c: ViewContext): TemplateResult {
  return html`
    <div part="panel danger-panel" role="alert" tabindex="-1" data-autofocus>
      <h3 id="title" part="title">${c.t('payment:action.unsafe.title')}</h3>
      <p>${c.t('payment:action.unsafe.body')}</p>
    </div>
    <div class="actions">${chooseAnother(c)}</div>
  `;
}

/** Enough rows to show a code whole at the panel's usual width; `field-sizing` refines it where supported. */
function rowsFor(text: string): number {
  return Math.min(8, Math.max(1, Math.ceil(text.length / 34)));
}

function formatDue(expiresAt: string, locale: string, dateOnly: boolean): string {
  const at = new Date(expiresAt);
  if (Number.isNaN(at.getTime())) return '';
  return new Intl.DateTimeFormat(locale, dateOnly ? { dateStyle: 'long' } : { dateStyle: 'long', timeStyle: 'short' }).format(at);
}
