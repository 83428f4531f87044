import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DomainError,
  addTransferOrderLines,
  cancelTransferOrder,
  completeTransferOrder,
  createTransferOrder,
  getTransferOrder,
  holdTransferOrder,
  receiveTransferOrder,
  removeTransferOrderLines,
  resumeTransferOrder,
  revertTransferOrder,
  sendTransferOrder,
  updateTransferOrderLines,
  type TransferOrderDocument,
} from "../../app/inventory/index.server";
import { createInventoryStore, levelProblems, type InventoryStore } from "./inventory-store";

let store: InventoryStore;

beforeAll(() => {
  store = createInventoryStore();
});
afterAll(() => store.remove());

const line = fc.nat(4);
const operation = fc.oneof(
  fc.record({ kind: fc.constant("send" as const) }),
  fc.record({ kind: fc.constant("receive" as const), line, received: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ kind: fc.constant("changePlanned" as const), line, planned: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ kind: fc.constant("addLine" as const), pick: fc.nat(4), planned: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ kind: fc.constant("removeLine" as const), line }),
  fc.record({ kind: fc.constant("complete" as const) }),
  fc.record({ kind: fc.constant("hold" as const) }),
  fc.record({ kind: fc.constant("resume" as const) }),
  fc.record({ kind: fc.constant("revert" as const) }),
  fc.record({ kind: fc.constant("cancel" as const) }),
);
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

describe("random operation sequences on random transfers", () => {
  it("keep every invariant, restore both ends exactly on cancel, and change nothing when refused", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat(store.variantIds.length - 1), { minLength: 5, maxLength: 5 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 0, maxLength: 3 }),
        fc.uniqueArray(fc.nat(store.locationIds.length - 1), { minLength: 2, maxLength: 2 }),
        fc.array(operation, { maxLength: 20 }),
        (variantPicks, planned, [originPick, destinationPick], operations) => {
          const pool = variantPicks.map((index) => store.variantIds[index]!);
          const origin = store.locationIds[originPick!]!;
          const destination = store.locationIds[destinationPick!]!;
          const baseline = new Map(pool.map((variantId) => [variantId, { origin: store.level(variantId, origin), destination: store.level(variantId, destination) }]));
          let transfer = createTransferOrder(store.shopId, { originLocationId: origin, destinationLocationId: destination, lines: planned.map((p, i) => ({ variantId: pool[i]!, planned: p })) }, store.call).document;

          for (const op of operations) {
            const dump = store.dump();
            try {
              transfer = apply(transfer, op, pool);
            } catch (error) {
              if (!(error instanceof DomainError)) throw error;
              expect(store.dump(), `${op.kind} was refused with ${error.code} but changed the database`).toBe(dump);
              continue;
            }
            const moved = ["sent", "partially_received", "received", "on_hold", "completed"].includes(transfer.status);
            const inTransit = ["sent", "partially_received", "received", "on_hold"].includes(transfer.status);
            for (const variantId of pool) {
              const onTransfer = transfer.lines.find((l) => l.variantId === variantId);
              const was = baseline.get(variantId)!;
              const p = moved ? (onTransfer?.planned ?? 0) : 0;
              const r = moved ? (onTransfer?.received ?? 0) : 0;
              expect(store.level(variantId, origin).onHand, `origin on_hand after ${op.kind}`).toBe(was.origin.onHand - p);
              expect(store.level(variantId, origin).available).toBe(was.origin.available - p);
              expect(store.level(variantId, destination).onHand, `destination on_hand after ${op.kind}`).toBe(was.destination.onHand + r);
              expect(store.level(variantId, destination).incoming, `destination incoming after ${op.kind}`).toBe(was.destination.incoming + (inTransit ? p - r : 0));
            }
            if (op.kind === "cancel") {
              for (const variantId of pool) {
                expect(store.level(variantId, origin)).toEqual(baseline.get(variantId)!.origin);
                expect(store.level(variantId, destination)).toEqual(baseline.get(variantId)!.destination);
              }
            }
          }
          expect(getTransferOrder(store.shopId, transfer.id, { database: store.database })).toEqual({ ...transfer, activity: expect.any(Array), activityCount: expect.any(Number) });
          expect(levelProblems(store.database, store.shopId)).toEqual([]);
        },
      ),
      { numRuns: 40 },
    );
  });
});

function apply(transfer: TransferOrderDocument, op: Operation, pool: string[]): TransferOrderDocument {
  const s = store.shopId;
  const c = store.call;
  const lineId = (index: number) => transfer.lines[index % Math.max(1, transfer.lines.length)]?.id ?? "tol_missing";
  switch (op.kind) {
    case "send":
      return sendTransferOrder(s, transfer.id, {}, c).document;
    case "receive":
      return receiveTransferOrder(s, transfer.id, { lines: [{ lineId: lineId(op.line), received: op.received }] }, c).document;
    case "changePlanned":
      return updateTransferOrderLines(s, transfer.id, { lines: [{ lineId: lineId(op.line), planned: op.planned }] }, c).document;
    case "addLine":
      return addTransferOrderLines(s, transfer.id, { lines: [{ variantId: pool[op.pick]!, planned: op.planned }] }, c).document;
    case "removeLine":
      return removeTransferOrderLines(s, transfer.id, { lineIds: [lineId(op.line)] }, c).document;
    case "complete":
      return completeTransferOrder(s, transfer.id, {}, c).document;
    case "hold":
      return holdTransferOrder(s, transfer.id, {}, c).document;
    case "resume":
      return resumeTransferOrder(s, transfer.id, {}, c).document;
    case "revert":
      return revertTransferOrder(s, transfer.id, {}, c).document;
    case "cancel":
      return cancelTransferOrder(s, transfer.id, {}, c).document;
  }
}
