// checkout-kit/svelte (Svelte 5): what svelte-check sees for `<ck-checkout …>` in a template, checked by
// `npm run typecheck` without svelte-check: the augmented SvelteHTMLElements entries, used as svelte-check uses them.
import 'checkout-kit/checkout';
import type {} from 'checkout-kit/svelte';
import type { SvelteHTMLElements } from 'svelte/elements';

export const checkout: SvelteHTMLElements['ck-checkout'] = {
  endpoint: '/api/checkout/v1',
  sessionToken: 'tok',
  locale: 'th',
  class: 'checkout',
  'onck-ready': (event) => console.log(event.detail.methods.join(), event.detail.session.id),
  'onck-payment-succeeded': (event) => console.log(event.detail.paymentId),
  'onck-payment-failed': (event) => console.warn(event.detail.code, event.detail.attempt),
};

export const picker: SvelteHTMLElements['ck-method-picker'] = {
  country: 'TH',
  disabled: false,
  'onck-method-selected': (event) => console.log(event.detail.type),
};

export const wrong: SvelteHTMLElements['ck-checkout'] = {
  // @ts-expect-error a property the element does not have
  sessionTokn: 'tok',
};

export const wrongDetail: SvelteHTMLElements['ck-checkout'] = {
  // @ts-expect-error ck-ready's detail has no paymentId
  'onck-ready': (event) => console.log(event.detail.paymentId),
};
