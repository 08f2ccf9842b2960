import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  framework: '@storybook/web-components-vite',
  // Any story file under stories/ is picked up; its docs page and controls come from the manifest (preview.ts).
  stories: ['../stories/**/*.stories.@(ts|js)'],
  // Docs pages (autodocs) from custom-elements.json; controls, actions, viewport and toolbars are core.
  addons: ['@storybook/addon-docs'],
  core: { disableTelemetry: true },
};
export default config;
