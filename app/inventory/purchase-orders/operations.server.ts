/**
 * Purchase-order writes (spec/domain.md §4). Each is one transaction through `runWrite`: parse the
 * input, check the transition table and the guardrails, change the order, and let `changeOrder`
 * work out and apply the inventory effects. Every function takes the shop id first.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { z } from "zod";
import { newId } from "../../../db/ids";
import { activityLog, locations, purchaseOrderLines, purchaseOrderPayments, purchaseOrders, shops, supplierCreditApplications, supplierCredits, supplierEmails, suppliers, supplierVariants, variants } from "../../../db/schema";
import { DomainError, TransitionError, notFound } from "../errors";
import { parseInput as parse } from "../input";
import { convertAmount } from "../money";
import type { Transaction } from "../gateway.server";
import { nextDocumentNumber, requireUpdated, runWrite, type WriteCall, type WriteOutcome, type WriteResult, type WriteScope } from "../writes.server";
import { addOnHand, changeOrder, documentSchema, loadOrder, presentOrder, requireLine, skusOf, type OrderDraft, type PoLineRow, type PoRow } from "./documents.server";
import { PO_EDIT_RULES, type PoHeaderField } from "./editing";
import { queueSupplierEmail, withdrawQueuedEmails } from "./supplier-emails.server";
import { derivePoStatus, outstandingOf, poTotals, settledOf } from "./quantities";
import {
  AddPoLinesInput,
  ApplyCreditInput,
  ReverseCreditApplicationInput,
  CompletePurchaseOrderInput,
  ConfirmPurchaseOrderInput,
  CreatePurchaseOrderInput,
  NewPoLine,
  NoInput,
  PaymentInput,
  ReceivePurchaseOrderInput,
  RemovePaymentInput,
  RemovePoLinesInput,
  SendPurchaseOrderInput,
  SetShipmentInput,
  UnreceivePurchaseOrderInput,
  UpdatePaymentInput,
  UpdatePoLinesInput,
  UpdatePurchaseOrderInput,
  type PurchaseOrderDocument,
} from "./schemas";
import { allowedPoEvents, applyPoEvent, requirePoMove, type PoEvent } from "./transitions";

type Result = WriteResult<PurchaseOrderDocument>;
const OP = (name: string) => `purchaseOrders.${name}`;

export function createPurchaseOrder(shopId: string, input: z.input<typeof CreatePurchaseOrderInput>, call: WriteCall): Result {
  const parsed = parse(CreatePurchaseOrderInput, input, OP("create"));
  return runWrite(shopId, call, OP("create"), input, documentSchema, (scope) => insertOrder(scope, parsed, "Created"));
}

function insertOrder(scope: WriteScope, parsed: z.output<typeof CreatePurchaseOrderInput>, verb: string): WriteOutcome<PurchaseOrderDocument> {
  const { tx, now, shopId } = scope;
  requireActiveLocation(tx, shopId, parsed.locationId);
  const supplier = parsed.supplierId ? requireSupplier(tx, shopId, parsed.supplierId) : defaultSupplier(tx, shopId);
  if (supplier.archived) throw supplierArchived(supplier.name);
  if (parsed.number !== undefined && numberTaken(tx, shopId, parsed.number)) throw duplicateNumber(parsed.number);
  const number = parsed.number ?? nextDocumentNumber(tx, shopId, "purchase_order", "PO-", (n) => numberTaken(tx, shopId, n));
  const id = newId("po");
  const order: PoRow = {
    id,
    shopId,
    number,
    name: parsed.name ?? null,
    supplierId: supplier.id,
    locationId: parsed.locationId,
    status: "draft",
    statusBeforeHold: null,
    currency: supplier.currency,
    taxRateBasisPoints: parsed.taxRate === undefined ? supplier.taxRateBasisPoints : Math.round(parsed.taxRate * 100),
    shippingCostAmount: parsed.shippingCost ?? 0,
    notes: parsed.notes ?? "",
    orderDate: parsed.orderDate ?? null,
    expectedDeliveryDate: parsed.expectedDeliveryDate ?? null,
    sendMethod: null,
    markedAsPaid: parsed.markedAsPaid ?? false,
    billingAddress: parsed.billingAddress ?? null,
    shippingAddress: parsed.shippingAddress ?? null,
    shipment: null,
    sentAt: null,
    confirmedAt: null,
    receivedAt: null,
    completedAt: null,
    cancelledAt: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  tx.insert(purchaseOrders).values(order).run();
  const lines = newLines(tx, shopId, order, [], parsed.lines ?? [], now);
  for (const line of lines) tx.insert(purchaseOrderLines).values(line).run();
  const loaded = { order, lines, payments: [], creditApplications: [], creditsAppliedInPoCurrency: [] };
  return {
    document: presentOrder(loaded, skusOf(tx, shopId, lines)),
    inventoryEffects: [],
    activity: { subjectType: "purchase_order", subjectId: id, summary: `${verb} ${number} for ${supplier.name} with ${lines.length} line(s).`, changes: [] },
  };
}

export function updatePurchaseOrder(shopId: string, id: string, input: z.input<typeof UpdatePurchaseOrderInput>, call: WriteCall): Result {
  const parsed = parse(UpdatePurchaseOrderInput, input, OP("update"));
  return write(shopId, id, "update", input, call, (draft, tx) => {
    const rule = PO_EDIT_RULES[draft.order.status];
    const identity = (["number", "supplierId", "locationId"] as const).filter((field) => parsed[field] !== undefined && parsed[field] !== draft.order[field]);
    if (identity.length && !rule.identity) {
      throw fieldLocked(draft.order, identity, "Number, supplier and location can change only in draft; duplicate the order to start over with others.");
    }
    const header = (Object.keys(parsed) as (keyof typeof parsed)[]).filter((field): field is PoHeaderField => field !== "number" && field !== "supplierId" && field !== "locationId");
    const locked = header.filter((field) => !rule.header.includes(field));
    if (locked.length) throw fieldLocked(draft.order, locked, `In ${draft.order.status} only ${rule.header.join(", ")} can change.`);
    if (parsed.number !== undefined && parsed.number !== draft.order.number) {
      if (numberTaken(tx, shopId, parsed.number)) throw duplicateNumber(parsed.number);
      draft.order.number = parsed.number;
    }
    if (parsed.supplierId !== undefined && parsed.supplierId !== draft.order.supplierId) {
      const supplier = requireSupplier(tx, shopId, parsed.supplierId);
      if (supplier.archived) throw supplierArchived(supplier.name);
      // Spec §4.4: the currency follows the supplier; unit costs keep their numbers.
      draft.order.supplierId = supplier.id;
      draft.order.currency = supplier.currency;
    }
    if (parsed.locationId !== undefined && parsed.locationId !== draft.order.locationId) {
      requireActiveLocation(tx, shopId, parsed.locationId);
      draft.order.locationId = parsed.locationId;
    }
    if (parsed.name !== undefined) draft.order.name = parsed.name;
    if (parsed.taxRate !== undefined) draft.order.taxRateBasisPoints = Math.round(parsed.taxRate * 100);
    if (parsed.shippingCost !== undefined) draft.order.shippingCostAmount = parsed.shippingCost;
    if (parsed.notes !== undefined) draft.order.notes = parsed.notes;
    if (parsed.orderDate !== undefined) draft.order.orderDate = parsed.orderDate;
    if (parsed.expectedDeliveryDate !== undefined) draft.order.expectedDeliveryDate = parsed.expectedDeliveryDate;
    if (parsed.billingAddress !== undefined) draft.order.billingAddress = parsed.billingAddress;
    if (parsed.shippingAddress !== undefined) draft.order.shippingAddress = parsed.shippingAddress;
    if (parsed.markedAsPaid !== undefined) draft.order.markedAsPaid = parsed.markedAsPaid;
    return { summary: `Updated ${draft.order.number}.` };
  });
}

export function addPurchaseOrderLines(shopId: string, id: string, input: z.input<typeof AddPoLinesInput>, call: WriteCall): Result {
  const parsed = parse(AddPoLinesInput, input, OP("addLines"));
  return write(shopId, id, "addLines", input, call, (draft, tx, now) => {
    const rule = PO_EDIT_RULES[draft.order.status].lines;
    if (rule !== "all" && rule !== "open") throw linesLocked(draft.order, "add lines");
    draft.newLines.push(...newLines(tx, shopId, draft.order, draft.live(), parsed.lines, now));
    rederive(draft);
    return { summary: `Added ${parsed.lines.length} line(s) to ${draft.order.number}.` };
  });
}

export function updatePurchaseOrderLines(shopId: string, id: string, input: z.input<typeof UpdatePoLinesInput>, call: WriteCall): Result {
  const parsed = parse(UpdatePoLinesInput, input, OP("updateLines"));
  return write(shopId, id, "updateLines", input, call, (draft) => {
    const rule = PO_EDIT_RULES[draft.order.status].lines;
    if (rule === "none") throw linesLocked(draft.order, "change lines");
    for (const change of parsed.lines) {
      const line = requireLine(draft, change.lineId);
      if (change.ordered !== undefined && change.ordered !== line.ordered) {
        if (rule === "unit_cost") throw linesLocked(draft.order, "change ordered quantities", "Only unitCost can change on a received order.");
        const floor = Math.max(line.confirmed ?? 0, settledOf(line));
        if (rule === "open" && change.ordered < floor) {
          throw new DomainError(
            "ORDERED_BELOW_SETTLED",
            `Line ${line.id} has ${line.confirmed ?? 0} confirmed and ${settledOf(line)} settled units on ${draft.order.number}; ordered cannot go below ${floor}.`,
            { lineId: line.id, ordered: change.ordered, minimum: floor },
          );
        }
        line.ordered = change.ordered;
      }
      if (change.customTitle !== undefined) {
        if (line.variantId !== null) throw validation("lines.customTitle", `Line ${line.id} is a variant line; only custom lines have a title.`);
        if (rule !== "all") throw linesLocked(draft.order, "rename custom lines");
        line.customTitle = change.customTitle;
      }
      if (change.unitCost !== undefined) line.unitCostAmount = change.unitCost;
    }
    rederive(draft);
    return { summary: `Changed ${parsed.lines.length} line(s) on ${draft.order.number}.` };
  });
}

export function removePurchaseOrderLines(shopId: string, id: string, input: z.input<typeof RemovePoLinesInput>, call: WriteCall): Result {
  const parsed = parse(RemovePoLinesInput, input, OP("removeLines"));
  return write(shopId, id, "removeLines", input, call, (draft) => {
    const rule = PO_EDIT_RULES[draft.order.status].lines;
    if (rule !== "all" && rule !== "open") throw linesLocked(draft.order, "remove lines");
    for (const lineId of parsed.lineIds) {
      const line = requireLine(draft, lineId);
      if (rule === "open" && (line.confirmed !== null || settledOf(line) > 0)) {
        throw new DomainError("LINE_HAS_ACTIVITY", `Line ${line.id} on ${draft.order.number} has confirmed or settled units and cannot be removed; lower its ordered quantity or cancel its outstanding units instead.`, { lineId });
      }
      draft.removed.add(line.id);
    }
    rederive(draft);
    return { summary: `Removed ${parsed.lineIds.length} line(s) from ${draft.order.number}.` };
  });
}

export function sendPurchaseOrder(shopId: string, id: string, input: z.input<typeof SendPurchaseOrderInput>, call: WriteCall): Result {
  const parsed = parse(SendPurchaseOrderInput, input, OP("send"));
  return runWrite(shopId, call, OP("send"), { id, input }, documentSchema, (scope) => {
    const { tx } = scope;
    const outcome = changeOrder(scope, id, OP("send"), (draft) => {
      transition(draft, "send");
      if (!draft.lines.length) throw new DomainError("PO_HAS_NO_LINES", `${draft.order.number} has no lines; add at least one line before sending.`);
      if (parsed.method === "email") {
        const shop = tx.select({ emailSendingConfigured: shops.emailSendingConfigured }).from(shops).where(eq(shops.id, shopId)).get();
        if (!shop?.emailSendingConfigured) throw new DomainError("EMAIL_NOT_CONFIGURED", "This store cannot email suppliers yet; send with method \"manual\", or configure email sending first.");
        const supplier = requireSupplier(tx, shopId, draft.order.supplierId);
        if (!supplier.email) throw new DomainError("SUPPLIER_EMAIL_MISSING", `Supplier ${supplier.name} has no email address; add one, or send with method "manual".`, { supplierId: supplier.id });
      }
      draft.order.sendMethod = parsed.method;
      return { summary: `Sent ${draft.order.number} (${parsed.method}).` };
    });
    // Queued from the saved order, in the same transaction: a send that rolls back queues nothing.
    if (parsed.method === "email") queueSupplierEmail(scope, outcome.document);
    return outcome;
  });
}

export function confirmPurchaseOrder(shopId: string, id: string, input: z.input<typeof ConfirmPurchaseOrderInput>, call: WriteCall): Result {
  const parsed = parse(ConfirmPurchaseOrderInput, input, OP("confirm"));
  return write(shopId, id, "confirm", input, call, (draft) => {
    requirePoMove(draft.order, "confirm");
    if (parsed.all) for (const line of draft.lines) line.confirmed ??= line.ordered;
    for (const entry of parsed.lines ?? []) {
      const line = requireLine(draft, entry.lineId);
      if (entry.confirmed > line.ordered) {
        throw new DomainError("CONFIRMED_EXCEEDS_ORDERED", `Line ${line.id} on ${draft.order.number} ordered ${line.ordered}; confirmed cannot be ${entry.confirmed}. Raise ordered first if the supplier ships more.`, { lineId: line.id, ordered: line.ordered, confirmed: entry.confirmed });
      }
      line.confirmed = entry.confirmed;
    }
    transition(draft, "confirm");
    return { summary: `Recorded the supplier's confirmation of ${draft.order.number}.` };
  });
}

export function markPurchaseOrderInProgress(shopId: string, id: string, input: z.input<typeof NoInput>, call: WriteCall): Result {
  return simpleEvent(shopId, id, input, call, "markInProgress", (order) => `Marked ${order.number} in progress.`);
}

export function receivePurchaseOrder(shopId: string, id: string, input: z.input<typeof ReceivePurchaseOrderInput>, call: WriteCall): Result {
  const parsed = parse(ReceivePurchaseOrderInput, input, OP("receive"));
  return write(shopId, id, "receive", input, call, (draft) => {
    requirePoMove(draft.order, "receive");
    let units = 0;
    for (const entry of parsed.lines) {
      const line = requireLine(draft, entry.lineId);
      const [received, rejected, cancelled] = [entry.received ?? 0, entry.rejected ?? 0, entry.cancelled ?? 0];
      if (settledOf(line) + received + rejected + cancelled > line.ordered && !parsed.allowOverReceipt) {
        throw new DomainError(
          "OVER_RECEIPT",
          `Line ${line.id} on ${draft.order.number} ordered ${line.ordered} and has ${settledOf(line)} settled; this receipt would settle ${settledOf(line) + received + rejected + cancelled}. Pass allowOverReceipt: true if the supplier really sent more.`,
          { lineId: line.id, ordered: line.ordered, settled: settledOf(line) },
        );
      }
      line.received += received;
      line.rejected += rejected;
      line.cancelled += cancelled;
      addOnHand(draft, line, received);
      units += received;
    }
    transition(draft, "receive");
    return { summary: `Received ${units} unit(s) on ${draft.order.number}.` };
  });
}

export function unreceivePurchaseOrder(shopId: string, id: string, input: z.input<typeof UnreceivePurchaseOrderInput>, call: WriteCall): Result {
  const parsed = parse(UnreceivePurchaseOrderInput, input, OP("unreceive"));
  return write(shopId, id, "unreceive", input, call, (draft) => {
    requirePoMove(draft.order, "unreceive");
    let units = 0;
    for (const entry of parsed.lines) {
      const line = requireLine(draft, entry.lineId);
      for (const bucket of ["received", "rejected", "cancelled"] as const) {
        const amount = entry[bucket] ?? 0;
        if (amount > line[bucket]) {
          throw new DomainError("BELOW_ZERO", `Line ${line.id} on ${draft.order.number} has ${line[bucket]} ${bucket}; cannot take back ${amount}.`, { lineId: line.id, field: bucket, current: line[bucket], requested: amount });
        }
        line[bucket] -= amount;
      }
      addOnHand(draft, line, -(entry.received ?? 0));
      units += entry.received ?? 0;
    }
    transition(draft, "unreceive");
    return { summary: `Took back ${units} received unit(s) on ${draft.order.number}.` };
  });
}

export function completePurchaseOrder(shopId: string, id: string, input: z.input<typeof CompletePurchaseOrderInput>, call: WriteCall): Result {
  const parsed = parse(CompletePurchaseOrderInput, input, OP("complete"));
  return write(shopId, id, "complete", input, call, (draft) => {
    requirePoMove(draft.order, "complete");
    const outstanding = draft.lines.reduce((sum, line) => sum + outstandingOf(line), 0);
    if (outstanding > 0 && !parsed.cancelOutstanding) {
      throw new DomainError("OUTSTANDING_QUANTITY", `${draft.order.number} still expects ${outstanding} unit(s). Receive them, pass cancelOutstanding: true to cancel them, or use quickComplete to receive them in full.`, { outstanding });
    }
    for (const line of draft.lines) line.cancelled += outstandingOf(line);
    transition(draft, "complete");
    return { summary: `Completed ${draft.order.number}${outstanding ? `, cancelling ${outstanding} outstanding unit(s)` : ""}.` };
  });
}

export function quickCompletePurchaseOrder(shopId: string, id: string, input: z.input<typeof NoInput>, call: WriteCall): Result {
  parse(NoInput, input, OP("quickComplete"));
  return write(shopId, id, "quickComplete", input, call, (draft) => {
    requirePoMove(draft.order, "quickComplete");
    let units = 0;
    for (const line of draft.lines) {
      const outstanding = outstandingOf(line);
      line.received += outstanding;
      addOnHand(draft, line, outstanding);
      units += outstanding;
    }
    transition(draft, "quickComplete");
    return { summary: `Received ${units} outstanding unit(s) and completed ${draft.order.number}.` };
  });
}

export function holdPurchaseOrder(shopId: string, id: string, input: z.input<typeof NoInput>, call: WriteCall): Result {
  return simpleEvent(shopId, id, input, call, "hold", (order) => `Put ${order.number} on hold.`);
}

export function disputePurchaseOrder(shopId: string, id: string, input: z.input<typeof NoInput>, call: WriteCall): Result {
  return simpleEvent(shopId, id, input, call, "dispute", (order) => `Opened a dispute on ${order.number}.`);
}

export function resumePurchaseOrder(shopId: string, id: string, input: z.input<typeof NoInput>, call: WriteCall): Result {
  return simpleEvent(shopId, id, input, call, "resume", (order) => `Resumed ${order.number}.`);
}

export function cancelPurchaseOrder(shopId: string, id: string, input: z.input<typeof NoInput>, call: WriteCall): Result {
  parse(NoInput, input, OP("cancel"));
  return write(shopId, id, "cancel", input, call, (draft, tx, now) => {
    transition(draft, "cancel");
    reverseCreditApplications(tx, shopId, draft.order.id, now);
    const withdrawn = withdrawQueuedEmails(tx, shopId, draft.order.id, now);
    const emails = withdrawn === 0 ? "" : withdrawn === 1 ? " Its queued email to the supplier was withdrawn." : ` ${withdrawn} queued emails to the supplier were withdrawn.`;
    return { summary: `Cancelled ${draft.order.number}; payments and received stock stay.${emails}` };
  });
}

export function reopenPurchaseOrder(shopId: string, id: string, input: z.input<typeof NoInput>, call: WriteCall): Result {
  return simpleEvent(shopId, id, input, call, "reopen", (order) => `Reopened ${order.number}.`, (draft) => {
    draft.order.completedAt = null;
  });
}

/** Removes a Draft or Cancelled order with its lines, payments, supplier emails and activity log (spec §2.13). */
export function deletePurchaseOrder(shopId: string, id: string, input: z.input<typeof NoInput>, call: WriteCall): Result {
  parse(NoInput, input, OP("delete"));
  return runWrite(shopId, call, OP("delete"), { id, ...input }, documentSchema, ({ tx }) => {
    const loaded = loadOrder(tx, shopId, id);
    if (loaded.order.status !== "draft" && loaded.order.status !== "cancelled") {
      throw new DomainError("NOT_DELETABLE", `${loaded.order.number} is ${loaded.order.status}; only draft or cancelled orders can be deleted. Cancel it first.`, { status: loaded.order.status });
    }
    applyPoEvent(loaded.order, "delete", () => loaded.order.status);
    const document = presentOrder(loaded, skusOf(tx, shopId, loaded.lines));
    const own = <T extends { shopId: unknown; purchaseOrderId: unknown }>(table: T) => table;
    for (const table of [own(supplierEmails), own(supplierCreditApplications), own(purchaseOrderPayments), own(purchaseOrderLines)]) {
      tx.delete(table).where(and(eq(table.shopId, shopId), eq(table.purchaseOrderId, id))).run();
    }
    tx.delete(activityLog).where(and(eq(activityLog.shopId, shopId), eq(activityLog.subjectType, "purchase_order"), eq(activityLog.subjectId, id))).run();
    tx.delete(purchaseOrders).where(and(eq(purchaseOrders.shopId, shopId), eq(purchaseOrders.id, id), eq(purchaseOrders.version, loaded.order.version))).run();
    return { document, inventoryEffects: [], activity: null };
  });
}

