import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DomainError,
  PO_EVENTS,
  PO_MACHINE,
  PO_TRANSITIONS,
  PURCHASE_ORDER_STATUSES,
  TransitionError,
  allowedPoEvents,
  addPurchaseOrderLines,
  addPurchaseOrderPayment,
  applyCreditToPurchaseOrder,
  reverseCreditApplication,
  cancelPurchaseOrder,
  completePurchaseOrder,
  confirmPurchaseOrder,
  createPurchaseOrder,
  deletePurchaseOrder,
  disputePurchaseOrder,
  duplicatePurchaseOrder,
  getPurchaseOrder,
  holdPurchaseOrder,
  listPurchaseOrders,
  markPurchaseOrderInProgress,
  quickCompletePurchaseOrder,
  receivePurchaseOrder,
  removePurchaseOrderLines,
  reopenPurchaseOrder,
  resumePurchaseOrder,
  sendPurchaseOrder,
  setPurchaseOrderShipment,
  unreceivePurchaseOrder,
  updatePurchaseOrder,
  updatePurchaseOrderLines,
  type PoEvent,
  type PoStatus,
  type PurchaseOrderDocument,
  type WriteResult,
} from "../../app/inventory/index.server";
import { eq } from "drizzle-orm";
import { newId } from "../../db/ids";
import { supplierCredits, suppliers } from "../../db/schema";
import { createInventoryStore, levelProblems, type InventoryStore, type Level } from "./inventory-store";

let store: InventoryStore;
let nextVariant = 0;

beforeAll(() => {
  store = createInventoryStore();
});
afterAll(() => store.remove());

describe("every cell of the purchase-order transition table", () => {
  const cells = PURCHASE_ORDER_STATUSES.flatMap((status) => PO_EVENTS.map((event) => [status, event] as const));

  it.each(cells)("in %s, %s does what the table says, with the spec's effect on every quantity bucket", (status, event) => {
    const before = orderIn(status);
    const variantLines = before.lines.filter((line) => line.variantId !== null);
    const levelsBefore = variantLines.map((line) => store.level(line.variantId!, before.locationId));
    const allowed = PO_TRANSITIONS[status][event] !== undefined && allowedPoEvents(before).includes(event);

    if (!allowed) {
      const refusal = store.expectRefused(() => runEvent(before, event), event === "delete" ? "NOT_DELETABLE" : "INVALID_TRANSITION");
      if (refusal instanceof TransitionError) expect(refusal.details).toMatchObject({ status, operation: event, allowedOperations: allowedPoEvents(before) });
      return;
    }

    const result = runEvent(before, event);
    const after = result.document;
    if (event === "delete") {
      expect(getPurchaseOrder(store.shopId, before.id, { database: store.database })).toBeUndefined();
      expect(result.activityEntryId).toBeNull();
      return;
    }
    const move = PO_TRANSITIONS[status][event]!;
    if (move.to === "derived") expect(PO_MACHINE.derived).toContain(after.status);
    else if (move.to === "remembered") expect(after.status).toBe(before.statusBeforeHold);
    else expect(after.status).toBe(move.to);

    variantLines.forEach((line, index) => {
      const was = levelsBefore[index]!;
      const now = store.level(line.variantId!, before.locationId);
      const lineAfter = after.lines.find((l) => l.id === line.id)!;
      const expected = expectedDeltas(event, before, line, lineAfter);
      expect({ incoming: now.incoming - was.incoming, onHand: now.onHand - was.onHand, available: now.available - was.available }).toEqual(expected);
      expect(untouchedBuckets(now)).toEqual(untouchedBuckets(was));
      const reported = (name: string) => result.inventoryEffects.filter((e) => e.variantId === line.variantId && e.quantityName === name).reduce((s, e) => s + e.delta, 0);
      expect({ incoming: reported("incoming"), onHand: reported("on_hand"), available: reported("available") }).toEqual(expected);
    });
    expect(levelProblems(store.database, store.shopId)).toEqual([]);
  });
});

