/**
 * The toolbar of the workshop: locale, theme, colour scheme, viewport and the sandbox's outcome and
 * fault, each a global that one decorator applies to whatever story is shown, so any state of any
 * story is one click away (and one URL away: `&globals=locale:ar;theme:luxury-dark;scheme:dark`).
 *
 * - locale: every shipped locale, the pseudo-locale `en-XA` (accented, ~40% longer: untranslated
 *   strings stay plain ASCII, overflow shows) and Arabic as the right-to-left check. A story that
 *   has a `locale` arg gets it through its args; every top-level `ck-*` element of any other story
 *   gets the `locale` property set after render.
 * - theme: the store's theme CSS from `themes/*.css`, added to the page as a store would add it.
 *   Found at build time, so a theme file added later appears in the menu on the next build, and
 *   the menu has only "Default" while `themes/` is empty.
 * - scheme: sets `--ck-color-scheme` around the story (light, dark, or the theme's / buyer's own).
 * - viewport: Storybook's viewport tool (phone, tablet, desktop) resizes the frame; the decorator
 *   also caps the story's width, so a story opened alone (`iframe.html?…&globals=viewport:phone`)
 *   looks the same as in the manager.
 * - outcome / fault: rewrite the session token of checkout stories (stories/support/sandbox.ts).
 */
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { Decorator } from '@storybook/web-components-vite';
import { useEffect } from 'storybook/preview-api';
import en from '../locales/en/index.js';
import enPayment from '../locales/en/payment.js';
import enSupport from '../locales/en/support.js';
import { PSEUDO_LOCALE, pseudoBundle, type MessageTree } from '../locales/pseudo.js';
import { addMessages } from '../src/core/i18n/i18n.js';
import { SUPPORTED_LOCALES, directionOf } from '../src/core/i18n/locales.js';
import { FAULTS, OUTCOMES, withScenario } from '../stories/support/sandbox.js';
import { tokenArgs } from './manifest.js';

// The pseudo-locale has no chunk: its messages are registered here, before any story renders.
const pseudo = pseudoBundle({ ...en, ...enPayment, ...enSupport } as Record<string, MessageTree>);
for (const [namespace, messages] of Object.entries(pseudo)) addMessages(PSEUDO_LOCALE, namespace as Parameters<typeof addMessages>[1], messages);

/** The themes of `themes/*.css`, by file name, as CSS text; empty while none exist. */
export const THEMES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(import.meta.glob<string>('../themes/*.css', { query: '?inline', import: 'default', eager: true })).map(([path, css]) => [
    path.replace(/^.*\/|\.css$/g, ''),
    css,
  ]),
);

/** Phone, tablet and desktop frames for Storybook's viewport tool. */
export const VIEWPORTS = {
  phone: { name: 'Phone (390 × 844)', styles: { width: '390px', height: '844px' }, type: 'mobile' },
  tablet: { name: 'Tablet (820 × 1180)', styles: { width: '820px', height: '1180px' }, type: 'tablet' },
  desktop: { name: 'Desktop (1280 × 800)', styles: { width: '1280px', height: '800px' }, type: 'desktop' },
} as const;

const nativeName = (locale: string) => {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
  } catch {
    return locale;
  }
};

