/**
 * Loading, presenting and saving one purchase order inside a write. `changeOrder` is the shape of
 * every write to an existing order: load it, let the operation change copies of its header and
 * lines, then derive the `incoming` change from the contribution rule (§4.1: what the order
 * contributes after, minus before), hand it with any on-hand change to the gateway, save with an
 * update conditioned on the version read, and present the result.
 */
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { purchaseOrderLines, purchaseOrderPayments, purchaseOrders, supplierCreditApplications, supplierCredits, variants } from "../../../db/schema";
import { draftLines, saveDocument, stampStatus, statusNote, type DocumentStorage, type LineDraft } from "../document-drafts.server";
import { DomainError, notFound } from "../errors";
import type { Transaction } from "../gateway.server";
import type { InventoryEffect, FieldChange } from "../values";
import type { WriteOutcome, WriteScope } from "../writes.server";
import { expectedOf, incomingContribution, outstandingOf, poTotals, billableOf } from "./quantities";
import { PurchaseOrderDocument } from "./schemas";
import { allowedPoEvents, type PoStatus } from "./transitions";

export type PoRow = typeof purchaseOrders.$inferSelect;
export type PoLineRow = typeof purchaseOrderLines.$inferSelect;
type PaymentRow = typeof purchaseOrderPayments.$inferSelect;

type ApplicationRow = Pick<typeof supplierCreditApplications.$inferSelect, "id" | "purchaseOrderId" | "creditId" | "amount" | "exchangeRate" | "amountInPoCurrency" | "appliedAt"> & { currency: string };

export type LoadedOrder = { order: PoRow; lines: PoLineRow[]; payments: PaymentRow[]; creditApplications: ApplicationRow[]; creditsAppliedInPoCurrency: number[] };

export function loadOrder(tx: Transaction, shopId: string, id: string): LoadedOrder {
  const order = tx.select().from(purchaseOrders).where(and(eq(purchaseOrders.shopId, shopId), eq(purchaseOrders.id, id))).get();
  if (!order) throw notFound("purchase order", id);
  return { order, ...loadChildren(tx, shopId, [id]).get(id)! };
}

/** Lines, payments and active credit applications of several orders, in three queries. */
export function loadChildren(tx: Transaction, shopId: string, ids: string[]): Map<string, Omit<LoadedOrder, "order">> {
  const children = new Map<string, Omit<LoadedOrder, "order">>(ids.map((id) => [id, { lines: [], payments: [], creditApplications: [], creditsAppliedInPoCurrency: [] }]));
  if (!ids.length) return children;
  const lines = tx
    .select()
    .from(purchaseOrderLines)
    .where(and(eq(purchaseOrderLines.shopId, shopId), inArray(purchaseOrderLines.purchaseOrderId, ids)))
    .orderBy(asc(purchaseOrderLines.createdAt), asc(purchaseOrderLines.id))
    .all();
  for (const line of lines) children.get(line.purchaseOrderId)!.lines.push(line);
  const payments = tx
    .select()
    .from(purchaseOrderPayments)
    .where(and(eq(purchaseOrderPayments.shopId, shopId), inArray(purchaseOrderPayments.purchaseOrderId, ids)))
    .orderBy(asc(purchaseOrderPayments.createdAt), asc(purchaseOrderPayments.id))
    .all();
  for (const payment of payments) children.get(payment.purchaseOrderId)!.payments.push(payment);
  const applications = tx
    .select({
      id: supplierCreditApplications.id,
      purchaseOrderId: supplierCreditApplications.purchaseOrderId,
      creditId: supplierCreditApplications.creditId,
      amount: supplierCreditApplications.amount,
      currency: supplierCredits.currency,
      exchangeRate: supplierCreditApplications.exchangeRate,
      amountInPoCurrency: supplierCreditApplications.amountInPoCurrency,
      appliedAt: supplierCreditApplications.appliedAt,
    })
    .from(supplierCreditApplications)
    .innerJoin(supplierCredits, eq(supplierCredits.id, supplierCreditApplications.creditId))
    .where(and(eq(supplierCreditApplications.shopId, shopId), inArray(supplierCreditApplications.purchaseOrderId, ids), isNull(supplierCreditApplications.reversedAt)))
    .orderBy(asc(supplierCreditApplications.appliedAt), asc(supplierCreditApplications.id))
    .all();
  for (const application of applications) {
    const own = children.get(application.purchaseOrderId)!;
    own.creditApplications.push(application);
    own.creditsAppliedInPoCurrency.push(application.amountInPoCurrency);
  }
  return children;
}

