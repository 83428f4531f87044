import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import {
  DomainError,
  ST_EVENTS,
  ST_TRANSITIONS,
  STOCK_TAKE_STATUSES,
  addStockTakeLines,
  allowedStEvents,
  cancelStockTake,
  completeStockTake,
  createStockTake,
  createTransferOrder,
  deleteStockTake,
  getStockTake,
  listStockTakes,
  recordStockTakeCounts,
  removeStockTakeLines,
  sendTransferOrder,
  startStockTakeCounting,
  updateStockTake,
  type StEvent,
  type StStatus,
  type StockTakeDocument,
  type WriteResult,
} from "../../app/inventory/index.server";
import { activityLog, countReasons, variants } from "../../db/schema";
import { createInventoryStore, levelProblems, type InventoryStore } from "./inventory-store";

let store: InventoryStore;
let location: string;
let other: string;
let stocked: string[];
let next = 0;

beforeAll(() => {
  store = createInventoryStore();
  [location, other] = [store.locationIds[0]!, store.locationIds[2]!];
  stocked = store.variantIds.filter((variantId) => store.level(variantId, location).available >= 20);
});
afterAll(() => store.remove());

describe("every cell of the stock-take transition table", () => {
  const cells = STOCK_TAKE_STATUSES.flatMap((status) => ST_EVENTS.map((event) => [status, event] as const));

  it.each(cells)("in %s, %s does what the table says, with the spec's effect at the location", (status, event) => {
    const before = stockTakeIn(status);
    const allowed = ST_TRANSITIONS[status][event] !== undefined && allowedStEvents(before).includes(event);
    const levels = () => before.lines.map((line) => store.level(line.variantId, location));
    const was = levels();

    if (!allowed) {
      store.expectRefused(() => runEvent(before, event), event === "delete" ? "NOT_DELETABLE" : "INVALID_TRANSITION");
      return;
    }
    const result = runEvent(before, event);
    if (event === "delete") {
      expect(getStockTake(store.shopId, before.id, { database: store.database })).toBeUndefined();
      expect(store.database.select().from(activityLog).where(and(eq(activityLog.subjectType, "stock_take"), eq(activityLog.subjectId, before.id))).all()).toEqual([]);
      expect(levels()).toEqual(was);
      return;
    }
    expect(result.document.status).toBe(ST_TRANSITIONS[status][event]!.to);
    const now = levels();
    result.document.lines.forEach((line, index) => {
      const delta = event === "complete" ? line.counted! - was[index]!.onHand : 0;
      expect({ onHand: now[index]!.onHand - was[index]!.onHand, available: now[index]!.available - was[index]!.available, incoming: now[index]!.incoming - was[index]!.incoming }).toEqual({ onHand: delta, available: delta, incoming: 0 });
      if (event === "complete") {
        expect(line.appliedDelta).toBe(delta);
        expect(now[index]!.onHand).toBe(line.counted);
      }
      if (event === "startCounting") {
        expect(line.expected).toBe(was[index]!.onHand);
        expect(line.unitCost).not.toBeNull();
      }
    });
    if (event === "startCounting") expect(result.document.countingStartedAt).not.toBeNull();
    if (event === "complete") expect(result.document.completedAt).not.toBeNull();
    if (event === "cancel") expect(result.document.cancelledAt).not.toBeNull();
    expect(result.inventoryEffects.length > 0).toBe(event === "complete");
    expect(levelProblems(store.database, store.shopId)).toEqual([]);
  });
});