describe("purchase-order guardrails", () => {
  it("refuses to send an order with no lines, and changes nothing", () => {
    const order = create([]);
    store.expectRefused(() => sendPurchaseOrder(store.shopId, order.id, { method: "manual" }, store.call), "PO_HAS_NO_LINES");
  });

  it("refuses an email send when the store cannot email suppliers", () => {
    const order = create([{ ordered: 4 }]);
    store.expectRefused(() => sendPurchaseOrder(store.shopId, order.id, { method: "email" }, store.call), "EMAIL_NOT_CONFIGURED");
  });

  it("refuses a confirmation above the ordered quantity", () => {
    const order = sent([{ ordered: 4 }]);
    store.expectRefused(() => confirmPurchaseOrder(store.shopId, order.id, { lines: [{ lineId: order.lines[0]!.id, confirmed: 5 }] }, store.call), "CONFIRMED_EXCEEDS_ORDERED");
  });

  it("refuses a receipt past the ordered quantity unless over-receipt is allowed", () => {
    const order = sent([{ ordered: 4 }]);
    const lineId = order.lines[0]!.id;
    store.expectRefused(() => receivePurchaseOrder(store.shopId, order.id, { lines: [{ lineId, received: 3, rejected: 2 }] }, store.call), "OVER_RECEIPT");
    const over = receivePurchaseOrder(store.shopId, order.id, { lines: [{ lineId, received: 6 }], allowOverReceipt: true }, store.call);
    expect(over.document.status).toBe("received");
    expect(over.inventoryEffects.find((e) => e.quantityName === "incoming")?.delta).toBe(-4);
  });

  it("refuses to un-receive more than was received, and units no longer available", () => {
    const order = sent([{ ordered: 4 }]);
    const lineId = order.lines[0]!.id;
    receivePurchaseOrder(store.shopId, order.id, { lines: [{ lineId, received: 2 }] }, store.call);
    store.expectRefused(() => unreceivePurchaseOrder(store.shopId, order.id, { lines: [{ lineId, received: 3 }] }, store.call), "BELOW_ZERO");
    const variantId = order.lines[0]!.variantId!;
    const level = store.level(variantId, order.locationId);
    store.database.$client.prepare("update inventory_levels set available = 1, on_hand = on_hand - ? where variant_id = ? and location_id = ?").run(level.available - 1, variantId, order.locationId);
    store.expectRefused(() => unreceivePurchaseOrder(store.shopId, order.id, { lines: [{ lineId, received: 2 }] }, store.call), "INSUFFICIENT_AVAILABLE");
  });

  it("refuses to complete with outstanding units unless they are cancelled", () => {
    const order = sent([{ ordered: 4 }]);
    markPurchaseOrderInProgress(store.shopId, order.id, {}, store.call);
    store.expectRefused(() => completePurchaseOrder(store.shopId, order.id, {}, store.call), "OUTSTANDING_QUANTITY");
    const done = completePurchaseOrder(store.shopId, order.id, { cancelOutstanding: true }, store.call);
    expect(done.document.lines[0]).toMatchObject({ cancelled: 4, outstanding: 0 });
  });

  it("locks fields by status: the supplier after sending, lines on hold, all but notes when cancelled", () => {
    const order = sent([{ ordered: 4 }]);
    store.expectRefused(() => updatePurchaseOrder(store.shopId, order.id, { locationId: store.locationIds[2]! }, store.call), "FIELD_LOCKED");
    expect(updatePurchaseOrder(store.shopId, order.id, { notes: "Call before delivery", taxRate: 8.25 }, store.call).document).toMatchObject({ notes: "Call before delivery", taxRate: 8.25 });
    holdPurchaseOrder(store.shopId, order.id, {}, store.call);
    store.expectRefused(() => addPurchaseOrderLines(store.shopId, order.id, { lines: [{ variantId: freshVariant(), ordered: 1 }] }, store.call), "FIELD_LOCKED");
    cancelPurchaseOrder(store.shopId, order.id, {}, store.call);
    store.expectRefused(() => updatePurchaseOrder(store.shopId, order.id, { markedAsPaid: true }, store.call), "FIELD_LOCKED");
    expect(updatePurchaseOrder(store.shopId, order.id, { notes: "Supplier out of business" }, store.call).document.notes).toBe("Supplier out of business");
  });

  it("on an open order, lowers ordered no further than confirmed or settled, and keeps lines with activity", () => {
    const order = sent([{ ordered: 10 }, { ordered: 3 }]);
    const [first, second] = order.lines;
    confirmPurchaseOrder(store.shopId, order.id, { lines: [{ lineId: first!.id, confirmed: 8 }] }, store.call);
    store.expectRefused(() => updatePurchaseOrderLines(store.shopId, order.id, { lines: [{ lineId: first!.id, ordered: 7 }] }, store.call), "ORDERED_BELOW_SETTLED");
    store.expectRefused(() => removePurchaseOrderLines(store.shopId, order.id, { lineIds: [first!.id] }, store.call), "LINE_HAS_ACTIVITY");
    const removed = removePurchaseOrderLines(store.shopId, order.id, { lineIds: [second!.id] }, store.call);
    expect(removed.inventoryEffects).toEqual([{ variantId: second!.variantId, locationId: order.locationId, quantityName: "incoming", delta: -3 }]);
    expect(removed.document.status).toBe("confirmed");
  });

  it("refuses a variant already on the order, and a payment in another currency without a rate", () => {
    const order = create([{ ordered: 2 }]);
    store.expectRefused(() => addPurchaseOrderLines(store.shopId, order.id, { lines: [{ variantId: order.lines[0]!.variantId!, ordered: 1 }] }, store.call), "DUPLICATE_LINE");
    store.expectRefused(() => addPurchaseOrderPayment(store.shopId, order.id, { amount: { amount: 1000, currency: "EUR" }, paidOn: "2026-11-20", method: "wire" }, store.call), "EXCHANGE_RATE_REQUIRED");
    const paid = addPurchaseOrderPayment(store.shopId, order.id, { amount: { amount: 1000, currency: "EUR" }, exchangeRate: "1.085", paidOn: "2026-11-20", method: "wire" }, store.call);
    expect(paid.document.totals.paid).toEqual({ amount: 1085, currency: "USD" });
  });

  it("refuses a duplicate number and deletion of an order that is neither draft nor cancelled", () => {
    const order = create([{ ordered: 2 }]);
    store.expectRefused(() => createPurchaseOrder(store.shopId, { locationId: store.locationIds[0]!, number: order.number }, store.call), "DUPLICATE_NUMBER");
    sendPurchaseOrder(store.shopId, order.id, { method: "manual" }, store.call);
    store.expectRefused(() => deletePurchaseOrder(store.shopId, order.id, {}, store.call), "NOT_DELETABLE");
  });
});