/** A new Draft with the same supplier, location, header and lines (ordered quantities and costs). */
export function duplicatePurchaseOrder(shopId: string, id: string, input: z.input<typeof NoInput>, call: WriteCall): Result {
  parse(NoInput, input, OP("duplicate"));
  return runWrite(shopId, call, OP("duplicate"), { id, input }, documentSchema, (scope) => {
    const source = loadOrder(scope.tx, shopId, id);
    const copy = parse(
      CreatePurchaseOrderInput,
      {
        locationId: source.order.locationId,
        supplierId: source.order.supplierId,
        name: source.order.name,
        taxRate: source.order.taxRateBasisPoints / 100,
        shippingCost: source.order.shippingCostAmount,
        notes: source.order.notes,
        expectedDeliveryDate: source.order.expectedDeliveryDate,
        billingAddress: source.order.billingAddress,
        shippingAddress: source.order.shippingAddress,
        lines: source.lines.map((line) =>
          line.variantId === null ? { customTitle: line.customTitle ?? "", ordered: line.ordered, unitCost: line.unitCostAmount } : { variantId: line.variantId, ordered: line.ordered, unitCost: line.unitCostAmount },
        ),
      },
      OP("duplicate"),
    );
    return insertOrder(scope, copy, `Duplicated ${source.order.number} as`);
  });
}

