/**
 * Supplier-return writes (spec/domain.md §7). Each is one transaction through `runWrite`: the
 * return is loaded, changed as a draft, saved against the version it was read at, and its activity
 * entry logged. Inventory moves at the return's location only when units leave (ship,
 * quickApproveAndShip) or come back (stepBack In Transit → Approved, cancel after shipping), through
 * the gateway, which refuses anything that would take `available` below zero. `resolve` may record
 * a supplier credit; stepping back from Resolved voids it unless a purchase order draws on it.
 */
import { and, asc, eq, inArray, isNull, ne } from "drizzle-orm";
import type { z } from "zod";
import { newId } from "../../../db/ids";
import { activityLog, locations, purchaseOrderLines, purchaseOrders, supplierCreditApplications, supplierCredits, supplierReturnLines, supplierReturns, suppliers, variants } from "../../../db/schema";
import { storeTimezone } from "../page.server";
import { recentActivity } from "../activity.server";
import { DomainError, notFound } from "../errors";
import type { Transaction } from "../gateway.server";
import { parseInput } from "../input";
import type { Address, InventoryEffect } from "../values";
import { databaseFor, nextDocumentNumber, requireUpdated, runWrite, type WriteCall, type WriteOutcome, type WriteResult, type WriteScope } from "../writes.server";
import { calendarDateIn } from "../dates";
import { draftLines, saveDocument, statusNote, type DocumentStorage, type LineDraft } from "../document-drafts.server";
import {
  AddRmaLinesInput,
  CreateSupplierReturnInput,
  NoRmaInput,
  RemoveRmaLinesInput,
  ResolveSupplierReturnInput,
  SetRmaShipmentInput,
  SupplierReturnDocument,
  type SupplierReturnWithActivity,
  UpdateRmaLinesInput,
  UpdateSupplierReturnInput,
} from "./schemas";
import { RMA_SHIPPED_STATUSES, allowedRmaEvents, applyRmaEvent, type RmaEvent, type RmaStatus } from "./transitions";

type Result = WriteResult<SupplierReturnDocument>;
type RmaRow = typeof supplierReturns.$inferSelect;
type RmaLineRow = typeof supplierReturnLines.$inferSelect;
type CreditRow = typeof supplierCredits.$inferSelect;
const OP = (name: string) => `supplierReturns.${name}`;
/** Lines and reason change only here (§7.2). */
const EDITABLE: readonly RmaStatus[] = ["draft", "pending_approval"];
/** Notes, shipment and addresses change in every status but these. */
const CLOSED: readonly RmaStatus[] = ["closed", "cancelled"];

export function createSupplierReturn(shopId: string, input: z.input<typeof CreateSupplierReturnInput>, call: WriteCall): Result {
  const parsed = parseInput(CreateSupplierReturnInput, input, OP("create"));
  return runWrite(shopId, call, OP("create"), input, SupplierReturnDocument, (scope) => insertReturn(scope, parsed));
}

export function updateSupplierReturn(shopId: string, id: string, input: z.input<typeof UpdateSupplierReturnInput>, call: WriteCall): Result {
  const parsed = parseInput(UpdateSupplierReturnInput, input, OP("update"));
  return write(shopId, id, "update", input, call, (draft, tx) => {
    const rma = draft.rma;
    const moved = (["supplierId", "locationId", "purchaseOrderId"] as const).filter((field) => parsed[field] !== undefined && parsed[field] !== rma[field]);
    if (moved.length && rma.status !== "draft") throw fieldLocked(rma, moved, "Supplier, location and source purchase order change only in draft.");
    if (parsed.reason !== undefined && parsed.reason !== rma.reason && !EDITABLE.includes(rma.status)) throw fieldLocked(rma, ["reason"], "The reason changes in draft and pending approval only.");
    const later = (["notes", "fromAddress", "toAddress"] as const).filter((field) => parsed[field] !== undefined);
    if (later.length && CLOSED.includes(rma.status)) throw fieldLocked(rma, later, "A closed or cancelled return is a record.");
    if (parsed.supplierId !== undefined && parsed.supplierId !== rma.supplierId) rma.supplierId = requireSupplier(tx, shopId, parsed.supplierId).id;
    if (parsed.locationId !== undefined && parsed.locationId !== rma.locationId) rma.locationId = requireActiveLocation(tx, shopId, parsed.locationId).id;
    if (parsed.purchaseOrderId !== undefined) rma.purchaseOrderId = parsed.purchaseOrderId;
    if (moved.length) requireSource(tx, shopId, rma, draft.live());
    if (parsed.reason !== undefined) rma.reason = parsed.reason;
    if (parsed.notes !== undefined) rma.notes = parsed.notes;
    if (parsed.fromAddress !== undefined) rma.fromAddress = parsed.fromAddress;
    if (parsed.toAddress !== undefined) rma.toAddress = parsed.toAddress;
    return `Updated ${rma.number}.`;
  });
}

