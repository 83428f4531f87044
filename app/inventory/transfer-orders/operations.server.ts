/**
 * Transfer-order writes (spec/domain.md §5). Each is one transaction through `runWrite`. Inventory
 * effects are never written per operation: `changeTransfer` compares what the transfer contributes
 * to each level before and after the change (see `quantities.ts`) and hands the difference to the
 * gateway, which refuses anything that would take `available` below zero.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { newId } from "../../../db/ids";
import { activityLog, inventoryLevels, locations, purchaseOrderLines, purchaseOrders, transferOrderLines, transferOrders, variants } from "../../../db/schema";
import { recentActivity } from "../activity.server";
import { draftLines, saveDocument, stampStatus, statusNote, type DocumentStorage, type LineDraft } from "../document-drafts.server";
import { DomainError, TransitionError, notFound } from "../errors";
import type { Transaction } from "../gateway.server";
import { parseInput } from "../input";
import type { Address } from "../values";
import { databaseFor, nextDocumentNumber, runWrite, type WriteCall, type WriteOutcome, type WriteResult, type WriteScope } from "../writes.server";
import { outstandingOf } from "../purchase-orders/quantities";
import { PO_OPEN_STATUSES } from "../purchase-orders/transitions";
import { deriveToStatus, transferEffects } from "./quantities";
import {
  AddToLinesInput,
  CreateTransferOrderInput,
  NoToInput,
  ReceiveTransferOrderInput,
  RemoveToLinesInput,
  SetToShipmentInput,
  TransferOrderDocument,
  type TransferOrderWithActivity,
  UpdateToLinesInput,
  UpdateTransferOrderInput,
} from "./schemas";
import { allowedToEvents, applyToEvent, type ToEvent, type ToStatus } from "./transitions";

type Result = WriteResult<TransferOrderDocument>;
type ToRow = typeof transferOrders.$inferSelect;
type ToLineRow = typeof transferOrderLines.$inferSelect;
const OP = (name: string) => `transferOrders.${name}`;
const CLOSED: readonly ToStatus[] = ["completed", "cancelled"];

export function createTransferOrder(shopId: string, input: z.input<typeof CreateTransferOrderInput>, call: WriteCall): Result {
  const parsed = parseInput(CreateTransferOrderInput, input, OP("create"));
  return runWrite(shopId, call, OP("create"), input, TransferOrderDocument, (scope) => insertTransfer(scope, parsed, "Created"));
}

/** A new Draft with the same locations, addresses, notes and planned lines. */
export function duplicateTransferOrder(shopId: string, id: string, input: z.input<typeof NoToInput>, call: WriteCall): Result {
  parseInput(NoToInput, input, OP("duplicate"));
  return runWrite(shopId, call, OP("duplicate"), { id, input }, TransferOrderDocument, (scope) => {
    const { transfer, lines } = loadTransfer(scope.tx, shopId, id);
    const copy = parseInput(
      CreateTransferOrderInput,
      {
        originLocationId: transfer.originLocationId,
        destinationLocationId: transfer.destinationLocationId,
        notes: transfer.notes,
        originAddress: transfer.originAddress,
        destinationAddress: transfer.destinationAddress,
        lines: lines.map((line) => ({ variantId: line.variantId, planned: line.planned })),
      },
      OP("duplicate"),
    );
    return insertTransfer(scope, copy, `Duplicated ${transfer.number} as`);
  });
}