describe("purchase-order writes", () => {
  it("log an activity entry naming the actor, with the changes and each inventory delta", () => {
    const order = create([{ ordered: 6 }]);
    const result = sendPurchaseOrder(store.shopId, order.id, { method: "manual" }, { ...store.call, actor: { type: "api_key", label: "Assistant", prefix: "lstk_abcd1234" }, requestId: "req_1" });
    const entry = z.record(z.string(), z.unknown()).parse(store.database.$client.prepare("select * from activity_log where id = ?").get(result.activityEntryId));
    expect(entry).toMatchObject({ subject_type: "purchase_order", subject_id: order.id, operation: "purchaseOrders.send", request_id: "req_1" });
    expect(JSON.parse(String(entry.actor))).toEqual({ type: "api_key", label: "Assistant", prefix: "lstk_abcd1234" });
    expect(JSON.parse(String(entry.inventory_effects))).toEqual(result.inventoryEffects);
    expect(JSON.parse(String(entry.changes))).toContainEqual({ field: "status", from: "draft", to: "sent" });
  });

  it("replay an idempotent call's first result, refuse the key with other input, and store nothing for a refusal", () => {
    const order = create([{ ordered: 6 }]);
    const call = { ...store.call, idempotencyKey: `send-${order.id}` };
    const first = sendPurchaseOrder(store.shopId, order.id, { method: "manual" }, call);
    const dump = store.dump();
    const again = sendPurchaseOrder(store.shopId, order.id, { method: "manual" }, call);
    expect(again).toEqual({ ...first, replayed: true });
    expect(store.dump()).toBe(dump);
    store.expectRefused(() => sendPurchaseOrder(store.shopId, order.id, { method: "email" }, call), "IDEMPOTENCY_KEY_REUSED");
    store.expectRefused(() => holdPurchaseOrder(store.shopId, order.id, {}, call), "IDEMPOTENCY_KEY_REUSED");

    const refusedKey = { ...store.call, idempotencyKey: `complete-${order.id}` };
    store.expectRefused(() => completePurchaseOrder(store.shopId, order.id, {}, refusedKey), "INVALID_TRANSITION");
    expect(holdPurchaseOrder(store.shopId, order.id, {}, refusedKey).replayed).toBe(false);
  });

  it("read only their own shop: another store's order is not found", () => {
    const order = create([{ ordered: 1 }]);
    const other = z.object({ id: z.string() }).parse(store.database.$client.prepare("select id from shops where id != ? limit 1").get(store.shopId));
    store.expectRefused(() => sendPurchaseOrder(other.id, order.id, { method: "manual" }, store.call), "NOT_FOUND");
    expect(getPurchaseOrder(other.id, order.id, { database: store.database })).toBeUndefined();
  });

  it("duplicate an order as a new draft with the same lines and costs", () => {
    const order = sent([{ ordered: 7 }, { ordered: 2 }]);
    const copy = duplicatePurchaseOrder(store.shopId, order.id, {}, store.call).document;
    expect(copy).toMatchObject({ status: "draft", supplierId: order.supplierId, locationId: order.locationId });
    expect(copy.number).not.toBe(order.number);
    expect(copy.lines.map((l) => [l.variantId, l.ordered, l.unitCost])).toEqual(order.lines.map((l) => [l.variantId, l.ordered, l.unitCost]));
  });

  it("keep a shipment and compute totals with tax and shipping", () => {
    const order = create([{ ordered: 3, unitCost: 1999 }], { taxRate: 8.25, shippingCost: 1500 });
    expect(order.totals).toMatchObject({ subtotal: { amount: 5997 }, tax: { amount: 495 }, total: { amount: 7992 } });
    const shipped = setPurchaseOrderShipment(store.shopId, order.id, { carrier: "UPS", trackingNumber: "1Z999", shippedOn: "2026-11-20" }, store.call);
    expect(shipped.document.shipment).toMatchObject({ carrier: "UPS", trackingNumber: "1Z999", shippedOn: "2026-11-20", trackingUrl: null });
  });
});

