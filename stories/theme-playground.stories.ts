// A workshop for theme developers: the brand tokens as controls (colour pickers, radius, density,
// font), every main state of <ck-checkout> side by side so one change is seen everywhere, and the
// CSS to paste into a store, shown and copied. The toolbar's theme, scheme and locale apply too.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import '../src/define/checkout.js';
import { CheckoutHarness } from '../src/elements/checkout/checkout.harness.js';
import { domDriver } from '../test/shared/dom-driver.js';
import { payWhenReady } from './support/pay.js';
import { FAKE_ENDPOINT, resetSandbox } from './support/sandbox.js';

/** The brand knobs (tier 1 of docs/theming.md) as a theme developer thinks of them. */
interface PlaygroundArgs {
  primary: string;
  onPrimary: string;
  text: string;
  surface: string;
  danger: string;
  success: string;
  warning: string;
  /** `light`, `dark`, or `light dark` (follow the buyer): which of the built-in palettes the derived colours use. */
  scheme: 'light' | 'dark' | 'light dark';
  /** Corner radius in px. */
  radius: number;
  /** The spacing unit in rem; every gap is a multiple of it. */
  density: number;
  font: string;
  /** Base font size in px. */
  fontSize: number;
}

const FONTS: Record<string, string> = {
  System: 'system-ui, sans-serif',
  Humanist: "'Gill Sans', 'Noto Sans', Calibri, sans-serif",
  Serif: "Georgia, 'Times New Roman', serif",
  Rounded: "ui-rounded, 'Arial Rounded MT Bold', system-ui, sans-serif",
  Monospace: 'ui-monospace, Menlo, Consolas, monospace',
};

/** The `--ck-*` declarations a set of args stands for, in a stable order. */
function themeTokens(args: PlaygroundArgs): [string, string][] {
  return [
    ['--ck-color-primary', args.primary],
    ['--ck-color-on-primary', args.onPrimary],
    ['--ck-color-text', args.text],
    ['--ck-color-surface', args.surface],
    ['--ck-color-danger', args.danger],
    ['--ck-color-success', args.success],
    ['--ck-color-warning', args.warning],
    ['--ck-color-scheme', args.scheme],
    ['--ck-radius', `${args.radius}px`],
    ['--ck-space', `${args.density}rem`],
    ['--ck-font-family', FONTS[args.font] ?? args.font],
    ['--ck-font-size', `${args.fontSize}px`],
  ];
}

/** The theme as a store pastes it: one `:root` rule of custom properties. */
function themeCss(args: PlaygroundArgs): string {
  return `:root {\n${themeTokens(args)
    .map(([name, value]) => `  ${name}: ${value};`)
    .join('\n')}\n}\n`;
}

/** Every main state, each its own checkout and sandbox session; `pay` presses Pay once the list is ready. */
const STATES: { label: string; token: string; pay: boolean }[] = [
  { label: 'Ready', token: 'nl.succeeded~pg-ready', pay: false },
  { label: 'Failed', token: 'nl.declined~pg-failed', pay: true },
  { label: 'QR code', token: 'br.qr~pg-qr', pay: true },
  { label: 'Voucher', token: 'br.voucher~pg-voucher', pay: true },
  { label: 'Pending', token: 'nl.pending~pg-pending', pay: true },
  { label: 'Succeeded', token: 'nl.succeeded~pg-paid', pay: true },
];

/** Six checkouts load at once: on a busy machine (CI) a state can take longer than a harness's default 5 s. */
const PATIENCE = { timeout: 15_000 };

const STYLES = html`<style>
  .ck-playground { display: grid; gap: 16px; }
  .ck-playground-states { display: grid; grid-template-columns: repeat(auto-fill, minmax(22rem, 1fr)); gap: 16px; align-items: start; }
  .ck-playground-states > section { border: 1px dashed #9aa1b1; padding: 8px; }
  .ck-playground h3 { margin: 0 0 8px; font: 600 13px/1.2 system-ui, sans-serif; }
  .ck-playground-export textarea { inline-size: 100%; min-block-size: 14rem; font: 13px/1.4 ui-monospace, monospace; }
  .ck-playground-export p { font: 13px system-ui, sans-serif; margin: 4px 0; }
</style>`;

/** Shows the CSS in a read-only text area and copies it to the clipboard where the page may. */
async function handleExport(event: Event): Promise<void> {
  const root = (event.currentTarget as HTMLElement).closest('.ck-playground')!;
  const output = root.querySelector<HTMLTextAreaElement>('#ck-theme-css')!;
  const status = root.querySelector<HTMLElement>('#ck-theme-status')!;
  output.hidden = false;
  output.select();
  try {
    await navigator.clipboard.writeText(output.value);
    status.textContent = 'Copied to the clipboard.';
  } catch {
    status.textContent = 'Selected: press Ctrl+C (⌘C) to copy.';
  }
}

const onExport = (event: Event) => {
  handleExport(event).catch((error: unknown) => console.error(error));
};

