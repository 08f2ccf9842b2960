import { css } from 'lit';

/**
 * Outcome and notice panels (part `panel`), toned by `success-panel`,
 * `danger-panel` or `warning-panel`: the tone is the inline-start bar, so it
 * survives forced colors, where backgrounds are dropped.
 */
export const panelStyles = css`
  [part~='panel'] {
    display: grid;
    gap: var(--_space-s);
    padding: var(--_space);
    border-radius: max(0px, calc(var(--_radius) - 2px));
    border-inline-start: 4px solid var(--_border);
    background: var(--_surface-alt);
  }
  [part~='success-panel'] {
    border-inline-start-color: var(--_success);
  }
  [part~='danger-panel'] {
    border-inline-start-color: var(--_danger);
  }
  [part~='warning-panel'] {
    border-inline-start-color: var(--_warning);
  }
`;
