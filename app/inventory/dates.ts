/**
 * Dates in filters and documents (spec/domain.md §1): timestamps are UTC ISO 8601, calendar dates
 * are `YYYY-MM-DD` in the store's timezone. A filter may take either; a calendar date means the
 * start of that day in the store. Pure.
 */
import { z } from "zod";

/** `2026-11-26` (the start of that day in the store's timezone) or `2026-11-26T08:00:00Z`. */
export const DateOrDateTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: "must be an ISO date (2026-11-26) or date-time (2026-11-26T08:00:00Z)",
});
export type DateOrDateTime = z.infer<typeof DateOrDateTime>;

/** The instant a filter value stands for: a date-time as given, a calendar date at the store's midnight. */
export function instantOf(value: DateOrDateTime, timezone: string): Date {
  const calendar = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!calendar) return new Date(value);
  const [, year, month, day] = calendar.map(Number) as [number, number, number, number];
  return startOfDayIn(year, month, day, timezone);
}

/** Today's calendar date in the store's timezone. */
export function calendarDateIn(timezone: string, at: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: timezone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

function startOfDayIn(year: number, month: number, day: number, timezone: string): Date {
  const wallClockMidnight = Date.UTC(year, month - 1, day);
  // The zone's offset at that wall-clock moment; asked twice because midnight may sit across a DST change.
  let instant = wallClockMidnight - offsetMs(wallClockMidnight, timezone);
  instant = wallClockMidnight - offsetMs(instant, timezone);
  return new Date(instant);
}

function offsetMs(instant: number, timezone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: timezone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
  const asUtc = Date.UTC(field("year"), field("month") - 1, field("day"), field("hour"), field("minute"), field("second"));
  return asUtc - Math.floor(instant / 1000) * 1000;
}
