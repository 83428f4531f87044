/**
 * The demo store's stock takes, supplier returns, supplier credits, payments and reorder rules,
 * made after its purchase orders and transfers. Everything but the manual credit goes through the
 * domain's operations at a believable past time, so levels, credits and activity agree with the
 * documents by construction; manual credits are staff-made and have no operation, so that one row
 * is inserted as the app's credit screen would store it.
 */
import { and, eq, gte } from "drizzle-orm";
import {
  addPurchaseOrderPayment,
  applyCreditToPurchaseOrder,
  approveSupplierReturn,
  cancelStockTake,
  cancelSupplierReturn,
  closeSupplierReturn,
  completeStockTake,
  completeSupplierReturnInspection,
  createStockTake,
  createSupplierReturn,
  getPurchaseOrder,
  holdSupplierReturn,
  markSupplierReturnReceivedBySupplier,
  quickApproveAndShipSupplierReturn,
  recordStockTakeCounts,
  rejectSupplierReturn,
  resolveSupplierReturn,
  setReorderRules,
  shipSupplierReturn,
  startStockTakeCounting,
  submitSupplierReturn,
  type PoStatus,
  type RmaStatus,
  type StStatus,
  type WriteCall,
} from "../app/inventory/index.server";
import type { AppDatabase } from "./client";
import { newId } from "./ids";
import * as schema from "./schema";

/** What the rest of the seed made, and how to stamp a write at a past moment. */
export type SeedContext = {
  db: AppDatabase;
  shopId: string;
  /** Oldest first; the first is the warehouse. */
  locationIds: string[];
  trackedVariants: { id: string; cost: number; supplierId: string }[];
  suppliers: { id: string; currency: string; isDefault: boolean }[];
  purchaseOrders: { id: string; supplierId: string; status: PoStatus }[];
  countReasonIds: { damaged: string; found: string };
  int: (min: number, max: number) => number;
  pick: <T>(items: readonly T[]) => T;
  daysAgo: (days: number, jitterHours?: number) => Date;
  /** The write call of the seed's actor, `hoursLater` after `start`. */
  callAt: (start: Date, hoursLater: number) => WriteCall;
};

const STOCK_TAKE_PLAN = [
  { status: "draft", daysAgo: 1, location: 1, name: "Seattle jackets wall" },
  { status: "counting", daysAgo: 2, location: 2, name: "Denver weekly cycle count" },
  { status: "completed", daysAgo: 19, location: 1, name: "Seattle quarter-end count" },
  { status: "completed", daysAgo: 48, location: 0, name: "Warehouse aisle 4" },
  { status: "cancelled", daysAgo: 26, location: 3, name: "Austin returns cage" },
] as const satisfies readonly { status: StStatus; daysAgo: number; location: number; name: string }[];

export function seedStockTakes(context: SeedContext): void {
  const { shopId, int, pick } = context;
  STOCK_TAKE_PLAN.forEach((plan) => {
    const locationId = context.locationIds[plan.location]!;
    const stocked = levelsAt(context, locationId, 0);
    const variantIds = Array.from({ length: int(6, 12) }, () => pick(stocked).variantId).filter((id, i, all) => all.indexOf(id) === i);
    const created = context.daysAgo(plan.daysAgo, int(0, 6));
    const at = (hoursLater: number) => context.callAt(created, hoursLater);
    const stockTake = createStockTake(shopId, { locationId, name: plan.name, variantIds }, at(0)).document;
    if (plan.status === "draft") return;
    const lines = startStockTakeCounting(shopId, stockTake.id, {}, at(1)).document.lines;
    if (plan.status === "cancelled") {
      cancelStockTake(shopId, stockTake.id, {}, at(3));
      return;
    }
    const available = new Map(stocked.map((level) => [level.variantId, level.available]));
    // A count never takes away more than is available, so completing leaves no level negative.
    const counts = lines.map((line) => {
      const delta = Math.max(pick([-2, -1, 0, 0, 0, 0, 1, 3]), -available.get(line.variantId)!);
      const reasonId = delta < 0 ? context.countReasonIds.damaged : delta > 0 ? context.countReasonIds.found : null;
      return { lineId: line.id, counted: line.expected! + delta, reasonId };
    });
    const counted = plan.status === "counting" ? counts.slice(0, Math.ceil(counts.length / 2)) : counts;
    recordStockTakeCounts(shopId, stockTake.id, { counts: counted }, at(2));
    if (plan.status === "completed") completeStockTake(shopId, stockTake.id, {}, at(3));
  });
}

