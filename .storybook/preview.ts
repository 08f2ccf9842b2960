import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
// Generated from JSDoc by `npm run analyze`; Storybook's docs tables come from it.
import manifest from '../custom-elements.json';
import '../src/define/checkout.js';

setCustomElementsManifest(manifest);

const preview: Preview = {
  parameters: { controls: { expanded: true } },
  tags: ['autodocs'],
};
export default preview;