const playground = (args: PlaygroundArgs): TemplateResult => html`${STYLES}
  <div class="ck-playground" style=${styleMap(Object.fromEntries(themeTokens(args)))}>
    <div class="ck-playground-states">
      ${STATES.map(
        ({ label, token, pay }) => html`<section aria-label=${label}>
          <h3>${label}</h3>
          <ck-checkout session-token=${token} endpoint=${FAKE_ENDPOINT} locale="en" @ck-ready=${pay ? payWhenReady : nothing}></ck-checkout>
        </section>`,
      )}
    </div>
    <div class="ck-playground-export">
      <button type="button" @click=${onExport}>Export theme CSS</button>
      <p id="ck-theme-status" role="status"></p>
      <textarea id="ck-theme-css" aria-label="Theme CSS" readonly hidden .value=${themeCss(args)}></textarea>
    </div>
  </div>`;

const meta: Meta<PlaygroundArgs> = {
  title: 'Theming/Playground',
  render: playground,
  args: {
    primary: '#2456d6',
    onPrimary: '#ffffff',
    text: '#1a1f36',
    surface: '#ffffff',
    danger: '#b42318',
    success: '#1e7b43',
    warning: '#8a5a00',
    scheme: 'light',
    radius: 10,
    density: 0.75,
    font: 'System',
    fontSize: 16,
  },
  argTypes: {
    primary: { control: 'color', description: '`--ck-color-primary`: Pay, selection, links, focus ring' },
    onPrimary: { control: 'color', description: '`--ck-color-on-primary`: text on the primary colour' },
    text: { control: 'color', description: '`--ck-color-text`: body text (muted text and borders derive from it)' },
    surface: { control: 'color', description: '`--ck-color-surface`: background of the checkout and options' },
    danger: { control: 'color', description: '`--ck-color-danger`: failures' },
    success: { control: 'color', description: '`--ck-color-success`: success' },
    warning: { control: 'color', description: '`--ck-color-warning`: waiting, expiring, offline' },
    scheme: { control: 'inline-radio', options: ['light', 'dark', 'light dark'], description: '`--ck-color-scheme`: the palette derived colours and unset tokens use' },
    radius: { control: { type: 'range', min: 0, max: 24, step: 1 }, description: '`--ck-radius` in px' },
    density: { control: { type: 'range', min: 0.4, max: 1.25, step: 0.05 }, description: '`--ck-space` in rem: the spacing unit' },
    font: { control: 'select', options: Object.keys(FONTS), description: '`--ck-font-family`' },
    fontSize: { control: { type: 'range', min: 12, max: 20, step: 1 }, description: '`--ck-font-size` in px' },
  },
  loaders: [() => (STATES.forEach(({ token }) => resetSandbox(token)), {})],
  parameters: { layout: 'padded' },
};
export default meta;
type Story = StoryObj<PlaygroundArgs>;

/** The default brand: edit the controls and every state follows; "Export theme CSS" gives the CSS. */
export const Playground: Story = {
  play: async ({ canvasElement, step, args }) => {
    const canvas = within(canvasElement);
    await step('every state is on screen', async () => {
      const failed = canvasElement.querySelector('section[aria-label="Failed"] ck-checkout')!;
      await expect(await new CheckoutHarness(domDriver(failed, PATIENCE)).outcome()).toBe('failed');
      const qr = canvasElement.querySelector('section[aria-label="QR code"] ck-checkout')!;
      await expect(await new CheckoutHarness(domDriver(qr, PATIENCE)).action.qrCode()).toBeTruthy();
    });
    await step('the tokens reach the checkout', async () => {
      const pay = canvasElement.querySelector('section[aria-label="Ready"] ck-checkout')!;
      await waitFor(() => expect(getComputedStyle(pay).getPropertyValue('--ck-color-primary').trim()).toBe(args.primary));
    });
    await step('Export theme CSS shows the :root rule', async () => {
      await userEvent.click(canvas.getByRole('button', { name: 'Export theme CSS' }));
      const css = canvas.getByRole('textbox', { name: 'Theme CSS' }) as HTMLTextAreaElement;
      await expect(css).toBeVisible();
      await expect(css.value).toBe(themeCss(args));
      await expect(css.value).toContain(`--ck-color-primary: ${args.primary};`);
      await expect(css.value).toContain(`--ck-radius: ${args.radius}px;`);
      await waitFor(() => expect(canvas.getByRole('status').textContent).toMatch(/Copied|Selected/));
    });
  },
};

/** A marketplace brand set through the same controls: magenta accent, square corners, compact. */
export const MarketplaceBrand: Story = {
  args: { primary: '#d6246e', radius: 2, density: 0.55, font: 'Humanist', fontSize: 15 },
};

/** Dark surfaces with a gold accent, chosen through the controls (compare themes/luxury-dark.css). */
export const DarkGold: Story = {
  args: { scheme: 'dark', primary: '#c9a55c', onPrimary: '#15120b', text: '#f1ead9', surface: '#0f0e0c', danger: '#f08a7e', success: '#9fd3a8', warning: '#e6c27a', radius: 0, density: 0.875, font: 'Serif', fontSize: 17 },
};
