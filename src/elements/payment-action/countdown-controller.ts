import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Minutes-left marks at which the countdown is announced to screen readers (not every second). */
export const ANNOUNCE_AT_MINUTES = [10, 5, 2, 1] as const;

/**
 * Re-renders its host once a second while a deadline is ahead, and works out
 * when the remaining time crosses one of {@link ANNOUNCE_AT_MINUTES}. The host
 * reads the time through `now`, so tests and stories can freeze the clock.
 */
export class CountdownController implements ReactiveController {
  #interval: ReturnType<typeof setInterval> | null = null;
  #deadline: number | null = null;
  /** The smallest mark already crossed for this deadline (Infinity before the first); each is announced once. */
  #lastMark = Number.POSITIVE_INFINITY;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly now: () => number,
  ) {
    host.addController(this);
  }

  /** Milliseconds left (never negative), or null without a deadline. */
  remaining(): number | null {
    return this.#deadline === null ? null : Math.max(0, this.#deadline - this.now());
  }

  /** Sets the deadline; called from the host's `willUpdate` with the action's `expiresAt`. */
  track(deadline: number | null): void {
    if (deadline !== this.#deadline) {
      this.#deadline = deadline;
      // Marks already behind us at the start are not announced: the visible time says it.
      this.#lastMark = this.#crossed() ?? Number.POSITIVE_INFINITY;
    }
    this.#sync();
  }

  /** The minutes mark just crossed, once per mark, or null. */
  takeAnnouncement(): number | null {
    const mark = this.#crossed();
    if (mark === null || mark >= this.#lastMark || this.remaining() === 0) return null;
    this.#lastMark = mark;
    return mark;
  }

  /** The smallest mark the remaining time is at or below. */
  #crossed(): number | null {
    const left = this.remaining();
    if (left === null) return null;
    const marks = ANNOUNCE_AT_MINUTES.filter((mark) => left <= mark * 60_000);
    return marks.length ? Math.min(...marks) : null;
  }

  hostConnected(): void {
    this.#sync();
  }

  hostDisconnected(): void {
    this.#stop();
  }

  #sync(): void {
    const running = (this.remaining() ?? 0) > 0;
    if (running && !this.#interval) {
      this.#interval = setInterval(() => {
        this.host.requestUpdate();
        if (!this.remaining()) this.#stop();
      }, 1_000);
    } else if (!running) {
      this.#stop();
    }
  }

  #stop(): void {
    if (this.#interval) clearInterval(this.#interval);
    this.#interval = null;
  }
}

/** `m:ss`, or `h:mm:ss` from one hour, in the locale's digits. */
export function formatRemaining(ms: number, locale: string): string {
  const total = Math.ceil(ms / 1_000);
  const hours = Math.floor(total / 3_600);
  const minutes = Math.floor((total % 3_600) / 60);
  const seconds = total % 60;
  const plain = new Intl.NumberFormat(locale, { useGrouping: false });
  const two = new Intl.NumberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false });
  return hours
    ? `${plain.format(hours)}:${two.format(minutes)}:${two.format(seconds)}`
    : `${plain.format(minutes)}:${two.format(seconds)}`;
}
