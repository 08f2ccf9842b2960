/**
 * How a loaded mark is drawn: the brand's path in the colour that contrasts
 * with its brand colour, on a tile of that colour, the size of the lettered
 * tile it replaces. Lazy, like the marks: the list never waits for it.
 */
import { html, type TemplateResult } from 'lit';
import { inkFor } from '../../../core/catalog/offered.js';
import type { Mark } from './mark.js';

/** Draws a mark at the option's size (`large`) or the card option's brand size (`small`). */
export type MarkRenderer = (size: 'large' | 'small') => TemplateResult;

/** The renderer of one mark. */
export function markTile(mark: Mark): MarkRenderer {
  const ink = inkFor(mark.hex);
  return (size) =>
    html`<svg class=${size === 'large' ? 'badge mark' : 'badge mark small'} viewBox="0 0 40 26" width="40" height="26" aria-hidden="true" focusable="false"><rect width="40" height="26" rx="4" fill=${mark.hex}/><svg x="10" y="3" width="20" height="20" viewBox="0 0 24 24"><path d=${mark.path} fill=${ink}/></svg></svg>`;
}
