import { css } from 'lit';

export const panelStyles = css`
  :host {
    position: fixed;
    z-index: var(--_z, 1000);
    inset: 0 auto auto 0;
  }
  :host([hidden]) {
    display: none;
  }
  .panel {
    display: flex;
    flex-direction: column;
    inline-size: min(var(--ck-support-panel-width, 22rem), calc(100vw - 16px));
    block-size: min(var(--ck-support-panel-height, 34rem), calc(100vh - 16px));
    max-block-size: var(--_max-h, none);
    max-inline-size: var(--_max-w, none);
    background: var(--_surface);
    color: var(--_text);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 12px 40px rgb(0 0 0 / 22%);
    overflow: hidden;
  }
  @media (max-width: 480px) {
    :host {
      inset: var(--_vv-top, 0) 0 auto 0;
    }
    .panel {
      inline-size: 100vw;
      block-size: var(--_vv-height, 100dvh);
      max-block-size: none !important;
      border-radius: 0;
      border: 0;
    }
  }
  /* Not a <header>: that would be a second banner landmark on every store page that has its own. */
  .header {
    display: grid;
    grid-template-columns: 1fr auto;
    align-items: center;
    gap: 0 var(--_space);
    padding: var(--_space);
    background: var(--_primary);
    color: var(--_on-primary);
  }
  h2 {
    margin: 0;
    font-size: 1.05rem;
  }
  .status {
    grid-column: 1;
    margin: 0;
    font-size: 0.85rem;
    display: flex;
    align-items: center;
    gap: 0.4rem;
  }
  .dot {
    inline-size: 0.55rem;
    block-size: 0.55rem;
    border-radius: 50%;
    background: #9aa0ab;
  }
  .dot.online {
    background: #3ad07a;
  }
  .dot.away {
    background: #f2b84b;
  }
  .close {
    grid-row: 1 / span 3;
    grid-column: 2;
    inline-size: 2.5rem;
    block-size: 2.5rem;
    border: 0;
    border-radius: 50%;
    background: transparent;
    color: inherit;
    font-size: 1.4rem;
    cursor: pointer;
  }
  .log {
    flex: 1;
    overflow-y: auto;
    padding: var(--_space);
    display: flex;
    flex-direction: column;
    background: var(--_surface);
  }
  .items {
    margin: 0;
    padding: 0;
    list-style: none;
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
  }
  .empty {
    color: var(--_muted);
    margin: auto 0;
    text-align: center;
  }
  .message {
    max-inline-size: 85%;
    padding: 0.5rem 0.75rem;
    border-radius: 14px;
    background: var(--_surface-alt);
    border: 1px solid var(--_border);
    align-self: flex-start;
    overflow-wrap: anywhere;
  }
  .message.mine {
    align-self: flex-end;
    background: var(--_primary);
    color: var(--_on-primary);
    border-color: transparent;
  }
  .message.mine a {
    color: inherit;
  }
  .message.assistant {
    border-style: dashed;
  }
  .text {
    margin: 0;
    white-space: pre-wrap;
  }
  .meta {
    display: block;
    font-size: 0.75rem;
    opacity: 0.85;
    margin-block-start: 0.2rem;
  }
  .meta.failed {
    font-weight: 600;
  }
  .image {
    display: block;
    max-inline-size: 100%;
    border-radius: 8px;
  }
  .image.loading {
    inline-size: 8rem;
    block-size: 6rem;
    background: var(--_border);
  }
  .note {
    align-self: center;
    text-align: center;
    font-size: 0.85rem;
    color: var(--_muted);
  }
  .typing {
    min-block-size: 1.3em;
    margin: 0;
    padding: 0 var(--_space);
    font-size: 0.85rem;
    color: var(--_muted);
  }
  .notice {
    margin: 0 var(--_space) 0.4rem;
    padding: 0.4rem 0.6rem;
    border-radius: 8px;
    background: color-mix(in srgb, var(--_warning) 12%, var(--_surface));
    font-size: 0.85rem;
  }
  .consent {
    margin: var(--_space);
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
  }
  .consent p {
    margin: 0 0 0.5rem;
  }
  .consent .small,
  .offline .small {
    font-size: 0.85rem;
    color: var(--_muted);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  form.composer {
    display: flex;
    align-items: flex-end;
    gap: 0.4rem;
    padding: 0.5rem var(--_space) var(--_space);
    border-block-start: 1px solid var(--_border);
  }
  textarea,
  input[type='email'] {
    flex: 1;
    min-block-size: 2.5rem;
    max-block-size: 8rem;
    padding: 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    font: inherit;
    resize: none;
    background: var(--_surface);
    color: var(--_text);
  }
  .icon {
    inline-size: 2.5rem;
    block-size: 2.5rem;
    border: 0;
    border-radius: 50%;
    background: transparent;
    color: var(--_primary);
    cursor: pointer;
    display: grid;
    place-items: center;
  }
  .icon svg {
    inline-size: 1.4rem;
    block-size: 1.4rem;
  }
  .send {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  :host([dir='rtl']) .send svg {
    transform: scaleX(-1);
  }
  .offline {
    padding: var(--_space);
    border-block-start: 1px solid var(--_border);
    display: grid;
    gap: 0.5rem;
  }
  .offline h3 {
    margin: 0;
    font-size: 1rem;
  }
  .offline label {
    display: grid;
    gap: 0.2rem;
    font-size: 0.9rem;
  }
  input[type='file'] {
    display: none;
  }
`;
