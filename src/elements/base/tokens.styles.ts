import { css } from 'lit';

/**
 * Theme tokens shared by every element. Public knobs are `--ck-*` custom
 * properties (documented with `@cssprop` on each element); each resolves into a
 * private `--_*` local with its default, so element styles read only locals.
 */
export const tokens = css`
  :host {
    --_font: var(--ck-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans Arabic', 'Noto Sans Thai', sans-serif);
    --_font-size: var(--ck-font-size, 1rem);
    --_text: var(--ck-color-text, #1a1f36);
    --_muted: var(--ck-color-muted, #5b6275);
    --_surface: var(--ck-color-surface, #ffffff);
    --_surface-alt: var(--ck-color-surface-alt, #f6f8fb);
    --_border: var(--ck-color-border, #d5dae3);
    --_primary: var(--ck-color-primary, #2456d6);
    --_on-primary: var(--ck-color-on-primary, #ffffff);
    --_danger: var(--ck-color-danger, #b42318);
    --_success: var(--ck-color-success, #1e7b43);
    --_warning: var(--ck-color-warning, #8a5a00);
    --_radius: var(--ck-radius, 10px);
    --_space: var(--ck-space, 0.75rem);
    --_focus: var(--ck-focus-ring, 0 0 0 3px color-mix(in srgb, var(--_primary) 40%, transparent));
    font-family: var(--_font);
    font-size: var(--_font-size);
    color: var(--_text);
    -webkit-font-smoothing: antialiased;
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;
