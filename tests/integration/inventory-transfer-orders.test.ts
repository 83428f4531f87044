import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DomainError,
  TO_EVENTS,
  TO_TRANSITIONS,
  TRANSFER_ORDER_STATUSES,
  allowedToEvents,
  cancelTransferOrder,
  completeTransferOrder,
  createTransferOrder,
  deleteTransferOrder,
  duplicateTransferOrder,
  getTransferOrder,
  holdTransferOrder,
  listTransferOrders,
  receiveTransferOrder,
  recomputeTransferOrderIncoming,
  removeTransferOrderLines,
  resumeTransferOrder,
  revertTransferOrder,
  sendTransferOrder,
  updateTransferOrderLines,
  type ToEvent,
  type ToStatus,
  type TransferOrderDocument,
  type WriteResult,
} from "../../app/inventory/index.server";
import { createInventoryStore, levelProblems, type InventoryStore } from "./inventory-store";

let store: InventoryStore;
let origin: string;
let destination: string;
let stocked: string[];
let next = 0;

beforeAll(() => {
  store = createInventoryStore();
  [origin, destination] = [store.locationIds[0]!, store.locationIds[2]!];
  stocked = store.variantIds.filter((variantId) => store.level(variantId, origin).available >= 20);
});
afterAll(() => store.remove());

describe("every cell of the transfer-order transition table", () => {
  const cells = TRANSFER_ORDER_STATUSES.flatMap((status) => TO_EVENTS.map((event) => [status, event] as const));

  it.each(cells)("in %s, %s does what the table says, with the spec's effect at both ends", (status, event) => {
    const before = transferIn(status);
    // Planned quantities change freely in draft: an edit, not a move of stock.
    const plainEdit = status === "draft" && event === "changePlanned";
    const allowed = plainEdit || (TO_TRANSITIONS[status][event] !== undefined && allowedToEvents(before).includes(event));
    const levels = () => before.lines.map((line) => ({ origin: store.level(line.variantId, origin), destination: store.level(line.variantId, destination) }));
    const was = levels();

    if (!allowed) {
      store.expectRefused(() => runEvent(before, event), event === "delete" ? "NOT_DELETABLE" : "INVALID_TRANSITION");
      return;
    }
    const result = runEvent(before, event);
    if (event === "delete") {
      expect(getTransferOrder(store.shopId, before.id, { database: store.database })).toBeUndefined();
      return;
    }
    const move = TO_TRANSITIONS[status][event];
    if (move && move.to === "remembered") expect(result.document.status).toBe(before.statusBeforeHold);
    else if (move && move.to !== "derived") expect(result.document.status).toBe(move.to);

    const now = levels();
    before.lines.forEach((line, index) => {
      const expected = specDeltas(event, before, line, result.document.lines[index]!);
      const actual = {
        originOnHand: now[index]!.origin.onHand - was[index]!.origin.onHand,
        originAvailable: now[index]!.origin.available - was[index]!.origin.available,
        destinationIncoming: now[index]!.destination.incoming - was[index]!.destination.incoming,
        destinationOnHand: now[index]!.destination.onHand - was[index]!.destination.onHand,
        destinationAvailable: now[index]!.destination.available - was[index]!.destination.available,
      };
      expect(actual).toEqual(expected);
      expect(now[index]!.origin.incoming).toBe(was[index]!.origin.incoming);
    });
    expect(levelProblems(store.database, store.shopId)).toEqual([]);
  });
});