export function addPurchaseOrderPayment(shopId: string, id: string, input: z.input<typeof PaymentInput>, call: WriteCall): Result {
  const parsed = parse(PaymentInput, input, OP("addPayment"));
  return write(shopId, id, "addPayment", input, call, (draft, tx, now) => {
    const exchangeRate = requireRate(draft.order, parsed.amount.currency, parsed.exchangeRate ?? null);
    tx.insert(purchaseOrderPayments)
      .values({ id: newId("pay"), shopId, purchaseOrderId: id, amount: parsed.amount.amount, currency: parsed.amount.currency, exchangeRate, paidOn: parsed.paidOn, method: parsed.method, reference: parsed.reference ?? null, notes: parsed.notes ?? null, createdAt: now })
      .run();
    return { summary: `Recorded a payment of ${parsed.amount.amount} ${parsed.amount.currency} (minor units) on ${draft.order.number}.` };
  });
}

export function updatePurchaseOrderPayment(shopId: string, id: string, input: z.input<typeof UpdatePaymentInput>, call: WriteCall): Result {
  const parsed = parse(UpdatePaymentInput, input, OP("updatePayment"));
  return write(shopId, id, "updatePayment", input, call, (draft, tx) => {
    const payment = tx.select().from(purchaseOrderPayments).where(and(eq(purchaseOrderPayments.shopId, shopId), eq(purchaseOrderPayments.purchaseOrderId, id), eq(purchaseOrderPayments.id, parsed.paymentId))).get();
    if (!payment) throw notFound("payment", parsed.paymentId);
    const amount = parsed.amount ?? { amount: payment.amount, currency: payment.currency };
    const exchangeRate = requireRate(draft.order, amount.currency, parsed.exchangeRate === undefined ? payment.exchangeRate : parsed.exchangeRate);
    tx.update(purchaseOrderPayments)
      .set({ amount: amount.amount, currency: amount.currency, exchangeRate, paidOn: parsed.paidOn ?? payment.paidOn, method: parsed.method ?? payment.method, reference: parsed.reference === undefined ? payment.reference : parsed.reference, notes: parsed.notes === undefined ? payment.notes : parsed.notes })
      .where(eq(purchaseOrderPayments.id, payment.id))
      .run();
    return { summary: `Changed a payment on ${draft.order.number}.`, changes: [{ field: `payments.${payment.id}`, from: { amount: payment.amount, currency: payment.currency }, to: amount }] };
  });
}

