/**
 * The write operations in the catalogue, without a database: which principals see them, their
 * names against spec/domain.md, their signatures, and what `search_api` says about them.
 */
import { describe, expect, it } from "vitest";
import type { Principal } from "../../app/access/index.server";
import { PO_EVENTS, RMA_EVENTS, ST_EVENTS, TO_EVENTS } from "../../app/inventory/index.server";
import { catalogueFor, OperationError, searchOperations } from "../../app/operations/index.server";
import { renderSignature } from "../../app/operations/signature";

function principal(scope: Principal["scope"]): Principal {
  return { shop: { id: "shop_unit", domain: "unit.myshopify.com" }, scope, credential: { kind: "api_key", id: "key_unit", prefix: "lstk_unit", label: "Unit" } };
}

const readOnly = catalogueFor(principal("read"));
const readWrite = catalogueFor(principal("read_write"));
const writes = readWrite.operations.filter((operation) => operation.kind === "write");
const named = (name: string) => {
  const operation = readWrite.find(name);
  if (!operation) throw new Error(`${name} is not in the read & write catalogue`);
  return operation;
};

/** Every operation of the five write surfaces, named as spec/domain.md §4.3, §5.2, §6.2, §7.2 and §8.1 name them. */
const SPEC_WRITES = {
  purchaseOrders: [
    "create", "update", "addLines", "updateLines", "removeLines", "send", "confirm", "markInProgress", "receive", "unreceive", "complete",
    "quickComplete", "hold", "dispute", "resume", "cancel", "reopen", "delete", "duplicate", "addPayment", "updatePayment", "removePayment",
    "setShipment", "removeShipment", "applyCredit", "reverseCreditApplication",
  ],
  transferOrders: [
    "create", "update", "addLines", "updateLines", "removeLines", "send", "receive", "hold", "resume", "complete", "revert", "cancel", "delete",
    "duplicate", "setShipment", "removeShipment", "recomputeIncoming",
  ],
  stockTakes: ["create", "update", "addLines", "removeLines", "startCounting", "recordCounts", "complete", "cancel", "delete"],
  supplierReturns: [
    "create", "update", "addLines", "updateLines", "removeLines", "submit", "approve", "reject", "quickApproveAndShip", "ship",
    "markReceivedBySupplier", "completeInspection", "resolve", "close", "quickClose", "stepBack", "hold", "resume", "cancel", "delete",
    "setShipment", "removeShipment",
  ],
  reorderRules: ["set", "clear"],
} as const;