describe("stock-take completion", () => {
  it("applies counted − on_hand at completion even when stock moved during counting; variance stays against the snapshot", () => {
    const stockTake = stockTakeIn("counting");
    const [first, second] = stockTake.lines;
    const snapshot = store.level(first!.variantId, location);
    expect(first!.expected).toBe(snapshot.onHand);
    // Stock leaves the location while the count is under way.
    const transfer = createTransferOrder(store.shopId, { originLocationId: location, destinationLocationId: other, lines: [{ variantId: first!.variantId, planned: 4 }] }, store.call).document;
    sendTransferOrder(store.shopId, transfer.id, {}, store.call);
    const counted = first!.expected! - 1;
    recordStockTakeCounts(store.shopId, stockTake.id, { counts: [{ lineId: first!.id, counted }, { variantId: second!.variantId, counted: second!.expected! }] }, store.call);
    const result = completeStockTake(store.shopId, stockTake.id, {}, store.call);
    const line = result.document.lines[0]!;
    expect(line.variance).toBe(-1);
    expect(line.appliedDelta).toBe(counted - (snapshot.onHand - 4));
    expect(line.appliedDelta).toBe(3);
    expect(store.level(first!.variantId, location)).toMatchObject({ onHand: counted, available: snapshot.available - 4 + 3 });
    expect(result.inventoryEffects).toEqual([
      { variantId: first!.variantId, locationId: location, quantityName: "on_hand", delta: 3 },
      { variantId: first!.variantId, locationId: location, quantityName: "available", delta: 3 },
    ]);
    expect(result.document.lines[1]!.appliedDelta).toBe(0);
    expect(levelProblems(store.database, store.shopId)).toEqual([]);
  });

  it("may leave available negative; no other operation may", () => {
    const variantId = stocked.find((id) => store.level(id, location).committed > 0 && !used.has(id))!;
    expect(variantId).toBeDefined();
    used.add(variantId);
    const before = store.level(variantId, location);
    const stockTake = createStockTake(store.shopId, { locationId: location, variantIds: [variantId] }, store.call).document;
    startStockTakeCounting(store.shopId, stockTake.id, {}, store.call);
    recordStockTakeCounts(store.shopId, stockTake.id, { counts: [{ variantId, counted: 0 }] }, store.call);
    completeStockTake(store.shopId, stockTake.id, {}, store.call);
    const after = store.level(variantId, location);
    expect(after.onHand).toBe(0);
    expect(after.available).toBe(before.available - before.onHand);
    expect(after.available).toBeLessThan(0);
    // The identity still holds (on_hand 0 = the sum of its parts); only available is below zero.
    expect(levelProblems(store.database, store.shopId)).toEqual([`${variantId}@${location}: available ${after.available} < 0`]);
    const transfer = createTransferOrder(store.shopId, { originLocationId: location, destinationLocationId: other, lines: [{ variantId, planned: 1 }] }, store.call).document;
    store.expectRefused(() => sendTransferOrder(store.shopId, transfer.id, {}, store.call), "INSUFFICIENT_AVAILABLE");
    // Put the level back so later checks of the whole store hold.
    store.database.$client.prepare("update inventory_levels set available = ?, on_hand = ? where variant_id = ? and location_id = ?").run(before.available, before.onHand, variantId, location);
  });

  it("refuses uncounted lines unless skipUncounted, which applies nothing for them", () => {
    const stockTake = stockTakeIn("counting", { counted: false });
    const [first, second] = stockTake.lines;
    recordStockTakeCounts(store.shopId, stockTake.id, { counts: [{ lineId: first!.id, counted: first!.expected! + 2 }] }, store.call);
    const refusal = store.expectRefused(() => completeStockTake(store.shopId, stockTake.id, {}, store.call), "UNCOUNTED_LINES");
    expect(refusal.details).toMatchObject({ lineIds: [second!.id] });
    const untouched = store.level(second!.variantId, location);
    const result = completeStockTake(store.shopId, stockTake.id, { skipUncounted: true }, store.call);
    expect(result.document.lines.map((l) => l.appliedDelta)).toEqual([2, null]);
    expect(store.level(second!.variantId, location)).toEqual(untouched);
    expect(store.level(first!.variantId, location).onHand).toBe(first!.expected! + 2);
  });
});