export function removePurchaseOrderPayment(shopId: string, id: string, input: z.input<typeof RemovePaymentInput>, call: WriteCall): Result {
  const parsed = parse(RemovePaymentInput, input, OP("removePayment"));
  return write(shopId, id, "removePayment", input, call, (draft, tx) => {
    const removed = tx.delete(purchaseOrderPayments).where(and(eq(purchaseOrderPayments.shopId, shopId), eq(purchaseOrderPayments.purchaseOrderId, id), eq(purchaseOrderPayments.id, parsed.paymentId))).run();
    if (removed.changes === 0) throw notFound("payment", parsed.paymentId);
    return { summary: `Removed a payment from ${draft.order.number}.`, changes: [{ field: `payments.${parsed.paymentId}`, from: "recorded", to: null }] };
  });
}

export function setPurchaseOrderShipment(shopId: string, id: string, input: z.input<typeof SetShipmentInput>, call: WriteCall): Result {
  const parsed = parse(SetShipmentInput, input, OP("setShipment"));
  return write(shopId, id, "setShipment", input, call, (draft) => {
    if (draft.order.status === "cancelled") throw fieldLocked(draft.order, ["shipment"], "A cancelled order keeps no shipment.");
    draft.order.shipment = parsed;
    return { summary: `Set the shipment of ${draft.order.number}.` };
  });
}

