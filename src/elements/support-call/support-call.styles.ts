import { css } from 'lit';

export const callStyles = css`
  :host {
    display: block;
    font-family: var(--_font);
    color: var(--_text);
  }
  :host([hidden]) {
    display: none;
  }
  .call {
    display: grid;
    gap: var(--_space-s);
    padding: var(--_space-s) var(--_space);
    background: var(--_surface-alt);
    border-block-end: 1px solid var(--_border);
  }
  .stage {
    position: relative;
    aspect-ratio: 16 / 9;
    max-block-size: var(--ck-support-call-video-height, 14rem);
    background: #0b0d12;
    border-radius: var(--_radius);
    overflow: hidden;
  }
  .remote {
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
    background: #0b0d12;
  }
  .local {
    position: absolute;
    inset-block-end: var(--_space-s);
    inset-inline-end: var(--_space-s);
    inline-size: 28%;
    aspect-ratio: 4 / 3;
    object-fit: cover;
    border: 2px solid #fff;
    border-radius: calc(var(--_radius) / 2);
    /* The preview is mirrored, as a mirror would be; the agent sees it the right way round. */
    transform: scaleX(-1);
  }
  .badge {
    position: absolute;
    inset-block-start: var(--_space-s);
    inset-inline-start: var(--_space-s);
    padding: 0.15rem 0.5rem;
    border-radius: 999px;
    background: rgb(0 0 0 / 65%);
    color: #fff;
    font-size: 0.8rem;
  }
  .badge.camera::before {
    content: '';
    display: inline-block;
    inline-size: 0.5rem;
    block-size: 0.5rem;
    margin-inline-end: 0.35rem;
    border-radius: 50%;
    background: #ff4d4d;
  }
  .line {
    margin: 0;
    font-size: 0.9rem;
  }
  .line.strong {
    font-weight: var(--_weight-bold);
  }
  .small {
    margin: 0;
    font-size: 0.8rem;
    color: var(--_muted);
  }
  .failed .line {
    color: var(--_danger);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-s);
    align-items: center;
  }
  [part~='button'] {
    min-block-size: 2.5rem;
    padding: var(--_space-xs) var(--_space);
    font-size: 0.9rem;
  }
  [part~='danger-button'] {
    border-color: var(--_danger);
    background: var(--_danger);
    color: #fff;
    font-weight: var(--_weight-bold);
  }
  [aria-pressed='true'] {
    background: var(--_text);
    color: var(--_surface);
  }
  select {
    min-block-size: 2.5rem;
    font: inherit;
    font-size: 0.9rem;
    border: 1px solid var(--_border);
    border-radius: var(--_button-radius);
    background: var(--_surface);
    color: var(--_text);
  }
  .days {
    display: grid;
    gap: var(--_space-s);
    max-block-size: 14rem;
    overflow-y: auto;
  }
  .day {
    margin: 0 0 var(--_space-xs);
    font-size: 0.85rem;
    font-weight: var(--_weight-bold);
  }
  .slot {
    min-inline-size: 5.5rem;
    font-variant-numeric: tabular-nums;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
