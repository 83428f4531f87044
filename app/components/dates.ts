/**
 * Dates as staff read them: in the store's timezone, in one fixed locale so that the server's
 * render and the browser's hydration print the same text.
 */
const LOCALE = "en-US";

export function formatDateTime(iso: string, timezone: string): string {
  return new Intl.DateTimeFormat(LOCALE, { dateStyle: "medium", timeStyle: "short", timeZone: timezone }).format(new Date(iso));
}

/** "3 minutes ago", against the time the page was rendered, not the browser's clock. */
export function formatRelative(iso: string, nowIso: string): string {
  const seconds = Math.round((new Date(iso).getTime() - new Date(nowIso).getTime()) / 1000);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ["day", 86_400],
    ["hour", 3_600],
    ["minute", 60],
  ];
  const format = new Intl.RelativeTimeFormat(LOCALE, { numeric: "auto" });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return "just now";
}
