import { and, asc, eq, isNotNull, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  PURCHASE_ORDER_STATUSES,
  STOCK_TAKE_STATUSES,
  SUPPLIER_RETURN_STATUSES,
  TRANSFER_ORDER_STATUSES,
  getStockTake,
  getSupplierReturn,
  type StStatus,
} from "../../app/inventory/index.server";
import { seedDemoStore } from "../../db/seed";
import {
  activityLog,
  purchaseOrderPayments,
  purchaseOrders,
  reorderRules,
  stockTakes,
  supplierCreditApplications,
  supplierCredits,
  supplierReturns,
  transferOrders,
} from "../../db/schema";
import { createInventoryStore, levelProblems, type InventoryStore } from "./inventory-store";

let store: InventoryStore;

beforeAll(() => {
  store = createInventoryStore();
});
afterAll(() => store.remove());

describe("the demo store seed", () => {
  it("has every status of every document type", () => {
    const statusesOf = (table: typeof purchaseOrders | typeof transferOrders | typeof stockTakes | typeof supplierReturns) =>
      new Set(store.database.selectDistinct({ status: table.status }).from(table).where(eq(table.shopId, store.shopId)).all().map((row) => row.status));
    expect(statusesOf(purchaseOrders)).toEqual(new Set(PURCHASE_ORDER_STATUSES));
    expect(statusesOf(transferOrders)).toEqual(new Set(TRANSFER_ORDER_STATUSES));
    expect(statusesOf(stockTakes)).toEqual(new Set(STOCK_TAKE_STATUSES));
    expect(statusesOf(supplierReturns)).toEqual(new Set(SUPPLIER_RETURN_STATUSES));
  });

  it("keeps every level's invariants: on_hand is the sum of its parts, incoming is what open orders and transfers in transit bring", () => {
    expect(levelProblems(store.database, store.shopId)).toEqual([]);
  });

  it("leaves a counting stock take part counted, and completed ones fully counted", () => {
    const idsIn = (status: StStatus) => store.database.select({ id: stockTakes.id }).from(stockTakes).where(and(eq(stockTakes.shopId, store.shopId), eq(stockTakes.status, status))).all();
    const [counting] = idsIn("counting");
    const completed = idsIn("completed");
    expect(completed.length).toBeGreaterThan(0);
    const countingLines = getStockTake(store.shopId, counting!.id, { database: store.database })!.lines;
    expect(countingLines.some((line) => line.counted !== null)).toBe(true);
    expect(countingLines.some((line) => line.counted === null)).toBe(true);
    for (const { id } of completed) expect(getStockTake(store.shopId, id, { database: store.database })!.lines.every((line) => line.appliedDelta !== null)).toBe(true);
  });

  it("records credits: one per resolved or closed return, a manual one, and a closed return's credit drawn on by an open purchase order", () => {
    const credits = store.database.select().from(supplierCredits).where(eq(supplierCredits.shopId, store.shopId)).all();
    const returns = store.database.select().from(supplierReturns).where(and(eq(supplierReturns.shopId, store.shopId), isNotNull(supplierReturns.creditId))).all();
    expect(returns.map((rma) => rma.status).sort()).toEqual(["closed", "resolved"]);
    expect(credits.filter((credit) => credit.origin === "supplier_return").map((credit) => credit.supplierReturnId).sort()).toEqual(returns.map((rma) => rma.id).sort());
    expect(credits.filter((credit) => credit.origin === "manual")).toHaveLength(1);

    const closed = returns.find((rma) => rma.status === "closed")!;
    const applications = store.database.select().from(supplierCreditApplications).where(and(eq(supplierCreditApplications.creditId, closed.creditId!), isNull(supplierCreditApplications.reversedAt))).all();
    expect(applications).toHaveLength(1);
    const credit = credits.find((candidate) => candidate.id === closed.creditId)!;
    expect(credit.availableBalance).toBe(credit.amount - applications[0]!.amount);
    const order = store.database.select({ status: purchaseOrders.status }).from(purchaseOrders).where(eq(purchaseOrders.id, applications[0]!.purchaseOrderId)).get()!;
    expect(["draft", "completed", "cancelled"]).not.toContain(order.status);
  });

  it("walks each return through its statuses in order, one believable step after another", () => {
    const closed = store.database.select({ id: supplierReturns.id }).from(supplierReturns).where(and(eq(supplierReturns.shopId, store.shopId), eq(supplierReturns.status, "closed"))).get()!;
    const activity = getSupplierReturn(store.shopId, closed.id, { database: store.database })!.activity;
    expect(activity.map((entry) => entry.operation.replace("supplierReturns.", ""))).toEqual(["create", "submit", "quickApproveAndShip", "markReceivedBySupplier", "completeInspection", "resolve", "close"]);
    const times = activity.map((entry) => Date.parse(entry.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("pays some purchase orders and sets store-wide and per-location reorder rules", () => {
    const payments = store.database.selectDistinct({ id: purchaseOrderPayments.purchaseOrderId }).from(purchaseOrderPayments).where(eq(purchaseOrderPayments.shopId, store.shopId)).all();
    expect(payments.length).toBeGreaterThanOrEqual(3);
    const rules = store.database.select({ locationId: reorderRules.locationId }).from(reorderRules).where(eq(reorderRules.shopId, store.shopId)).all();
    expect(rules.filter((rule) => rule.locationId === null)).toHaveLength(30);
    expect(rules.filter((rule) => rule.locationId !== null)).toHaveLength(10);
  });

  it("dates every document and activity entry in the past, within the last three months", () => {
    const now = Date.now();
    const tables = [purchaseOrders, transferOrders, stockTakes, supplierReturns] as const;
    const created = tables.flatMap((table) => store.database.select({ at: table.createdAt }).from(table).where(eq(table.shopId, store.shopId)).all().map((row) => row.at.getTime()));
    const occurred = store.database.select({ at: activityLog.occurredAt }).from(activityLog).where(eq(activityLog.shopId, store.shopId)).all().map((row) => row.at.getTime());
    for (const at of [...created, ...occurred]) {
      expect(at).toBeLessThan(now);
      expect(at).toBeGreaterThan(now - 90 * 86_400_000);
    }
  });

  it("makes the same documents from the same seed", () => {
    const again = seedDemoStore(store.database, { domain: "inventory-again.myshopify.com", name: "Again" });
    expect(documentsOf(again)).toEqual(documentsOf(store.shopId));
    expect(levelProblems(store.database, again)).toEqual([]);
  });
});

/** Each document's number, status and what its activity did, without ids or times (ids are random, times follow the clock). */
function documentsOf(shopId: string) {
  const tables = { purchaseOrders, transferOrders, stockTakes, supplierReturns } as const;
  return Object.entries(tables).map(([name, table]) => [
    name,
    store.database
      .select({ id: table.id, number: table.number, status: table.status })
      .from(table)
      .where(eq(table.shopId, shopId))
      .orderBy(asc(table.number))
      .all()
      .map(({ id, number, status }) => ({
        number,
        status,
        activity: store.database
          .select({ operation: activityLog.operation, summary: activityLog.summary, effects: activityLog.inventoryEffects })
          .from(activityLog)
          .where(and(eq(activityLog.shopId, shopId), eq(activityLog.subjectId, id)))
          .orderBy(asc(activityLog.occurredAt))
          .all()
          .map((entry) => ({ operation: entry.operation, summary: entry.summary, deltas: entry.effects.map((effect) => `${effect.quantityName} ${effect.delta}`) })),
      })),
  ]);
}
