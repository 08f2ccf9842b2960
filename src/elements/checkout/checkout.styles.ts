import { css } from 'lit';

export const checkoutStyles = css`
  :host {
    display: block;
    --_max-width: var(--ck-checkout-max-width, 32rem);
    --_padding: var(--ck-checkout-padding, var(--_space-l));
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
    font-weight: var(--_weight-bold);
    font-size: 1.25em;
  }
  p {
    margin: 0;
    line-height: var(--_line-height);
  }
  .muted {
    color: var(--_muted);
  }
  [part~='pay-button'] {
    inline-size: 100%;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-s);
  }
  .actions > button {
    flex: 1 1 12rem;
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
    font-weight: var(--_weight-bold);
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
    font-weight: var(--_weight-bold);
    margin-inline-end: 0.5em;
  }
  .banner {
    padding: 0.5rem 0.75rem;
    border-radius: calc(var(--_radius) - 2px);
    background: color-mix(in srgb, var(--_warning) 12%, var(--_surface));
    color: var(--_text);
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
  @keyframes shimmer {
    from {
      background-position: 100% 0;
    }
    to {
      background-position: -100% 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton span {
      animation: none;
    }
  }
`;
