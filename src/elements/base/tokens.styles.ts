import { css } from 'lit';

/**
 * Theme tokens shared by every element, in three tiers (docs/theming.md lists
 * every one with its default; test/unit/tokens.test.ts keeps that list, the
 * styles and each element's `@cssprop` in step):
 *
 * 1. brand knobs a store sets (`--ck-color-primary`, `--ck-radius`, `--ck-space`, fonts, scheme);
 * 2. system tokens derived from them (muted text, borders, status colours,
 *    focus ring), each overridable;
 * 3. per-element tokens (`--ck-<element>-*`) in each element's own styles.
 *
 * Each public `--ck-*` resolves once, here, into a private `--_*` local that
 * element styles read. Light and dark are built in through `light-dark()`,
 * which follows the used `color-scheme`: `light dark` (the buyer's
 * `prefers-color-scheme`) unless the store sets `--ck-color-scheme`.
 */
export const tokens = css`
  :host {
    color-scheme: var(--ck-color-scheme, light dark);
    /* Tier 1: brand knobs. */
    --_primary: var(--ck-color-primary, light-dark(#2456d6, #8fb0ff));
    --_surface: var(--ck-color-surface, light-dark(#ffffff, #161a23));
    --_text: var(--ck-color-text, light-dark(#1a1f36, #e7e9f0));
    --_font: var(--ck-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans Arabic', 'Noto Sans Thai', sans-serif);
    --_font-size: var(--ck-font-size, 1rem);
    --_radius: var(--ck-radius, 10px);
    --_space: var(--ck-space, 0.75rem);
    --_control-height: var(--ck-control-height, 2.75rem);
    /* Tier 2: system tokens, derived from the brand knobs unless set. */
    --_on-primary: var(--ck-color-on-primary, light-dark(#ffffff, #0c1222));
    --_muted: var(--ck-color-muted, color-mix(in srgb, var(--_text) 72%, var(--_surface)));
    --_surface-alt: var(--ck-color-surface-alt, color-mix(in srgb, var(--_text) 4%, var(--_surface)));
    --_border: var(--ck-color-border, color-mix(in srgb, var(--_text) 20%, var(--_surface)));
    --_danger: var(--ck-color-danger, light-dark(#b42318, #ff8f85));
    --_success: var(--ck-color-success, light-dark(#1e7b43, #6fd69a));
    --_warning: var(--ck-color-warning, light-dark(#8a5a00, #f0b54a));
    --_focus: var(--ck-focus-ring, 0 0 0 3px color-mix(in srgb, var(--_primary) 45%, transparent));
    --_button-radius: var(--ck-button-radius, var(--_radius));
    --_weight-medium: var(--ck-font-weight-medium, 500);
    --_weight-bold: var(--ck-font-weight-bold, 600);
    --_line-height: var(--ck-line-height, 1.5);
    /* The spacing scale: every gap is a multiple of --ck-space, so one knob sets the density. */
    --_space-xs: calc(var(--_space) / 3);
    --_space-s: calc(var(--_space) * 2 / 3);
    --_space-l: calc(var(--_space) * 5 / 3);
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
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      transition-duration: 0s !important;
    }
  }
`;