export function updateTransferOrder(shopId: string, id: string, input: z.input<typeof UpdateTransferOrderInput>, call: WriteCall): Result {
  const parsed = parseInput(UpdateTransferOrderInput, input, OP("update"));
  return write(shopId, id, "update", input, call, (draft, tx) => {
    const { transfer } = draft;
    const moved = (["originLocationId", "destinationLocationId"] as const).filter((field) => parsed[field] !== undefined && parsed[field] !== transfer[field]);
    if (moved.length && transfer.status !== "draft") throw fieldLocked(transfer, moved, "Locations change only in draft; cancel and duplicate the transfer to move other stock.");
    const later = (["expectedArrivalOn", "originAddress", "destinationAddress"] as const).filter((field) => parsed[field] !== undefined);
    if (later.length && CLOSED.includes(transfer.status)) throw fieldLocked(transfer, later, "Only notes change once a transfer is completed or cancelled.");
    if (moved.length) {
      const origin = parsed.originLocationId ?? transfer.originLocationId;
      const destination = parsed.destinationLocationId ?? transfer.destinationLocationId;
      requireEnds(tx, shopId, origin, destination);
      transfer.originLocationId = origin;
      transfer.destinationLocationId = destination;
    }
    if (parsed.notes !== undefined) transfer.notes = parsed.notes;
    if (parsed.expectedArrivalOn !== undefined) transfer.expectedArrivalOn = parsed.expectedArrivalOn;
    if (parsed.originAddress !== undefined) transfer.originAddress = parsed.originAddress;
    if (parsed.destinationAddress !== undefined) transfer.destinationAddress = parsed.destinationAddress;
    return `Updated ${transfer.number}.`;
  });
}

export function addTransferOrderLines(shopId: string, id: string, input: z.input<typeof AddToLinesInput>, call: WriteCall): Result {
  const parsed = parseInput(AddToLinesInput, input, OP("addLines"));
  return write(shopId, id, "addLines", input, call, (draft, tx, now) => {
    if (draft.transfer.status !== "draft") throw linesLocked(draft.transfer, "add lines", "Lines are added in draft; create another transfer for more stock.");
    draft.newLines.push(...newLines(tx, shopId, draft.transfer, draft.lines, parsed.lines, now));
    return `Added ${parsed.lines.length} line(s) to ${draft.transfer.number}.`;
  });
}

export function updateTransferOrderLines(shopId: string, id: string, input: z.input<typeof UpdateToLinesInput>, call: WriteCall): Result {
  const parsed = parseInput(UpdateToLinesInput, input, OP("updateLines"));
  return write(shopId, id, "updateLines", input, call, (draft) => {
    const setPlanned = () => {
      for (const change of parsed.lines) {
        const line = requireLine(draft, change.lineId);
        if (change.planned < line.received) {
          throw new DomainError("PLANNED_BELOW_RECEIVED", `Line ${line.id} on ${draft.transfer.number} has ${line.received} received; planned cannot go below that.`, { lineId: line.id, received: line.received });
        }
        line.planned = change.planned;
      }
    };
    // In draft a plain edit; once sent, a move of stock that the status must allow.
    if (draft.transfer.status === "draft") setPlanned();
    else move(draft, "changePlanned", setPlanned);
    return `Changed planned quantities on ${draft.transfer.number}.`;
  });
}

export function removeTransferOrderLines(shopId: string, id: string, input: z.input<typeof RemoveToLinesInput>, call: WriteCall): Result {
  const parsed = parseInput(RemoveToLinesInput, input, OP("removeLines"));
  return write(shopId, id, "removeLines", input, call, (draft) => {
    const status = draft.transfer.status;
    if (status !== "draft" && status !== "sent" && status !== "partially_received") throw linesLocked(draft.transfer, "remove lines", "Lines are removed in draft, sent or partially received.");
    for (const lineId of parsed.lineIds) {
      const line = requireLine(draft, lineId);
      if (line.received > 0) throw new DomainError("LINE_HAS_ACTIVITY", `Line ${line.id} on ${draft.transfer.number} has received units; lower its planned quantity to what was received instead.`, { lineId });
      draft.removed.add(line.id);
    }
    if (status !== "draft") {
      if (!draft.live().length) throw new DomainError("TO_HAS_NO_LINES", `Removing every line would leave sent transfer ${draft.transfer.number} empty; cancel it instead.`);
      draft.transfer.status = deriveToStatus(draft.live());
    }
    return `Removed ${parsed.lineIds.length} line(s) from ${draft.transfer.number}.`;
  });
}

