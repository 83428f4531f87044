import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DomainError,
  completeStockTake,
  createPurchaseOrder,
  createStockTake,
  createTransferOrder,
  findShopsWithAbandonedWrites,
  getPurchaseOrder,
  receivePurchaseOrder,
  recoverAbandonedWrites,
  recordStockTakeCounts,
  sendPurchaseOrder,
  sendTransferOrder,
  startStockTakeCounting,
  updatePurchaseOrder,
  writeThroughRemote,
  type PurchaseOrderDocument,
  type RemoteInventory,
  type RemoteWriteOptions,
  type WriteCall,
  type WriteResult,
} from "../../app/inventory/index.server";
import { openDatabase } from "../../db/client";
import { activityLog, inventoryLevels, inventoryWriteLocks, locations, shops, variants } from "../../db/schema";
import { FAKE_FAILURES, startFakeShopifyAdmin, stockFromMirror, type FakeShopifyAdmin } from "../support/fake-shopify-admin";
import { waitFor } from "../support/wait";
import { createInventoryStore, type InventoryStore } from "./inventory-store";

let store: InventoryStore;
let shopify: FakeShopifyAdmin;
let nextVariant = 0;

beforeAll(async () => {
  store = createInventoryStore();
  shopify = await startFakeShopifyAdmin();
  stockFromMirror(shopify, store.database, store.shopId);
});
afterAll(async () => {
  await shopify.close();
  store.remove();
});

describe("a connected store's inventory changes go to Shopify first", () => {
  it("receiving a purchase order changes Shopify and the mirror by the same amounts, and the mirror ends equal to Shopify", async () => {
    const { variantId, locationId } = stockedLevel();
    const order = await sentOrder(variantId, locationId, 5);
    const mirrorBefore = mirror(variantId, locationId);
    const shopifyBefore = inShopify(variantId, locationId);
    const callsBefore = shopify.calls.length;

    const result = await through((call) => receivePurchaseOrder(store.shopId, order.id, { lines: [{ lineId: order.lines[0]!.id, received: 3 }] }, call));

    expect(result.replayed).toBe(false);
    expect(inShopify(variantId, locationId)).toEqual({ available: shopifyBefore.available + 3, onHand: shopifyBefore.onHand + 3, incoming: shopifyBefore.incoming - 3 });
    expect(mirror(variantId, locationId)).toEqual({ available: mirrorBefore.available + 3, onHand: mirrorBefore.onHand + 3, incoming: mirrorBefore.incoming - 3 });
    expect(mirror(variantId, locationId)).toEqual(inShopify(variantId, locationId));
    const adjustments = shopify.calls.slice(callsBefore);
    expect(adjustments.map((call) => [call.mutation, call.outcome])).toEqual([
      ["inventoryAdjustQuantities", "applied"],
      ["inventoryAdjustQuantities", "applied"],
    ]);
    expect(new Set(adjustments.map((call) => call.idempotencyKey)).size).toBe(2);
    expect(adjustments.map((call) => call.variables)).toMatchObject([
      { input: { name: "available", referenceDocumentUri: `gid://logistified/PurchaseOrder/${order.id}`, changes: [{ delta: 3, changeFromQuantity: mirrorBefore.available }] } },
      { input: { name: "incoming", changes: [{ delta: -3, changeFromQuantity: mirrorBefore.incoming, ledgerDocumentUri: `gid://logistified/PurchaseOrder/${order.id}` }] } },
    ]);
    expect(lockRows(order.id)).toEqual([]);
  });

  it("a note-only update never calls Shopify", async () => {
    const { variantId, locationId } = stockedLevel();
    const order = await sentOrder(variantId, locationId, 2);
    const callsBefore = shopify.calls.length;

    const result = await through((call) => updatePurchaseOrder(store.shopId, order.id, { notes: "Dock 4, ring first" }, call));

    expect(result.document.notes).toBe("Dock 4, ring first");
    expect(shopify.calls.length).toBe(callsBefore);
  });

  it("an idempotent replay never calls Shopify", async () => {
    const { variantId, locationId } = stockedLevel();
    const order = await sentOrder(variantId, locationId, 4);
    const call = { ...store.call, idempotencyKey: "receive-once-1" };
    const receive = (c: WriteCall) => receivePurchaseOrder(store.shopId, order.id, { lines: [{ lineId: order.lines[0]!.id, received: 4 }] }, c);
    const first = await through(receive, call);
    const callsBefore = shopify.calls.length;
    const shopifyBefore = shopify.snapshot();

    const again = await through(receive, call);

    expect(again.replayed).toBe(true);
    expect(again.document).toEqual(first.document);
    expect(shopify.calls.length).toBe(callsBefore);
    expect(shopify.snapshot()).toBe(shopifyBefore);
  });

  it("without a remote (the demo store) the write goes straight to the local levels and Shopify is never called", async () => {
    const { variantId, locationId } = stockedLevel();
    const draft = createPurchaseOrder(store.shopId, { locationId, lines: [{ variantId, ordered: 3 }] }, store.call).document;
    const mirrorBefore = mirror(variantId, locationId);
    const callsBefore = shopify.calls.length;

    await writeThroughRemote(store.shopId, store.call, null, (call) => sendPurchaseOrder(store.shopId, draft.id, { method: "manual" }, call));

    expect(mirror(variantId, locationId)).toEqual({ ...mirrorBefore, incoming: mirrorBefore.incoming + 3 });
    expect(shopify.calls.length).toBe(callsBefore);
    const { item, location } = shopifyIds(variantId, locationId);
    shopify.moveOutside(item, location, "incoming", 3);
  });

  it("another shop's purchase order answers NOT_FOUND, exactly like a missing id, and Shopify is never called", async () => {
    const { variantId, locationId } = stockedLevel();
    const order = await sentOrder(variantId, locationId, 1);
    const otherShopId = store.database.select({ id: shops.id }).from(shops).where(eq(shops.shopifyDomain, "other-inventory.myshopify.com")).get()!.id;
    const callsBefore = shopify.calls.length;

    const foreign = await refusalOf(through((call) => receivePurchaseOrder(otherShopId, order.id, { lines: [{ lineId: order.lines[0]!.id, received: 1 }] }, call), store.call, {}, otherShopId));
    const missing = await refusalOf(through((call) => receivePurchaseOrder(otherShopId, "po_missing", { lines: [{ lineId: order.lines[0]!.id, received: 1 }] }, call), store.call, {}, otherShopId));

    expect(foreign.code).toBe("NOT_FOUND");
    expect(missing.code).toBe("NOT_FOUND");
    expect(foreign.message.replace(order.id, "<id>")).toBe(missing.message.replace("po_missing", "<id>"));
    expect(shopify.calls.length).toBe(callsBefore);
  });
});

