/**
 * When the elements do work the buyer is not waiting for, so that the task that paints what they
 * wait for stays short (issue 15: the time until the method list can be used, and the main-thread
 * blocking before it).
 */

/**
 * Resolves in the first task after the browser has painted what is in the DOM now: the moment for
 * work the buyer does not need in order to see and use what was just rendered (prefetching the
 * payment code, loading the analytics outbox). Started before that paint, such work lengthens the
 * task that paints, and the buyer waits for it.
 *
 * `requestAnimationFrame` runs just before a paint, so a timer set from it fires after. A hidden
 * tab runs no frames: a fallback timer (250 ms, throttled by the browser in the background) lets
 * the work happen anyway, so nothing waits for the buyer to look at the tab.
 */
export function afterNextPaint(fallbackMs = 250): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, fallbackMs);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(fallback);
        resolve();
      }, 0),
    );
  });
}

interface TaskScheduler {
  yield?: () => Promise<void>;
}

/**
 * Ends the current task and continues in a new one, so that input and rendering can run between
 * two long pieces of work. `scheduler.yield()` (Chromium 129+) continues ahead of other queued
 * tasks; elsewhere a zero timer does.
 */
export function yieldToBrowser(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: TaskScheduler }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Runs `work` when the browser is idle (`requestIdleCallback`), or after `timeoutMs` at the latest:
 * the moment for work that only makes a later interaction faster. Where there is no idle callback
 * (Safari), a timer of `fallbackMs` stands in. Returns a function that cancels it: an element removed
 * meanwhile must not stay alive, held by its callback, until it runs.
 */
export function onIdle(work: () => void, timeoutMs = 1000, fallbackMs = timeoutMs): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(() => work(), { timeout: timeoutMs });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(work, fallbackMs);
  return () => clearTimeout(timer);
}
