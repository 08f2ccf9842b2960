import { css } from 'lit';

export const amountStyles = css`
  /*
   * An amount sits inside the store's own text (a cart line, a heading, a
   * button), so it inherits colour and font instead of imposing the theme's.
   * unicode-bidi: isolate keeps "$12.50" or "‏١٢٫٥٠ ر.س.‏" in one piece inside
   * text of the other direction without forcing either direction on it.
   */
  :host {
    display: inline;
    unicode-bidi: isolate;
    font-family: inherit;
    font-size: var(--ck-amount-font-size, 1em);
    font-weight: var(--ck-amount-font-weight, inherit);
    color: inherit;
    --_approx: var(--ck-amount-approx-color, var(--_muted));
    --_error: var(--ck-amount-error-color, var(--_danger));
  }
  [part='amount'],
  [part='approx'],
  [part='error'] {
    unicode-bidi: isolate;
    font-variant-numeric: tabular-nums;
  }
  [part='amount'] {
    white-space: nowrap;
  }
  [part='approx'] {
    margin-inline-start: var(--ck-amount-approx-gap, 0.5em);
    color: var(--_approx);
    font-size: var(--ck-amount-approx-font-size, 0.875em);
    font-weight: normal;
    white-space: nowrap;
  }
  [part='error'] {
    color: var(--_error);
    font-variant-numeric: normal;
  }
`;
