import { css } from 'lit';

export const paymentActionStyles = css`
  :host {
    display: block;
    --_qr-size: var(--ck-payment-action-qr-size, 13rem);
    --_qr-color: var(--ck-payment-action-qr-color, #000000);
    --_qr-background: var(--ck-payment-action-qr-background, #ffffff);
    --_frame-height: var(--ck-payment-action-frame-height, 28rem);
  }
  .action {
    display: grid;
    gap: var(--_space);
    container-type: inline-size;
  }
  h3 {
    margin: 0;
    font-size: 1.125em;
    line-height: 1.3;
  }
  p {
    margin: 0;
    line-height: var(--_line-height);
  }
  .muted {
    color: var(--_muted);
  }
  .amount {
    display: flex;
    gap: 0.5em;
    align-items: baseline;
    flex-wrap: wrap;
  }
  .amount strong {
    font-size: 1.25em;
    font-variant-numeric: tabular-nums;
  }
  .qr {
    display: block;
    width: var(--_qr-size);
    height: var(--_qr-size);
    max-width: 100%;
    justify-self: center;
    border-radius: calc(var(--_radius) / 2);
  }
  .qr .bg {
    fill: var(--_qr-background);
  }
  .qr .fg,
  .barcode .fg {
    fill: var(--_qr-color);
  }
  /* One CSS pixel per narrow bar (the width attribute): at least two device pixels on phones and
     about the printed boleto's 103 mm on paper. Narrower panels shrink it, which scanners tolerate less. */
  .barcode {
    display: block;
    max-width: 100%;
    height: 3.5rem;
    background: var(--_qr-background);
  }
  .countdown {
    font-variant-numeric: tabular-nums;
    font-weight: var(--_weight-bold);
    text-align: center;
  }
  .countdown.urgent {
    color: var(--_danger);
  }
  label,
  .label {
    display: block;
    font-size: 0.875em;
    color: var(--_muted);
    margin-block-end: 0.25em;
  }
  textarea,
  .reference {
    display: block;
    width: 100%;
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    font-size: 0.875em;
    line-height: 1.4;
    padding: 0.5em 0.75em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface-alt);
    color: var(--_text);
    overflow-wrap: anywhere;
    user-select: all;
  }
  textarea {
    resize: none;
    field-sizing: content;
  }
  /* An EMV payload is one long token: break it anywhere, evenly, never at its hyphens or dots
     (which would read as two codes and invite copying half). */
  textarea.payload {
    word-break: break-all;
    line-break: anywhere;
    hyphens: none;
  }
  .reference {
    font-size: 1.0625em;
    letter-spacing: 0.02em;
    /* References are digits and Latin letters: keep them left-to-right inside Arabic text. */
    direction: ltr;
    unicode-bidi: isolate;
    text-align: start;
  }
  textarea {
    direction: ltr;
  }
  .instructions {
    white-space: pre-line;
    padding: 0.75em;
    border-inline-start: 3px solid var(--_border);
    background: var(--_surface-alt);
  }
  .waiting {
    display: flex;
    align-items: center;
    font-weight: var(--_weight-bold);
    color: var(--_warning);
  }
  /* Equal columns: side by side when each gets 11rem, else stacked full width (phones). */
  .actions {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 11rem), 1fr));
    gap: 0.5em;
  }
  .copy-row {
    display: grid;
    gap: 0.5em;
  }
  .copy-row button {
    justify-self: start;
  }
  /* On a phone every button is as wide as the panel, so none looks more or less important by size. */
  @container (max-width: 28rem) {
    .copy-row button,
    .action > a[part~='button'] {
      justify-self: stretch;
    }
    .actions {
      grid-template-columns: 1fr;
    }
  }
  iframe {
    display: block;
    width: 100%;
    height: var(--_frame-height);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: #ffffff;
  }
  @media print {
    [part~='button'],
    .waiting .spinner {
      display: none;
    }
  }
`;
