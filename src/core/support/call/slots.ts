/**
 * Bookable video-call slots as the buyer reads them: instants from the
 * service (ISO, UTC) grouped by the buyer's own calendar day and labelled in
 * the buyer's time zone and language. The merchant's time zone never shows:
 * a buyer in Jakarta booking a store in São Paulo sees Jakarta times.
 */

export interface SlotDay {
  /** The buyer's calendar day, `YYYY-MM-DD` in their zone (a stable key). */
  key: string;
  /** e.g. "Monday, December 7" / "วันจันทร์ที่ 7 ธันวาคม". */
  label: string;
  times: { startsAt: string; label: string }[];
}

/** Groups `slots` (ISO instants) by the buyer's day in `timeZone`, in order. Unparseable entries are skipped. */
export function groupSlots(slots: readonly string[], locale: string, timeZone: string): SlotDay[] {
  const dayKey = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const dayLabel = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long', month: 'long', day: 'numeric' });
  const timeLabel = new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' });
  const days: SlotDay[] = [];
  for (const startsAt of slots) {
    const at = Date.parse(startsAt);
    if (!Number.isFinite(at)) continue;
    const key = dayKey.format(at);
    let day = days.at(-1);
    if (day?.key !== key) days.push((day = { key, label: dayLabel.format(at), times: [] }));
    day.times.push({ startsAt, label: timeLabel.format(at) });
  }
  return days;
}

/** A booking's start as one phrase in the buyer's zone: "Monday, December 7 at 7:00 PM" (the locale's own joining). */
export function bookingLabel(startsAt: string, locale: string, timeZone: string): string {
  const at = Date.parse(startsAt);
  if (!Number.isFinite(at)) return '';
  return new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(at);
}