describe("supplier credits on purchase orders", () => {
  it("draw on the supplier's active credit up to its balance and the order total, and come back on reversal or cancel", () => {
    const order = sent([{ ordered: 10, unitCost: 1000 }]);
    const credit = insertCredit(order.supplierId, 6000);
    const voided = insertCredit(order.supplierId, 500, "voided");
    store.expectRefused(() => applyCreditToPurchaseOrder(store.shopId, order.id, { creditId: voided, amount: 100 }, store.call), "CREDIT_NOT_APPLICABLE");
    store.expectRefused(() => applyCreditToPurchaseOrder(store.shopId, order.id, { creditId: credit, amount: 6001 }, store.call), "CREDIT_EXCEEDS_BALANCE");

    const applied = applyCreditToPurchaseOrder(store.shopId, order.id, { creditId: credit, amount: 4000 }, store.call).document;
    expect(applied.totals).toMatchObject({ total: { amount: 10000 }, creditsApplied: { amount: 4000 }, due: { amount: 6000 } });
    expect(creditBalance(credit)).toBe(2000);
    const second = insertCredit(order.supplierId, 9000);
    store.expectRefused(() => applyCreditToPurchaseOrder(store.shopId, order.id, { creditId: second, amount: 6001 }, store.call), "CREDIT_EXCEEDS_TOTAL");

    const reversed = reverseCreditApplication(store.shopId, order.id, { applicationId: applied.creditApplications[0]!.id }, store.call).document;
    expect(reversed.totals.creditsApplied.amount).toBe(0);
    expect(creditBalance(credit)).toBe(6000);

    applyCreditToPurchaseOrder(store.shopId, order.id, { creditId: credit, amount: 2500 }, store.call);
    const cancelled = cancelPurchaseOrder(store.shopId, order.id, {}, store.call).document;
    expect(cancelled.creditApplications).toEqual([]);
    expect(creditBalance(credit)).toBe(6000);
    store.expectRefused(() => applyCreditToPurchaseOrder(store.shopId, order.id, { creditId: credit, amount: 1 }, store.call), "INVALID_TRANSITION");
  });
});