describe("when Shopify does not take the change, nothing changes on either side", () => {
  it.each(FAKE_FAILURES)("after %s the call fails with SHOPIFY_UNAVAILABLE and nothing changed", async (failure) => {
    const { variantId, locationId } = stockedLevel();
    const order = await sentOrder(variantId, locationId, 5);
    const dump = store.dump();
    const shopifyBefore = shopify.snapshot();
    shopify.failCall(failure);

    const refusal = await refusalOf(through((call) => receivePurchaseOrder(store.shopId, order.id, { lines: [{ lineId: order.lines[0]!.id, received: 2 }] }, call)));

    expect(refusal.code).toBe("SHOPIFY_UNAVAILABLE");
    expect(refusal.message).toContain("safe to retry");
    expect(store.dump()).toBe(dump);
    expect(shopify.snapshot()).toBe(shopifyBefore);
  });

  it("a quantity moved in Shopify underneath fails with INVENTORY_CONFLICT, changes nothing but the mirror's copy of that level, and the retry lands", async () => {
    const { variantId, locationId } = stockedLevel();
    const order = await sentOrder(variantId, locationId, 5);
    const { item, location } = shopifyIds(variantId, locationId);
    shopify.moveOutside(item, location, "available", -1);
    const orderBefore = JSON.stringify(getPurchaseOrder(store.shopId, order.id, { database: store.database }));
    const mirrorBefore = mirror(variantId, locationId);
    const shopifyBefore = shopify.snapshot();

    const refusal = await refusalOf(through((call) => receivePurchaseOrder(store.shopId, order.id, { lines: [{ lineId: order.lines[0]!.id, received: 2 }] }, call)));

    expect(refusal.code).toBe("INVENTORY_CONFLICT");
    expect(refusal.message).toContain("read Shopify's figures again");
    expect(JSON.stringify(getPurchaseOrder(store.shopId, order.id, { database: store.database }))).toBe(orderBefore);
    expect(shopify.snapshot()).toBe(shopifyBefore);
    // The mirror now holds Shopify's figures, one sold unit included.
    expect(mirror(variantId, locationId)).toEqual({ ...mirrorBefore, available: mirrorBefore.available - 1, onHand: mirrorBefore.onHand - 1 });
    expect(mirror(variantId, locationId)).toEqual(inShopify(variantId, locationId));

    const retried = await through((call) => receivePurchaseOrder(store.shopId, order.id, { lines: [{ lineId: order.lines[0]!.id, received: 2 }] }, call));
    expect(retried.document.lines[0]!.received).toBe(2);
    expect(mirror(variantId, locationId)).toEqual(inShopify(variantId, locationId));
  });

  it("a change Shopify refuses fails with SHOPIFY_UNAVAILABLE naming Shopify's reason, and nothing changed", async () => {
    const { variantId, locationId } = stockedLevel();
    const order = await sentOrder(variantId, locationId, 5);
    const { item, location } = shopifyIds(variantId, locationId);
    const stocked = inShopify(variantId, locationId);
    shopify.unstock(item, location);
    const dump = store.dump();
    const shopifyBefore = shopify.snapshot();

    const refusal = await refusalOf(through((call) => receivePurchaseOrder(store.shopId, order.id, { lines: [{ lineId: order.lines[0]!.id, received: 2 }] }, call)));

    expect(refusal.code).toBe("SHOPIFY_UNAVAILABLE");
    expect(refusal.message).toContain("ITEM_NOT_STOCKED_AT_LOCATION");
    expect(store.dump()).toBe(dump);
    expect(shopify.snapshot()).toBe(shopifyBefore);
    shopify.stock(item, location, { available: stocked.available, on_hand: stocked.onHand, incoming: stocked.incoming });
  });

  it("a failure after part of the batch was applied leaves Shopify as it was", async () => {
    const { variantId, locationId } = stockedLevel();
    const order = await sentOrder(variantId, locationId, 5);
    const dump = store.dump();
    const shopifyBefore = shopify.snapshot();
    const callsBefore = shopify.calls.length;
    shopify.failCall("http_503", { skip: 1 });

    const refusal = await refusalOf(through((call) => receivePurchaseOrder(store.shopId, order.id, { lines: [{ lineId: order.lines[0]!.id, received: 2 }] }, call)));

    expect(refusal.code).toBe("SHOPIFY_UNAVAILABLE");
    expect(shopify.calls[callsBefore]).toMatchObject({ mutation: "inventoryAdjustQuantities", outcome: "applied" });
    expect(shopify.snapshot()).toBe(shopifyBefore);
    expect(store.dump()).toBe(dump);
  });

  it("when Shopify stays down after part of the batch, the next writer of the document reverses it before writing", async () => {
    const { variantId, locationId } = stockedLevel();
    const order = await sentOrder(variantId, locationId, 5);
    const shopifyBefore = inShopify(variantId, locationId);
    const mirrorBefore = mirror(variantId, locationId);
    for (let i = 0; i < 2; i++) shopify.failCall("http_503", { skip: i === 0 ? 1 : 0 });

    const refusal = await refusalOf(through((call) => receivePurchaseOrder(store.shopId, order.id, { lines: [{ lineId: order.lines[0]!.id, received: 2 }] }, call)));
    expect(refusal.code).toBe("SHOPIFY_UNAVAILABLE");
    expect(lockRows(order.id)).toEqual([{ subjectId: order.id, pending: true }]);

    await through((call) => receivePurchaseOrder(store.shopId, order.id, { lines: [{ lineId: order.lines[0]!.id, received: 1 }] }, call));

    expect(inShopify(variantId, locationId)).toEqual({ available: shopifyBefore.available + 1, onHand: shopifyBefore.onHand + 1, incoming: shopifyBefore.incoming - 1 });
    expect(mirror(variantId, locationId)).toEqual({ available: mirrorBefore.available + 1, onHand: mirrorBefore.onHand + 1, incoming: mirrorBefore.incoming - 1 });
    expect(lockRows(order.id)).toEqual([]);
  });
});