describe("stock-take guardrails", () => {
  it("refuses to start counting with no lines", () => {
    const empty = createStockTake(store.shopId, { locationId: location }, store.call).document;
    store.expectRefused(() => startStockTakeCounting(store.shopId, empty.id, {}, store.call), "ST_HAS_NO_LINES");
  });

  it("refuses a variant already on another counting stock take at the same location, on start and on addLines", () => {
    const counting = stockTakeIn("counting");
    const variantId = counting.lines[0]!.variantId;
    const second = createStockTake(store.shopId, { locationId: location, variantIds: [variantId] }, store.call).document;
    const refusal = store.expectRefused(() => startStockTakeCounting(store.shopId, second.id, {}, store.call), "VARIANT_IN_OTHER_COUNT");
    expect(refusal.details).toMatchObject({ variantId, stockTakeId: counting.id });
    const third = stockTakeIn("counting");
    store.expectRefused(() => addStockTakeLines(store.shopId, third.id, { variantIds: [variantId] }, store.call), "VARIANT_IN_OTHER_COUNT");
    // Elsewhere the same variant may be counted.
    const elsewhere = createStockTake(store.shopId, { locationId: other, variantIds: [variantId] }, store.call).document;
    expect(startStockTakeCounting(store.shopId, elsewhere.id, {}, store.call).document.status).toBe("counting");
    cancelStockTake(store.shopId, counting.id, {}, store.call);
    expect(startStockTakeCounting(store.shopId, second.id, {}, store.call).document.status).toBe("counting");
  });

  it("refuses an unknown count reason and keeps a known one", () => {
    const stockTake = stockTakeIn("counting", { counted: false });
    const line = stockTake.lines[0]!;
    const refusal = store.expectRefused(() => recordStockTakeCounts(store.shopId, stockTake.id, { counts: [{ lineId: line.id, counted: 1, reasonId: "rsn_unknown" }] }, store.call), "VALIDATION_FAILED");
    expect(refusal.details).toMatchObject({ fields: [{ field: "counts.0.reasonId" }] });
    const otherShopReason = store.database.select({ id: countReasons.id }).from(countReasons).all().find((r) => !shopReasons().includes(r.id))!.id;
    store.expectRefused(() => recordStockTakeCounts(store.shopId, stockTake.id, { counts: [{ lineId: line.id, counted: 1, reasonId: otherShopReason }] }, store.call), "VALIDATION_FAILED");
    const reasonId = shopReasons()[1]!;
    const result = recordStockTakeCounts(store.shopId, stockTake.id, { counts: [{ lineId: line.id, counted: 1, reasonId }] }, store.call);
    expect(result.document.lines[0]).toMatchObject({ counted: 1, reasonId });
    // Null clears a count; the reason stays unless given.
    expect(recordStockTakeCounts(store.shopId, stockTake.id, { counts: [{ variantId: line.variantId, counted: null }] }, store.call).document.lines[0]).toMatchObject({ counted: null, reasonId });
  });

  it("refuses more than 500 lines in one call", () => {
    const stockTake = stockTakeIn("draft");
    const ids = Array.from({ length: 501 }, (_, i) => `var_${i}`);
    store.expectRefused(() => addStockTakeLines(store.shopId, stockTake.id, { variantIds: ids }, store.call), "TOO_MANY_LINES");
    store.expectRefused(() => createStockTake(store.shopId, { locationId: location, variantIds: ids }, store.call), "TOO_MANY_LINES");
    store.expectRefused(() => recordStockTakeCounts(store.shopId, stockTake.id, { counts: ids.map((variantId) => ({ variantId, counted: 1 })) }, store.call), "TOO_MANY_LINES");
  });

  it("refuses line and header changes once closed, counts outside counting, and duplicates or untracked variants", () => {
    const draft = stockTakeIn("draft");
    store.expectRefused(() => recordStockTakeCounts(store.shopId, draft.id, { counts: [{ lineId: draft.lines[0]!.id, counted: 1 }] }, store.call), "INVALID_TRANSITION");
    store.expectRefused(() => addStockTakeLines(store.shopId, draft.id, { variantIds: [draft.lines[0]!.variantId] }, store.call), "DUPLICATE_LINE");
    const untracked = store.database.select({ id: variants.id }).from(variants).where(and(eq(variants.shopId, store.shopId), eq(variants.inventoryTracked, false))).get()!.id;
    store.expectRefused(() => addStockTakeLines(store.shopId, draft.id, { variantIds: [untracked] }, store.call), "VARIANT_NOT_TRACKED");
    for (const status of ["completed", "cancelled"] as const) {
      const closed = stockTakeIn(status);
      store.expectRefused(() => updateStockTake(store.shopId, closed.id, { notes: "late" }, store.call), "FIELD_LOCKED");
      store.expectRefused(() => addStockTakeLines(store.shopId, closed.id, { variantIds: [fresh()] }, store.call), "FIELD_LOCKED");
      store.expectRefused(() => removeStockTakeLines(store.shopId, closed.id, { lineIds: [closed.lines[0]!.id] }, store.call), "FIELD_LOCKED");
      store.expectRefused(() => recordStockTakeCounts(store.shopId, closed.id, { counts: [{ lineId: closed.lines[0]!.id, counted: 1 }] }, store.call), "INVALID_TRANSITION");
    }
    store.expectRefused(() => createStockTake(store.shopId, { locationId: "loc_missing" }, store.call), "NOT_FOUND");
  });
});

