import { describe, expect, it } from "vitest";
import { decimalToMinorUnits, levelQuantities, locationValues, productValues } from "../../app/shopify/store-mirror";
import { throttledRetryDelayMs } from "../../app/shopify/store-queries";

describe("Shopify amounts become integer minor units of their currency", () => {
  it.each([
    ["12.50", "USD", 1250],
    ["12.5", "EUR", 1250],
    ["12", "USD", 1200],
    ["0.00", "USD", 0],
    ["1200", "JPY", 1200],
    ["1200.0", "JPY", 1200],
    ["1.2345", "USD", 123],
    ["1.235", "USD", 124],
    ["-3.50", "USD", -350],
    ["1.5", "KWD", 1500],
    ["4.20", "XYZ", 420],
  ])("%s %s is %i", (amount, currency, minorUnits) => {
    expect(decimalToMinorUnits(amount, currency)).toBe(minorUnits);
  });

  it("refuses an amount that is not a decimal, quoting it", () => {
    expect(() => decimalToMinorUnits("12,50", "EUR")).toThrow(/"12,50"/);
  });
});

describe("Shopify nodes become mirror rows", () => {
  it("a quantity Shopify did not answer is zero, and each name lands in its own column", () => {
    expect(levelQuantities([{ name: "on_hand", quantity: 9 }, { name: "safety_stock", quantity: 2 }, { name: "quality_control", quantity: 1 }, { name: "available", quantity: 6 }])).toEqual({
      available: 6,
      committed: 0,
      reserved: 0,
      damaged: 0,
      safetyStock: 2,
      qualityControl: 1,
      onHand: 9,
      incoming: 0,
    });
  });

  it.each([
    ["ACTIVE", "active"],
    ["UNLISTED", "active"],
    ["DRAFT", "draft"],
    ["ARCHIVED", "archived"],
  ] as const)("a %s product is %s", (status, mirrored) => {
    const node = { id: "gid://shopify/Product/1", title: "T", vendor: null, productType: null, status, tags: [], createdAt: "2026-01-01T00:00:00Z", updatedAt: "2026-01-02T00:00:00Z" };
    expect(productValues(node)).toMatchObject({ status: mirrored, vendor: "", productType: "" });
  });

  it("a location is primary only when it is Shopify's primary location, and empty address lines are absent", () => {
    const node = { id: "gid://shopify/Location/2", name: "Shop", isActive: true, createdAt: "2026-01-01T00:00:00Z", address: { address1: "1 Main St", address2: "", city: "Cork", provinceCode: null, zip: " ", countryCode: "IE", phone: "" } };
    expect(locationValues(node, "gid://shopify/Location/2")).toMatchObject({ isPrimary: true, address2: null, postalCode: null, phone: null, province: null });
    expect(locationValues(node, "gid://shopify/Location/1").isPrimary).toBe(false);
    expect(locationValues(node, null).isPrimary).toBe(false);
  });
});

describe("a throttled read waits until Shopify's bucket holds the query's cost", () => {
  const throttled = (cost?: { requested: number; available: number; restoreRate: number }) => ({
    errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }],
    ...(cost && { extensions: { cost: { requestedQueryCost: cost.requested, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: cost.available, restoreRate: cost.restoreRate } } } }),
  });

  it.each<[string, unknown, number | null]>([
    ["300 short at 100 a second", throttled({ requested: 502, available: 202, restoreRate: 100 }), 3_100],
    ["already restored", throttled({ requested: 100, available: 150, restoreRate: 50 }), 100],
    ["no bucket state given", throttled(), 1_000],
    ["not throttled", { data: { shop: null } }, null],
    ["another error", { errors: [{ message: "Field 'x' doesn't exist", extensions: { code: "undefinedField" } }] }, null],
  ])("%s", (_, body, delayMs) => {
    expect(throttledRetryDelayMs(body, 1_000)).toBe(delayMs);
  });
});
