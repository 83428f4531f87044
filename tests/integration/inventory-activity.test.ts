import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  PurchaseOrderDocument,
  PurchaseOrderWithActivity,
  StockTakeWithActivity,
  SupplierReturnWithActivity,
  TransferOrderWithActivity,
  createPurchaseOrder,
  createStockTake,
  createSupplierReturn,
  createTransferOrder,
  getPurchaseOrder,
  getStockTake,
  getSupplierReturn,
  getTransferOrder,
  sendPurchaseOrder,
  sendTransferOrder,
  startStockTakeCounting,
  submitSupplierReturn,
  updatePurchaseOrder,
} from "../../app/inventory/index.server";
import { createInventoryStore, type InventoryStore } from "./inventory-store";

let store: InventoryStore;

beforeAll(() => {
  store = createInventoryStore();
});
afterAll(() => store.remove());

describe("activity on get-by-id", () => {
  it("shows every write to a purchase order, oldest first, with actor, changes and inventory effects", () => {
    const [variantId] = store.variantIds.slice(-1);
    const order = createPurchaseOrder(store.shopId, { locationId: store.locationIds[0]!, lines: [{ variantId: variantId!, ordered: 4 }] }, { ...store.call, requestId: "req_create" }).document;
    sendPurchaseOrder(store.shopId, order.id, { method: "manual" }, { ...store.call, idempotencyKey: "send-once" });

    const read = PurchaseOrderWithActivity.parse(getPurchaseOrder(store.shopId, order.id, { database: store.database }));
    expect(read.activityCount).toBe(2);
    expect(read.activity.map((entry) => entry.operation)).toEqual(["purchaseOrders.create", "purchaseOrders.send"]);
    expect(read.activity[0]).toMatchObject({ actor: store.call.actor, requestId: "req_create", idempotencyKey: null });
    expect(read.activity[1]).toMatchObject({
      idempotencyKey: "send-once",
      inventoryEffects: [{ variantId, locationId: store.locationIds[0], quantityName: "incoming", delta: 4 }],
    });
    expect(read.activity[1]!.changes).toContainEqual(expect.objectContaining({ field: "status", from: "draft", to: "sent" }));
  });

  it("keeps only the latest 100 entries of a busy document, and counts them all", () => {
    const order = createPurchaseOrder(store.shopId, { locationId: store.locationIds[0]! }, store.call).document;
    for (let edit = 1; edit <= 104; edit += 1) updatePurchaseOrder(store.shopId, order.id, { notes: `edit ${edit}` }, store.call);

    const read = PurchaseOrderWithActivity.parse(getPurchaseOrder(store.shopId, order.id, { database: store.database }));
    expect(read.activityCount).toBe(105);
    expect(read.activity).toHaveLength(100);
    expect(read.activity[0]!.changes).toContainEqual({ field: "notes", from: "edit 4", to: "edit 5" });
    expect(read.activity.at(-1)!.changes).toContainEqual({ field: "notes", from: "edit 103", to: "edit 104" });
  });

  it("is on every document type, and on no write result", () => {
    const [locationId, otherLocationId] = store.locationIds;
    const variantId = store.variantIds[0]!;
    const transfer = createTransferOrder(store.shopId, { originLocationId: locationId!, destinationLocationId: otherLocationId!, lines: [{ variantId, planned: 1 }] }, store.call);
    sendTransferOrder(store.shopId, transfer.document.id, {}, store.call);
    const stockTake = createStockTake(store.shopId, { locationId: locationId!, variantIds: [variantId] }, store.call);
    startStockTakeCounting(store.shopId, stockTake.document.id, {}, store.call);
    const supplierId = getPurchaseOrder(store.shopId, createPurchaseOrder(store.shopId, { locationId: locationId! }, store.call).document.id, { database: store.database })!.supplierId;
    const supplierReturn = createSupplierReturn(store.shopId, { supplierId, locationId: locationId!, lines: [{ variantId, quantity: 1 }] }, store.call);
    submitSupplierReturn(store.shopId, supplierReturn.document.id, {}, store.call);

    for (const result of [transfer, stockTake, supplierReturn]) expect(result.document).not.toHaveProperty("activity");
    const reads = [
      TransferOrderWithActivity.parse(getTransferOrder(store.shopId, transfer.document.id, { database: store.database })),
      StockTakeWithActivity.parse(getStockTake(store.shopId, stockTake.document.id, { database: store.database })),
      SupplierReturnWithActivity.parse(getSupplierReturn(store.shopId, supplierReturn.document.id, { database: store.database })),
    ];
    expect(reads.map((read) => read.activity.map((entry) => entry.operation))).toEqual([
      ["transferOrders.create", "transferOrders.send"],
      ["stockTakes.create", "stockTakes.startCounting"],
      ["supplierReturns.create", "supplierReturns.submit"],
    ]);
    expect(reads.map((read) => read.activityCount)).toEqual([2, 2, 2]);
  });

  it("leaves a replayed write's stored result as the plain document", () => {
    const order = createPurchaseOrder(store.shopId, { locationId: store.locationIds[0]! }, store.call).document;
    const call = { ...store.call, idempotencyKey: "note-once" };
    const first = updatePurchaseOrder(store.shopId, order.id, { notes: "once" }, call);
    const replay = updatePurchaseOrder(store.shopId, order.id, { notes: "once" }, call);
    expect(replay.replayed).toBe(true);
    expect(replay.document).toEqual(PurchaseOrderDocument.parse(first.document));
    expect(replay.document).not.toHaveProperty("activity");
  });
});
