import { css } from 'lit';

export const cardFieldsStyles = css`
  :host {
    display: block;
  }
  .frame-box {
    position: relative;
    min-height: var(--ck-card-fields-min-height, 2.75rem);
  }
  iframe {
    display: block;
    width: 100%;
    border: 0;
    /* The frame reports its own height; until then it takes no room (the loading line shows instead). */
    height: 0;
    background: transparent;
  }
  .loading,
  .note {
    margin: 0;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .note {
    margin-block-start: var(--_space-s);
  }
  .panel.danger {
    display: grid;
    gap: var(--_space-s);
    justify-items: start;
  }
  .instalments {
    display: grid;
    gap: var(--_space-xs);
    margin-block-start: var(--_space);
  }
  label {
    font-weight: var(--_weight-medium);
    font-size: 0.9375em;
  }
  select {
    min-height: var(--_control-height);
    padding: 0 var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }
  select:focus-visible {
    outline: 2px solid transparent;
    box-shadow: var(--_focus);
  }
  .theme-probe {
    position: absolute;
    width: 0;
    height: 0;
    overflow: hidden;
    visibility: hidden;
    color: var(--_text);
    background-color: var(--_surface);
    border-style: solid;
    border-width: 0;
    border-top-color: var(--_border);
    border-bottom-color: var(--_primary);
    border-left-color: var(--_danger);
    border-right-color: var(--_muted);
    border-radius: var(--_radius);
    font-family: var(--_font);
    font-size: var(--_font-size);
    outline-color: light-dark(#000000, #ffffff);
  }
`;
