import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, ne } from "drizzle-orm";
import {
  DomainError,
  RMA_EVENTS,
  RMA_TRANSITIONS,
  SUPPLIER_RETURN_STATUSES,
  addSupplierReturnLines,
  allowedRmaEvents,
  applyCreditToPurchaseOrder,
  approveSupplierReturn,
  cancelSupplierReturn,
  closeSupplierReturn,
  completeSupplierReturnInspection,
  createPurchaseOrder,
  createSupplierReturn,
  deleteSupplierReturn,
  getSupplierReturn,
  holdSupplierReturn,
  listSupplierReturns,
  markSupplierReturnReceivedBySupplier,
  quickApproveAndShipSupplierReturn,
  quickCloseSupplierReturn,
  receivePurchaseOrder,
  rejectSupplierReturn,
  removeSupplierReturnLines,
  removeSupplierReturnShipment,
  resolveSupplierReturn,
  resumeSupplierReturn,
  reverseCreditApplication,
  sendPurchaseOrder,
  setSupplierReturnShipment,
  shipSupplierReturn,
  stepBackSupplierReturn,
  submitSupplierReturn,
  updateSupplierReturn,
  updateSupplierReturnLines,
  type PurchaseOrderDocument,
  type RmaEvent,
  type RmaStatus,
  type SupplierReturnDocument,
  type WriteResult,
} from "../../app/inventory/index.server";
import { activityLog, supplierCredits, suppliers } from "../../db/schema";
import { createInventoryStore, levelProblems, type InventoryStore } from "./inventory-store";

let store: InventoryStore;
let location: string;
let supplierId: string;
let otherSupplierId: string;
let currency: string;
let stocked: string[];

beforeAll(() => {
  store = createInventoryStore();
  location = store.locationIds[0]!;
  const active = store.database.select().from(suppliers).where(and(eq(suppliers.shopId, store.shopId), eq(suppliers.archived, false))).all();
  const main = active.find((s) => s.isDefault)!;
  supplierId = main.id;
  currency = main.currency;
  otherSupplierId = active.find((s) => s.id !== main.id)!.id;
  stocked = store.variantIds.filter((variantId) => store.level(variantId, location).available >= 10);
});
afterAll(() => store.remove());

const SHIPPED: readonly RmaStatus[] = ["in_transit", "received_by_supplier", "inspection_complete", "on_hold"];