/** Every status of spec/domain.md §7.1, reached the way staff would reach it. */
const RETURN_PATHS = {
  draft: [],
  pending_approval: ["submit"],
  approved: ["submit", "approve"],
  in_transit: ["submit", "approve", "ship"],
  received_by_supplier: ["submit", "approve", "ship", "markReceivedBySupplier"],
  inspection_complete: ["submit", "approve", "ship", "markReceivedBySupplier", "completeInspection"],
  resolved: ["submit", "approve", "ship", "markReceivedBySupplier", "completeInspection", "resolve"],
  closed: ["submit", "quickApproveAndShip", "markReceivedBySupplier", "completeInspection", "resolve", "close"],
  on_hold: ["submit", "approve", "hold"],
  rejected: ["submit", "reject"],
  cancelled: ["submit", "quickApproveAndShip", "cancel"],
} as const satisfies Record<RmaStatus, readonly string[]>;

type ReturnStep = (typeof RETURN_PATHS)[RmaStatus][number];

const RETURN_PLAN = [
  { status: "draft", daysAgo: 2, reason: "Overstock return agreed with the rep" },
  { status: "pending_approval", daysAgo: 4, reason: "Wrong colour shipped" },
  { status: "approved", daysAgo: 6, reason: "Defective zippers" },
  { status: "in_transit", daysAgo: 9, reason: "Seams failing on first wear" },
  { status: "on_hold", daysAgo: 11, reason: "Waiting for the supplier's return label" },
  { status: "received_by_supplier", daysAgo: 13, reason: "Delamination on the soles" },
  { status: "inspection_complete", daysAgo: 16, reason: "Faded dye lot" },
  { status: "rejected", daysAgo: 18, reason: "Past the supplier's return window" },
  { status: "resolved", daysAgo: 22, reason: "Broken buckles" },
  { status: "cancelled", daysAgo: 25, reason: "Shipped by mistake; units came back" },
  { status: "closed", daysAgo: 35, reason: "Water-resistance test failed" },
] as const satisfies readonly { status: RmaStatus; daysAgo: number; reason: string }[];

const DISPOSITIONS = ["restock", "scrap", "repair"] as const;

/**
 * Returns from the warehouse, each to a supplier of the units it sends back. The closed return's
 * credit is then partly applied to an open purchase order of the same supplier.
 */
export function seedSupplierReturns(context: SeedContext): void {
  const { db, shopId, int, pick } = context;
  const warehouseId = context.locationIds[0]!;
  const plenty = new Set(levelsAt(context, warehouseId, 20).map((level) => level.variantId));
  // Same-currency suppliers with an open order, so a credit can be drawn on without a rate.
  const suppliers = context.suppliers.filter((supplier) => !supplier.isDefault && supplier.currency === "USD");
  let closedCredit: { creditId: string; supplierId: string; amount: number } | undefined;
  RETURN_PLAN.forEach((plan, index) => {
    const supplier = suppliers[index % suppliers.length]!;
    const theirs = context.trackedVariants.filter((variant) => variant.supplierId === supplier.id && plenty.has(variant.id));
    const lines = Array.from({ length: int(1, 3) }, () => pick(theirs)).filter((v, i, all) => all.findIndex((w) => w.id === v.id) === i);
    const created = context.daysAgo(plan.daysAgo, int(0, 6));
    const at = (hoursLater: number) => context.callAt(created, hoursLater);
    const quantities = lines.map(() => int(1, 4));
    const creditAmount = lines.reduce((sum, variant, i) => sum + variant.cost * quantities[i]!, 0);
    const id = createSupplierReturn(
      shopId,
      {
        supplierId: supplier.id,
        locationId: warehouseId,
        reason: plan.reason,
        lines: lines.map((variant, i) => ({ variantId: variant.id, quantity: quantities[i]!, reason: plan.reason, disposition: pick(DISPOSITIONS) })),
      },
      at(0),
    ).document.id;
    const steps: { [Step in ReturnStep]: (call: WriteCall) => unknown } = {
      submit: (call) => submitSupplierReturn(shopId, id, {}, call),
      approve: (call) => approveSupplierReturn(shopId, id, {}, call),
      reject: (call) => rejectSupplierReturn(shopId, id, {}, call),
      ship: (call) => shipSupplierReturn(shopId, id, {}, call),
      quickApproveAndShip: (call) => quickApproveAndShipSupplierReturn(shopId, id, {}, call),
      markReceivedBySupplier: (call) => markSupplierReturnReceivedBySupplier(shopId, id, {}, call),
      completeInspection: (call) => completeSupplierReturnInspection(shopId, id, {}, call),
      resolve: (call) => resolveSupplierReturn(shopId, id, { credit: { amount: creditAmount } }, call),
      close: (call) => closeSupplierReturn(shopId, id, {}, call),
      hold: (call) => holdSupplierReturn(shopId, id, {}, call),
      cancel: (call) => cancelSupplierReturn(shopId, id, {}, call),
    };
    const path: readonly ReturnStep[] = RETURN_PATHS[plan.status];
    path.forEach((step, position) => steps[step](at(24 * (position + 1))));
    if (plan.status === "closed") {
      const rma = db.select({ creditId: schema.supplierReturns.creditId }).from(schema.supplierReturns).where(eq(schema.supplierReturns.id, id)).get()!;
      closedCredit = { creditId: rma.creditId!, supplierId: supplier.id, amount: creditAmount };
    }
  });
  if (closedCredit) applyPartOfCredit(context, closedCredit);
}