export function skusOf(tx: Transaction, shopId: string, lines: readonly PoLineRow[]): Map<string, string | null> {
  const ids = [...new Set(lines.flatMap((line) => (line.variantId ? [line.variantId] : [])))];
  if (!ids.length) return new Map();
  const rows = tx.select({ id: variants.id, sku: variants.sku }).from(variants).where(and(eq(variants.shopId, shopId), inArray(variants.id, ids))).all();
  return new Map(rows.map((row) => [row.id, row.sku]));
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function presentHeader(order: PoRow, children: Omit<LoadedOrder, "order">) {
  const money = (amount: number) => ({ amount, currency: order.currency });
  const totals = poTotals(order, children.lines, children.payments, children.creditsAppliedInPoCurrency);
  return {
    id: order.id,
    number: order.number,
    name: order.name,
    supplierId: order.supplierId,
    locationId: order.locationId,
    status: order.status,
    statusBeforeHold: order.statusBeforeHold,
    currency: order.currency,
    taxRate: order.taxRateBasisPoints / 100,
    shippingCost: money(order.shippingCostAmount),
    notes: order.notes,
    orderDate: order.orderDate,
    expectedDeliveryDate: order.expectedDeliveryDate,
    sendMethod: order.sendMethod,
    markedAsPaid: order.markedAsPaid,
    billingAddress: order.billingAddress ?? null,
    shippingAddress: order.shippingAddress ?? null,
    shipment: order.shipment ?? null,
    sentAt: iso(order.sentAt),
    confirmedAt: iso(order.confirmedAt),
    receivedAt: iso(order.receivedAt),
    completedAt: iso(order.completedAt),
    cancelledAt: iso(order.cancelledAt),
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
    version: order.version,
    totals: {
      subtotal: money(totals.subtotal),
      tax: money(totals.tax),
      total: money(totals.total),
      creditsApplied: money(totals.creditsApplied),
      paid: money(totals.paid),
      due: money(totals.due),
    },
    allowedOperations: allowedPoEvents(order),
  };
}

export function presentOrder(loaded: LoadedOrder, skus: Map<string, string | null>): PurchaseOrderDocument {
  const { order } = loaded;
  const money = (amount: number) => ({ amount, currency: order.currency });
  return {
    ...presentHeader(order, loaded),
    lines: loaded.lines.map((line) => ({
      id: line.id,
      variantId: line.variantId,
      customTitle: line.customTitle,
      sku: line.variantId ? (skus.get(line.variantId) ?? null) : null,
      ordered: line.ordered,
      confirmed: line.confirmed,
      received: line.received,
      cancelled: line.cancelled,
      rejected: line.rejected,
      unitCost: money(line.unitCostAmount),
      expected: expectedOf(line),
      outstanding: outstandingOf(line),
      lineTotal: money(billableOf(line) * line.unitCostAmount),
    })),
    payments: loaded.payments.map((payment) => ({
      id: payment.id,
      amount: { amount: payment.amount, currency: payment.currency },
      exchangeRate: payment.exchangeRate,
      paidOn: payment.paidOn,
      method: payment.method,
      reference: payment.reference,
      notes: payment.notes,
    })),
    creditApplications: loaded.creditApplications.map((application) => ({
      id: application.id,
      creditId: application.creditId,
      amount: { amount: application.amount, currency: application.currency },
      exchangeRate: application.exchangeRate,
      amountInPoCurrency: money(application.amountInPoCurrency),
      appliedAt: application.appliedAt.toISOString(),
    })),
  };
}

/** What an operation did, in words, for the activity entry. */
export type ChangeNote = { summary: string; changes?: FieldChange[] };

/** The copies an operation changes; `changeOrder` works out what to save from them. */
export type OrderDraft = LineDraft<PoLineRow> & {
  order: PoRow;
  /** Units entering (+) or leaving (−) on_hand and available, per variant, at the order's location. */
  onHandDeltas: Map<string, number>;
};

const STORAGE: DocumentStorage<PoLineRow> = {
  noun: "purchase order",
  table: purchaseOrders,
  lineTable: purchaseOrderLines,
  describeLine: (line) => `${line.variantId ?? line.customTitle} × ${line.ordered}`,
};

const STATUS_STAMPS = { sent: "sentAt", confirmed: "confirmedAt", received: "receivedAt", completed: "completedAt", cancelled: "cancelledAt" } as const satisfies Partial<Record<PoStatus, keyof PoRow>>;

export function changeOrder(scope: WriteScope, id: string, operation: string, change: (draft: OrderDraft) => ChangeNote): WriteOutcome<PurchaseOrderDocument> {
  const { tx, shopId, now } = scope;
  const before = loadOrder(tx, shopId, id);
  const draft: OrderDraft = { order: { ...before.order }, onHandDeltas: new Map(), ...draftLines(before.lines) };
  const note = change(draft);
  stampStatus(before.order.status, draft.order, STATUS_STAMPS, now);
  const inventoryEffects = inventoryEffectsOf(before.order, before.lines, draft, draft.live());
  scope.gateway.applyBatch(tx, { shopId, reference: { type: "purchase_order", id, operation }, effects: inventoryEffects, negativeAvailable: "refuse", now });
  const changes = saveDocument(scope, STORAGE, { header: before.order, lines: before.lines }, draft.order, draft);

  // Read back: the operation may also have written payments or credit applications.
  const loaded = { order: draft.order, ...loadChildren(tx, shopId, [id]).get(id)! };
  return {
    document: presentOrder(loaded, skusOf(tx, shopId, loaded.lines)),
    inventoryEffects,
    activity: {
      subjectType: "purchase_order",
      subjectId: id,
      summary: `${note.summary}${statusNote(before.order.status, draft.order.status)}`,
      changes: [...changes, ...(note.changes ?? [])],
    },
  };
}

/** Incoming follows the contribution rule; on_hand and available move together by the receipts. */
function inventoryEffectsOf(beforeOrder: PoRow, beforeLines: PoLineRow[], draft: OrderDraft, afterLines: PoLineRow[]): InventoryEffect[] {
  const was = incomingContribution(beforeOrder.status, beforeLines);
  const now = incomingContribution(draft.order.status, afterLines);
  const effects: InventoryEffect[] = [];
  for (const variantId of new Set([...was.keys(), ...now.keys()])) {
    const delta = (now.get(variantId) ?? 0) - (was.get(variantId) ?? 0);
    // A draft's location may change, but a draft contributes nothing, so both sides share one location.
    if (delta !== 0) effects.push({ variantId, locationId: draft.order.locationId, quantityName: "incoming", delta });
  }
  for (const [variantId, delta] of draft.onHandDeltas) {
    if (delta === 0) continue;
    effects.push({ variantId, locationId: draft.order.locationId, quantityName: "on_hand", delta });
    effects.push({ variantId, locationId: draft.order.locationId, quantityName: "available", delta });
  }
  return effects;
}

export function addOnHand(draft: OrderDraft, line: PoLineRow, delta: number): void {
  if (line.variantId === null || delta === 0) return;
  draft.onHandDeltas.set(line.variantId, (draft.onHandDeltas.get(line.variantId) ?? 0) + delta);
}

export function requireLine(draft: OrderDraft, lineId: string): PoLineRow {
  const line = draft.lines.find((l) => l.id === lineId && !draft.removed.has(l.id)) ?? draft.newLines.find((l) => l.id === lineId);
  if (!line) throw new DomainError("NOT_FOUND", `No line ${JSON.stringify(lineId)} on purchase order ${draft.order.number}.`, { lineId });
  return line;
}

export const documentSchema: z.ZodType<PurchaseOrderDocument> = PurchaseOrderDocument;