describe("every cell of the supplier-return transition table", () => {
  const cells = SUPPLIER_RETURN_STATUSES.flatMap((status) => RMA_EVENTS.map((event) => [status, event] as const));

  it.each(cells)("in %s, %s does what the table says, with the spec's effect at the location", (status, event) => {
    const before = returnIn(status);
    const allowed = RMA_TRANSITIONS[status][event] !== undefined && allowedRmaEvents(before).includes(event);
    const levels = () => before.lines.map((line) => store.level(line.variantId, location));
    const was = levels();

    if (!allowed) {
      store.expectRefused(() => runEvent(before, event), event === "delete" ? "NOT_DELETABLE" : "INVALID_TRANSITION");
      return;
    }
    const result = runEvent(before, event);
    if (event === "delete") {
      expect(getSupplierReturn(store.shopId, before.id, { database: store.database })).toBeUndefined();
      expect(store.database.select().from(activityLog).where(and(eq(activityLog.subjectType, "supplier_return"), eq(activityLog.subjectId, before.id))).all()).toEqual([]);
      expect(levels()).toEqual(was);
      return;
    }
    const move = RMA_TRANSITIONS[status][event]!.to;
    const expectedStatus = move === "remembered" ? before.statusBeforeHold : move === "closed_from" ? before.closedFromStatus : move;
    expect(result.document.status).toBe(expectedStatus);
    const sign =
      event === "ship" || event === "quickApproveAndShip" ? -1 : (event === "stepBack" && status === "in_transit") || (event === "cancel" && SHIPPED.includes(status)) ? 1 : 0;
    const now = levels();
    before.lines.forEach((line, index) => {
      const delta = sign * line.quantity;
      expect({ onHand: now[index]!.onHand - was[index]!.onHand, available: now[index]!.available - was[index]!.available, incoming: now[index]!.incoming - was[index]!.incoming }).toEqual({ onHand: delta, available: delta, incoming: 0 });
    });
    expect(result.inventoryEffects.length > 0).toBe(sign !== 0);
    const doc = result.document;
    if (event === "cancel") {
      expect(doc.cancelledAt).not.toBeNull();
      expect([doc.submittedAt, doc.approvedAt, doc.shippedAt, doc.receivedBySupplierAt, doc.inspectedAt, doc.resolvedAt, doc.closedAt, doc.rejectedAt]).toEqual(Array(8).fill(null));
      expect(doc.statusBeforeHold).toBeNull();
    }
    if (event === "hold") expect(doc.statusBeforeHold).toBe(status);
    if (event === "ship" || event === "quickApproveAndShip") expect(doc.shippedAt).not.toBeNull();
    if (event === "quickApproveAndShip") expect(doc.approvedAt).not.toBeNull();
    if (event === "close" || event === "quickClose") expect(doc).toMatchObject({ closedFromStatus: status, closedAt: expect.any(String) });
    if (event === "stepBack" && status === "resolved") {
      expect(doc).toMatchObject({ creditId: null, resolvedAt: null });
      expect(creditStatus(before.creditId!)).toBe("voided");
    }
    if (event === "stepBack" && status === "closed") expect(doc).toMatchObject({ closedAt: null, closedFromStatus: null });
    if (event === "stepBack" && status === "cancelled") expect(doc.cancelledAt).toBeNull();
    if (event === "resolve") expect(doc.credit).toMatchObject({ amount: { amount: 1200, currency }, status: "active" });
    expect(levelProblems(store.database, store.shopId)).toEqual([]);
  });
});