function applyPartOfCredit(context: SeedContext, credit: { creditId: string; supplierId: string; amount: number }): void {
  const open = context.purchaseOrders.find((order) => order.supplierId === credit.supplierId && ["sent", "confirmed", "partially_confirmed", "in_progress"].includes(order.status));
  if (!open) throw new Error("the seed's purchase-order plan has no open order for the supplier of the closed return");
  const total = getPurchaseOrder(context.shopId, open.id, { database: context.db })!.totals.total.amount;
  const amount = Math.min(credit.amount, Math.floor(total / 4));
  applyCreditToPurchaseOrder(context.shopId, open.id, { creditId: credit.creditId, amount }, context.callAt(context.daysAgo(3, 2), 0));
}

/** A goodwill credit staff recorded by hand: no return, no operation, its whole balance available. */
export function seedManualCredit(context: SeedContext): void {
  const supplier = context.suppliers.find((candidate) => !candidate.isDefault && candidate.currency !== "USD") ?? context.suppliers[1]!;
  const issued = context.daysAgo(29);
  context.db
    .insert(schema.supplierCredits)
    .values({ id: newId("cred"), shopId: context.shopId, supplierId: supplier.id, number: "CM-GOODWILL-1", amount: 15_000, availableBalance: 15_000, currency: supplier.currency, origin: "manual", supplierReturnId: null, status: "active", issuedOn: issued.toISOString().slice(0, 10), createdAt: issued })
    .run();
}

/** Settled orders paid in full; one order still being received has a deposit on it. */
export function seedPayments(context: SeedContext): void {
  const paid = [...context.purchaseOrders.filter((order) => order.status === "completed"), ...context.purchaseOrders.filter((order) => order.status === "partially_received").slice(0, 1)];
  paid.forEach((order, index) => {
    const document = getPurchaseOrder(context.shopId, order.id, { database: context.db })!;
    const deposit = order.status !== "completed";
    const amount = deposit ? Math.round(document.totals.total.amount * 0.3) : document.totals.due.amount;
    if (amount <= 0) return;
    const paidAt = new Date(Date.parse(document.createdAt) + (deposit ? 2 : 20) * 86_400_000);
    addPurchaseOrderPayment(
      context.shopId,
      order.id,
      { amount: { amount, currency: document.currency }, paidOn: paidAt.toISOString().slice(0, 10), method: deposit ? "check" : "wire", reference: `${deposit ? "CHK" : "WIRE"}-${4410 + index}`, notes: deposit ? "30% deposit" : null },
      context.callAt(paidAt, 0),
    );
  });
}

/** Store-wide rules for 30 variants and rules at the Seattle store for 10, set in two calls. */
export function seedReorderRules(context: SeedContext): void {
  const { int } = context;
  const values = () => {
    const min = int(2, 8);
    const target = min + int(4, 12);
    return { min, target, max: target + int(4, 16), reorderPoint: min + int(0, 3) };
  };
  const storeWide = context.trackedVariants.filter((_, index) => index % 7 === 0).slice(0, 30);
  setReorderRules(context.shopId, { rules: storeWide.map((variant) => ({ variantId: variant.id, ...values() })) }, context.callAt(context.daysAgo(40), 0));
  const seattle = context.locationIds[1]!;
  const atSeattle = levelsAt(context, seattle, 0).slice(0, 10);
  setReorderRules(context.shopId, { rules: atSeattle.map((level) => ({ variantId: level.variantId, locationId: seattle, ...values() })) }, context.callAt(context.daysAgo(12), 0));
}

/**
 * Tracked variants stocked at a location with at least `minAvailable` available, in the seed's
 * variant order: ids are random, so ordering by them would pick other variants on every run.
 */
function levelsAt(context: SeedContext, locationId: string, minAvailable: number): { variantId: string; available: number }[] {
  const order = new Map(context.trackedVariants.map((variant, index) => [variant.id, index]));
  return context.db
    .select({ variantId: schema.inventoryLevels.variantId, available: schema.inventoryLevels.available })
    .from(schema.inventoryLevels)
    .where(and(eq(schema.inventoryLevels.shopId, context.shopId), eq(schema.inventoryLevels.locationId, locationId), gte(schema.inventoryLevels.available, minAvailable)))
    .all()
    .filter((level) => order.has(level.variantId))
    .sort((a, b) => order.get(a.variantId)! - order.get(b.variantId)!);
}
