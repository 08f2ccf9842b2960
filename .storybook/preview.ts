import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import { withActions } from 'storybook/actions/decorator';
// Generated from JSDoc by `npm run analyze` (build-storybook and storybook run it first).
import rawManifest from '../custom-elements.json';
import '../src/define/checkout.js';
import { elementOf, eventNames, publicManifest, withControls, type ArgTypeLike, type Manifest } from './manifest.js';
import { VIEWPORTS, globalTypes, initialGlobals, withWorkshop } from './workshop.js';

// Only the public API reaches the docs tables and controls: private, protected, static and
// @internal members are filtered out here, once, for every element (see manifest.ts).
const manifest = publicManifest(rawManifest as unknown as Manifest);
setCustomElementsManifest(manifest);

const preview: Preview = {
  parameters: {
    controls: { expanded: true, sort: 'requiredFirst' },
    // Every ck-* event any element documents shows in the Actions panel, from any story.
    actions: { handles: eventNames(manifest) },
    viewport: { options: VIEWPORTS },
    docs: { toc: true },
  },
  // Colour pickers for colour tokens, text boxes for other tokens, no controls for read-only state.
  argTypesEnhancers: [(context) => withControls(context.argTypes as Record<string, ArgTypeLike>, elementOf(manifest, String(context.component ?? ''))) as typeof context.argTypes],
  globalTypes,
  initialGlobals,
  decorators: [withActions, withWorkshop],
  tags: ['autodocs'],
};
export default preview;
