/**
 * Writes through the catalogue, over a real temporary database: principals resolved from real
 * keys, every call through `catalogue.call` as the sandbox and MCP make it. Then the REST API,
 * on the real server, to prove it never exposes a write.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Principal } from "../../app/access/index.server";
import {
  InventoryEffect,
  PurchaseOrderDocument,
  ReorderRulesResult,
  StockTakeDocument,
  SupplierReturnDocument,
  TransferOrderDocument,
} from "../../app/inventory/index.server";
import { catalogueFor, OperationError } from "../../app/operations/index.server";
import { activityLog, inventoryLevels, locations, purchaseOrders, suppliers, variants } from "../../db/schema";
import { issueKeyForShop } from "../support/keys";
import { createSandboxStore, type SandboxStore } from "../support/sandbox-store";
import { useTestServer } from "../support/test-server";

const PurchaseOrderResult = z.object({
  document: PurchaseOrderDocument,
  inventoryEffects: z.array(InventoryEffect),
  activityEntryId: z.string().nullable(),
  replayed: z.boolean(),
});
const StockTakeResult = PurchaseOrderResult.extend({ document: StockTakeDocument });
const TransferOrderResult = PurchaseOrderResult.extend({ document: TransferOrderDocument });
const SupplierReturnResult = PurchaseOrderResult.extend({ document: SupplierReturnDocument });
const ReorderRulesWriteResult = PurchaseOrderResult.extend({ document: ReorderRulesResult });
const FieldProblems = z.object({ fields: z.array(z.object({ field: z.string(), problem: z.string() })) });

let store: SandboxStore;

beforeAll(() => {
  store = createSandboxStore();
});

afterAll(() => {
  store.remove();
});

let requestCount = 0;

/** `app.<name>(...)` as a program would call it, for `principal`. */
function call(principal: Principal, name: string, input: Record<string, unknown>): Promise<unknown> {
  requestCount += 1;
  return catalogueFor(principal).call(name, input, { principal, requestId: `req_writes${requestCount}`, now: new Date() });
}

async function refusalOf(pending: Promise<unknown>): Promise<OperationError> {
  const outcome = await pending.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (outcome instanceof OperationError) return outcome;
  throw outcome ?? new Error("expected the call to be refused");
}

function firstActiveLocation(shopId: string): string {
  const row = store.db.select({ id: locations.id }).from(locations).where(and(eq(locations.shopId, shopId), eq(locations.active, true))).get();
  if (!row) throw new Error("the seeded shop has no active location");
  return row.id;
}

function firstTrackedVariant(shopId: string): string {
  const row = store.db.select({ id: variants.id }).from(variants).where(and(eq(variants.shopId, shopId), eq(variants.inventoryTracked, true))).get();
  if (!row) throw new Error("the seeded shop has no tracked variant");
  return row.id;
}

function onHand(variantId: string, locationId: string): number {
  return store.db.select({ onHand: inventoryLevels.onHand }).from(inventoryLevels).where(and(eq(inventoryLevels.variantId, variantId), eq(inventoryLevels.locationId, locationId))).get()?.onHand ?? 0;
}

function activityEntry(id: string | null) {
  if (id === null) throw new Error("the write recorded no activity entry");
  return store.db.select().from(activityLog).where(eq(activityLog.id, id)).get();
}

/** A Draft purchase order with one line of `ordered` units, created through the catalogue. */
async function draftOrder(principal: Principal, ordered: number) {
  const shopId = principal.shop.id;
  const locationId = firstActiveLocation(shopId);
  const variantId = firstTrackedVariant(shopId);
  const created = PurchaseOrderResult.parse(await call(principal, "app.purchaseOrders.create", { input: { locationId } }));
  const withLine = PurchaseOrderResult.parse(await call(principal, "app.purchaseOrders.addLines", { id: created.document.id, input: { lines: [{ variantId, ordered }] } }));
  return { order: withLine.document, line: withLine.document.lines[0]!, locationId, variantId };
}