export function removePurchaseOrderShipment(shopId: string, id: string, input: z.input<typeof NoInput>, call: WriteCall): Result {
  parse(NoInput, input, OP("removeShipment"));
  return write(shopId, id, "removeShipment", input, call, (draft) => {
    if (draft.order.status === "cancelled") throw fieldLocked(draft.order, ["shipment"], "A cancelled order keeps no shipment.");
    draft.order.shipment = null;
    return { summary: `Removed the shipment of ${draft.order.number}.` };
  });
}

/** Draws on a supplier credit for this order (§4.3); the amount is in the credit's currency. */
export function applyCreditToPurchaseOrder(shopId: string, id: string, input: z.input<typeof ApplyCreditInput>, call: WriteCall): Result {
  const parsed = parse(ApplyCreditInput, input, OP("applyCredit"));
  return write(shopId, id, "applyCredit", input, call, (draft, tx, now) => {
    refuseWhenClosed(draft.order, "applyCredit");
    const credit = tx.select().from(supplierCredits).where(and(eq(supplierCredits.shopId, shopId), eq(supplierCredits.id, parsed.creditId))).get();
    if (!credit) throw notFound("supplier credit", parsed.creditId);
    if (credit.status !== "active" || credit.supplierId !== draft.order.supplierId) {
      throw new DomainError("CREDIT_NOT_APPLICABLE", `Credit ${credit.number} is ${credit.status === "active" ? "another supplier's" : "voided"}; only the order's supplier's active credits can be applied.`, { creditId: credit.id });
    }
    if (parsed.amount > credit.availableBalance) {
      throw new DomainError("CREDIT_EXCEEDS_BALANCE", `Credit ${credit.number} has ${credit.availableBalance} (minor units of ${credit.currency}) left; apply at most that.`, { creditId: credit.id, availableBalance: credit.availableBalance });
    }
    const rate = credit.currency === draft.order.currency ? "1" : (parsed.exchangeRate ?? null);
    if (rate === null) throw new DomainError("EXCHANGE_RATE_REQUIRED", `Credit ${credit.number} is in ${credit.currency} and ${draft.order.number} in ${draft.order.currency}; pass exchangeRate.`, { currency: credit.currency, poCurrency: draft.order.currency });
    const amountInPoCurrency = convertAmount(parsed.amount, rate);
    const { total, creditsApplied } = poTotals(draft.order, draft.live(), [], appliedCredits(tx, shopId, id));
    if (creditsApplied + amountInPoCurrency > total) {
      throw new DomainError("CREDIT_EXCEEDS_TOTAL", `${draft.order.number} totals ${total} and already has ${creditsApplied} in credits (minor units of ${draft.order.currency}); this application would exceed the total.`, { total, creditsApplied, amountInPoCurrency });
    }
    const saved = tx.update(supplierCredits).set({ availableBalance: credit.availableBalance - parsed.amount, version: credit.version + 1 }).where(and(eq(supplierCredits.id, credit.id), eq(supplierCredits.version, credit.version))).run();
    requireUpdated(saved.changes, "supplier credit", credit.number);
    const applicationId = newId("capp");
    tx.insert(supplierCreditApplications).values({ id: applicationId, shopId, creditId: credit.id, purchaseOrderId: id, amount: parsed.amount, exchangeRate: rate, amountInPoCurrency, appliedAt: now }).run();
    return { summary: `Applied ${parsed.amount} ${credit.currency} (minor units) of credit ${credit.number} to ${draft.order.number}.`, changes: [{ field: `creditApplications.${applicationId}`, from: null, to: { creditId: credit.id, amount: parsed.amount, amountInPoCurrency } }] };
  });
}