export function addSupplierReturnLines(shopId: string, id: string, input: z.input<typeof AddRmaLinesInput>, call: WriteCall): Result {
  const parsed = parseInput(AddRmaLinesInput, input, OP("addLines"));
  return write(shopId, id, "addLines", input, call, (draft, tx, now) => {
    if (!EDITABLE.includes(draft.rma.status)) throw linesLocked(draft.rma, "add lines");
    draft.newLines.push(...newLines(tx, shopId, draft.rma, draft.live(), parsed.lines, now));
    requireSource(tx, shopId, draft.rma, draft.live());
    return `Added ${parsed.lines.length} line(s) to ${draft.rma.number}.`;
  });
}

export function updateSupplierReturnLines(shopId: string, id: string, input: z.input<typeof UpdateRmaLinesInput>, call: WriteCall): Result {
  const parsed = parseInput(UpdateRmaLinesInput, input, OP("updateLines"));
  return write(shopId, id, "updateLines", input, call, (draft, tx) => {
    if (!EDITABLE.includes(draft.rma.status)) throw linesLocked(draft.rma, "change lines");
    for (const change of parsed.lines) {
      const line = requireLine(draft, change.lineId);
      if (change.quantity !== undefined) line.quantity = change.quantity;
      if (change.reason !== undefined) line.reason = change.reason;
      if (change.condition !== undefined) line.condition = change.condition;
      if (change.disposition !== undefined) line.disposition = change.disposition;
      if (change.notes !== undefined) line.notes = change.notes;
    }
    requireSource(tx, shopId, draft.rma, draft.live());
    return `Changed ${parsed.lines.length} line(s) on ${draft.rma.number}.`;
  });
}

export function removeSupplierReturnLines(shopId: string, id: string, input: z.input<typeof RemoveRmaLinesInput>, call: WriteCall): Result {
  const parsed = parseInput(RemoveRmaLinesInput, input, OP("removeLines"));
  return write(shopId, id, "removeLines", input, call, (draft) => {
    if (!EDITABLE.includes(draft.rma.status)) throw linesLocked(draft.rma, "remove lines");
    for (const lineId of parsed.lineIds) draft.removed.add(requireLine(draft, lineId).id);
    return `Removed ${parsed.lineIds.length} line(s) from ${draft.rma.number}.`;
  });
}

export function submitSupplierReturn(shopId: string, id: string, input: z.input<typeof NoRmaInput>, call: WriteCall): Result {
  return event(shopId, id, input, call, "submit", (draft) => {
    if (!draft.live().length) throw new DomainError("RMA_HAS_NO_LINES", `${draft.rma.number} has no lines to return; add lines first.`);
    return `Submitted ${draft.rma.number} for approval.`;
  });
}

export function approveSupplierReturn(shopId: string, id: string, input: z.input<typeof NoRmaInput>, call: WriteCall): Result {
  return event(shopId, id, input, call, "approve", (draft) => `Approved ${draft.rma.number}.`);
}

export function rejectSupplierReturn(shopId: string, id: string, input: z.input<typeof NoRmaInput>, call: WriteCall): Result {
  return event(shopId, id, input, call, "reject", (draft) => `Rejected ${draft.rma.number}.`);
}

/** Pending Approval → In Transit in one step: approves and ships (− quantity per line). */
export function quickApproveAndShipSupplierReturn(shopId: string, id: string, input: z.input<typeof NoRmaInput>, call: WriteCall): Result {
  return event(shopId, id, input, call, "quickApproveAndShip", (draft) => `Approved and shipped ${draft.rma.number}.`);
}

export function shipSupplierReturn(shopId: string, id: string, input: z.input<typeof NoRmaInput>, call: WriteCall): Result {
  return event(shopId, id, input, call, "ship", (draft) => `Shipped ${draft.rma.number}.`);
}

export function markSupplierReturnReceivedBySupplier(shopId: string, id: string, input: z.input<typeof NoRmaInput>, call: WriteCall): Result {
  return event(shopId, id, input, call, "markReceivedBySupplier", (draft) => `Marked ${draft.rma.number} as received by the supplier.`);
}