describe("stock-take writes", () => {
  it("add lines in counting with their snapshot at once, remove lines, update name and notes, and total the values", () => {
    const stockTake = stockTakeIn("counting", { counted: false });
    const variantId = fresh();
    const level = store.level(variantId, location);
    const added = addStockTakeLines(store.shopId, stockTake.id, { variantIds: [variantId] }, store.call).document;
    const line = added.lines.find((l) => l.variantId === variantId)!;
    expect(line.expected).toBe(level.onHand);
    const cost = store.database.select({ cost: variants.unitCostAmount }).from(variants).where(eq(variants.id, variantId)).get()!.cost;
    expect(line.unitCost).toEqual({ amount: cost ?? 0, currency: added.expectedValue.currency });
    expect(line.costMissing).toBe(cost === null);
    const removed = removeStockTakeLines(store.shopId, stockTake.id, { lineIds: [stockTake.lines[1]!.id] }, store.call).document;
    expect(removed.lines.map((l) => l.variantId)).toEqual([stockTake.lines[0]!.variantId, variantId]);
    const updated = updateStockTake(store.shopId, stockTake.id, { name: "Aisle 4", notes: "Night count" }, store.call).document;
    expect(updated).toMatchObject({ name: "Aisle 4", notes: "Night count", status: "counting" });
    const counts = removed.lines.map((l, i) => ({ lineId: l.id, counted: l.expected! + i + 1 }));
    const counted = recordStockTakeCounts(store.shopId, stockTake.id, { counts }, store.call).document;
    const sum = (f: (l: (typeof counted.lines)[number]) => number) => counted.lines.reduce((s, l) => s + f(l), 0);
    expect(counted.expectedValue.amount).toBe(sum((l) => l.expected! * l.unitCost!.amount));
    expect(counted.countedValue.amount).toBe(sum((l) => l.counted! * l.unitCost!.amount));
    expect(counted.varianceValue.amount).toBe(sum((l) => l.variance! * l.unitCost!.amount));
    expect(counted.lines.map((l) => l.variance)).toEqual([1, 2]);
  });

  it("create with include: \"all\" adds every tracked variant stocked at the location", () => {
    const all = createStockTake(store.shopId, { locationId: other, include: "all" }, store.call).document;
    const expected = store.database.$client
      .prepare("select count(*) as n from inventory_levels l join variants v on v.id = l.variant_id where l.shop_id = ? and l.location_id = ? and v.inventory_tracked = 1")
      .get(store.shopId, other) as { n: number };
    expect(all.lines.length).toBe(expected.n);
    expect(all.lines.length).toBeGreaterThan(0);
    expect(all.lines.every((l) => l.expected === null && l.counted === null)).toBe(true);
    deleteStockTake(store.shopId, all.id, {}, store.call);
  });

  it("replays an idempotent complete without applying it twice, and refuses the key for other input", () => {
    const stockTake = stockTakeIn("counting");
    const call = { ...store.call, idempotencyKey: `st-complete-${stockTake.id}` };
    const first = completeStockTake(store.shopId, stockTake.id, {}, call);
    const levels = stockTake.lines.map((l) => store.level(l.variantId, location));
    const dump = store.dump();
    expect(completeStockTake(store.shopId, stockTake.id, {}, call)).toEqual({ ...first, replayed: true });
    expect(store.dump()).toBe(dump);
    expect(stockTake.lines.map((l) => store.level(l.variantId, location))).toEqual(levels);
    store.expectRefused(() => completeStockTake(store.shopId, stockTake.id, { skipUncounted: true }, call), "IDEMPOTENCY_KEY_REUSED");
  });

  it("lists by location and status, newest first, and finds by sku", () => {
    const made = [stockTakeIn("draft"), stockTakeIn("counting")];
    const page = listStockTakes(store.shopId, { locationId: location, status: ["draft", "counting"] }, { limit: 2 }, { database: store.database });
    expect(page.items.map((i) => i.id)).toEqual([made[1]!.id, made[0]!.id]);
    expect(page.items[0]!.lineCount).toBe(2);
    expect(listStockTakes(store.shopId, { sku: made[1]!.lines[0]!.sku! }, { limit: 50 }, { database: store.database }).items.map((i) => i.id)).toContain(made[1]!.id);
  });
});

