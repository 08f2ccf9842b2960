import type { ComplexAttributeConverter } from 'lit';

/** What a JSON attribute holds when its text is not JSON: the element reports it instead of throwing. */
export const NOT_JSON: unique symbol = Symbol('not JSON');

/**
 * Converter for attributes that carry JSON. Lit's own `type: Object` throws on
 * bad JSON, and an attribute written in a store's HTML must never throw: bad
 * text becomes `NOT_JSON`, for the element to report as `invalid_attribute`.
 */
export const jsonAttribute: ComplexAttributeConverter<unknown> = {
  fromAttribute(value: string | null): unknown {
    if (value === null) return undefined;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return NOT_JSON;
    }
  },
};
