import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError, clearReorderRules, setReorderRules } from "../../app/inventory/index.server";
import { ruleOrderProblems } from "../../app/inventory/reorder-rules/rules";
import { createInventoryStore, type InventoryStore } from "./inventory-store";

let store: InventoryStore;
/** Tracked variants the seed gave no rule and no rule activity, so each test starts from none. */
let variantIds: string[];

beforeAll(() => {
  store = createInventoryStore();
  variantIds = store.variantIds.filter((id) => ruleCount(id) === 0);
});
afterAll(() => store.remove());

describe("reorder rules", () => {
  it("set store-wide and per-location rules, keep omitted fields, clear fields with null, and delete a rule left empty", () => {
    const [variantId] = variantIds;
    const locationId = store.locationIds[1]!;
    const first = setReorderRules(store.shopId, { rules: [{ variantId: variantId!, min: 5, max: 40, target: 20 }, { variantId: variantId!, locationId, reorderPoint: 8, max: 12 }] }, store.call);
    expect(first.document.rules.map((r) => r.rule)).toEqual([
      { variantId, locationId: null, min: 5, max: 40, target: 20, reorderPoint: null },
      { variantId, locationId, min: null, max: 12, target: null, reorderPoint: 8 },
    ]);
    const second = setReorderRules(store.shopId, { rules: [{ variantId: variantId!, target: null, reorderPoint: 10 }] }, store.call);
    expect(second.document.rules[0]!.rule).toEqual({ variantId, locationId: null, min: 5, max: 40, target: null, reorderPoint: 10 });
    const emptied = setReorderRules(store.shopId, { rules: [{ variantId: variantId!, locationId, reorderPoint: null, max: null }] }, store.call);
    expect(emptied.document.rules[0]!.rule).toBeNull();
    expect(ruleCount(variantId!)).toBe(1);

    const entries = z.array(z.object({ subject_type: z.string(), changes: z.string() })).parse(store.database.$client.prepare("select subject_type, changes from activity_log where subject_id = ? order by occurred_at, rowid").all(variantId));
    expect(entries).toHaveLength(4);
    expect(entries.every((e) => e.subject_type === "variant")).toBe(true);
    expect(JSON.parse(entries[2]!.changes)).toEqual([
      { field: "target", from: 20, to: null },
      { field: "reorderPoint", from: null, to: 10 },
    ]);
  });

  it("refuse the whole batch when one rule would be out of order, repeated, or aimed at an inactive location", () => {
    const [, a, b] = variantIds;
    store.expectRefused(() => setReorderRules(store.shopId, { rules: [{ variantId: a!, min: 1, max: 10 }, { variantId: b!, min: 12, max: 10 }] }, store.call), "RULE_ORDER_INVALID");
    store.expectRefused(() => setReorderRules(store.shopId, { rules: [{ variantId: a!, max: 10 }, { variantId: a!, min: 2 }] }, store.call), "VALIDATION_FAILED");
    store.expectRefused(() => setReorderRules(store.shopId, { rules: [{ variantId: a!, min: -1 }] }, store.call), "VALIDATION_FAILED");
    store.expectRefused(() => setReorderRules(store.shopId, { rules: [{ variantId: "var_missing", min: 1 }] }, store.call), "NOT_FOUND");
    const inactive = store.locationIds[3]!;
    store.database.$client.prepare("update locations set active = 0 where id = ?").run(inactive);
    store.expectRefused(() => setReorderRules(store.shopId, { rules: [{ variantId: a!, locationId: inactive, min: 1 }] }, store.call), "LOCATION_INACTIVE");
    store.database.$client.prepare("update locations set active = 1 where id = ?").run(inactive);
    expect(ruleCount(a!) + ruleCount(b!)).toBe(0);
  });

  it("clear existing rules and treat missing ones as a no-op", () => {
    const variantId = variantIds[4]!;
    setReorderRules(store.shopId, { rules: [{ variantId, min: 2, max: 9 }] }, store.call);
    const cleared = clearReorderRules(store.shopId, { rules: [{ variantId }, { variantId, locationId: store.locationIds[0]! }] }, store.call);
    expect(cleared.document.rules.map((r) => r.rule)).toEqual([null, null]);
    expect(ruleCount(variantId)).toBe(0);
    const again = clearReorderRules(store.shopId, { rules: [{ variantId }] }, store.call);
    expect(again.activityEntryId).toBeNull();
  });
});

describe("the ordering check", () => {
  it.each([
    [{ min: 1, max: 5, target: 3, reorderPoint: 4 }, 0],
    [{ min: null, max: 5, target: 6, reorderPoint: null }, 1],
    [{ min: 7, max: 5, target: null, reorderPoint: null }, 1],
    [{ min: 4, max: null, target: 3, reorderPoint: 9 }, 1],
    [{ min: null, max: 5, target: null, reorderPoint: 6 }, 1],
    [{ min: null, max: null, target: null, reorderPoint: 100 }, 0],
  ])("%o has %i problem(s)", (rule, count) => {
    expect(ruleOrderProblems(rule)).toHaveLength(count);
  });
});

function ruleCount(variantId: string): number {
  return z.object({ n: z.number() }).parse(store.database.$client.prepare("select count(*) as n from reorder_rules where variant_id = ?").get(variantId)).n;
}