describe("transfer-order guardrails", () => {
  it("refuses the same location at both ends", () => {
    store.expectRefused(() => createTransferOrder(store.shopId, { originLocationId: origin, destinationLocationId: origin }, store.call), "SAME_LOCATION");
  });

  it("refuses to send nothing, or more than the origin has available", () => {
    const empty = createTransferOrder(store.shopId, { originLocationId: origin, destinationLocationId: destination }, store.call).document;
    store.expectRefused(() => sendTransferOrder(store.shopId, empty.id, {}, store.call), "TO_HAS_NO_LINES");
    const variantId = fresh();
    const tooMany = createTransferOrder(store.shopId, { originLocationId: origin, destinationLocationId: destination, lines: [{ variantId, planned: store.level(variantId, origin).available + 1 }] }, store.call).document;
    const refusal = store.expectRefused(() => sendTransferOrder(store.shopId, tooMany.id, {}, store.call), "INSUFFICIENT_AVAILABLE");
    expect(refusal.details).toMatchObject({ variantId, locationId: origin });
  });

  it("refuses receiving past what is in transit, planned below received, and removing received or last lines", () => {
    const transfer = transferIn("sent");
    const [first, second] = transfer.lines;
    store.expectRefused(() => receiveTransferOrder(store.shopId, transfer.id, { lines: [{ lineId: first!.id, received: first!.planned + 1 }] }, store.call), "OVER_RECEIPT");
    receiveTransferOrder(store.shopId, transfer.id, { lines: [{ lineId: first!.id, received: 3 }] }, store.call);
    store.expectRefused(() => updateTransferOrderLines(store.shopId, transfer.id, { lines: [{ lineId: first!.id, planned: 2 }] }, store.call), "PLANNED_BELOW_RECEIVED");
    store.expectRefused(() => removeTransferOrderLines(store.shopId, transfer.id, { lineIds: [first!.id] }, store.call), "LINE_HAS_ACTIVITY");
    const alone = createTransferOrder(store.shopId, { originLocationId: origin, destinationLocationId: destination, lines: [{ variantId: fresh(), planned: 2 }] }, store.call).document;
    sendTransferOrder(store.shopId, alone.id, {}, store.call);
    store.expectRefused(() => removeTransferOrderLines(store.shopId, alone.id, { lineIds: [alone.lines[0]!.id] }, store.call), "TO_HAS_NO_LINES");
    expect(removeTransferOrderLines(store.shopId, transfer.id, { lineIds: [second!.id] }, store.call).inventoryEffects).toEqual(
      expect.arrayContaining([
        { variantId: second!.variantId, locationId: origin, quantityName: "on_hand", delta: second!.planned },
        { variantId: second!.variantId, locationId: destination, quantityName: "incoming", delta: -second!.planned },
      ]),
    );
  });

  it("refuses to delete a sent transfer: cancelling returns the stock instead", () => {
    const transfer = transferIn("sent");
    store.expectRefused(() => deleteTransferOrder(store.shopId, transfer.id, {}, store.call), "NOT_DELETABLE");
  });
});

describe("transfer-order writes", () => {
  it("replay an idempotent send, and duplicate as a new draft with the planned lines", () => {
    const transfer = transferIn("draft");
    const call = { ...store.call, idempotencyKey: `to-send-${transfer.id}` };
    const first = sendTransferOrder(store.shopId, transfer.id, {}, call);
    expect(sendTransferOrder(store.shopId, transfer.id, {}, call)).toEqual({ ...first, replayed: true });
    const copy = duplicateTransferOrder(store.shopId, transfer.id, {}, store.call).document;
    expect(copy).toMatchObject({ status: "draft", originLocationId: origin, destinationLocationId: destination });
    expect(copy.lines.map((l) => [l.variantId, l.planned, l.received])).toEqual(transfer.lines.map((l) => [l.variantId, l.planned, 0]));
  });

  it("recompute incoming at the destination from open purchase orders and transfers in transit, dropping the rest", () => {
    const transfer = transferIn("partially_received");
    const variantId = transfer.lines[1]!.variantId;
    const consistent = store.level(variantId, destination).incoming;
    store.database.$client.prepare("update inventory_levels set incoming = incoming + 40 where variant_id = ? and location_id = ?").run(variantId, destination);
    const result = recomputeTransferOrderIncoming(store.shopId, transfer.id, {}, store.call);
    expect(result.inventoryEffects).toEqual([{ variantId, locationId: destination, quantityName: "incoming", delta: -40 }]);
    expect(store.level(variantId, destination).incoming).toBe(consistent);
    expect(levelProblems(store.database, store.shopId)).toEqual([]);
    const draft = transferIn("draft");
    store.expectRefused(() => recomputeTransferOrderIncoming(store.shopId, draft.id, {}, store.call), "INVALID_TRANSITION");
  });

  it("list by location at either end and by status, newest first", () => {
    const made = [transferIn("draft"), transferIn("sent")];
    const page = listTransferOrders(store.shopId, { locationId: destination, status: ["draft", "sent"] }, { limit: 2 }, { database: store.database });
    expect(page.items.map((i) => i.id)).toEqual([made[1]!.id, made[0]!.id]);
    expect(listTransferOrders(store.shopId, { sku: made[1]!.lines[0]!.sku! }, { limit: 50 }, { database: store.database }).items.map((i) => i.id)).toContain(made[1]!.id);
  });
});