describe("supplier-return credits", () => {
  it("resolve records an active supplier credit in the supplier's currency, and stepping back voids it", () => {
    const inspected = returnIn("inspection_complete");
    const resolved = resolveSupplierReturn(store.shopId, inspected.id, { credit: { amount: 4500, number: `CM-R-${inspected.id}` } }, store.call).document;
    const credit = store.database.select().from(supplierCredits).where(eq(supplierCredits.id, resolved.creditId!)).get()!;
    expect(credit).toMatchObject({ supplierId, number: `CM-R-${inspected.id}`, amount: 4500, availableBalance: 4500, currency, origin: "supplier_return", supplierReturnId: inspected.id, status: "active" });
    expect(credit.issuedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(resolved.credit).toMatchObject({ id: credit.id, amount: { amount: 4500, currency } });
    const back = stepBackSupplierReturn(store.shopId, inspected.id, {}, store.call).document;
    expect(back).toMatchObject({ status: "inspection_complete", creditId: null, credit: null });
    expect(creditStatus(credit.id)).toBe("voided");
    // Resolving again without a credit records none; quickClose records none.
    expect(resolveSupplierReturn(store.shopId, inspected.id, {}, store.call).document).toMatchObject({ status: "resolved", creditId: null });
    const before = countCredits();
    expect(quickCloseSupplierReturn(store.shopId, returnIn("in_transit").id, {}, store.call).document.creditId).toBeNull();
    expect(countCredits()).toBe(before);
  });

  it("refuses a credit amount ≤ 0 and a credit number already used", () => {
    const inspected = returnIn("inspection_complete");
    store.expectRefused(() => resolveSupplierReturn(store.shopId, inspected.id, { credit: { amount: 0 } }, store.call), "VALIDATION_FAILED");
    store.expectRefused(() => resolveSupplierReturn(store.shopId, inspected.id, { credit: { amount: -5 } }, store.call), "VALIDATION_FAILED");
    const other = returnIn("resolved");
    const number = other.credit!.number;
    store.expectRefused(() => resolveSupplierReturn(store.shopId, inspected.id, { credit: { amount: 10, number } }, store.call), "DUPLICATE_NUMBER");
  });

  it("refuses stepping back from resolved with CREDIT_IN_USE while a purchase order draws on the credit", () => {
    const resolved = returnIn("resolved");
    const order = sentOrder(supplierId, [{ variantId: stocked[0]!, ordered: 10, unitCost: 1000 }]);
    const applied = applyCreditToPurchaseOrder(store.shopId, order.id, { creditId: resolved.creditId!, amount: 500 }, store.call).document;
    const refusal = store.expectRefused(() => stepBackSupplierReturn(store.shopId, resolved.id, {}, store.call), "CREDIT_IN_USE");
    expect(refusal.details).toMatchObject({ creditId: resolved.creditId, purchaseOrderIds: [order.id] });
    expect(creditStatus(resolved.creditId!)).toBe("active");
    reverseCreditApplication(store.shopId, order.id, { applicationId: applied.creditApplications[0]!.id }, store.call);
    expect(stepBackSupplierReturn(store.shopId, resolved.id, {}, store.call).document.status).toBe("inspection_complete");
    expect(creditStatus(resolved.creditId!)).toBe("voided");
  });

  it("cannot cancel a return that carries a credit", () => {
    const resolved = returnIn("resolved");
    store.expectRefused(() => cancelSupplierReturn(store.shopId, resolved.id, {}, store.call), "INVALID_TRANSITION");
    closeSupplierReturn(store.shopId, resolved.id, {}, store.call);
    store.expectRefused(() => cancelSupplierReturn(store.shopId, resolved.id, {}, store.call), "INVALID_TRANSITION");
  });
});

describe("supplier-return stock", () => {
  it.each([["received_by_supplier"], ["inspection_complete"], ["on_hold"]] as const)("cancel from %s after shipping restores stock exactly", (status) => {
    const variantsUsed = pick();
    const initial = variantsUsed.map((variantId) => store.level(variantId, location));
    const rma = returnIn(status, variantsUsed);
    expect(variantsUsed.map((variantId) => store.level(variantId, location).available)).toEqual(initial.map((level, i) => level.available - rma.lines[i]!.quantity));
    const cancelled = cancelSupplierReturn(store.shopId, rma.id, {}, store.call);
    expect(variantsUsed.map((variantId) => store.level(variantId, location))).toEqual(initial);
    expect(cancelled.inventoryEffects).toHaveLength(4);
    expect(levelProblems(store.database, store.shopId)).toEqual([]);
  });

  it("hold from a shipped status remembers it; resume goes back; cancel before shipping moves nothing", () => {
    const rma = returnIn("approved");
    const held = holdSupplierReturn(store.shopId, rma.id, {}, store.call).document;
    expect(held).toMatchObject({ status: "on_hold", statusBeforeHold: "approved" });
    const levels = rma.lines.map((l) => store.level(l.variantId, location));
    const cancelled = cancelSupplierReturn(store.shopId, rma.id, {}, store.call);
    expect(cancelled.inventoryEffects).toEqual([]);
    expect(rma.lines.map((l) => store.level(l.variantId, location))).toEqual(levels);
    const transit = returnIn("in_transit");
    holdSupplierReturn(store.shopId, transit.id, {}, store.call);
    expect(resumeSupplierReturn(store.shopId, transit.id, {}, store.call).document).toMatchObject({ status: "in_transit", statusBeforeHold: null });
  });

  it("refuses shipping more than is available with INSUFFICIENT_AVAILABLE", () => {
    const [variantId] = pick();
    const available = store.level(variantId!, location).available;
    const rma = createSupplierReturn(store.shopId, { supplierId, locationId: location, lines: [{ variantId: variantId!, quantity: available + 1 }] }, store.call).document;
    submitSupplierReturn(store.shopId, rma.id, {}, store.call);
    const refusal = store.expectRefused(() => quickApproveAndShipSupplierReturn(store.shopId, rma.id, {}, store.call), "INSUFFICIENT_AVAILABLE");
    expect(refusal.details).toMatchObject({ variantId, locationId: location, available, required: available + 1 });
    approveSupplierReturn(store.shopId, rma.id, {}, store.call);
    store.expectRefused(() => shipSupplierReturn(store.shopId, rma.id, {}, store.call), "INSUFFICIENT_AVAILABLE");
  });
});

describe("supplier-return guardrails", () => {
  it("refuses submitting with no lines", () => {
    const empty = createSupplierReturn(store.shopId, { supplierId, locationId: location }, store.call).document;
    store.expectRefused(() => submitSupplierReturn(store.shopId, empty.id, {}, store.call), "RMA_HAS_NO_LINES");
  });

  it("refuses an archived supplier, a missing supplier and an inactive location", () => {
    const archived = store.database.select().from(suppliers).where(and(eq(suppliers.shopId, store.shopId), eq(suppliers.isDefault, false), ne(suppliers.id, otherSupplierId))).get()!;
    store.database.update(suppliers).set({ archived: true }).where(eq(suppliers.id, archived.id)).run();
    store.expectRefused(() => createSupplierReturn(store.shopId, { supplierId: archived.id, locationId: location }, store.call), "SUPPLIER_ARCHIVED");
    const draft = createSupplierReturn(store.shopId, { supplierId, locationId: location }, store.call).document;
    store.expectRefused(() => updateSupplierReturn(store.shopId, draft.id, { supplierId: archived.id }, store.call), "SUPPLIER_ARCHIVED");
    store.database.update(suppliers).set({ archived: false }).where(eq(suppliers.id, archived.id)).run();
    store.expectRefused(() => createSupplierReturn(store.shopId, { supplierId: "sup_missing", locationId: location }, store.call), "NOT_FOUND");
    store.database.$client.prepare("update locations set active = 0 where id = ?").run(store.locationIds[1]);
    store.expectRefused(() => createSupplierReturn(store.shopId, { supplierId, locationId: store.locationIds[1]! }, store.call), "LOCATION_INACTIVE");
    store.database.$client.prepare("update locations set active = 1 where id = ?").run(store.locationIds[1]);
  });

  it("refuses a source PO of another supplier or without the variant, and returns beyond the PO's received units", () => {
    const [onPo, offPo] = pick();
    const order = receivedOrder(supplierId, onPo!, 5);
    const foreign = receivedOrder(otherSupplierId, onPo!, 5);
    store.expectRefused(() => createSupplierReturn(store.shopId, { supplierId, locationId: location, purchaseOrderId: foreign.id }, store.call), "SOURCE_PO_MISMATCH");
    store.expectRefused(() => createSupplierReturn(store.shopId, { supplierId, locationId: location, purchaseOrderId: order.id, lines: [{ variantId: offPo!, quantity: 1 }] }, store.call), "SOURCE_PO_MISMATCH");
    store.expectRefused(() => createSupplierReturn(store.shopId, { supplierId, locationId: location, purchaseOrderId: order.id, lines: [{ variantId: onPo!, quantity: 6 }] }, store.call), "EXCEEDS_RECEIVED");
    const first = createSupplierReturn(store.shopId, { supplierId, locationId: location, purchaseOrderId: order.id, lines: [{ variantId: onPo!, quantity: 3 }] }, store.call).document;
    const second = createSupplierReturn(store.shopId, { supplierId, locationId: location, purchaseOrderId: order.id }, store.call).document;
    const refusal = store.expectRefused(() => addSupplierReturnLines(store.shopId, second.id, { lines: [{ variantId: onPo!, quantity: 3 }] }, store.call), "EXCEEDS_RECEIVED");
    expect(refusal.details).toMatchObject({ received: 5, alreadyReturned: 3, requested: 3 });
    store.expectRefused(() => addSupplierReturnLines(store.shopId, second.id, { lines: [{ variantId: offPo!, quantity: 1 }] }, store.call), "SOURCE_PO_MISMATCH");
    store.expectRefused(() => updateSupplierReturnLines(store.shopId, first.id, { lines: [{ lineId: first.lines[0]!.id, quantity: 6 }] }, store.call), "EXCEEDS_RECEIVED");
    expect(addSupplierReturnLines(store.shopId, second.id, { lines: [{ variantId: onPo!, quantity: 2 }] }, store.call).document.lines).toHaveLength(1);
    // A cancelled return no longer counts; reopening it counts again.
    const cancelled = cancelSupplierReturn(store.shopId, first.id, {}, store.call).document;
    expect(updateSupplierReturnLines(store.shopId, second.id, { lines: [{ lineId: getSupplierReturn(store.shopId, second.id, { database: store.database })!.lines[0]!.id, quantity: 5 }] }, store.call).document.totalQuantity).toBe(5);
    store.expectRefused(() => stepBackSupplierReturn(store.shopId, cancelled.id, {}, store.call), "EXCEEDS_RECEIVED");
    store.expectRefused(() => updateSupplierReturn(store.shopId, second.id, { supplierId: otherSupplierId }, store.call), "SOURCE_PO_MISMATCH");
  });

  it("locks lines after pending approval, header fields by status, and refuses duplicates", () => {
    const pending = returnIn("pending_approval");
    expect(updateSupplierReturnLines(store.shopId, pending.id, { lines: [{ lineId: pending.lines[0]!.id, quantity: 1, condition: "dented", disposition: "scrap" }] }, store.call).document.lines[0]).toMatchObject({ quantity: 1, condition: "dented", disposition: "scrap" });
    store.expectRefused(() => addSupplierReturnLines(store.shopId, pending.id, { lines: [{ variantId: pending.lines[0]!.variantId, quantity: 1 }] }, store.call), "DUPLICATE_LINE");
    expect(removeSupplierReturnLines(store.shopId, pending.id, { lineIds: [pending.lines[1]!.id] }, store.call).document.lines).toHaveLength(1);
    expect(updateSupplierReturn(store.shopId, pending.id, { reason: "Wrong colour" }, store.call).document.reason).toBe("Wrong colour");
    store.expectRefused(() => updateSupplierReturn(store.shopId, pending.id, { locationId: store.locationIds[1]! }, store.call), "FIELD_LOCKED");
    for (const status of ["approved", "in_transit", "resolved", "on_hold"] as const) {
      const rma = returnIn(status);
      store.expectRefused(() => addSupplierReturnLines(store.shopId, rma.id, { lines: [{ variantId: pick()[0]!, quantity: 1 }] }, store.call), "FIELD_LOCKED");
      store.expectRefused(() => updateSupplierReturnLines(store.shopId, rma.id, { lines: [{ lineId: rma.lines[0]!.id, quantity: 1 }] }, store.call), "FIELD_LOCKED");
      store.expectRefused(() => removeSupplierReturnLines(store.shopId, rma.id, { lineIds: [rma.lines[0]!.id] }, store.call), "FIELD_LOCKED");
      store.expectRefused(() => updateSupplierReturn(store.shopId, rma.id, { reason: "late" }, store.call), "FIELD_LOCKED");
      expect(updateSupplierReturn(store.shopId, rma.id, { notes: "still editable" }, store.call).document.notes).toBe("still editable");
    }
    for (const status of ["closed", "cancelled"] as const) {
      const rma = returnIn(status);
      store.expectRefused(() => updateSupplierReturn(store.shopId, rma.id, { notes: "late" }, store.call), "FIELD_LOCKED");
      store.expectRefused(() => setSupplierReturnShipment(store.shopId, rma.id, { carrier: "UPS" }, store.call), "FIELD_LOCKED");
    }
  });
});

describe("supplier-return writes and reads", () => {
  it("sets and removes the shipment", () => {
    const rma = returnIn("approved");
    const set = setSupplierReturnShipment(store.shopId, rma.id, { carrier: "UPS", trackingNumber: "1Z", shippedOn: "2026-11-20" }, store.call).document;
    expect(set.shipment).toMatchObject({ carrier: "UPS", trackingNumber: "1Z", shippedOn: "2026-11-20", trackingUrl: null });
    expect(removeSupplierReturnShipment(store.shopId, rma.id, {}, store.call).document.shipment).toBeNull();
  });

  it("replays an idempotent ship without moving stock twice, and refuses the key for another operation", () => {
    const rma = returnIn("approved");
    const call = { ...store.call, idempotencyKey: `rma-ship-${rma.id}` };
    const first = shipSupplierReturn(store.shopId, rma.id, {}, call);
    const levels = rma.lines.map((l) => store.level(l.variantId, location));
    const dump = store.dump();
    expect(shipSupplierReturn(store.shopId, rma.id, {}, call)).toEqual({ ...first, replayed: true });
    expect(store.dump()).toBe(dump);
    expect(rma.lines.map((l) => store.level(l.variantId, location))).toEqual(levels);
    store.expectRefused(() => cancelSupplierReturn(store.shopId, rma.id, {}, call), "IDEMPOTENCY_KEY_REUSED");
  });

  it("logs each write with its inventory effects", () => {
    const rma = returnIn("approved");
    const shipped = shipSupplierReturn(store.shopId, rma.id, {}, store.call);
    const entry = store.database.select().from(activityLog).where(eq(activityLog.id, shipped.activityEntryId!)).get()!;
    expect(entry).toMatchObject({ subjectType: "supplier_return", subjectId: rma.id, operation: "supplierReturns.ship" });
    expect(entry.inventoryEffects).toEqual(shipped.inventoryEffects);
    expect(entry.changes).toContainEqual({ field: "status", from: "approved", to: "in_transit" });
  });

  it("lists by status, supplier, location, source PO and creation time, newest first", () => {
    const made = [returnIn("draft"), returnIn("pending_approval")];
    const page = listSupplierReturns(store.shopId, { status: ["draft", "pending_approval"], supplierId, locationId: location }, { limit: 2 }, { database: store.database });
    expect(page.items.map((i) => i.id)).toEqual([made[1]!.id, made[0]!.id]);
    expect(page.items[0]!.lineCount).toBe(2);
    expect(page.cursor).not.toBeNull();
    expect(listSupplierReturns(store.shopId, { supplierId: otherSupplierId, status: ["draft"] }, { limit: 50 }, { database: store.database }).items.every((i) => i.supplierId === otherSupplierId)).toBe(true);
    const [variantId] = pick();
    const order = receivedOrder(supplierId, variantId!, 2);
    const sourced = createSupplierReturn(store.shopId, { supplierId, locationId: location, purchaseOrderId: order.id, lines: [{ variantId: variantId!, quantity: 1 }] }, store.call).document;
    expect(listSupplierReturns(store.shopId, { purchaseOrderId: order.id }, { limit: 50 }, { database: store.database }).items.map((i) => i.id)).toEqual([sourced.id]);
    expect(listSupplierReturns(store.shopId, { createdFrom: "2999-01-01T00:00:00.000Z" }, { limit: 50 }, { database: store.database }).totalCount).toBe(0);
    expect(listSupplierReturns(store.shopId, { createdTo: "2000-01-01T00:00:00.000Z" }, { limit: 50 }, { database: store.database }).totalCount).toBe(0);
    expect(getSupplierReturn(store.shopId, sourced.id, { database: store.database })).toEqual({ ...sourced, activity: expect.any(Array), activityCount: expect.any(Number) });
  });
});

// ---------------------------------------------------------------------------------------------

/** The two stocked variants with the most available at the location now. */
function pick(): string[] {
  return [...stocked].sort((a, b) => store.level(b, location).available - store.level(a, location).available).slice(0, 2);
}

/** A return at the location in `status` with two lines (2 and 3 units); On Hold is entered from In Transit, Closed from Resolved. */
function returnIn(status: RmaStatus, variantIds: string[] = pick()): SupplierReturnDocument {
  const s = store.shopId;
  const c = store.call;
  const draft = createSupplierReturn(s, { supplierId, locationId: location, reason: "Defective", lines: [{ variantId: variantIds[0]!, quantity: 2 }, { variantId: variantIds[1]!, quantity: 3 }] }, c).document;
  if (status === "draft") return draft;
  if (status === "cancelled") return cancelSupplierReturn(s, draft.id, {}, c).document;
  const pending = submitSupplierReturn(s, draft.id, {}, c).document;
  if (status === "pending_approval") return pending;
  if (status === "rejected") return rejectSupplierReturn(s, draft.id, {}, c).document;
  const approved = approveSupplierReturn(s, draft.id, {}, c).document;
  if (status === "approved") return approved;
  const transit = shipSupplierReturn(s, draft.id, {}, c).document;
  if (status === "in_transit") return transit;
  const received = markSupplierReturnReceivedBySupplier(s, draft.id, {}, c).document;
  if (status === "received_by_supplier") return received;
  const inspected = completeSupplierReturnInspection(s, draft.id, {}, c).document;
  if (status === "inspection_complete") return inspected;
  if (status === "on_hold") return holdSupplierReturn(s, draft.id, {}, c).document;
  const resolved = resolveSupplierReturn(s, draft.id, { credit: { amount: 1500 } }, c).document;
  if (status === "resolved") return resolved;
  return closeSupplierReturn(s, draft.id, {}, c).document;
}

function runEvent(rma: SupplierReturnDocument, event: RmaEvent): WriteResult<SupplierReturnDocument> {
  const s = store.shopId;
  const c = store.call;
  const id = rma.id;
  switch (event) {
    case "submit":
      return submitSupplierReturn(s, id, {}, c);
    case "approve":
      return approveSupplierReturn(s, id, {}, c);
    case "reject":
      return rejectSupplierReturn(s, id, {}, c);
    case "quickApproveAndShip":
      return quickApproveAndShipSupplierReturn(s, id, {}, c);
    case "ship":
      return shipSupplierReturn(s, id, {}, c);
    case "markReceivedBySupplier":
      return markSupplierReturnReceivedBySupplier(s, id, {}, c);
    case "completeInspection":
      return completeSupplierReturnInspection(s, id, {}, c);
    case "resolve":
      return resolveSupplierReturn(s, id, { credit: { amount: 1200 } }, c);
    case "close":
      return closeSupplierReturn(s, id, {}, c);
    case "quickClose":
      return quickCloseSupplierReturn(s, id, {}, c);
    case "stepBack":
      return stepBackSupplierReturn(s, id, {}, c);
    case "hold":
      return holdSupplierReturn(s, id, {}, c);
    case "resume":
      return resumeSupplierReturn(s, id, {}, c);
    case "cancel":
      return cancelSupplierReturn(s, id, {}, c);
    case "delete":
      return deleteSupplierReturn(s, id, {}, c);
  }
}

function sentOrder(orderSupplierId: string, lines: { variantId: string; ordered: number; unitCost?: number }[]): PurchaseOrderDocument {
  const order = createPurchaseOrder(store.shopId, { locationId: location, supplierId: orderSupplierId, lines }, store.call).document;
  return sendPurchaseOrder(store.shopId, order.id, { method: "manual" }, store.call).document;
}

function receivedOrder(orderSupplierId: string, variantId: string, received: number): PurchaseOrderDocument {
  const order = sentOrder(orderSupplierId, [{ variantId, ordered: received + 2, unitCost: 100 }]);
  return receivePurchaseOrder(store.shopId, order.id, { lines: [{ lineId: order.lines[0]!.id, received }] }, store.call).document;
}

function creditStatus(id: string): string {
  return store.database.select({ status: supplierCredits.status }).from(supplierCredits).where(eq(supplierCredits.id, id)).get()!.status;
}

function countCredits(): number {
  return store.database.select().from(supplierCredits).where(eq(supplierCredits.shopId, store.shopId)).all().length;
}

