// React 19 + TSX: what a store writes, type-checked by `npm run typecheck` (no React runtime needed).
import 'checkout-kit/checkout';
import 'checkout-kit/payment-action';
import type {} from 'checkout-kit/react';
import type { CkFallbackOfferedDetail } from 'checkout-kit';
import { useRef, type ReactElement } from 'react';

export function Checkout({ token, onPaid }: { token: string; onPaid: (paymentId: string) => void }): ReactElement {
  const checkout = useRef<HTMLElementTagNameMap['ck-checkout']>(null);
  return (
    <section>
      <ck-checkout
        ref={checkout}
        endpoint="/api/checkout/v1"
        sessionToken={token}
        locale="ja"
        returnUrl="https://shop.example/return"
        className="checkout"
        onck-ready={(event) => console.log(event.detail.methods.join(), event.detail.session.id)}
        onck-payment-succeeded={(event) => onPaid(event.detail.paymentId)}
        onck-payment-failed={(event) => console.warn(event.detail.code, event.detail.attempt)}
        onck-fallback-offered={(event) => {
          const detail: CkFallbackOfferedDetail = event.detail;
          console.log(detail.offered);
        }}
        onck-action-redirect={(event) => {
          if (event.detail.popup) event.preventDefault();
        }}
        onck-session-expired={() => checkout.current?.setAttribute('session-token', token)}
        onck-error={(event) => console.error(event.detail.code, event.detail.recoverable)}
      />
      <ck-amount value="12.5" currency="JPY" display="code" onck-error={(event) => console.error(event.detail.message)} />
      <ck-method-picker country="JP" disabled={false} value={null} onck-method-selected={(event) => console.log(event.detail.type)} />
      <ck-payment-action paymentId="pay_1" sandbox autoRedirect={false} onck-action-check={(event) => console.log(event.detail.action)} />
    </section>
  );
}