export function completeSupplierReturnInspection(shopId: string, id: string, input: z.input<typeof NoRmaInput>, call: WriteCall): Result {
  return event(shopId, id, input, call, "completeInspection", (draft) => `Completed the supplier's inspection of ${draft.rma.number}.`);
}

/** Inspection Complete → Resolved; an optional credit in the supplier's currency becomes an active supplier credit. */
export function resolveSupplierReturn(shopId: string, id: string, input: z.input<typeof ResolveSupplierReturnInput>, call: WriteCall): Result {
  const parsed = parseInput(ResolveSupplierReturnInput, input, OP("resolve"));
  return transitionWrite(shopId, id, input, call, "resolve", (draft, tx, now) => {
    if (!parsed.credit) return `Resolved ${draft.rma.number} without a credit.`;
    const credit = recordCredit(tx, shopId, draft.rma, parsed.credit, now);
    draft.rma.creditId = credit.id;
    return `Resolved ${draft.rma.number} with credit ${credit.number} of ${credit.amount} ${credit.currency} (minor units).`;
  });
}

export function closeSupplierReturn(shopId: string, id: string, input: z.input<typeof NoRmaInput>, call: WriteCall): Result {
  return event(shopId, id, input, call, "close", (draft) => `Closed ${draft.rma.number}.`);
}

/** In Transit or Received by Supplier → Closed, recording no credit. */
export function quickCloseSupplierReturn(shopId: string, id: string, input: z.input<typeof NoRmaInput>, call: WriteCall): Result {
  return event(shopId, id, input, call, "quickClose", (draft) => `Closed ${draft.rma.number} without a credit.`);
}

export function stepBackSupplierReturn(shopId: string, id: string, input: z.input<typeof NoRmaInput>, call: WriteCall): Result {
  return event(shopId, id, input, call, "stepBack", (draft, tx, from) => {
    if (from === "resolved" && draft.rma.creditId) {
      voidCredit(tx, shopId, draft.rma, draft.rma.creditId);
      draft.rma.creditId = null;
      return `Stepped ${draft.rma.number} back; its resolution credit is voided.`;
    }
    if (from === "cancelled") requireSource(tx, shopId, draft.rma, draft.live());
    return `Stepped ${draft.rma.number} back.`;
  });
}

export function holdSupplierReturn(shopId: string, id: string, input: z.input<typeof NoRmaInput>, call: WriteCall): Result {
  return event(shopId, id, input, call, "hold", (draft) => `Put ${draft.rma.number} on hold.`);
}

export function resumeSupplierReturn(shopId: string, id: string, input: z.input<typeof NoRmaInput>, call: WriteCall): Result {
  return event(shopId, id, input, call, "resume", (draft) => `Resumed ${draft.rma.number}.`);
}

export function cancelSupplierReturn(shopId: string, id: string, input: z.input<typeof NoRmaInput>, call: WriteCall): Result {
  return event(shopId, id, input, call, "cancel", (draft, _tx, _from, shipped) => `Cancelled ${draft.rma.number}${shipped ? "; the shipped units are back in stock" : ""}.`);
}

export function deleteSupplierReturn(shopId: string, id: string, input: z.input<typeof NoRmaInput>, call: WriteCall): Result {
  parseInput(NoRmaInput, input, OP("delete"));
  return runWrite(shopId, call, OP("delete"), { id, input }, SupplierReturnDocument, ({ tx }) => {
    const loaded = loadReturn(tx, shopId, id);
    const status = loaded.rma.status;
    if (status !== "draft" && status !== "cancelled") {
      throw new DomainError("NOT_DELETABLE", `${loaded.rma.number} is ${status}; only draft or cancelled returns can be deleted.${status === "resolved" || status === "closed" ? "" : " Cancel it first."}`, { status });
    }
    applyRmaEvent(loaded.rma, "delete");
    const document = present(tx, shopId, loaded.rma, loaded.lines);
    // Voided credits of an earlier resolution stay as records, no longer linked to the return.
    tx.update(supplierCredits).set({ supplierReturnId: null }).where(and(eq(supplierCredits.shopId, shopId), eq(supplierCredits.supplierReturnId, id))).run();
    tx.delete(supplierReturnLines).where(and(eq(supplierReturnLines.shopId, shopId), eq(supplierReturnLines.supplierReturnId, id))).run();
    tx.delete(activityLog).where(and(eq(activityLog.shopId, shopId), eq(activityLog.subjectType, "supplier_return"), eq(activityLog.subjectId, id))).run();
    tx.delete(supplierReturns).where(and(eq(supplierReturns.shopId, shopId), eq(supplierReturns.id, id))).run();
    return { document, inventoryEffects: [], activity: null };
  });
}

