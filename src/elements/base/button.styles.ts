import { css } from 'lit';

/**
 * Buttons, styled by their part names so the look and the theming hook are one
 * thing: `button` (every button and button-like link), with `primary-button`
 * (the one main action of a view), `secondary-button` or `link-button`.
 */
export const buttonStyles = css`
  [part~='button'] {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--_space-s);
    min-block-size: var(--_control-height);
    padding: var(--_space-s) var(--_space-l);
    border: 1px solid var(--_border);
    border-radius: var(--_button-radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    line-height: 1.25;
    text-align: center;
    text-decoration: none;
    cursor: pointer;
  }
  [part~='button']:disabled {
    cursor: progress;
    opacity: 0.75;
  }
  [part~='primary-button'] {
    border-color: var(--_primary);
    background: var(--_primary);
    color: var(--_on-primary);
    font-weight: var(--_weight-bold);
  }
  [part~='link-button'] {
    justify-self: start;
    padding-inline: var(--_space-xs);
    border-color: transparent;
    background: none;
    color: var(--_primary);
    font-weight: var(--_weight-medium);
    text-decoration: underline;
    text-underline-offset: 0.2em;
  }
  /* High contrast forces every border visible, the link-like ones too: all buttons get a ButtonText frame. */
  @media (forced-colors: active) {
    [part~='button'] {
      border-color: ButtonText;
    }
    [part~='link-button'] {
      color: LinkText;
    }
  }
`;