describe("who sees the writes", () => {
  it("a read-only principal's catalogue holds no write operation at all", async () => {
    expect(readOnly.operations.filter((operation) => operation.kind === "write")).toEqual([]);
    expect(readOnly.find("purchaseOrders.receive")).toBeUndefined();
    const refusal = await readOnly.call("app.purchaseOrders.receive", { id: "po_x", input: { lines: [] } }, { principal: principal("read"), requestId: "req_unit", now: new Date() }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(OperationError);
    expect(refusal).toMatchObject({ code: "UNKNOWN_OPERATION" });
  });

  it("a read-only principal's search never returns a write, even when asked for one by name", () => {
    const found = searchOperations(readOnly.operations, { query: "receive purchase order send cancel", limit: 20 });
    expect("matches" in found && found.matches.every((match) => match.kind === "read")).toBe(true);
  });

  it("a read & write principal's catalogue has every operation of the five write surfaces, each name once", () => {
    const expected = Object.entries(SPEC_WRITES).flatMap(([area, verbs]) => verbs.map((verb) => `${area}.${verb}`));
    expect(writes.map((operation) => operation.name).sort()).toEqual([...expected].sort());
    expect(new Set(readWrite.operations.map((operation) => operation.name)).size).toBe(readWrite.operations.length);
    expect(readWrite.operations.filter((operation) => operation.kind === "read")).toEqual(readOnly.operations);
  });

  it("every event of the four state machines is an operation", () => {
    // `changePlanned` is the transfer's planned-quantity change, which `updateLines` makes.
    const events = [
      ...PO_EVENTS.map((event) => `purchaseOrders.${event}`),
      ...TO_EVENTS.filter((event) => event !== "changePlanned").map((event) => `transferOrders.${event}`),
      ...ST_EVENTS.map((event) => `stockTakes.${event}`),
      ...RMA_EVENTS.map((event) => `supplierReturns.${event}`),
    ];
    expect(events.filter((name) => readWrite.find(name)?.kind !== "write")).toEqual([]);
  });
});

describe("signatures", () => {
  it.each([
    [
      "purchaseOrders.receive",
      "app.purchaseOrders.receive(id: string, input: { lines: { lineId: string; received?: number; rejected?: number; cancelled?: number }[]; allowOverReceipt?: boolean }, options?: { idempotencyKey?: string }): Promise<WriteResult<PurchaseOrder>>",
    ],
    ["purchaseOrders.hold", "app.purchaseOrders.hold(id: string, options?: { idempotencyKey?: string }): Promise<WriteResult<PurchaseOrder>>"],
    ["transferOrders.send", "app.transferOrders.send(id: string, options?: { idempotencyKey?: string }): Promise<WriteResult<TransferOrder>>"],
    ["stockTakes.complete", "app.stockTakes.complete(id: string, input: { skipUncounted?: boolean }, options?: { idempotencyKey?: string }): Promise<WriteResult<StockTake>>"],
    [
      "reorderRules.clear",
      "app.reorderRules.clear(input: { rules: { variantId: string; locationId?: string }[] }, options?: { idempotencyKey?: string }): Promise<WriteResult<ReorderRules>>",
    ],
    [
      "purchaseOrders.addLines",
      "app.purchaseOrders.addLines(id: string, input: { lines: ({ variantId: string; ordered: number; unitCost?: number } | { customTitle: string; ordered: number; unitCost?: number })[] }, options?: { idempotencyKey?: string }): Promise<WriteResult<PurchaseOrder>>",
    ],
  ])("%s renders as the spec writes it", (name, signature) => {
    expect(renderSignature(named(name))).toBe(signature);
  });

  it("every write takes its arguments positionally, ending with the optional options", () => {
    for (const operation of writes) {
      const create = operation.name.endsWith(".create") || operation.name.startsWith("reorderRules.");
      expect(operation.positional?.[0], operation.name).toBe(create ? "input" : "id");
      expect(operation.positional?.at(-1), operation.name).toBe("options");
      expect(renderSignature(operation), operation.name).toContain("options?: { idempotencyKey?: string }");
    }
  });

  it("a read keeps its signature: a required id is not marked optional", () => {
    expect(renderSignature(named("purchaseOrders.get"))).toMatch(/^app\.purchaseOrders\.get\(id: string\): Promise<\{ id: string; /);
  });
});

describe("search_api on writes", () => {
  it("finds app.purchaseOrders.receive first for \"receive purchase order\", with the statuses that accept a receipt and its errors", () => {
    const found = searchOperations(readWrite.operations, { query: "receive purchase order", limit: 5 });
    if (!("matches" in found)) throw new Error("expected matches");
    const [first] = found.matches;
    expect(first).toMatchObject({ name: "app.purchaseOrders.receive", kind: "write" });
    expect(first?.allowedIn).toEqual(["sent", "partially_confirmed", "confirmed", "in_progress", "partially_received", "received"]);
    expect(first?.errors).toEqual(expect.arrayContaining(["OVER_RECEIPT", "INVALID_TRANSITION", "NOT_FOUND", "VALIDATION_FAILED", "IDEMPOTENCY_KEY_REUSED", "CONFLICT_IN_PROGRESS"]));
    expect(first?.description).toContain("options.idempotencyKey");
  });

  it("shows a move out of a pause with the condition the spec puts on it", () => {
    expect(named("purchaseOrders.cancel").allowedIn).toEqual([
      "draft",
      "sent",
      "partially_confirmed",
      "confirmed",
      "in_progress",
      "partially_received",
      "on_hold (if the status before the hold allows cancel)",
      "disputed (if the status before the hold allows cancel)",
    ]);
  });

  it("reads allowed statuses from the edit rules too: lines change on a received order, but none are added", () => {
    expect(named("purchaseOrders.updateLines").allowedIn).toContain("received");
    expect(named("purchaseOrders.addLines").allowedIn).not.toContain("received");
    expect(named("transferOrders.updateLines").allowedIn).toEqual(["draft", "sent", "partially_received", "received"]);
  });

  it("every write says what it does and reminds to pass an idempotency key", () => {
    for (const operation of writes) {
      expect(operation.description.length, operation.name).toBeGreaterThan(120);
      expect(operation.description, operation.name).toContain("options.idempotencyKey");
      expect(operation.errors, operation.name).toEqual(expect.arrayContaining(["NOT_FOUND", "VALIDATION_FAILED", "IDEMPOTENCY_KEY_REUSED", "CONFLICT_IN_PROGRESS"]));
    }
  });
});