export function sendTransferOrder(shopId: string, id: string, input: z.input<typeof NoToInput>, call: WriteCall): Result {
  return event(shopId, id, input, call, "send", (draft) => {
    if (!draft.lines.length) throw new DomainError("TO_HAS_NO_LINES", `${draft.transfer.number} has no lines; add at least one before sending.`);
    return `Sent ${draft.transfer.number}.`;
  });
}

export function receiveTransferOrder(shopId: string, id: string, input: z.input<typeof ReceiveTransferOrderInput>, call: WriteCall): Result {
  const parsed = parseInput(ReceiveTransferOrderInput, input, OP("receive"));
  return write(shopId, id, "receive", input, call, (draft) => {
    move(draft, "receive", () => {
      for (const entry of parsed.lines) {
        const line = requireLine(draft, entry.lineId);
        if (entry.received > line.planned - line.received) {
          throw new DomainError("OVER_RECEIPT", `Line ${line.id} on ${draft.transfer.number} has ${line.planned - line.received} in transit; cannot receive ${entry.received}. Raise planned first if more was shipped.`, { lineId: line.id, inTransit: line.planned - line.received });
        }
        line.received += entry.received;
      }
    });
    return `Received ${parsed.lines.reduce((n, l) => n + l.received, 0)} unit(s) on ${draft.transfer.number}.`;
  });
}

export function completeTransferOrder(shopId: string, id: string, input: z.input<typeof NoToInput>, call: WriteCall): Result {
  return event(shopId, id, input, call, "complete", (draft) => {
    for (const line of draft.lines) line.shortfall = line.planned - line.received;
    const short = draft.lines.reduce((n, l) => n + (l.shortfall ?? 0), 0);
    return `Completed ${draft.transfer.number}${short ? `, writing off ${short} unit(s) not received` : ""}.`;
  });
}

export function holdTransferOrder(shopId: string, id: string, input: z.input<typeof NoToInput>, call: WriteCall): Result {
  return event(shopId, id, input, call, "hold", (draft) => `Put ${draft.transfer.number} on hold.`);
}

export function resumeTransferOrder(shopId: string, id: string, input: z.input<typeof NoToInput>, call: WriteCall): Result {
  return event(shopId, id, input, call, "resume", (draft) => `Resumed ${draft.transfer.number}.`);
}

/** One stage back: Sent → Draft returns stock to the origin; a receiving stage → Sent takes receipts back out. */
export function revertTransferOrder(shopId: string, id: string, input: z.input<typeof NoToInput>, call: WriteCall): Result {
  return event(shopId, id, input, call, "revert", (draft, from) => {
    if (from !== "sent") for (const line of draft.lines) line.received = 0;
    if (from === "sent") draft.transfer.sentAt = null;
    draft.transfer.receivedAt = null;
    return `Reverted ${draft.transfer.number}.`;
  });
}

export function cancelTransferOrder(shopId: string, id: string, input: z.input<typeof NoToInput>, call: WriteCall): Result {
  return event(shopId, id, input, call, "cancel", (draft) => `Cancelled ${draft.transfer.number}; every movement is reversed.`);
}

export function deleteTransferOrder(shopId: string, id: string, input: z.input<typeof NoToInput>, call: WriteCall): Result {
  parseInput(NoToInput, input, OP("delete"));
  return runWrite(shopId, call, OP("delete"), { id, input }, TransferOrderDocument, ({ tx }) => {
    const loaded = loadTransfer(tx, shopId, id);
    if (loaded.transfer.status !== "draft") {
      throw new DomainError("NOT_DELETABLE", `${loaded.transfer.number} is ${loaded.transfer.status}; only drafts can be deleted. Cancel it instead: cancelling returns stock, deleting would not.`, { status: loaded.transfer.status });
    }
    applyToEvent(loaded.transfer, "delete", () => loaded.transfer.status);
    const document = present(tx, shopId, loaded.transfer, loaded.lines);
    tx.delete(transferOrderLines).where(and(eq(transferOrderLines.shopId, shopId), eq(transferOrderLines.transferOrderId, id))).run();
    tx.delete(activityLog).where(and(eq(activityLog.shopId, shopId), eq(activityLog.subjectType, "transfer_order"), eq(activityLog.subjectId, id))).run();
    tx.delete(transferOrders).where(and(eq(transferOrders.shopId, shopId), eq(transferOrders.id, id))).run();
    return { document, inventoryEffects: [], activity: null };
  });
}