describe("listing purchase orders", () => {
  it("filters by status, supplier, location, SKU and search, newest first, page by page", () => {
    const location = store.locationIds[3]!;
    const made = [create([{ ordered: 1 }], { locationId: location, name: "Winter restock" }), create([{ ordered: 2 }], { locationId: location }), sent([{ ordered: 3 }], { locationId: location })];
    const options = { database: store.database };
    const drafts = listPurchaseOrders(store.shopId, { locationId: location, status: ["draft"] }, { limit: 1 }, options);
    expect(drafts.totalCount).toBe(2);
    expect(drafts.items.map((i) => i.id)).toEqual([made[1]!.id]);
    const next = listPurchaseOrders(store.shopId, { locationId: location, status: ["draft"] }, { limit: 1, cursor: drafts.cursor! }, options);
    expect(next.items.map((i) => i.id)).toEqual([made[0]!.id]);
    expect(next.cursor).toBeNull();
    const bySku = listPurchaseOrders(store.shopId, { sku: made[2]!.lines[0]!.sku! }, { limit: 10 }, options);
    expect(bySku.items.map((i) => i.id)).toContain(made[2]!.id);
    expect(listPurchaseOrders(store.shopId, { search: "winter rest" }, { limit: 10 }, options).items.map((i) => i.id)).toEqual([made[0]!.id]);
    expect(listPurchaseOrders(store.shopId, { search: made[1]!.number }, { limit: 10 }, options).items.map((i) => i.id)).toEqual([made[1]!.id]);
    const createdFrom = new Date(Date.parse(made[0]!.createdAt)).toISOString();
    expect(listPurchaseOrders(store.shopId, { locationId: location, createdFrom }, { limit: 10 }, options).totalCount).toBe(3);
  });
});

// ---------------------------------------------------------------------------------------------

type LineSpec = { ordered: number; unitCost?: number };
type Extra = { locationId?: string; taxRate?: number; shippingCost?: number; name?: string };

function freshVariant(): string {
  nextVariant += 1;
  return store.variantIds[(nextVariant * 7) % store.variantIds.length]!;
}

function create(lines: LineSpec[], extra: Extra = {}): PurchaseOrderDocument {
  const seen = new Set<string>();
  const variantLines = lines.map((line) => {
    let variantId = freshVariant();
    while (seen.has(variantId)) variantId = freshVariant();
    seen.add(variantId);
    return { variantId, ...line };
  });
  return createPurchaseOrder(store.shopId, { locationId: extra.locationId ?? store.locationIds[1]!, ...extra, lines: variantLines }, store.call).document;
}

function sent(lines: LineSpec[], extra: Extra = {}): PurchaseOrderDocument {
  return sendPurchaseOrder(store.shopId, create(lines, extra).id, { method: "manual" }, store.call).document;
}

/** An order in `status` with two variant lines (8 and 5 ordered) and a custom line. */
function orderIn(status: PoStatus): PurchaseOrderDocument {
  const draft = createPurchaseOrder(
    store.shopId,
    { locationId: store.locationIds[1]!, lines: [{ variantId: freshVariant(), ordered: 8, unitCost: 1200 }, { variantId: freshVariant(), ordered: 5 }, { customTitle: "Freight", ordered: 1, unitCost: 4000 }] },
    store.call,
  ).document;
  const id = draft.id;
  const [first, second, custom] = draft.lines.map((l) => l.id);
  const c = store.call;
  const s = store.shopId;
  if (status === "draft") return draft;
  if (status === "cancelled") return cancelPurchaseOrder(s, id, {}, c).document;
  let order = sendPurchaseOrder(s, id, { method: "manual" }, c).document;
  switch (status) {
    case "sent":
      return order;
    case "partially_confirmed":
      return confirmPurchaseOrder(s, id, { lines: [{ lineId: first!, confirmed: 6 }] }, c).document;
    case "confirmed":
      return confirmPurchaseOrder(s, id, { all: true }, c).document;
    case "in_progress":
      return markPurchaseOrderInProgress(s, id, {}, c).document;
    case "partially_received":
      return receivePurchaseOrder(s, id, { lines: [{ lineId: first!, received: 3, rejected: 1 }] }, c).document;
    case "received":
      return receivePurchaseOrder(s, id, { lines: [{ lineId: first!, received: 8 }, { lineId: second!, received: 4, cancelled: 1 }, { lineId: custom!, received: 1 }] }, c).document;
    case "on_hold":
      order = receivePurchaseOrder(s, id, { lines: [{ lineId: first!, received: 2 }] }, c).document;
      return holdPurchaseOrder(s, id, {}, c).document;
    case "disputed":
      return disputePurchaseOrder(s, id, {}, c).document;
    case "completed":
      return quickCompletePurchaseOrder(s, id, {}, c).document;
  }
}

