/**
 * Icons of the method picker: one simple line icon per method type, the
 * brand's own mark where simple-icons carries it (see docs/marks.md), and a
 * lettered tile (the brand's colour with a few letters of our own) elsewhere.
 * Marks are lazy: the list first shows the tiles, and each mark on screen swaps
 * in when its chunk of a few hundred bytes arrives (`loadMarks`). Colours are
 * SVG presentation attributes, never `style`, so a strict CSP is satisfied.
 */
import { html, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import type { MethodType } from '../../core/protocol/schemas.js';
import type { CardBrand, MethodIcon } from '../../core/catalog/index.js';
import type { MarkRenderer } from './marks/tile.js';

/** Marks that arrived, by method id, ready to draw; shared by every picker on the page. */
const marks = new Map<string, MarkRenderer>();
/** Marks asked for (a mark that cannot be fetched keeps its tile for this page). */
const requested = new Set<string>();

/** How many marks have arrived: it only grows, so a render that depends on marks can tell that it must run again. */
export const marksArrived = (): number => marks.size;

/**
 * Fetches the marks of `ids` not yet fetched, in parallel. Resolves true when
 * at least one new mark arrived (the caller re-renders), false otherwise; never
 * rejects: a missing mark only leaves the tile. The mark table and the drawing
 * code are lazy too: the list never waits for their bytes.
 */
export async function loadMarks(ids: Iterable<string>): Promise<boolean> {
  const fresh = [...new Set(ids)].filter((id) => !requested.has(id));
  if (!fresh.length) return false;
  for (const id of fresh) requested.add(id);
  try {
    const { loadMark } = await import('./marks/index.js');
    const arrived = await Promise.all(
      fresh.map(async (id) => {
        const render = await loadMark(id);
        if (render) marks.set(id, render);
        return render !== null;
      }),
    );
    return arrived.includes(true);
  } catch {
    // Offline or a deploy swapped the files: ask again next time.
    for (const id of fresh) requested.delete(id);
    return false;
  }
}

const TYPE_PATHS: Record<MethodType, SVGTemplateResult> = {
  card: svg`<rect x="2.5" y="5.5" width="19" height="13" rx="2"/><path d="M2.5 9.5h19M6 15h4"/>`,
  wallet: svg`<path d="M4 7.5h14a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V6.5a2 2 0 0 1 2-2h11"/><path d="M20 11.5h-4a2 2 0 0 0 0 4h4"/>`,
  bank_redirect: svg`<path d="M3 9.5 12 4l9 5.5M4.5 19.5h15M6 10.5v7M10 10.5v7M14 10.5v7M18 10.5v7"/>`,
  bank_transfer: svg`<path d="M4 8.5h14M14.5 5 18 8.5 14.5 12M20 15.5H6M9.5 12 6 15.5 9.5 19"/>`,
  qr: svg`<rect x="3.5" y="3.5" width="6" height="6" rx="1"/><rect x="14.5" y="3.5" width="6" height="6" rx="1"/><rect x="3.5" y="14.5" width="6" height="6" rx="1"/><path d="M14.5 14.5h2v2M20.5 14.5v6h-6v-2.5M17.5 17.5v.01"/>`,
  voucher: svg`<path d="M3.5 6.5h17v3a2.5 2.5 0 0 0 0 5v3h-17v-3a2.5 2.5 0 0 0 0-5z"/><path d="M8 9.5v5M11 9.5v5M13.5 9.5v5M16 9.5v5"/>`,
  bnpl: svg`<circle cx="12" cy="12" r="8.5"/><path d="M12 3.5V12h8.5M12 12l-6 6"/>`,
  cash_on_delivery: svg`<rect x="2.5" y="6.5" width="19" height="11" rx="1.5"/><circle cx="12" cy="12" r="2.5"/><path d="M6 9.5v5M18 9.5v5"/>`,
};

/** A line icon of a method type, in the current text colour. */
export function typeIcon(type: MethodType): TemplateResult {
  return html`<svg class="type-icon" viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${TYPE_PATHS[type]}</svg>`;
}

/** A brand tile: our own lettering on the brand colour, sized to fit up to four letters. */
export function badge(mark: string, colour: string, ink: string, size: 'large' | 'small' = 'large'): TemplateResult {
  const fontSize = mark.length <= 2 ? 12 : mark.length === 3 ? 10.5 : 9;
  const cls = size === 'large' ? 'badge' : 'badge small';
  return html`<svg class=${cls} viewBox="0 0 40 26" width="40" height="26" aria-hidden="true" focusable="false"><rect width="40" height="26" rx="4" fill=${colour}/><text x="20" y="13" dy="0.35em" text-anchor="middle" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-weight="700" font-size=${fontSize} fill=${ink}>${mark}</text></svg>`;
}

/** What goes in an option's `icon` part: the backend's image, the brand's mark (once loaded) or its tile, or the type icon. */
export function methodIcon(icon: MethodIcon, id?: string): TemplateResult {
  switch (icon.kind) {
    case 'url':
      return html`<img src=${icon.url} alt="" width="40" height="26" loading="lazy" decoding="async" />`;
    case 'badge': {
      const mark = id === undefined ? undefined : marks.get(id);
      return mark ? mark('large') : badge(icon.mark, icon.colour, icon.ink);
    }
    case 'type':
      return html`<span class="type-tile">${typeIcon(icon.type)}</span>`;
    default: {
      const unreachable: never = icon;
      return unreachable;
    }
  }
}

/** The small brand tiles on the card option. */
export function brandBadges(brands: readonly CardBrand[]): TemplateResult[] {
  return brands.map((brand) => {
    const mark = marks.get(brand.id);
    return mark ? mark('small') : badge(brand.mark, brand.colour, brand.ink, 'small');
  });
}
