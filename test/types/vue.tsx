/** @jsxImportSource vue */
// Vue 3: vue-tsc types `<ck-checkout …>` in a template by `GlobalComponents['ck-checkout']`, with
// `@ck-ready` as `onCkReady` and `:session-token` as `sessionToken`. vue-tsc does not run on
// TypeScript 7 yet, so this checks the same thing with plain tsc: the GlobalComponents entries used
// as components in Vue's own JSX types (which read props from `$props`, as vue-tsc does).
import 'checkout-kit/checkout';
import type {} from 'checkout-kit/vue';
import type { CkPaymentSucceededDetail } from 'checkout-kit';
import { defineComponent, ref, type GlobalComponents } from 'vue';

declare const CkCheckout: GlobalComponents['ck-checkout'];
declare const CkAmount: GlobalComponents['ck-amount'];
declare const CkMethodPicker: GlobalComponents['ck-method-picker'];
declare const CkPaymentAction: GlobalComponents['ck-payment-action'];

export const Checkout = defineComponent({
  props: { token: { type: String, required: true } },
  emits: ['paid'],
  setup(props, { emit }) {
    const paid = ref<CkPaymentSucceededDetail | null>(null);
    // A list of root nodes rather than a wrapper: with `jsx: react-jsx`, Vue's JSX types have no children slot.
    return () => [
      <CkCheckout
        endpoint="/api/checkout/v1"
        sessionToken={props.token}
        locale="de"
        class="checkout"
        onCkReady={(event) => console.log(event.detail.methods.join())}
        onCkPaymentSucceeded={(event) => {
          paid.value = event.detail;
          emit('paid', event.detail.paymentId);
        }}
        onCkPaymentPending={(event) => console.log(event.detail.reason)}
        onCkActionRedirect={(event) => console.log(event.detail.url)}
        onCkError={(event) => console.error(event.detail.code)}
      />,
      <CkAmount value={12.5} currency="EUR" settlementCurrency="USD" rate="1.08" onCkError={(event) => console.error(event.detail.message)} />,
      <CkMethodPicker country="DE" disabled onCkMethodSelected={(event) => console.log(event.detail.method)} />,
      <CkPaymentAction methodId="paypay" onCkActionExpired={(event) => console.log(event.detail.paymentId)} />,
    ];
  },
});
