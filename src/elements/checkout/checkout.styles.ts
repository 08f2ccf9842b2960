import { css } from 'lit';

export const checkoutStyles = css`
  :host {
    display: block;
    --_max-width: var(--ck-checkout-max-width, 32rem);
    --_padding: var(--ck-checkout-padding, 1.25rem);
    --_button-radius: var(--ck-button-radius, var(--_radius));
  }
  .checkout {
    position: relative;
    max-width: var(--_max-width);
    padding: var(--_padding);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    display: grid;
    gap: var(--_space);
  }
  header {
    display: flex;
    align-items: baseline;
    justify-content: space-between;
    gap: var(--_space);
    flex-wrap: wrap;
  }
  h2,
  h3 {
    margin: 0;
    font-size: 1.125em;
    line-height: 1.3;
  }
  h3 {
    font-size: 1.05em;
  }
  .total {
    display: flex;
    align-items: baseline;
    gap: 0.5em;
    color: var(--_muted);
  }
  .total ck-amount {
    color: var(--_text);
    font-weight: 650;
    font-size: 1.25em;
  }
  p {
    margin: 0;
    line-height: 1.5;
  }
  .muted {
    color: var(--_muted);
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--_button-radius);
    min-height: 2.75rem;
    padding: 0.625rem 1rem;
  }
  button:focus-visible {
    outline: none;
    box-shadow: var(--_focus);
  }
  button[disabled] {
    cursor: progress;
    opacity: 0.75;
  }
  .primary {
    width: 100%;
    border: 0;
    background: var(--_primary);
    color: var(--_on-primary);
    font-weight: 600;
  }
  .secondary {
    background: transparent;
    border: 1px solid var(--_border);
    color: var(--_text);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .actions > button {
    flex: 1 1 12rem;
  }
  .panel {
    display: grid;
    gap: 0.5rem;
    padding: var(--_space);
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_surface-alt);
    border-inline-start: 4px solid var(--_border);
  }
  .panel:focus {
    outline: none;
  }
  .panel:focus-visible {
    box-shadow: var(--_focus);
  }
  .panel.success {
    border-inline-start-color: var(--_success);
  }
  .panel.danger {
    border-inline-start-color: var(--_danger);
  }
  .panel.warning {
    border-inline-start-color: var(--_warning);
  }
  .attempt {
    color: var(--_muted);
    font-size: 0.9375em;
  }
  .history {
    display: grid;
    gap: 0.375rem;
  }
  .history h3 {
    font-size: 0.9375em;
    color: var(--_muted);
    font-weight: 600;
  }
  .history ol {
    margin: 0;
    padding-inline-start: 1.5em;
    display: grid;
    gap: 0.25rem;
    color: var(--_muted);
    font-size: 0.9375em;
  }
  .history li::marker {
    font-variant-numeric: tabular-nums;
  }
  .history-method {
    color: var(--_text);
    font-weight: 600;
    margin-inline-end: 0.5em;
  }
  .link {
    justify-self: start;
    min-height: 2.75rem;
    padding: 0.5rem 0;
    border: 0;
    background: none;
    color: var(--_primary);
    text-decoration: underline;
    text-underline-offset: 0.2em;
  }
  .banner {
    padding: 0.5rem 0.75rem;
    border-radius: calc(var(--_radius) - 2px);
    background: color-mix(in srgb, var(--_warning) 12%, var(--_surface));
    color: var(--_text);
  }
  .spinner {
    display: inline-block;
    width: 1em;
    height: 1em;
    margin-inline-end: 0.5em;
    vertical-align: -0.15em;
    border: 2px solid currentColor;
    border-inline-end-color: transparent;
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }
  .skeleton {
    display: grid;
    gap: 0.5rem;
  }
  .skeleton span {
    height: 3rem;
    border-radius: calc(var(--_radius) - 2px);
    background: linear-gradient(90deg, var(--_surface-alt), var(--_border), var(--_surface-alt));
    background-size: 200% 100%;
    animation: shimmer 1.4s ease-in-out infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @keyframes shimmer {
    from {
      background-position: 100% 0;
    }
    to {
      background-position: -100% 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner,
    .skeleton span {
      animation: none;
    }
  }
`;