export function reverseCreditApplication(shopId: string, id: string, input: z.input<typeof ReverseCreditApplicationInput>, call: WriteCall): Result {
  const parsed = parse(ReverseCreditApplicationInput, input, OP("reverseCreditApplication"));
  return write(shopId, id, "reverseCreditApplication", input, call, (draft, tx, now) => {
    refuseWhenClosed(draft.order, "reverseCreditApplication");
    const application = tx
      .select()
      .from(supplierCreditApplications)
      .where(and(eq(supplierCreditApplications.shopId, shopId), eq(supplierCreditApplications.purchaseOrderId, id), eq(supplierCreditApplications.id, parsed.applicationId), isNull(supplierCreditApplications.reversedAt)))
      .get();
    if (!application) throw notFound("credit application", parsed.applicationId);
    restoreCredit(tx, application, now);
    return { summary: `Reversed a credit application on ${draft.order.number}.`, changes: [{ field: `creditApplications.${application.id}`, from: { amount: application.amount }, to: null }] };
  });
}

// ---------------------------------------------------------------------------------------------

function write(
  shopId: string,
  id: string,
  name: string,
  input: unknown,
  call: WriteCall,
  change: (draft: OrderDraft, tx: Transaction, now: Date) => { summary: string; changes?: { field: string; from: unknown; to: unknown }[] },
): Result {
  return runWrite(shopId, call, OP(name), { id, input }, documentSchema, (scope) => changeOrder(scope, id, OP(name), (draft) => change(draft, scope.tx, scope.now)));
}

