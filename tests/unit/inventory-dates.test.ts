import { describe, expect, it } from "vitest";
import { calendarDateIn, DateOrDateTime, instantOf } from "../../app/inventory/dates";

describe("a filter date stands for an instant in the store's timezone", () => {
  it.each([
    ["2026-11-26", "UTC", "2026-11-26T00:00:00.000Z"],
    ["2026-11-26", "America/Toronto", "2026-11-26T05:00:00.000Z"],
    ["2026-07-01", "America/Toronto", "2026-07-01T04:00:00.000Z"],
    ["2026-03-08", "America/Toronto", "2026-03-08T05:00:00.000Z"],
    ["2026-03-09", "America/Toronto", "2026-03-09T04:00:00.000Z"],
    ["2026-11-26", "Asia/Kolkata", "2026-11-25T18:30:00.000Z"],
    ["2026-11-26T08:00:00+01:00", "UTC", "2026-11-26T07:00:00.000Z"],
    ["2026-11-26T08:00:00Z", "Asia/Kolkata", "2026-11-26T08:00:00.000Z"],
  ])("%s in %s is %s", (value, timezone, expected) => {
    expect(instantOf(value, timezone).toISOString()).toBe(expected);
  });

  it("names both accepted shapes when a value is neither", () => {
    const parsed = DateOrDateTime.safeParse("26/11/2026");
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain("ISO date (2026-11-26) or date-time");
  });

  it("tells today's date in the store's timezone", () => {
    expect(calendarDateIn("Pacific/Auckland", new Date("2026-11-26T12:00:00Z"))).toBe("2026-11-27");
    expect(calendarDateIn("America/Vancouver", new Date("2026-11-26T03:00:00Z"))).toBe("2026-11-25");
  });
});