export function setTransferOrderShipment(shopId: string, id: string, input: z.input<typeof SetToShipmentInput>, call: WriteCall): Result {
  const parsed = parseInput(SetToShipmentInput, input, OP("setShipment"));
  return write(shopId, id, "setShipment", input, call, (draft) => {
    if (CLOSED.includes(draft.transfer.status)) throw fieldLocked(draft.transfer, ["shipment"], "The shipment is kept until the transfer is completed or cancelled.");
    draft.transfer.shipment = parsed;
    return `Set the shipment of ${draft.transfer.number}.`;
  });
}

export function removeTransferOrderShipment(shopId: string, id: string, input: z.input<typeof NoToInput>, call: WriteCall): Result {
  parseInput(NoToInput, input, OP("removeShipment"));
  return write(shopId, id, "removeShipment", input, call, (draft) => {
    if (CLOSED.includes(draft.transfer.status)) throw fieldLocked(draft.transfer, ["shipment"], "The shipment is kept until the transfer is completed or cancelled.");
    draft.transfer.shipment = null;
    return `Removed the shipment of ${draft.transfer.number}.`;
  });
}

/**
 * Recovery (§5.2): for each variant on the transfer, sets `incoming` at the destination to what
 * Logistified documents say is on its way there: outstanding units on open purchase orders at that
 * location plus units in transit on transfers into it. Incoming from outside Logistified is not kept.
 */
export function recomputeTransferOrderIncoming(shopId: string, id: string, input: z.input<typeof NoToInput>, call: WriteCall): Result {
  parseInput(NoToInput, input, OP("recomputeIncoming"));
  return runWrite(shopId, call, OP("recomputeIncoming"), { id, input }, TransferOrderDocument, ({ tx, now, gateway }) => {
    const { transfer, lines } = loadTransfer(tx, shopId, id);
    if (transfer.status === "draft") throw new TransitionError("transfer order", transfer.status, "recomputeIncoming", allowedToEvents(transfer));
    const variantIds = [...new Set(lines.map((line) => line.variantId))];
    const expected = new Map(variantIds.map((variantId) => [variantId, 0]));
    const orderLines = variantIds.length
      ? tx
          .select({ variantId: purchaseOrderLines.variantId, ordered: purchaseOrderLines.ordered, confirmed: purchaseOrderLines.confirmed, received: purchaseOrderLines.received, cancelled: purchaseOrderLines.cancelled, rejected: purchaseOrderLines.rejected })
          .from(purchaseOrderLines)
          .innerJoin(purchaseOrders, eq(purchaseOrders.id, purchaseOrderLines.purchaseOrderId))
          .where(and(eq(purchaseOrders.shopId, shopId), eq(purchaseOrders.locationId, transfer.destinationLocationId), inArray(purchaseOrders.status, [...PO_OPEN_STATUSES]), inArray(purchaseOrderLines.variantId, variantIds)))
          .all()
      : [];
    for (const line of orderLines) if (line.variantId) expected.set(line.variantId, expected.get(line.variantId)! + outstandingOf(line));
    const transit = variantIds.length
      ? tx
          .select({ variantId: transferOrderLines.variantId, planned: transferOrderLines.planned, received: transferOrderLines.received })
          .from(transferOrderLines)
          .innerJoin(transferOrders, eq(transferOrders.id, transferOrderLines.transferOrderId))
          .where(and(eq(transferOrders.shopId, shopId), eq(transferOrders.destinationLocationId, transfer.destinationLocationId), inArray(transferOrders.status, ["sent", "partially_received", "on_hold"]), inArray(transferOrderLines.variantId, variantIds)))
          .all()
      : [];
    for (const line of transit) expected.set(line.variantId, expected.get(line.variantId)! + line.planned - line.received);
    const current = new Map(
      (variantIds.length
        ? tx.select({ variantId: inventoryLevels.variantId, incoming: inventoryLevels.incoming }).from(inventoryLevels).where(and(eq(inventoryLevels.shopId, shopId), eq(inventoryLevels.locationId, transfer.destinationLocationId), inArray(inventoryLevels.variantId, variantIds))).all()
        : []
      ).map((row) => [row.variantId, row.incoming]),
    );
    const inventoryEffects = variantIds.flatMap((variantId) => {
      const delta = expected.get(variantId)! - (current.get(variantId) ?? 0);
      return delta ? [{ variantId, locationId: transfer.destinationLocationId, quantityName: "incoming" as const, delta }] : [];
    });
    gateway.applyBatch(tx, { shopId, reference: { type: "transfer_order", id, operation: OP("recomputeIncoming") }, effects: inventoryEffects, negativeAvailable: "refuse", now });
    return {
      document: present(tx, shopId, transfer, lines),
      inventoryEffects,
      activity: { subjectType: "transfer_order", subjectId: id, summary: `Recomputed incoming at the destination for ${variantIds.length} variant(s) of ${transfer.number}; ${inventoryEffects.length} changed.`, changes: [] },
    };
  });
}

