/**
 * Reads the host's resolved theme from a probe element styled with the
 * private tokens (`--_text`, `--_surface` …, see tokens.styles.ts): the
 * computed values are what the buyer sees, with `light-dark()` already
 * resolved, so the frame paints the same colours without knowing the store's CSS.
 */
import type { CardFrameTheme } from '../../core/protocol/card-frame.schema.js';

/** Keeps a computed font stack within what the frame accepts (family names only). */
function fontStack(value: string): string {
  const cleaned = value.replace(/[^\p{L}\p{N}\s"',_-]/gu, '').slice(0, 200).trim();
  return cleaned || 'system-ui';
}

export function resolveTheme(probe: HTMLElement): CardFrameTheme {
  const style = getComputedStyle(probe);
  // The probe's outline colour is light-dark(#000000, #ffffff): white means the dark scheme is in use.
  const dark = style.outlineColor.replace(/\s/g, '') === 'rgb(255,255,255)';
  return {
    colorScheme: dark ? 'dark' : 'light',
    text: style.color,
    surface: style.backgroundColor,
    border: style.borderTopColor,
    primary: style.borderBottomColor,
    danger: style.borderLeftColor,
    muted: style.borderRightColor,
    radius: style.borderTopLeftRadius || '10px',
    fontFamily: fontStack(style.fontFamily),
    fontSize: style.fontSize || '16px',
  };
}