describe("writes to one document are serialised across the wait on Shopify", () => {
  it("two concurrent receipts on one purchase order both land, in order, with nothing lost", async () => {
    const { variantId, locationId } = stockedLevel();
    const order = await sentOrder(variantId, locationId, 10);
    const mirrorBefore = mirror(variantId, locationId);
    const secondServer = openDatabase(store.path);
    const lineId = order.lines[0]!.id;

    const [first, second] = await Promise.all([
      through((call) => receivePurchaseOrder(store.shopId, order.id, { lines: [{ lineId, received: 2 }] }, call)),
      through((call) => receivePurchaseOrder(store.shopId, order.id, { lines: [{ lineId, received: 3 }] }, call), { ...store.call, database: secondServer }),
    ]);
    secondServer.$client.close();

    expect(first.document.lines[0]!.received).toBe(2);
    expect(second.document.lines[0]!.received).toBe(5);
    expect(getPurchaseOrder(store.shopId, order.id, { database: store.database })!.lines[0]!.received).toBe(5);
    expect(mirror(variantId, locationId)).toEqual({ available: mirrorBefore.available + 5, onHand: mirrorBefore.onHand + 5, incoming: mirrorBefore.incoming - 5 });
    expect(mirror(variantId, locationId)).toEqual(inShopify(variantId, locationId));
    const receipts = store.database.select({ id: activityLog.id }).from(activityLog).where(and(eq(activityLog.subjectId, order.id), eq(activityLog.operation, "purchaseOrders.receive"))).all();
    expect(receipts).toHaveLength(2);
  });

  it("the same idempotency key arriving while the first call still runs fails with CONFLICT_IN_PROGRESS", async () => {
    const { variantId, locationId } = stockedLevel();
    const order = await sentOrder(variantId, locationId, 6);
    const call = { ...store.call, idempotencyKey: "receive-twice-at-once" };
    const receive = (c: WriteCall) => receivePurchaseOrder(store.shopId, order.id, { lines: [{ lineId: order.lines[0]!.id, received: 6 }] }, c);

    const [first, second] = await Promise.allSettled([through(receive, call), through(receive, call)]);

    expect(first.status).toBe("fulfilled");
    expect(second.status === "rejected" && second.reason instanceof DomainError && second.reason.code).toBe("CONFLICT_IN_PROGRESS");
    expect(mirror(variantId, locationId)).toEqual(inShopify(variantId, locationId));
    const replay = await through(receive, call);
    expect(replay.replayed).toBe(true);
  });

  it("an expired lock with mutations recorded is reversed in Shopify by the next writer", async () => {
    const { variantId, locationId } = stockedLevel();
    const order = await sentOrder(variantId, locationId, 8);
    const shopifyBefore = inShopify(variantId, locationId);
    const mirrorBefore = mirror(variantId, locationId);
    void writeThroughRemote(store.shopId, store.call, dyingRemote(), (call) => receivePurchaseOrder(store.shopId, order.id, { lines: [{ lineId: order.lines[0]!.id, received: 4 }] }, call), { lockLifetimeMs: 100 });
    await until(() => inShopify(variantId, locationId).available === shopifyBefore.available + 4);
    expect(lockRows(order.id)).toEqual([{ subjectId: order.id, pending: true }]);

    const result = await through((call) => receivePurchaseOrder(store.shopId, order.id, { lines: [{ lineId: order.lines[0]!.id, received: 1 }] }, call));

    expect(result.document.lines[0]!.received).toBe(1);
    expect(inShopify(variantId, locationId)).toEqual({ available: shopifyBefore.available + 1, onHand: shopifyBefore.onHand + 1, incoming: shopifyBefore.incoming - 1 });
    expect(mirror(variantId, locationId)).toEqual({ available: mirrorBefore.available + 1, onHand: mirrorBefore.onHand + 1, incoming: mirrorBefore.incoming - 1 });
    expect(lockRows(order.id)).toEqual([]);
  });
  it("an abandoned lock is reversed in Shopify by the recovery run, with no next writer, and the document is untouched", async () => {
    const { variantId, locationId } = stockedLevel();
    const order = await sentOrder(variantId, locationId, 8);
    const shopifyBefore = inShopify(variantId, locationId);
    const orderBefore = JSON.stringify(getPurchaseOrder(store.shopId, order.id, { database: store.database }));
    void writeThroughRemote(store.shopId, store.call, dyingRemote(), (call) => receivePurchaseOrder(store.shopId, order.id, { lines: [{ lineId: order.lines[0]!.id, received: 3 }] }, call), { lockLifetimeMs: 100 });
    await until(() => inShopify(variantId, locationId).available === shopifyBefore.available + 3);
    // Not yet expired: nothing to recover.
    expect(findShopsWithAbandonedWrites({ database: store.database, now: new Date(Date.now() - 1_000) })).toEqual([]);
    await until(() => findShopsWithAbandonedWrites({ database: store.database }).includes(store.shopId));

    expect(await recoverAbandonedWrites(store.shopId, shopify.remoteFor(store.domain), { database: store.database })).toEqual({ recovered: 1, stillPending: 0 });

    expect(inShopify(variantId, locationId)).toEqual(shopifyBefore);
    expect(lockRows(order.id)).toEqual([]);
    expect(JSON.stringify(getPurchaseOrder(store.shopId, order.id, { database: store.database }))).toBe(orderBefore);
    expect(await recoverAbandonedWrites(store.shopId, shopify.remoteFor(store.domain), { database: store.database })).toEqual({ recovered: 0, stillPending: 0 });
  });

  it("a second writer waits a bounded time for a document still held, then fails with SHOPIFY_UNAVAILABLE and changes nothing", async () => {
    const { variantId, locationId } = stockedLevel();
    const order = await sentOrder(variantId, locationId, 8);
    const shopifyBefore = inShopify(variantId, locationId);
    const stalled: RemoteInventory = { activate: () => new Promise(() => {}), adjust: () => new Promise(() => {}), refreshLevels: () => new Promise(() => {}) };
    void writeThroughRemote(store.shopId, store.call, stalled, (call) => receivePurchaseOrder(store.shopId, order.id, { lines: [{ lineId: order.lines[0]!.id, received: 4 }] }, call));
    await until(() => lockRows(order.id).length === 1);
    const dump = store.dump();
    const started = Date.now();

    const refusal = await refusalOf(through((call) => receivePurchaseOrder(store.shopId, order.id, { lines: [{ lineId: order.lines[0]!.id, received: 1 }] }, call), store.call, { lockWaitMs: 200 }));

    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(refusal.code).toBe("SHOPIFY_UNAVAILABLE");
    expect(refusal.message).toContain("is still being applied in Shopify");
    expect(store.dump()).toBe(dump);
    expect(inShopify(variantId, locationId)).toEqual(shopifyBefore);
  });
});