export function getTransferOrder(shopId: string, id: string, options: { database?: WriteCall["database"] } = {}): TransferOrderWithActivity | undefined {
  return databaseFor(options).transaction((tx) => {
    const transfer = tx.select().from(transferOrders).where(and(eq(transferOrders.shopId, shopId), eq(transferOrders.id, id))).get();
    if (!transfer) return undefined;
    return { ...present(tx, shopId, transfer, linesOf(tx, shopId, [id])), ...recentActivity(tx, shopId, "transfer_order", id) };
  });
}

// ---------------------------------------------------------------------------------------------

type TransferDraft = LineDraft<ToLineRow> & { transfer: ToRow };

function write(shopId: string, id: string, name: string, input: unknown, call: WriteCall, change: (draft: TransferDraft, tx: Transaction, now: Date) => string): Result {
  return runWrite(shopId, call, OP(name), { id, input }, TransferOrderDocument, (scope) => changeTransfer(scope, id, OP(name), (draft) => change(draft, scope.tx, scope.now)));
}

function event(shopId: string, id: string, input: unknown, call: WriteCall, name: ToEvent, also: (draft: TransferDraft, from: ToStatus) => string): Result {
  parseInput(NoToInput, input, OP(name));
  return write(shopId, id, name, input, call, (draft) => {
    const from = draft.transfer.status;
    move(draft, name);
    return also(draft, from);
  });
}

/** Refuses the event unless the status accepts it; applies `change` to the lines; then moves the status. */
function move(draft: TransferDraft, name: ToEvent, change?: () => void): void {
  const from = draft.transfer.status;
  // Checked before the lines change, so a refused move reports the status, not a quantity problem.
  applyToEvent(draft.transfer, name, () => from);
  change?.();
  const next = applyToEvent(draft.transfer, name, () => deriveToStatus(draft.live()));
  if (next === "deleted") throw new Error("delete is handled by deleteTransferOrder");
  if (name === "hold") draft.transfer.statusBeforeHold = from;
  if (name === "resume" || name === "cancel") draft.transfer.statusBeforeHold = null;
  draft.transfer.status = next;
}

const STAMPS = { sent: "sentAt", received: "receivedAt", completed: "completedAt", cancelled: "cancelledAt" } as const satisfies Partial<Record<ToStatus, keyof ToRow>>;

const STORAGE: DocumentStorage<ToLineRow> = {
  noun: "transfer order",
  table: transferOrders,
  lineTable: transferOrderLines,
  describeLine: (line) => ({ variantId: line.variantId, planned: line.planned }),
};