// ---------------------------------------------------------------------------------------------

function fresh(): string {
  next += 1;
  return stocked[(next * 13) % stocked.length]!;
}

/** A transfer in `status` with two lines (5 and 3 planned) from the warehouse to the third location. */
function transferIn(status: ToStatus): TransferOrderDocument {
  let a = fresh();
  let b = fresh();
  while (b === a) b = fresh();
  const draft = createTransferOrder(store.shopId, { originLocationId: origin, destinationLocationId: destination, lines: [{ variantId: a, planned: 5 }, { variantId: b, planned: 3 }] }, store.call).document;
  const s = store.shopId;
  const c = store.call;
  const [first, second] = draft.lines;
  if (status === "draft") return draft;
  let transfer = sendTransferOrder(s, draft.id, {}, c).document;
  switch (status) {
    case "sent":
      return transfer;
    case "partially_received":
      return receiveTransferOrder(s, draft.id, { lines: [{ lineId: first!.id, received: 2 }] }, c).document;
    case "received":
      return receiveTransferOrder(s, draft.id, { lines: [{ lineId: first!.id, received: 5 }, { lineId: second!.id, received: 3 }] }, c).document;
    case "on_hold":
      transfer = receiveTransferOrder(s, draft.id, { lines: [{ lineId: first!.id, received: 1 }] }, c).document;
      return holdTransferOrder(s, draft.id, {}, c).document;
    case "completed":
      receiveTransferOrder(s, draft.id, { lines: [{ lineId: first!.id, received: 2 }] }, c);
      return completeTransferOrder(s, draft.id, {}, c).document;
    case "cancelled":
      return cancelTransferOrder(s, draft.id, {}, c).document;
  }
}

function runEvent(transfer: TransferOrderDocument, event: ToEvent): WriteResult<TransferOrderDocument> {
  const s = store.shopId;
  const c = store.call;
  const first = transfer.lines[0]!;
  switch (event) {
    case "send":
      return sendTransferOrder(s, transfer.id, {}, c);
    case "receive":
      return receiveTransferOrder(s, transfer.id, { lines: [{ lineId: first.id, received: 1 }] }, c);
    case "changePlanned":
      return updateTransferOrderLines(s, transfer.id, { lines: [{ lineId: first.id, planned: first.planned + 1 }] }, c);
    case "complete":
      return completeTransferOrder(s, transfer.id, {}, c);
    case "hold":
      return holdTransferOrder(s, transfer.id, {}, c);
    case "resume":
      return resumeTransferOrder(s, transfer.id, {}, c);
    case "revert":
      return revertTransferOrder(s, transfer.id, {}, c);
    case "cancel":
      return cancelTransferOrder(s, transfer.id, {}, c);
    case "delete":
      return deleteTransferOrder(s, transfer.id, {}, c);
  }
}

type Line = TransferOrderDocument["lines"][number];

/** spec/domain.md §5.3 for one line: S = origin, D = destination, p = planned, r = received. */
function specDeltas(event: ToEvent, transfer: TransferOrderDocument, line: Line, after: Line) {
  const zero = { originOnHand: 0, originAvailable: 0, destinationIncoming: 0, destinationOnHand: 0, destinationAvailable: 0 };
  const origin = (d: number) => ({ originOnHand: d + 0, originAvailable: d + 0 });
  const destination = (incoming: number, onHand: number) => ({ destinationIncoming: incoming + 0, destinationOnHand: onHand + 0, destinationAvailable: onHand + 0 });
  const { planned: p, received: r } = line;
  switch (event) {
    case "send":
      return { ...zero, ...origin(-p), ...destination(p, 0) };
    case "changePlanned": {
      const d = after.planned - p;
      return transfer.status === "draft" ? zero : { ...zero, ...origin(-d), ...destination(d, 0) };
    }
    case "receive": {
      const q = after.received - r;
      return { ...zero, ...destination(-q, q) };
    }
    case "revert":
      return transfer.status === "sent" ? { ...zero, ...origin(p), ...destination(-p, 0) } : { ...zero, ...destination(r, -r) };
    case "cancel":
      return transfer.status === "draft" ? zero : { ...zero, ...origin(p), ...destination(-(p - r), -r) };
    case "complete":
      return { ...zero, ...destination(-(p - r), 0) };
    default:
      return zero;
  }
}