describe("a purchase order through catalogue.call", () => {
  it("is created, given a line, sent and received, each write logged with the key as its actor", async () => {
    const principal = store.principal("read_write");
    const { order, line, locationId, variantId } = await draftOrder(principal, 5);
    expect(order.status).toBe("draft");

    const sent = PurchaseOrderResult.parse(await call(principal, "app.purchaseOrders.send", { id: order.id, input: { method: "manual" } }));
    expect(sent.document.status).toBe("sent");
    expect(sent.inventoryEffects).toEqual([{ variantId, locationId, quantityName: "incoming", delta: 5 }]);

    const before = onHand(variantId, locationId);
    const received = PurchaseOrderResult.parse(
      await call(principal, "app.purchaseOrders.receive", { id: order.id, input: { lines: [{ lineId: line.id, received: 3 }] }, options: { idempotencyKey: "receive-3" } }),
    );
    expect(received.replayed).toBe(false);
    expect(received.document.status).toBe("partially_received");
    expect(received.document.lines[0]).toMatchObject({ received: 3, outstanding: 2 });
    expect(onHand(variantId, locationId)).toBe(before + 3);

    const { label, prefix } = keyOf(principal);
    expect(activityEntry(received.activityEntryId)).toMatchObject({
      shopId: principal.shop.id,
      subjectType: "purchase_order",
      subjectId: order.id,
      operation: "purchaseOrders.receive",
      actor: { type: "api_key", label, prefix },
      idempotencyKey: "receive-3",
    });
    expect(activityEntry(received.activityEntryId)?.requestId).toMatch(/^req_writes\d+$/);
  });

  it("answers a repeated call with the same idempotency key from the stored result, writing nothing again", async () => {
    const principal = store.principal("read_write");
    const { order, line, locationId, variantId } = await draftOrder(principal, 4);
    await call(principal, "app.purchaseOrders.send", { id: order.id, input: { method: "manual" } });
    const receipt = { id: order.id, input: { lines: [{ lineId: line.id, received: 2 }] }, options: { idempotencyKey: "receive-once" } };

    const first = PurchaseOrderResult.parse(await call(principal, "app.purchaseOrders.receive", receipt));
    const levelAfterFirst = onHand(variantId, locationId);
    const entriesAfterFirst = store.db.select({ id: activityLog.id }).from(activityLog).where(eq(activityLog.subjectId, order.id)).all().length;
    const again = PurchaseOrderResult.parse(await call(principal, "app.purchaseOrders.receive", receipt));

    expect(again.replayed).toBe(true);
    expect(again.activityEntryId).toBe(first.activityEntryId);
    expect(again.document).toEqual(first.document);
    expect(onHand(variantId, locationId)).toBe(levelAfterFirst);
    expect(store.db.select({ id: activityLog.id }).from(activityLog).where(eq(activityLog.subjectId, order.id)).all()).toHaveLength(entriesAfterFirst);

    const reused = await refusalOf(call(principal, "app.purchaseOrders.receive", { ...receipt, input: { lines: [{ lineId: line.id, received: 1 }] } }));
    expect(reused.code).toBe("IDEMPOTENCY_KEY_REUSED");
  });

  it("surfaces a guardrail refusal as an OperationError with the domain's code, message and details", async () => {
    const principal = store.principal("read_write");
    const { order, line } = await draftOrder(principal, 2);
    await call(principal, "app.purchaseOrders.send", { id: order.id, input: { method: "manual" } });

    const overReceipt = await refusalOf(call(principal, "app.purchaseOrders.receive", { id: order.id, input: { lines: [{ lineId: line.id, received: 3 }] } }));
    expect(overReceipt.code).toBe("OVER_RECEIPT");
    expect(overReceipt.message).toContain("allowOverReceipt");
    expect(overReceipt.details).toEqual({ lineId: line.id, ordered: 2, settled: 0 });

    const transition = await refusalOf(call(principal, "app.purchaseOrders.reopen", { id: order.id }));
    expect(transition.code).toBe("INVALID_TRANSITION");
    expect(transition.details).toMatchObject({ status: "sent", operation: "reopen", allowedOperations: expect.arrayContaining(["receive", "cancel"]) });
  });

  it("refuses bad input naming the field inside the argument it came in", async () => {
    const principal = store.principal("read_write");
    const { order, line } = await draftOrder(principal, 2);

    const negative = await refusalOf(call(principal, "app.purchaseOrders.receive", { id: order.id, input: { lines: [{ lineId: line.id, received: -1 }] } }));
    expect(negative.code).toBe("VALIDATION_FAILED");
    expect(FieldProblems.parse(negative.details).fields.map((f) => f.field)).toEqual(["input.lines.0.received"]);
    expect(negative.message).toContain("input.lines.0.received");

    const longKey = await refusalOf(call(principal, "app.purchaseOrders.hold", { id: order.id, options: { idempotencyKey: "k".repeat(129) } }));
    expect(FieldProblems.parse(longKey.details).fields.map((f) => f.field)).toEqual(["options.idempotencyKey"]);

    const stray = await refusalOf(call(principal, "app.purchaseOrders.hold", { id: order.id, input: {} }));
    expect(stray.code).toBe("VALIDATION_FAILED");
    expect(stray.message).toContain("input");
  });

  it("names a field the domain refuses after reading the store the same way", async () => {
    const principal = store.principal("read_write");
    const created = StockTakeResult.parse(
      await call(principal, "app.stockTakes.create", { input: { locationId: firstActiveLocation(principal.shop.id), variantIds: [firstTrackedVariant(principal.shop.id)] } }),
    );
    await call(principal, "app.stockTakes.startCounting", { id: created.document.id });
    const refusal = await refusalOf(
      call(principal, "app.stockTakes.recordCounts", { id: created.document.id, input: { counts: [{ lineId: created.document.lines[0]!.id, counted: 1, reasonId: "reason_unknown" }] } }),
    );
    expect(refusal.code).toBe("VALIDATION_FAILED");
    expect(FieldProblems.parse(refusal.details).fields.map((f) => f.field)).toEqual(["input.counts.0.reasonId"]);
  });

  it("answers another store's document id exactly like an id that does not exist, and leaves that document alone", async () => {
    const principal = store.principal("read_write");
    const other = store.principal("read_write", store.otherShopId);
    const { order: theirs } = await draftOrder(other, 1);
    const theirsBefore = store.db.select().from(purchaseOrders).where(eq(purchaseOrders.id, theirs.id)).get();

    for (const [name, args] of [
      ["app.purchaseOrders.send", { input: { method: "manual" } }],
      ["app.purchaseOrders.cancel", {}],
      ["app.purchaseOrders.duplicate", {}],
    ] as const) {
      const foreign = await refusalOf(call(principal, name, { id: theirs.id, ...args }));
      const missing = await refusalOf(call(principal, name, { id: "po_doesNotExist", ...args }));
      expect(foreign.code).toBe("NOT_FOUND");
      expect(missing.code).toBe("NOT_FOUND");
      expect(foreign.message.replace(theirs.id, "ID")).toBe(missing.message.replace("po_doesNotExist", "ID"));
      expect(foreign.details).toEqual({ id: theirs.id });
    }
    expect(store.db.select().from(purchaseOrders).where(eq(purchaseOrders.id, theirs.id)).get()).toEqual(theirsBefore);
  });

  it("logs a connected app's write with the app's name and connection", async () => {
    const keyed = store.principal("read_write");
    const connected: Principal = { ...keyed, credential: { kind: "connected_app", id: "conn_writes", appName: "Example Chat" } };
    const { order } = await draftOrder(connected, 1);
    const sent = PurchaseOrderResult.parse(await call(connected, "app.purchaseOrders.send", { id: order.id, input: { method: "manual" } }));
    expect(activityEntry(sent.activityEntryId)?.actor).toEqual({ type: "connected_app", appName: "Example Chat", connectionId: "conn_writes" });
  });
});

