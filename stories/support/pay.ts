/**
 * `@ck-ready=${payWhenReady}`: presses Pay for stories that show what happens after it. Found by its
 * documented part rather than its English name, so it works in any locale the toolbar picks, and
 * pressed only once enabled (it waits while the payment code or a locale chunk is still loading).
 */
export function payWhenReady(event: Event): void {
  const host = event.target as HTMLElement;
  const started = performance.now();
  const attempt = () => {
    const pay = host.shadowRoot?.querySelector<HTMLButtonElement>('[part~="pay-button"]');
    if (pay && !pay.disabled && pay.getAttribute('aria-disabled') !== 'true') pay.click();
    else if (performance.now() - started < 15_000) setTimeout(attempt, 50);
    else console.error('the story could not press Pay: no enabled pay-button part within 15 s');
  };
  requestAnimationFrame(attempt);
}
