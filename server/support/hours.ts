/**
 * The merchant's business hours: weekly opening intervals in the merchant's
 * time zone, plus holidays (whole days, closed). Evaluated with
 * Intl.DateTimeFormat so daylight-saving changes need no table of our own.
 */

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface BusinessHours {
  /** IANA time zone of the hours below, e.g. `America/Sao_Paulo`. */
  timeZone: string;
  /** Opening intervals per weekday as `['09:00', '18:00']` (end exclusive); a day without entries is closed. */
  weekly: Partial<Record<Weekday, readonly (readonly [string, string])[]>>;
  /** Closed days as `YYYY-MM-DD` in `timeZone`. */
  holidays?: readonly string[];
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallTime(timeZone: string, at: number): { weekday: Weekday; date: string; minutes: number } {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    weekday: String(parts['weekday']).slice(0, 3).toLowerCase() as Weekday,
    date: `${parts['year']}-${parts['month']}-${parts['day']}`,
    minutes: Number(parts['hour']) * 60 + Number(parts['minute']),
  };
}

const toMinutes = (hhmm: string): number => {
  const match = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!match) throw new Error(`business hours: "${hhmm}" is not HH:MM`);
  return Number(match[1]) * 60 + Number(match[2]);
};

/** Throws on a malformed configuration, so a typo fails at start-up, not at the first buyer. */
export function checkBusinessHours(hours: BusinessHours): void {
  new Intl.DateTimeFormat('en-US', { timeZone: hours.timeZone });
  for (const intervals of Object.values(hours.weekly)) {
    for (const [start, end] of intervals ?? []) {
      if (toMinutes(start) >= toMinutes(end) || toMinutes(end) > 24 * 60) throw new Error(`business hours: ${start}–${end} is not an interval`);
    }
  }
  for (const day of hours.holidays ?? []) if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`business hours: holiday "${day}" is not YYYY-MM-DD`);
}

/** True when `at` (ms since the epoch) falls inside an opening interval and not on a holiday. */
export function isOpen(hours: BusinessHours | null, at: number): boolean {
  if (!hours) return true;
  const wall = wallTime(hours.timeZone, at);
  if (hours.holidays?.includes(wall.date)) return false;
  return (hours.weekly[wall.weekday] ?? []).some(([start, end]) => wall.minutes >= toMinutes(start) && wall.minutes < toMinutes(end));
}

const MINUTE = 60_000;

/**
 * The next instant the merchant opens, searched up to 14 days ahead in
 * 15-minute steps and then refined to the minute (intervals are expected to
 * last at least 15 minutes). Null when open now or never open in that window.
 */
export function nextOpening(hours: BusinessHours | null, at: number): number | null {
  if (!hours || isOpen(hours, at)) return null;
  const start = Math.ceil(at / MINUTE) * MINUTE;
  const step = 15 * MINUTE;
  for (let t = start; t <= start + 14 * 24 * 60 * MINUTE; t += step) {
    if (!isOpen(hours, t)) continue;
    let first = t;
    while (first - MINUTE >= start && isOpen(hours, first - MINUTE)) first -= MINUTE;
    return first;
  }
  return null;
}