export function setSupplierReturnShipment(shopId: string, id: string, input: z.input<typeof SetRmaShipmentInput>, call: WriteCall): Result {
  const parsed = parseInput(SetRmaShipmentInput, input, OP("setShipment"));
  return write(shopId, id, "setShipment", input, call, (draft) => {
    if (CLOSED.includes(draft.rma.status)) throw fieldLocked(draft.rma, ["shipment"], "A closed or cancelled return is a record.");
    draft.rma.shipment = parsed;
    return `Set the shipment of ${draft.rma.number}.`;
  });
}

export function removeSupplierReturnShipment(shopId: string, id: string, input: z.input<typeof NoRmaInput>, call: WriteCall): Result {
  parseInput(NoRmaInput, input, OP("removeShipment"));
  return write(shopId, id, "removeShipment", input, call, (draft) => {
    if (CLOSED.includes(draft.rma.status)) throw fieldLocked(draft.rma, ["shipment"], "A closed or cancelled return is a record.");
    draft.rma.shipment = null;
    return `Removed the shipment of ${draft.rma.number}.`;
  });
}

export function getSupplierReturn(shopId: string, id: string, options: { database?: WriteCall["database"] } = {}): SupplierReturnWithActivity | undefined {
  return databaseFor(options).transaction((tx) => {
    const rma = tx.select().from(supplierReturns).where(and(eq(supplierReturns.shopId, shopId), eq(supplierReturns.id, id))).get();
    if (!rma) return undefined;
    return { ...present(tx, shopId, rma, linesOf(tx, shopId, [id])), ...recentActivity(tx, shopId, "supplier_return", id) };
  });
}

// ---------------------------------------------------------------------------------------------

type RmaDraft = LineDraft<RmaLineRow> & { rma: RmaRow };
type Change = { summary: string; effects: InventoryEffect[] };

function write(shopId: string, id: string, name: string, input: unknown, call: WriteCall, change: (draft: RmaDraft, tx: Transaction, now: Date) => string): Result {
  return runWrite(shopId, call, OP(name), { id, input }, SupplierReturnDocument, (scope) =>
    changeReturn(scope, id, OP(name), (draft) => ({ summary: change(draft, scope.tx, scope.now), effects: [] })),
  );
}

function event(
  shopId: string,
  id: string,
  input: unknown,
  call: WriteCall,
  name: RmaEvent,
  also: (draft: RmaDraft, tx: Transaction, from: RmaStatus, shipped: boolean) => string,
): Result {
  parseInput(NoRmaInput, input, OP(name));
  return transitionWrite(shopId, id, input, call, name, (draft, tx, _now, from, shipped) => also(draft, tx, from, shipped));
}

/** Moves the status by the table, stamps or clears the dates, and works out the units that move. */
function transitionWrite(
  shopId: string,
  id: string,
  input: unknown,
  call: WriteCall,
  name: RmaEvent,
  also: (draft: RmaDraft, tx: Transaction, now: Date, from: RmaStatus, shipped: boolean) => string,
): Result {
  return runWrite(shopId, call, OP(name), { id, input }, SupplierReturnDocument, (scope) =>
    changeReturn(scope, id, OP(name), (draft, tx) => {
      const rma = draft.rma;
      const from = rma.status;
      const next = applyRmaEvent(rma, name);
      if (next === "deleted") throw new Error("delete is handled by deleteSupplierReturn");
      const wasShipped = RMA_SHIPPED_STATUSES.includes(from) || (from === "on_hold" && rma.statusBeforeHold !== null && RMA_SHIPPED_STATUSES.includes(rma.statusBeforeHold));
      const now = scope.now;
      if (name === "hold") rma.statusBeforeHold = from;
      if (name === "resume" || name === "cancel") rma.statusBeforeHold = null;
      if (name === "close" || name === "quickClose") rma.closedFromStatus = from;
      if (from === "closed" && name === "stepBack") rma.closedFromStatus = null;
      rma.status = next;
      if (name === "cancel") {
        for (const stamp of FORWARD_STAMPS) rma[stamp] = null;
        rma.cancelledAt = now;
      } else if (name === "stepBack") {
        const left = STAMPS[from];
        if (left) rma[left] = null;
      } else if (name !== "resume") {
        const stamp = STAMPS[next];
        if (stamp) rma[stamp] = now;
        if (name === "quickApproveAndShip") rma.approvedAt = now;
      }
      const summary = also(draft, tx, now, from, wasShipped);
      // §7.3: units leave on ship; they come back on stepBack In Transit → Approved and on cancel after shipping.
      const sign = name === "ship" || name === "quickApproveAndShip" ? -1 : (name === "stepBack" && from === "in_transit") || (name === "cancel" && wasShipped) ? 1 : 0;
      const effects: InventoryEffect[] = sign === 0 ? [] : draft.live().flatMap((line) => [
        { variantId: line.variantId, locationId: rma.locationId, quantityName: "on_hand" as const, delta: sign * line.quantity },
        { variantId: line.variantId, locationId: rma.locationId, quantityName: "available" as const, delta: sign * line.quantity },
      ]);
      return { summary, effects };
    }),
  );
}