function simpleEvent(
  shopId: string,
  id: string,
  input: unknown,
  call: WriteCall,
  event: PoEvent,
  summary: (order: PoRow) => string,
  alsoDo?: (draft: OrderDraft, tx: Transaction, now: Date) => void,
): Result {
  parse(NoInput, input, OP(event));
  return write(shopId, id, event, input, call, (draft, tx, now) => {
    transition(draft, event);
    alsoDo?.(draft, tx, now);
    return { summary: summary(draft.order) };
  });
}

/** Moves the draft's status by the table; hold and dispute remember where they came from. */
function transition(draft: OrderDraft, event: PoEvent): void {
  const from = draft.order.status;
  const next = applyPoEvent(draft.order, event, () => derivePoStatus(from, draft.live()));
  if (next === "deleted") throw new Error("delete is handled by deletePurchaseOrder");
  if (event === "hold" || event === "dispute") draft.order.statusBeforeHold = from === "on_hold" ? draft.order.statusBeforeHold : from;
  if (event === "resume" || event === "cancel") draft.order.statusBeforeHold = null;
  draft.order.status = next;
}

/** Line changes on an open order re-derive its status (§4.1). */
function rederive(draft: OrderDraft): void {
  const status = draft.order.status;
  if (status === "draft" || PO_EDIT_RULES[status].lines === "none") return;
  draft.order.status = derivePoStatus(status, draft.live());
}

function newLines(tx: Transaction, shopId: string, order: PoRow, existing: PoLineRow[], lines: z.output<typeof NewPoLine>[], now: Date): PoLineRow[] {
  const onOrder = new Set(existing.flatMap((line) => (line.variantId ? [line.variantId] : [])));
  return lines.map((input, index) => {
    const base = { id: newId("pol"), shopId, purchaseOrderId: order.id, ordered: input.ordered, confirmed: null, received: 0, cancelled: 0, rejected: 0, createdAt: new Date(now.getTime() + index) };
    if (!("variantId" in input)) return { ...base, variantId: null, customTitle: input.customTitle, unitCostAmount: input.unitCost ?? 0 };
    const variant = tx.select({ id: variants.id, tracked: variants.inventoryTracked }).from(variants).where(and(eq(variants.shopId, shopId), eq(variants.id, input.variantId))).get();
    if (!variant) throw notFound("variant", input.variantId);
    if (!variant.tracked) throw new DomainError("VARIANT_NOT_TRACKED", `Variant ${input.variantId} does not track inventory, so it cannot be on a purchase order; use a custom line instead.`, { variantId: input.variantId });
    if (onOrder.has(input.variantId)) throw new DomainError("DUPLICATE_LINE", `Variant ${input.variantId} is already on ${order.number}; change that line's ordered quantity instead.`, { variantId: input.variantId });
    onOrder.add(input.variantId);
    const link = tx
      .select({ cost: supplierVariants.costAmount })
      .from(supplierVariants)
      .where(and(eq(supplierVariants.shopId, shopId), eq(supplierVariants.supplierId, order.supplierId), eq(supplierVariants.variantId, input.variantId)))
      .get();
    return { ...base, variantId: input.variantId, customTitle: null, unitCostAmount: input.unitCost ?? link?.cost ?? 0 };
  });
}

