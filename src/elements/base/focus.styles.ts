import { css } from 'lit';

/**
 * The one focus ring (`--ck-focus-ring`, a box-shadow) for every control and
 * for outcome panels that receive focus. The transparent outline is what
 * Windows high contrast (forced colors) paints instead, since it drops shadows.
 */
export const focusStyles = css`
  button:focus-visible,
  a:focus-visible,
  textarea:focus-visible,
  input:not([type='radio']):focus-visible,
  [tabindex='-1']:focus-visible {
    outline: 2px solid transparent;
    outline-offset: 2px;
    box-shadow: var(--_focus);
  }
  [tabindex='-1']:focus:not(:focus-visible) {
    outline: none;
  }
  @media (forced-colors: active) {
    button:focus-visible,
    a:focus-visible,
    textarea:focus-visible,
    input:focus-visible,
    [tabindex='-1']:focus-visible {
      outline-color: Highlight;
    }
  }
`;