describe("the other surfaces through the same path", () => {
  it("writes a transfer order, a stock take, a supplier return and reorder rules, each answering its surface's document", async () => {
    const principal = store.principal("read_write");
    const shopId = principal.shop.id;
    const [origin, destination] = store.db.select({ id: locations.id }).from(locations).where(and(eq(locations.shopId, shopId), eq(locations.active, true))).all();
    const variantId = firstTrackedVariant(shopId);
    const supplier = store.db.select({ id: suppliers.id }).from(suppliers).where(and(eq(suppliers.shopId, shopId), eq(suppliers.archived, false))).get();
    if (!origin || !destination || !supplier) throw new Error("the seeded shop lacks two active locations or a supplier");

    const transfer = TransferOrderResult.parse(
      await call(principal, "app.transferOrders.create", { input: { originLocationId: origin.id, destinationLocationId: destination.id, lines: [{ variantId, planned: 1 }] } }),
    );
    const copy = TransferOrderResult.parse(await call(principal, "app.transferOrders.duplicate", { id: transfer.document.id }));
    expect(copy.document).toMatchObject({ status: "draft", originLocationId: origin.id, lines: [{ variantId, planned: 1 }] });
    const deleted = TransferOrderResult.parse(await call(principal, "app.transferOrders.delete", { id: copy.document.id }));
    expect(deleted).toMatchObject({ document: { id: copy.document.id }, activityEntryId: null });

    const stockTake = StockTakeResult.parse(await call(principal, "app.stockTakes.create", { input: { locationId: origin.id, variantIds: [variantId] } }));
    expect(StockTakeResult.parse(await call(principal, "app.stockTakes.cancel", { id: stockTake.document.id })).document.status).toBe("cancelled");

    const supplierReturn = SupplierReturnResult.parse(
      await call(principal, "app.supplierReturns.create", { input: { supplierId: supplier.id, locationId: origin.id, lines: [{ variantId, quantity: 1 }] } }),
    );
    expect(SupplierReturnResult.parse(await call(principal, "app.supplierReturns.submit", { id: supplierReturn.document.id })).document.status).toBe("pending_approval");

    const set = ReorderRulesWriteResult.parse(await call(principal, "app.reorderRules.set", { input: { rules: [{ variantId, locationId: origin.id, min: 2, max: 9 }] } }));
    expect(set.document.rules).toEqual([{ variantId, locationId: origin.id, rule: expect.objectContaining({ min: 2, max: 9 }) }]);
    const ordered = await refusalOf(call(principal, "app.reorderRules.set", { input: { rules: [{ variantId, locationId: origin.id, min: 10 }] } }));
    expect(ordered.code).toBe("RULE_ORDER_INVALID");
    const cleared = ReorderRulesWriteResult.parse(await call(principal, "app.reorderRules.clear", { input: { rules: [{ variantId, locationId: origin.id }] } }));
    expect(cleared.document.rules).toEqual([{ variantId, locationId: origin.id, rule: null }]);
  });
});