function reverseCreditApplications(tx: Transaction, shopId: string, purchaseOrderId: string, now: Date): void {
  const applications = tx
    .select()
    .from(supplierCreditApplications)
    .where(and(eq(supplierCreditApplications.shopId, shopId), eq(supplierCreditApplications.purchaseOrderId, purchaseOrderId), isNull(supplierCreditApplications.reversedAt)))
    .all();
  for (const application of applications) restoreCredit(tx, application, now);
}

function restoreCredit(tx: Transaction, application: typeof supplierCreditApplications.$inferSelect, now: Date): void {
  const credit = tx.select().from(supplierCredits).where(eq(supplierCredits.id, application.creditId)).get();
  // The application's foreign key guarantees its credit.
  if (!credit) throw new Error(`credit ${application.creditId} of application ${application.id} is missing`);
  const saved = tx.update(supplierCredits).set({ availableBalance: credit.availableBalance + application.amount, version: credit.version + 1 }).where(and(eq(supplierCredits.id, credit.id), eq(supplierCredits.version, credit.version))).run();
  requireUpdated(saved.changes, "supplier credit", credit.number);
  tx.update(supplierCreditApplications).set({ reversedAt: now }).where(eq(supplierCreditApplications.id, application.id)).run();
}

function appliedCredits(tx: Transaction, shopId: string, purchaseOrderId: string): number[] {
  return tx
    .select({ amount: supplierCreditApplications.amountInPoCurrency })
    .from(supplierCreditApplications)
    .where(and(eq(supplierCreditApplications.shopId, shopId), eq(supplierCreditApplications.purchaseOrderId, purchaseOrderId), isNull(supplierCreditApplications.reversedAt)))
    .all()
    .map((row) => row.amount);
}

/** Credits move only on orders still open to billing changes (§4.3). */
function refuseWhenClosed(order: PoRow, operation: string): void {
  if (order.status === "completed" || order.status === "cancelled") throw new TransitionError("purchase order", order.status, operation, allowedPoEvents(order));
}

function requireRate(order: PoRow, currency: string, rate: string | null): string | null {
  if (currency === order.currency) return null;
  if (rate === null) throw new DomainError("EXCHANGE_RATE_REQUIRED", `The payment is in ${currency} and ${order.number} is in ${order.currency}; pass exchangeRate (${currency} to ${order.currency}).`, { currency, poCurrency: order.currency });
  return rate;
}

function requireActiveLocation(tx: Transaction, shopId: string, locationId: string): void {
  const location = tx.select({ active: locations.active, name: locations.name }).from(locations).where(and(eq(locations.shopId, shopId), eq(locations.id, locationId))).get();
  if (!location) throw notFound("location", locationId);
  if (!location.active) throw new DomainError("LOCATION_INACTIVE", `Location ${location.name} is deactivated in Shopify; choose an active location.`, { locationId });
}

function requireSupplier(tx: Transaction, shopId: string, supplierId: string) {
  const supplier = tx.select().from(suppliers).where(and(eq(suppliers.shopId, shopId), eq(suppliers.id, supplierId))).get();
  if (!supplier) throw notFound("supplier", supplierId);
  return supplier;
}

function defaultSupplier(tx: Transaction, shopId: string) {
  const supplier = tx.select().from(suppliers).where(and(eq(suppliers.shopId, shopId), eq(suppliers.isDefault, true))).get();
  // Every shop gets its Default supplier at install; a shop without one is corrupt data.
  if (!supplier) throw new Error(`shop ${shopId} has no Default supplier`);
  return supplier;
}

function numberTaken(tx: Transaction, shopId: string, number: string): boolean {
  return tx.select({ id: purchaseOrders.id }).from(purchaseOrders).where(and(eq(purchaseOrders.shopId, shopId), eq(purchaseOrders.number, number))).get() !== undefined;
}

function duplicateNumber(number: string): DomainError {
  return new DomainError("DUPLICATE_NUMBER", `Number ${number} is already used in this store; choose another, or omit it to get the next one.`, { number });
}

function supplierArchived(name: string): DomainError {
  return new DomainError("SUPPLIER_ARCHIVED", `Supplier ${name} is archived and cannot be put on a purchase order; choose an active supplier.`);
}

function fieldLocked(order: PoRow, fields: readonly string[], instead: string): DomainError {
  return new DomainError("FIELD_LOCKED", `${fields.join(", ")} cannot change on ${order.number} in status ${order.status}. ${instead}`, { status: order.status, fields });
}

function linesLocked(order: PoRow, what: string, instead?: string): DomainError {
  const rule = PO_EDIT_RULES[order.status].lines;
  return new DomainError(
    "FIELD_LOCKED",
    `Cannot ${what} on ${order.number} in status ${order.status}. ${instead ?? (rule === "none" ? "Lines are locked in this status; resume or reopen the order first, or duplicate it." : "Only unitCost can change in this status.")}`,
    { status: order.status, fields: ["lines"] },
  );
}

function validation(field: string, problem: string): DomainError {
  return new DomainError("VALIDATION_FAILED", problem, { fields: [{ field, problem }] });
}