describe("transfers and stock takes go through Shopify too", () => {
  it("sending a transfer moves available at the origin and incoming at the destination", async () => {
    const [origin, destination] = store.locationIds;
    const { variantId } = stockedLevel(origin!, 3);
    const transfer = createTransferOrder(store.shopId, { originLocationId: origin!, destinationLocationId: destination!, lines: [{ variantId, planned: 3 }] }, store.call).document;
    const originBefore = mirror(variantId, origin!);
    const destinationBefore = mirror(variantId, destination!);

    await through((call) => sendTransferOrder(store.shopId, transfer.id, {}, call));

    expect(mirror(variantId, origin!)).toEqual({ ...originBefore, available: originBefore.available - 3, onHand: originBefore.onHand - 3 });
    expect(mirror(variantId, destination!)).toEqual({ ...destinationBefore, incoming: destinationBefore.incoming + 3 });
    expect(mirror(variantId, origin!)).toEqual(inShopify(variantId, origin!));
    expect(mirror(variantId, destination!)).toEqual(inShopify(variantId, destination!));
  });

  it("a variant not yet stocked at the destination is activated in Shopify before its incoming changes", async () => {
    const [origin, destination] = store.locationIds;
    const { variantId } = stockedLevel(origin!, 2);
    store.database.delete(inventoryLevels).where(and(eq(inventoryLevels.variantId, variantId), eq(inventoryLevels.locationId, destination!))).run();
    const { item, location } = shopifyIds(variantId, destination!);
    shopify.unstock(item, location);
    const transfer = createTransferOrder(store.shopId, { originLocationId: origin!, destinationLocationId: destination!, lines: [{ variantId, planned: 2 }] }, store.call).document;
    const callsBefore = shopify.calls.length;

    await through((call) => sendTransferOrder(store.shopId, transfer.id, {}, call));

    expect(shopify.calls[callsBefore]).toMatchObject({ mutation: "inventoryActivate", outcome: "applied", variables: { inventoryItemId: item, locationId: location } });
    expect(inShopify(variantId, destination!)).toEqual({ available: 0, onHand: 0, incoming: 2 });
    expect(mirror(variantId, destination!)).toEqual({ available: 0, onHand: 0, incoming: 2 });
  });

  it("completing a stock take sets on_hand to the count in Shopify, even when that leaves available negative", async () => {
    const locationId = store.locationIds[0]!;
    const { variantId } = stockedLevel(locationId);
    const { item, location } = shopifyIds(variantId, locationId);
    store.database.update(inventoryLevels).set({ available: 3, committed: 5, reserved: 0, damaged: 0, safetyStock: 0, qualityControl: 0, onHand: 8 }).where(and(eq(inventoryLevels.variantId, variantId), eq(inventoryLevels.locationId, locationId))).run();
    shopify.stock(item, location, { available: 3, on_hand: 8, incoming: inShopify(variantId, locationId).incoming });
    const stockTake = createStockTake(store.shopId, { locationId, variantIds: [variantId] }, store.call).document;
    startStockTakeCounting(store.shopId, stockTake.id, {}, store.call);
    recordStockTakeCounts(store.shopId, stockTake.id, { counts: [{ variantId, counted: 2 }] }, store.call);

    await through((call) => completeStockTake(store.shopId, stockTake.id, {}, call));

    expect(inShopify(variantId, locationId)).toMatchObject({ available: -3, onHand: 2 });
    expect(mirror(variantId, locationId)).toEqual(inShopify(variantId, locationId));
    expect(store.level(variantId, locationId)).toMatchObject({ available: -3, committed: 5, onHand: 2 });
  });
});