function runEvent(order: PurchaseOrderDocument, event: PoEvent): WriteResult<PurchaseOrderDocument> {
  const s = store.shopId;
  const c = store.call;
  const first = order.lines[0]!;
  switch (event) {
    case "send":
      return sendPurchaseOrder(s, order.id, { method: "manual" }, c);
    case "confirm":
      return confirmPurchaseOrder(s, order.id, { all: true }, c);
    case "markInProgress":
      return markPurchaseOrderInProgress(s, order.id, {}, c);
    case "receive":
      return receivePurchaseOrder(s, order.id, { lines: [{ lineId: first.id, received: 2, rejected: 1 }], allowOverReceipt: true }, c);
    case "unreceive":
      return unreceivePurchaseOrder(s, order.id, { lines: [{ lineId: first.id, received: Math.min(2, first.received) }] }, c);
    case "complete":
      return completePurchaseOrder(s, order.id, { cancelOutstanding: true }, c);
    case "quickComplete":
      return quickCompletePurchaseOrder(s, order.id, {}, c);
    case "hold":
      return holdPurchaseOrder(s, order.id, {}, c);
    case "dispute":
      return disputePurchaseOrder(s, order.id, {}, c);
    case "resume":
      return resumePurchaseOrder(s, order.id, {}, c);
    case "cancel":
      return cancelPurchaseOrder(s, order.id, {}, c);
    case "reopen":
      return reopenPurchaseOrder(s, order.id, {}, c);
    case "delete":
      return deletePurchaseOrder(s, order.id, {}, c);
  }
}

type Line = PurchaseOrderDocument["lines"][number];
const OPEN = (status: PoStatus) => status !== "draft" && status !== "completed" && status !== "cancelled";

/** The deltas spec/domain.md §4.5 gives for `event` on one variant line, from the line before and after. */
function expectedDeltas(event: PoEvent, order: PurchaseOrderDocument, line: Line, after: Line) {
  const { incoming, onHand, available } = specDeltas(event, order, line, after);
  // Negating a zero gives -0, which toEqual tells apart from 0.
  return { incoming: incoming + 0, onHand: onHand + 0, available: available + 0 };
}

function specDeltas(event: PoEvent, order: PurchaseOrderDocument, line: Line, after: Line) {
  const none = { incoming: 0, onHand: 0, available: 0 };
  switch (event) {
    case "send":
      return { ...none, incoming: line.ordered };
    case "confirm":
      return { ...none, incoming: after.outstanding - line.outstanding };
    case "receive": {
      const received = after.received - line.received;
      const settledNow = received + (after.rejected - line.rejected) + (after.cancelled - line.cancelled);
      return { incoming: -Math.min(settledNow, line.outstanding), onHand: received, available: received };
    }
    case "unreceive": {
      const taken = line.received - after.received;
      return { incoming: after.outstanding - line.outstanding, onHand: -taken, available: -taken };
    }
    case "complete":
      return { ...none, incoming: -line.outstanding };
    case "quickComplete":
      return { incoming: -line.outstanding, onHand: line.outstanding, available: line.outstanding };
    case "cancel":
      return { ...none, incoming: OPEN(order.status) ? -line.outstanding : 0 };
    case "reopen":
      return { ...none, incoming: after.outstanding };
    default:
      return none;
  }
}

function untouchedBuckets(level: Level) {
  return { committed: level.committed, reserved: level.reserved, damaged: level.damaged, safetyStock: level.safetyStock, qualityControl: level.qualityControl };
}

function insertCredit(supplierId: string, amount: number, status: "active" | "voided" = "active"): string {
  const id = newId("cred");
  const supplier = store.database.select({ currency: suppliers.currency }).from(suppliers).where(eq(suppliers.id, supplierId)).get()!;
  store.database
    .insert(supplierCredits)
    .values({ id, shopId: store.shopId, supplierId, number: `CM-${id}`, amount, availableBalance: amount, currency: supplier.currency, origin: "manual", status, issuedOn: "2026-11-01" })
    .run();
  return id;
}

function creditBalance(id: string): number {
  return store.database.select({ balance: supplierCredits.availableBalance }).from(supplierCredits).where(eq(supplierCredits.id, id)).get()!.balance;
}