function keyOf(principal: Principal): { label: string; prefix: string } {
  if (principal.credential.kind !== "api_key") throw new Error("expected a key's principal");
  return { label: principal.credential.label, prefix: principal.credential.prefix };
}

describe("the REST API", () => {
  const server = useTestServer();

  it("never exposes a write: a write's path is not a resource, and any method but GET is refused", async () => {
    const { key } = issueKeyForShop(server.db, server.demoShopId, "read_write");
    const order = server.db.select({ id: purchaseOrders.id }).from(purchaseOrders).where(eq(purchaseOrders.shopId, server.demoShopId)).get();
    if (!order) throw new Error("the demo store has no purchase order");
    const headers = { Authorization: `Bearer ${key}` };

    const get = await fetch(`${server.url}/api/v1/purchase-orders/${order.id}/send`, { headers });
    expect(get.status).toBe(404);
    const post = await fetch(`${server.url}/api/v1/purchase-orders/${order.id}/send`, { method: "POST", headers, body: JSON.stringify({ method: "manual" }) });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET");
    const postToDocument = await fetch(`${server.url}/api/v1/purchase-orders/${order.id}`, { method: "POST", headers, body: "{}" });
    expect(postToDocument.status).toBe(405);

    const unchanged = z.object({ data: z.object({ status: z.string() }) }).parse(await (await fetch(`${server.url}/api/v1/purchase-orders/${order.id}`, { headers })).json());
    expect(unchanged.data.status).toBe(server.db.select({ status: purchaseOrders.status }).from(purchaseOrders).where(eq(purchaseOrders.id, order.id)).get()?.status);
  });
});