// ---------------------------------------------------------------------------------------------

function through<Document>(write: (call: WriteCall) => WriteResult<Document>, call: WriteCall = store.call, options: RemoteWriteOptions = {}, shopId = store.shopId): Promise<WriteResult<Document>> {
  return writeThroughRemote(shopId, call, shopify.remoteFor(store.domain), write, options);
}

/** A tracked variant stocked at the location (the second active one unless named), unused by earlier tests, with at least `minimumAvailable`. */
function stockedLevel(locationId = store.locationIds[1]!, minimumAvailable = 0): { variantId: string; locationId: string } {
  for (;;) {
    const variantId = store.variantIds[(nextVariant++ * 7) % store.variantIds.length]!;
    const level = store.database.select({ available: inventoryLevels.available }).from(inventoryLevels).where(and(eq(inventoryLevels.variantId, variantId), eq(inventoryLevels.locationId, locationId))).get();
    if (level && level.available >= minimumAvailable) return { variantId, locationId };
  }
}

async function sentOrder(variantId: string, locationId: string, ordered: number): Promise<PurchaseOrderDocument> {
  const draft = createPurchaseOrder(store.shopId, { locationId, lines: [{ variantId, ordered }] }, store.call).document;
  return (await through((call) => sendPurchaseOrder(store.shopId, draft.id, { method: "manual" }, call))).document;
}