// ---------------------------------------------------------------------------------------------

const used = new Set<string>();

/** A stocked variant at the location that no earlier test has put on a stock take. */
function fresh(): string {
  for (;;) {
    next += 1;
    const variantId = stocked[(next * 13) % stocked.length]!;
    if (!used.has(variantId)) {
      used.add(variantId);
      return variantId;
    }
    if (used.size >= stocked.length) throw new Error("out of stocked variants");
  }
}

function shopReasons(): string[] {
  return store.database.select({ id: countReasons.id }).from(countReasons).where(eq(countReasons.shopId, store.shopId)).all().map((r) => r.id);
}

/** A stock take at the location in `status` with two lines; counted lines are counted 2 below and 1 above the snapshot. */
function stockTakeIn(status: StStatus, options: { counted?: boolean } = {}): StockTakeDocument {
  const draft = createStockTake(store.shopId, { locationId: location, variantIds: [fresh(), fresh()] }, store.call).document;
  const s = store.shopId;
  const c = store.call;
  if (status === "draft") return draft;
  if (status === "cancelled") return cancelStockTake(s, draft.id, {}, c).document;
  const counting = startStockTakeCounting(s, draft.id, {}, c).document;
  if (options.counted === false) return counting;
  const [first, second] = counting.lines;
  const counted = recordStockTakeCounts(s, draft.id, { counts: [{ lineId: first!.id, counted: Math.max(0, first!.expected! - 2) }, { lineId: second!.id, counted: second!.expected! + 1 }] }, c).document;
  if (status === "counting") return counted;
  return completeStockTake(s, draft.id, {}, c).document;
}

function runEvent(stockTake: StockTakeDocument, event: StEvent): WriteResult<StockTakeDocument> {
  const s = store.shopId;
  const c = store.call;
  switch (event) {
    case "startCounting":
      return startStockTakeCounting(s, stockTake.id, {}, c);
    case "complete":
      return completeStockTake(s, stockTake.id, {}, c);
    case "cancel":
      return cancelStockTake(s, stockTake.id, {}, c);
    case "delete":
      return deleteStockTake(s, stockTake.id, {}, c);
  }
}

