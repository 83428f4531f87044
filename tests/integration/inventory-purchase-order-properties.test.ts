import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DomainError,
  addPurchaseOrderLines,
  cancelPurchaseOrder,
  completePurchaseOrder,
  confirmPurchaseOrder,
  createPurchaseOrder,
  disputePurchaseOrder,
  getPurchaseOrder,
  holdPurchaseOrder,
  markPurchaseOrderInProgress,
  quickCompletePurchaseOrder,
  receivePurchaseOrder,
  removePurchaseOrderLines,
  reopenPurchaseOrder,
  resumePurchaseOrder,
  sendPurchaseOrder,
  unreceivePurchaseOrder,
  updatePurchaseOrderLines,
  type PurchaseOrderDocument,
} from "../../app/inventory/index.server";
import { createInventoryStore, levelProblems, type InventoryStore } from "./inventory-store";

let store: InventoryStore;

beforeAll(() => {
  store = createInventoryStore();
});
afterAll(() => store.remove());

const line = fc.nat(5);
const operation = fc.oneof(
  fc.record({ kind: fc.constant("send" as const) }),
  fc.record({ kind: fc.constant("confirm" as const), line, confirmed: fc.nat(14), all: fc.boolean() }),
  fc.record({ kind: fc.constant("markInProgress" as const) }),
  fc.record({ kind: fc.constant("receive" as const), line, received: fc.nat(8), rejected: fc.nat(2), cancelled: fc.nat(2), allowOverReceipt: fc.boolean() }),
  fc.record({ kind: fc.constant("unreceive" as const), line, received: fc.nat(6), rejected: fc.nat(1), cancelled: fc.nat(1) }),
  fc.record({ kind: fc.constant("complete" as const), cancelOutstanding: fc.boolean() }),
  fc.record({ kind: fc.constant("quickComplete" as const) }),
  fc.record({ kind: fc.constant("hold" as const) }),
  fc.record({ kind: fc.constant("dispute" as const) }),
  fc.record({ kind: fc.constant("resume" as const) }),
  fc.record({ kind: fc.constant("cancel" as const) }),
  fc.record({ kind: fc.constant("reopen" as const) }),
  fc.record({ kind: fc.constant("addLine" as const), pick: fc.nat(5), ordered: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant("changeOrdered" as const), line, ordered: fc.integer({ min: 1, max: 14 }) }),
  fc.record({ kind: fc.constant("removeLine" as const), line }),
);
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

describe("random operation sequences on random purchase orders", () => {
  it("keep every invariant, and a refused operation leaves the database byte-for-byte unchanged", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat(store.variantIds.length - 1), { minLength: 6, maxLength: 6 }),
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 0, maxLength: 4 }),
        fc.nat(store.locationIds.length - 1),
        fc.array(operation, { maxLength: 20 }),
        (variantPicks, orderedQuantities, locationPick, operations) => {
          const pool = variantPicks.map((index) => store.variantIds[index]!);
          const locationId = store.locationIds[locationPick]!;
          const baseline = new Map(pool.map((variantId) => [variantId, store.level(variantId, locationId)]));
          let order = createPurchaseOrder(store.shopId, { locationId, lines: orderedQuantities.map((ordered, i) => ({ variantId: pool[i]!, ordered })) }, store.call).document;

          for (const op of operations) {
            const dump = store.dump();
            try {
              order = apply(order, op, pool);
            } catch (error) {
              if (!(error instanceof DomainError)) throw error;
              expect(store.dump(), `${op.kind} was refused with ${error.code} but changed the database`).toBe(dump);
              continue;
            }
            const open = !["draft", "completed", "cancelled"].includes(order.status);
            for (const variantId of pool) {
              const onOrder = order.lines.find((l) => l.variantId === variantId);
              const was = baseline.get(variantId)!;
              const now = store.level(variantId, locationId);
              // Cancelling (or any other move) leaves incoming at the baseline plus what the order still expects, and on_hand plus what it received.
              expect(now.incoming, `incoming after ${op.kind}`).toBe(was.incoming + (open ? (onOrder?.outstanding ?? 0) : 0));
              expect(now.onHand, `on_hand after ${op.kind}`).toBe(was.onHand + (onOrder?.received ?? 0));
              expect(now.available).toBe(was.available + (onOrder?.received ?? 0));
            }
            if (op.kind === "cancel") {
              for (const variantId of pool) expect(store.level(variantId, locationId).incoming).toBe(baseline.get(variantId)!.incoming);
            }
          }
          expect(getPurchaseOrder(store.shopId, order.id, { database: store.database })).toEqual({ ...order, activity: expect.any(Array), activityCount: expect.any(Number) });
          expect(levelProblems(store.database, store.shopId)).toEqual([]);
        },
      ),
      { numRuns: 40 },
    );
  });
});

function apply(order: PurchaseOrderDocument, op: Operation, pool: string[]): PurchaseOrderDocument {
  const s = store.shopId;
  const c = store.call;
  const lineId = (index: number) => order.lines[index % Math.max(1, order.lines.length)]?.id ?? "pol_missing";
  switch (op.kind) {
    case "send":
      return sendPurchaseOrder(s, order.id, { method: "manual" }, c).document;
    case "confirm":
      return confirmPurchaseOrder(s, order.id, op.all ? { all: true } : { lines: [{ lineId: lineId(op.line), confirmed: op.confirmed }] }, c).document;
    case "markInProgress":
      return markPurchaseOrderInProgress(s, order.id, {}, c).document;
    case "receive":
      return receivePurchaseOrder(s, order.id, { lines: [{ lineId: lineId(op.line), received: op.received, rejected: op.rejected, cancelled: op.cancelled }], allowOverReceipt: op.allowOverReceipt }, c).document;
    case "unreceive":
      return unreceivePurchaseOrder(s, order.id, { lines: [{ lineId: lineId(op.line), received: op.received, rejected: op.rejected, cancelled: op.cancelled }] }, c).document;
    case "complete":
      return completePurchaseOrder(s, order.id, { cancelOutstanding: op.cancelOutstanding }, c).document;
    case "quickComplete":
      return quickCompletePurchaseOrder(s, order.id, {}, c).document;
    case "hold":
      return holdPurchaseOrder(s, order.id, {}, c).document;
    case "dispute":
      return disputePurchaseOrder(s, order.id, {}, c).document;
    case "resume":
      return resumePurchaseOrder(s, order.id, {}, c).document;
    case "cancel":
      return cancelPurchaseOrder(s, order.id, {}, c).document;
    case "reopen":
      return reopenPurchaseOrder(s, order.id, {}, c).document;
    case "addLine":
      return addPurchaseOrderLines(s, order.id, { lines: [{ variantId: pool[op.pick]!, ordered: op.ordered }] }, c).document;
    case "changeOrdered":
      return updatePurchaseOrderLines(s, order.id, { lines: [{ lineId: lineId(op.line), ordered: op.ordered }] }, c).document;
    case "removeLine":
      return removePurchaseOrderLines(s, order.id, { lineIds: [lineId(op.line)] }, c).document;
  }
}
