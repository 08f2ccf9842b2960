/**
 * `<ck-x ${elementArgs('ck-x', args)}>`: puts a story's args on the element, so every control
 * Storybook generated from the Custom Elements Manifest changes the story. Public writable
 * properties (per the filtered manifest .storybook/preview.ts registered) are set as properties;
 * `--ck-*` args as inline custom properties on the host, where they win over a theme's
 * `ck-x { --ck-… }` rule as a store's own inline style would. Args a story uses for something
 * else (`pay`, `region`) are left alone.
 */
import { getCustomElements } from '@storybook/web-components-vite';
import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';
import { tokenArgs, writableProperties, type Manifest } from '../../.storybook/manifest.js';

class ElementArgs extends Directive {
  /** Custom properties this directive set last time, so a cleared control removes its value. */
  #styled = new Set<string>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('elementArgs() goes in an element tag: <ck-x ${elementArgs(tag, args)}>');
  }

  render(_tag: string, _args: Record<string, unknown>): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [tag, args]: [string, Record<string, unknown>]): typeof noChange {
    const element = part.element as HTMLElement & Record<string, unknown>;
    for (const name of writableProperties(getCustomElements() as Manifest | undefined, tag)) {
      const value = args[name];
      if (value !== undefined && element[name] !== value) element[name] = value;
    }
    const tokens = tokenArgs(args);
    for (const name of this.#styled) if (!tokens.some(([set]) => set === name)) element.style.removeProperty(name);
    this.#styled = new Set(tokens.map(([name]) => name));
    for (const [name, value] of tokens) element.style.setProperty(name, value);
    return noChange;
  }
}

/** Sets `args` on the element: public properties as properties, `--ck-*` tokens as inline custom properties. */
export const elementArgs = directive(ElementArgs);