function shopifyIds(variantId: string, locationId: string): { item: string; location: string } {
  const item = store.database.select({ id: variants.inventoryItemShopifyId }).from(variants).where(eq(variants.id, variantId)).get()!.id!;
  const location = store.database.select({ id: locations.shopifyId }).from(locations).where(eq(locations.id, locationId)).get()!.id;
  return { item, location };
}

/** A server that dies once Shopify has applied its first mutation: the answer never comes back. */
function dyingRemote(): RemoteInventory {
  const remote = shopify.remoteFor(store.domain);
  return {
    ...remote,
    adjust: async (adjustment) => {
      await remote.adjust(adjustment);
      return new Promise(() => {});
    },
  };
}

function inShopify(variantId: string, locationId: string) {
  const { item, location } = shopifyIds(variantId, locationId);
  return { available: shopify.quantity(item, location, "available") ?? 0, onHand: shopify.quantity(item, location, "on_hand") ?? 0, incoming: shopify.quantity(item, location, "incoming") ?? 0 };
}

function mirror(variantId: string, locationId: string) {
  const { available, onHand, incoming } = store.level(variantId, locationId);
  return { available, onHand, incoming };
}

function lockRows(subjectId: string) {
  return store.database
    .select({ subjectId: inventoryWriteLocks.subjectId, pendingChanges: inventoryWriteLocks.pendingChanges })
    .from(inventoryWriteLocks)
    .where(eq(inventoryWriteLocks.subjectId, subjectId))
    .all()
    .map((row) => ({ subjectId: row.subjectId, pending: row.pendingChanges !== null }));
}

async function refusalOf(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected the call to be refused");
}

async function until(condition: () => boolean): Promise<void> {
  await waitFor(condition, "the Shopify side to catch up");
}