/** The toolbar menus. `story` everywhere means "what the story itself sets". */
export const globalTypes = {
  locale: {
    description: 'Locale of every checkout-kit element in the story',
    toolbar: {
      title: 'Locale',
      icon: 'globe',
      dynamicTitle: true,
      items: [
        { value: 'story', title: 'Story locale' },
        { value: PSEUDO_LOCALE, title: `${PSEUDO_LOCALE} pseudo (untranslated text, overflow)`, right: 'QA' },
        { value: 'ar', title: 'ar العربية (right to left)', right: 'RTL' },
        ...SUPPORTED_LOCALES.map((locale) => ({ value: locale, title: `${locale} ${nativeName(locale)}`, right: directionOf(locale) === 'rtl' ? 'RTL' : undefined })),
      ],
    },
  },
  theme: {
    description: 'A store theme from themes/*.css',
    toolbar: {
      title: 'Theme',
      icon: 'paintbrush',
      dynamicTitle: true,
      items: [{ value: 'default', title: 'Default theme' }, ...Object.keys(THEMES).map((name) => ({ value: name, title: name }))],
    },
  },
  scheme: {
    description: 'Colour scheme (--ck-color-scheme)',
    toolbar: {
      title: 'Scheme',
      icon: 'contrast',
      dynamicTitle: true,
      items: [
        { value: 'auto', title: 'Auto (buyer or theme)' },
        { value: 'light', title: 'Light' },
        { value: 'dark', title: 'Dark' },
      ],
    },
  },
  outcome: {
    description: 'What the sandbox answers to Pay (checkout stories)',
    toolbar: {
      title: 'Outcome',
      icon: 'credit',
      dynamicTitle: true,
      items: [{ value: 'story', title: 'Story outcome' }, ...Object.entries(OUTCOMES).map(([value, title]) => ({ value, title }))],
    },
  },
  fault: {
    description: 'A backend fault the sandbox injects (checkout stories)',
    toolbar: {
      title: 'Fault',
      icon: 'alert',
      dynamicTitle: true,
      items: [
        { value: 'story', title: 'Story fault' },
        { value: 'none', title: 'No fault' },
        ...Object.entries(FAULTS).map(([value, title]) => ({ value, title })),
      ],
    },
  },
};

export const initialGlobals = { locale: 'story', theme: 'default', scheme: 'auto', outcome: 'story', fault: 'story' };

const CK_TAGS = 'ck-checkout, ck-method-picker, ck-amount, ck-payment-action, ck-support-bubble, ck-card-fields, ck-video-call';

/** The theme's stylesheet in the page's head, replaced when the toolbar changes. */
function applyTheme(name: string): string | undefined {
  let style = document.getElementById('ck-workshop-theme');
  if (!style) {
    style = document.createElement('style');
    style.id = 'ck-workshop-theme';
    document.head.append(style);
  }
  const css = THEMES[name];
  style.textContent = css ?? '';
  return css;
}

/** Applies the toolbar's globals to every story. */
export const withWorkshop: Decorator = (story, context) => {
  const { locale = 'story', theme = 'default', scheme = 'auto', outcome = 'story', fault = 'story' } = context.globals as Record<string, string | undefined>;
  const viewport = (context.globals.viewport as { value?: string } | undefined)?.value;
  const css = applyTheme(theme);
  // The page follows the story's scheme too, so a dark checkout is not shown on a white page.
  const pageScheme = scheme !== 'auto' ? scheme : css && /--ck-color-scheme:\s*dark/.test(css) ? 'dark' : 'light dark';
  document.documentElement.style.colorScheme = pageScheme;
  document.documentElement.style.background = 'Canvas';

  const args = { ...context.args };
  const chosenLocale = locale !== 'story' ? locale : undefined;
  if (chosenLocale && 'locale' in args) args.locale = chosenLocale;
  for (const key of ['sessionToken', 'token'] as const) {
    const token = args[key];
    if (typeof token === 'string' && (outcome !== 'story' || fault !== 'story')) args[key] = withScenario(token, outcome, fault);
  }

  const canvas = context.canvasElement as HTMLElement;
  useEffect(() => {
    if (!chosenLocale) return;
    for (const element of canvas.querySelectorAll<HTMLElement & { locale?: string }>(CK_TAGS)) element.locale = chosenLocale;
  });

  const width = viewport && viewport in VIEWPORTS ? VIEWPORTS[viewport as keyof typeof VIEWPORTS].styles.width : undefined;
  const style: Record<string, string> = Object.fromEntries(tokenArgs(context.args));
  if (scheme !== 'auto') {
    style['--ck-color-scheme'] = scheme;
    style['color-scheme'] = scheme;
  }
  if (width) style['max-inline-size'] = width;
  return html`<div
    class="ck-workshop"
    data-theme=${theme}
    data-scheme=${scheme}
    lang=${ifDefined(chosenLocale)}
    dir=${ifDefined(chosenLocale ? directionOf(chosenLocale) : undefined)}
    style=${styleMap(style)}
  >
    ${story({ args })}
  </div>`;
};