type Stamp = "submittedAt" | "approvedAt" | "shippedAt" | "receivedBySupplierAt" | "inspectedAt" | "resolvedAt" | "closedAt" | "rejectedAt" | "cancelledAt";
const STAMPS: Partial<Record<RmaStatus, Stamp>> = {
  pending_approval: "submittedAt",
  approved: "approvedAt",
  in_transit: "shippedAt",
  received_by_supplier: "receivedBySupplierAt",
  inspection_complete: "inspectedAt",
  resolved: "resolvedAt",
  closed: "closedAt",
  rejected: "rejectedAt",
  cancelled: "cancelledAt",
};
const FORWARD_STAMPS = ["submittedAt", "approvedAt", "shippedAt", "receivedBySupplierAt", "inspectedAt", "resolvedAt", "closedAt", "rejectedAt"] as const;
const STORAGE: DocumentStorage<RmaLineRow> = {
  noun: "supplier return",
  table: supplierReturns,
  lineTable: supplierReturnLines,
  describeLine: (line) => ({ variantId: line.variantId, quantity: line.quantity }),
};

function changeReturn(scope: WriteScope, id: string, operation: string, change: (draft: RmaDraft, tx: Transaction) => Change): WriteOutcome<SupplierReturnDocument> {
  const { tx, shopId, now } = scope;
  const before = loadReturn(tx, shopId, id);
  const draft: RmaDraft = { rma: { ...before.rma }, ...draftLines(before.lines) };
  const { summary, effects } = change(draft, tx);
  const { rma } = draft;
  scope.gateway.applyBatch(tx, { shopId, reference: { type: "supplier_return", id, operation }, effects, negativeAvailable: "refuse", now });
  const changes = saveDocument(scope, STORAGE, { header: before.rma, lines: before.lines }, rma, draft);
  return {
    document: present(tx, shopId, rma, linesOf(tx, shopId, [id])),
    inventoryEffects: effects,
    activity: { subjectType: "supplier_return", subjectId: id, summary: `${summary}${statusNote(before.rma.status, rma.status)}`, changes },
  };
}