function changeTransfer(scope: WriteScope, id: string, operation: string, change: (draft: TransferDraft) => string): WriteOutcome<TransferOrderDocument> {
  const { tx, shopId, now } = scope;
  const before = loadTransfer(tx, shopId, id);
  const draft: TransferDraft = { transfer: { ...before.transfer }, ...draftLines(before.lines) };
  const summary = change(draft);
  const { transfer } = draft;
  stampStatus(before.transfer.status, transfer, STAMPS, now);
  const inventoryEffects = transferEffects(before.transfer, before.lines, transfer, draft.live());
  scope.gateway.applyBatch(tx, { shopId, reference: { type: "transfer_order", id, operation }, effects: inventoryEffects, negativeAvailable: "refuse", now });
  const changes = saveDocument(scope, STORAGE, { header: before.transfer, lines: before.lines }, transfer, draft);
  return {
    document: present(tx, shopId, transfer, linesOf(tx, shopId, [id])),
    inventoryEffects,
    activity: { subjectType: "transfer_order", subjectId: id, summary: `${summary}${statusNote(before.transfer.status, transfer.status)}`, changes },
  };
}

function insertTransfer(scope: WriteScope, parsed: z.output<typeof CreateTransferOrderInput>, verb: string): WriteOutcome<TransferOrderDocument> {
  const { tx, shopId, now } = scope;
  const [origin, destination] = requireEnds(tx, shopId, parsed.originLocationId, parsed.destinationLocationId);
  const id = newId("to");
  const number = nextDocumentNumber(tx, shopId, "transfer_order", "TO-", (n) => tx.select({ id: transferOrders.id }).from(transferOrders).where(and(eq(transferOrders.shopId, shopId), eq(transferOrders.number, n))).get() !== undefined);
  const transfer: ToRow = {
    id,
    shopId,
    number,
    originLocationId: origin.id,
    destinationLocationId: destination.id,
    status: "draft",
    statusBeforeHold: null,
    notes: parsed.notes ?? "",
    expectedArrivalOn: parsed.expectedArrivalOn ?? null,
    shipment: null,
    originAddress: parsed.originAddress === undefined ? addressOf(origin) : parsed.originAddress,
    destinationAddress: parsed.destinationAddress === undefined ? addressOf(destination) : parsed.destinationAddress,
    sentAt: null,
    receivedAt: null,
    completedAt: null,
    cancelledAt: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  tx.insert(transferOrders).values(transfer).run();
  const lines = newLines(tx, shopId, transfer, [], parsed.lines ?? [], now);
  for (const line of lines) tx.insert(transferOrderLines).values(line).run();
  return {
    document: present(tx, shopId, transfer, lines),
    inventoryEffects: [],
    activity: { subjectType: "transfer_order", subjectId: id, summary: `${verb} ${number} from ${origin.name} to ${destination.name} with ${lines.length} line(s).`, changes: [] },
  };
}

type LocationRow = typeof locations.$inferSelect;

function requireEnds(tx: Transaction, shopId: string, originId: string, destinationId: string): [LocationRow, LocationRow] {
  if (originId === destinationId) throw new DomainError("SAME_LOCATION", "A transfer moves stock between two different locations; choose another destination.", { locationId: originId });
  const ends = [originId, destinationId].map((locationId) => {
    const location = tx.select().from(locations).where(and(eq(locations.shopId, shopId), eq(locations.id, locationId))).get();
    if (!location) throw notFound("location", locationId);
    if (!location.active) throw new DomainError("LOCATION_INACTIVE", `Location ${location.name} is deactivated in Shopify; choose an active location.`, { locationId });
    return location;
  });
  return [ends[0]!, ends[1]!];
}

function addressOf(location: LocationRow): Address {
  return { name: location.nameOverride ?? location.name, company: null, address1: location.address1, address2: location.address2, city: location.city, province: location.province, postalCode: location.postalCode, countryCode: location.countryCode, phone: location.phone };
}

function newLines(tx: Transaction, shopId: string, transfer: ToRow, existing: ToLineRow[], lines: z.output<typeof AddToLinesInput>["lines"], now: Date): ToLineRow[] {
  const onTransfer = new Set(existing.map((line) => line.variantId));
  return lines.map((input, index) => {
    const variant = tx.select({ tracked: variants.inventoryTracked }).from(variants).where(and(eq(variants.shopId, shopId), eq(variants.id, input.variantId))).get();
    if (!variant) throw notFound("variant", input.variantId);
    if (!variant.tracked) throw new DomainError("VARIANT_NOT_TRACKED", `Variant ${input.variantId} does not track inventory, so it cannot be transferred.`, { variantId: input.variantId });
    if (onTransfer.has(input.variantId)) throw new DomainError("DUPLICATE_LINE", `Variant ${input.variantId} is already on ${transfer.number}; change that line's planned quantity instead.`, { variantId: input.variantId });
    onTransfer.add(input.variantId);
    return { id: newId("tol"), shopId, transferOrderId: transfer.id, variantId: input.variantId, planned: input.planned, received: 0, shortfall: null, createdAt: new Date(now.getTime() + index) };
  });
}

function loadTransfer(tx: Transaction, shopId: string, id: string): { transfer: ToRow; lines: ToLineRow[] } {
  const transfer = tx.select().from(transferOrders).where(and(eq(transferOrders.shopId, shopId), eq(transferOrders.id, id))).get();
  if (!transfer) throw notFound("transfer order", id);
  return { transfer, lines: linesOf(tx, shopId, [id]) };
}

export function linesOf(tx: Transaction, shopId: string, ids: string[]): ToLineRow[] {
  if (!ids.length) return [];
  return tx
    .select()
    .from(transferOrderLines)
    .where(and(eq(transferOrderLines.shopId, shopId), inArray(transferOrderLines.transferOrderId, ids)))
    .orderBy(asc(transferOrderLines.createdAt), asc(transferOrderLines.id))
    .all();
}

function requireLine(draft: TransferDraft, lineId: string): ToLineRow {
  const line = draft.live().find((l) => l.id === lineId);
  if (!line) throw new DomainError("NOT_FOUND", `No line ${JSON.stringify(lineId)} on transfer ${draft.transfer.number}.`, { lineId });
  return line;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function presentTransferHeader(transfer: ToRow) {
  return {
    id: transfer.id,
    number: transfer.number,
    originLocationId: transfer.originLocationId,
    destinationLocationId: transfer.destinationLocationId,
    status: transfer.status,
    statusBeforeHold: transfer.statusBeforeHold,
    notes: transfer.notes,
    expectedArrivalOn: transfer.expectedArrivalOn,
    shipment: transfer.shipment ?? null,
    originAddress: transfer.originAddress ?? null,
    destinationAddress: transfer.destinationAddress ?? null,
    sentAt: iso(transfer.sentAt),
    receivedAt: iso(transfer.receivedAt),
    completedAt: iso(transfer.completedAt),
    cancelledAt: iso(transfer.cancelledAt),
    createdAt: transfer.createdAt.toISOString(),
    updatedAt: transfer.updatedAt.toISOString(),
    version: transfer.version,
    allowedOperations: allowedToEvents(transfer),
  };
}

function present(tx: Transaction, shopId: string, transfer: ToRow, lines: ToLineRow[]): TransferOrderDocument {
  const ids = [...new Set(lines.map((line) => line.variantId))];
  const skus = new Map(ids.length ? tx.select({ id: variants.id, sku: variants.sku }).from(variants).where(and(eq(variants.shopId, shopId), inArray(variants.id, ids))).all().map((row) => [row.id, row.sku]) : []);
  return {
    ...presentTransferHeader(transfer),
    lines: lines.map((line) => ({ id: line.id, variantId: line.variantId, sku: skus.get(line.variantId) ?? null, planned: line.planned, received: line.received, shortfall: line.shortfall, inTransit: line.planned - line.received })),
  };
}

function fieldLocked(transfer: ToRow, fields: readonly string[], instead: string): DomainError {
  return new DomainError("FIELD_LOCKED", `${fields.join(", ")} cannot change on ${transfer.number} in status ${transfer.status}. ${instead}`, { status: transfer.status, fields });
}

function linesLocked(transfer: ToRow, what: string, instead: string): DomainError {
  return new DomainError("FIELD_LOCKED", `Cannot ${what} on ${transfer.number} in status ${transfer.status}. ${instead}`, { status: transfer.status, fields: ["lines"] });
}