function insertReturn(scope: WriteScope, parsed: z.output<typeof CreateSupplierReturnInput>): WriteOutcome<SupplierReturnDocument> {
  const { tx, shopId, now } = scope;
  const supplier = requireSupplier(tx, shopId, parsed.supplierId);
  const location = requireActiveLocation(tx, shopId, parsed.locationId);
  const id = newId("rma");
  const number = nextDocumentNumber(tx, shopId, "supplier_return", "RMA-", (n) => tx.select({ id: supplierReturns.id }).from(supplierReturns).where(and(eq(supplierReturns.shopId, shopId), eq(supplierReturns.number, n))).get() !== undefined);
  const rma: RmaRow = {
    id,
    shopId,
    number,
    supplierId: supplier.id,
    locationId: location.id,
    purchaseOrderId: parsed.purchaseOrderId ?? null,
    status: "draft",
    statusBeforeHold: null,
    closedFromStatus: null,
    reason: parsed.reason ?? null,
    notes: parsed.notes ?? "",
    shipment: null,
    fromAddress: parsed.fromAddress === undefined ? addressOf(location) : parsed.fromAddress,
    toAddress: parsed.toAddress ?? null,
    creditId: null,
    submittedAt: null,
    approvedAt: null,
    shippedAt: null,
    receivedBySupplierAt: null,
    inspectedAt: null,
    resolvedAt: null,
    closedAt: null,
    rejectedAt: null,
    cancelledAt: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  const lines = newLines(tx, shopId, rma, [], parsed.lines ?? [], now);
  requireSource(tx, shopId, rma, lines);
  tx.insert(supplierReturns).values(rma).run();
  for (const line of lines) tx.insert(supplierReturnLines).values(line).run();
  return {
    document: present(tx, shopId, rma, lines),
    inventoryEffects: [],
    activity: { subjectType: "supplier_return", subjectId: id, summary: `Created ${number} to ${supplier.name} from ${location.nameOverride ?? location.name} with ${lines.length} line(s).`, changes: [] },
  };
}

type LocationRow = typeof locations.$inferSelect;

function requireActiveLocation(tx: Transaction, shopId: string, locationId: string): LocationRow {
  const location = tx.select().from(locations).where(and(eq(locations.shopId, shopId), eq(locations.id, locationId))).get();
  if (!location) throw notFound("location", locationId);
  if (!location.active) throw new DomainError("LOCATION_INACTIVE", `Location ${location.name} is deactivated in Shopify; choose an active location.`, { locationId });
  return location;
}

function requireSupplier(tx: Transaction, shopId: string, supplierId: string) {
  const supplier = tx.select().from(suppliers).where(and(eq(suppliers.shopId, shopId), eq(suppliers.id, supplierId))).get();
  if (!supplier) throw notFound("supplier", supplierId);
  if (supplier.archived) throw new DomainError("SUPPLIER_ARCHIVED", `Supplier ${supplier.name} is archived and cannot be put on a return; choose an active supplier.`, { supplierId });
  return supplier;
}

/**
 * §7.4 with a source PO: it must be the return's supplier's and carry every returned variant, and
 * across the PO's non-cancelled returns no variant may be returned more than was received.
 */
function requireSource(tx: Transaction, shopId: string, rma: RmaRow, lines: readonly RmaLineRow[]): void {
  if (rma.purchaseOrderId === null) return;
  const order = tx.select({ id: purchaseOrders.id, number: purchaseOrders.number, supplierId: purchaseOrders.supplierId }).from(purchaseOrders).where(and(eq(purchaseOrders.shopId, shopId), eq(purchaseOrders.id, rma.purchaseOrderId))).get();
  if (!order) throw notFound("purchase order", rma.purchaseOrderId);
  if (order.supplierId !== rma.supplierId) {
    throw new DomainError("SOURCE_PO_MISMATCH", `${order.number} belongs to another supplier; a return's source purchase order must be from the return's supplier.`, { purchaseOrderId: order.id, supplierId: rma.supplierId });
  }
  if (!lines.length) return;
  const received = new Map<string, number>();
  for (const row of tx.select({ variantId: purchaseOrderLines.variantId, received: purchaseOrderLines.received }).from(purchaseOrderLines).where(and(eq(purchaseOrderLines.shopId, shopId), eq(purchaseOrderLines.purchaseOrderId, order.id))).all()) {
    if (row.variantId !== null) received.set(row.variantId, (received.get(row.variantId) ?? 0) + row.received);
  }
  const variantIds = lines.map((line) => line.variantId);
  const elsewhere = new Map<string, number>();
  for (const row of tx
    .select({ variantId: supplierReturnLines.variantId, quantity: supplierReturnLines.quantity })
    .from(supplierReturnLines)
    .innerJoin(supplierReturns, eq(supplierReturns.id, supplierReturnLines.supplierReturnId))
    .where(and(eq(supplierReturns.shopId, shopId), eq(supplierReturns.purchaseOrderId, order.id), ne(supplierReturns.status, "cancelled"), ne(supplierReturns.id, rma.id), inArray(supplierReturnLines.variantId, variantIds)))
    .all()) {
    elsewhere.set(row.variantId, (elsewhere.get(row.variantId) ?? 0) + row.quantity);
  }
  for (const line of lines) {
    const onOrder = received.get(line.variantId);
    if (onOrder === undefined) {
      throw new DomainError("SOURCE_PO_MISMATCH", `Variant ${line.variantId} is not on ${order.number}; return it without a source purchase order, or choose the order it came on.`, { purchaseOrderId: order.id, variantId: line.variantId });
    }
    const other = elsewhere.get(line.variantId) ?? 0;
    if (other + line.quantity > onOrder) {
      throw new DomainError("EXCEEDS_RECEIVED", `${order.number} received ${onOrder} of variant ${line.variantId} and its other returns already take ${other}; return at most ${Math.max(0, onOrder - other)} on ${rma.number}.`, {
        purchaseOrderId: order.id,
        variantId: line.variantId,
        received: onOrder,
        alreadyReturned: other,
        requested: line.quantity,
      });
    }
  }
}

function recordCredit(tx: Transaction, shopId: string, rma: RmaRow, input: { amount: number; number?: string | undefined }, now: Date): CreditRow {
  const supplier = tx.select({ currency: suppliers.currency }).from(suppliers).where(and(eq(suppliers.shopId, shopId), eq(suppliers.id, rma.supplierId))).get();
  if (!supplier) throw notFound("supplier", rma.supplierId);
  const taken = (n: string) => tx.select({ id: supplierCredits.id }).from(supplierCredits).where(and(eq(supplierCredits.shopId, shopId), eq(supplierCredits.number, n))).get() !== undefined;
  let number = input.number;
  if (number !== undefined) {
    if (taken(number)) throw new DomainError("DUPLICATE_NUMBER", `Credit number ${number} is already used in this store; choose another, or omit it to get one.`, { number });
  } else {
    number = `CM-${rma.number}`;
    for (let n = 2; taken(number); n += 1) number = `CM-${rma.number}-${n}`;
  }
  const credit: CreditRow = {
    id: newId("cred"),
    shopId,
    supplierId: rma.supplierId,
    number,
    amount: input.amount,
    availableBalance: input.amount,
    currency: supplier.currency,
    origin: "supplier_return",
    supplierReturnId: rma.id,
    status: "active",
    issuedOn: calendarDateIn(storeTimezone(tx, shopId), now),
    version: 1,
    createdAt: now,
  };
  tx.insert(supplierCredits).values(credit).run();
  return credit;
}

/** Voids the resolution credit; refused with CREDIT_IN_USE while a purchase order draws on it. */
function voidCredit(tx: Transaction, shopId: string, rma: RmaRow, creditId: string): void {
  const credit = tx.select().from(supplierCredits).where(and(eq(supplierCredits.shopId, shopId), eq(supplierCredits.id, creditId))).get();
  if (!credit || credit.status === "voided") return;
  const applications = tx
    .select({ id: supplierCreditApplications.id, purchaseOrderId: supplierCreditApplications.purchaseOrderId })
    .from(supplierCreditApplications)
    .where(and(eq(supplierCreditApplications.shopId, shopId), eq(supplierCreditApplications.creditId, creditId), isNull(supplierCreditApplications.reversedAt)))
    .all();
  if (applications.length) {
    throw new DomainError("CREDIT_IN_USE", `Credit ${credit.number} of ${rma.number} is applied to ${applications.length} purchase order(s); reverse those applications before stepping back from resolved.`, {
      creditId,
      purchaseOrderIds: [...new Set(applications.map((a) => a.purchaseOrderId))],
    });
  }
  const saved = tx.update(supplierCredits).set({ status: "voided", version: credit.version + 1 }).where(and(eq(supplierCredits.id, credit.id), eq(supplierCredits.version, credit.version))).run();
  requireUpdated(saved.changes, "supplier credit", credit.number);
}

function addressOf(location: LocationRow): Address {
  return { name: location.nameOverride ?? location.name, company: null, address1: location.address1, address2: location.address2, city: location.city, province: location.province, postalCode: location.postalCode, countryCode: location.countryCode, phone: location.phone };
}

function newLines(tx: Transaction, shopId: string, rma: RmaRow, existing: RmaLineRow[], lines: z.output<typeof AddRmaLinesInput>["lines"], now: Date): RmaLineRow[] {
  const onReturn = new Set(existing.map((line) => line.variantId));
  return lines.map((input, index) => {
    const variant = tx.select({ tracked: variants.inventoryTracked }).from(variants).where(and(eq(variants.shopId, shopId), eq(variants.id, input.variantId))).get();
    if (!variant) throw notFound("variant", input.variantId);
    if (!variant.tracked) throw new DomainError("VARIANT_NOT_TRACKED", `Variant ${input.variantId} does not track inventory, so it cannot be returned.`, { variantId: input.variantId });
    if (onReturn.has(input.variantId)) throw new DomainError("DUPLICATE_LINE", `Variant ${input.variantId} is already on ${rma.number}; change that line's quantity instead.`, { variantId: input.variantId });
    onReturn.add(input.variantId);
    return {
      id: newId("rmal"),
      shopId,
      supplierReturnId: rma.id,
      variantId: input.variantId,
      quantity: input.quantity,
      reason: input.reason ?? null,
      condition: input.condition ?? null,
      disposition: input.disposition ?? null,
      notes: input.notes ?? null,
      createdAt: new Date(now.getTime() + index),
    };
  });
}

function loadReturn(tx: Transaction, shopId: string, id: string): { rma: RmaRow; lines: RmaLineRow[] } {
  const rma = tx.select().from(supplierReturns).where(and(eq(supplierReturns.shopId, shopId), eq(supplierReturns.id, id))).get();
  if (!rma) throw notFound("supplier return", id);
  return { rma, lines: linesOf(tx, shopId, [id]) };
}

export function linesOf(tx: Transaction, shopId: string, ids: string[]): RmaLineRow[] {
  if (!ids.length) return [];
  return tx
    .select()
    .from(supplierReturnLines)
    .where(and(eq(supplierReturnLines.shopId, shopId), inArray(supplierReturnLines.supplierReturnId, ids)))
    .orderBy(asc(supplierReturnLines.createdAt), asc(supplierReturnLines.id))
    .all();
}

function requireLine(draft: RmaDraft, lineId: string): RmaLineRow {
  const line = draft.live().find((l) => l.id === lineId);
  if (!line) throw new DomainError("NOT_FOUND", `No line ${JSON.stringify(lineId)} on supplier return ${draft.rma.number}.`, { lineId });
  return line;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function creditsOf(tx: Transaction, shopId: string, ids: (string | null)[]): Map<string, CreditRow> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (!wanted.length) return new Map();
  return new Map(tx.select().from(supplierCredits).where(and(eq(supplierCredits.shopId, shopId), inArray(supplierCredits.id, wanted))).all().map((row) => [row.id, row]));
}

export function presentReturnHeader(rma: RmaRow, lines: readonly RmaLineRow[], credit: CreditRow | undefined) {
  return {
    id: rma.id,
    number: rma.number,
    supplierId: rma.supplierId,
    locationId: rma.locationId,
    purchaseOrderId: rma.purchaseOrderId,
    status: rma.status,
    statusBeforeHold: rma.statusBeforeHold,
    closedFromStatus: rma.closedFromStatus,
    reason: rma.reason,
    notes: rma.notes,
    shipment: rma.shipment ?? null,
    fromAddress: rma.fromAddress ?? null,
    toAddress: rma.toAddress ?? null,
    creditId: rma.creditId,
    credit: credit
      ? { id: credit.id, number: credit.number, amount: { amount: credit.amount, currency: credit.currency }, availableBalance: { amount: credit.availableBalance, currency: credit.currency }, status: credit.status, issuedOn: credit.issuedOn }
      : null,
    submittedAt: iso(rma.submittedAt),
    approvedAt: iso(rma.approvedAt),
    shippedAt: iso(rma.shippedAt),
    receivedBySupplierAt: iso(rma.receivedBySupplierAt),
    inspectedAt: iso(rma.inspectedAt),
    resolvedAt: iso(rma.resolvedAt),
    closedAt: iso(rma.closedAt),
    rejectedAt: iso(rma.rejectedAt),
    cancelledAt: iso(rma.cancelledAt),
    createdAt: rma.createdAt.toISOString(),
    updatedAt: rma.updatedAt.toISOString(),
    version: rma.version,
    allowedOperations: allowedRmaEvents(rma),
    totalQuantity: lines.reduce((sum, line) => sum + line.quantity, 0),
  };
}

function present(tx: Transaction, shopId: string, rma: RmaRow, lines: RmaLineRow[]): SupplierReturnDocument {
  const ids = [...new Set(lines.map((line) => line.variantId))];
  const skus = new Map(ids.length ? tx.select({ id: variants.id, sku: variants.sku }).from(variants).where(and(eq(variants.shopId, shopId), inArray(variants.id, ids))).all().map((row) => [row.id, row.sku]) : []);
  return {
    ...presentReturnHeader(rma, lines, creditsOf(tx, shopId, [rma.creditId]).get(rma.creditId ?? "")),
    lines: lines.map((line) => ({ id: line.id, variantId: line.variantId, sku: skus.get(line.variantId) ?? null, quantity: line.quantity, reason: line.reason, condition: line.condition, disposition: line.disposition, notes: line.notes })),
  };
}

function fieldLocked(rma: RmaRow, fields: readonly string[], instead: string): DomainError {
  return new DomainError("FIELD_LOCKED", `${fields.join(", ")} cannot change on ${rma.number} in status ${rma.status}. ${instead}`, { status: rma.status, fields });
}

function linesLocked(rma: RmaRow, what: string): DomainError {
  return new DomainError("FIELD_LOCKED", `Cannot ${what} on ${rma.number} in status ${rma.status}. Lines change in draft and pending approval only; step the return back first.`, { status: rma.status, fields: ["lines"] });
}

