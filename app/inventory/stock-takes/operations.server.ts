/**
 * Stock-take writes (spec/domain.md §6). Each is one transaction through `runWrite`: the stock take
 * is loaded, changed as a draft, saved against the version it was read at, and its activity entry
 * logged. Only `complete` changes inventory: for each counted line it sets on_hand to the count
 * (delta = counted − on_hand at that moment, available moving by the same delta) through the
 * gateway, the one batch allowed to leave `available` negative.
 */
import { and, asc, eq, inArray, ne } from "drizzle-orm";
import type { z } from "zod";
import { newId } from "../../../db/ids";
import { activityLog, countReasons, inventoryLevels, locations, shops, stockTakeLines, stockTakes, variants } from "../../../db/schema";
import { recentActivity } from "../activity.server";
import { draftLines, saveDocument, stampStatus, statusNote, type DocumentStorage, type LineDraft } from "../document-drafts.server";
import { DomainError, TransitionError, notFound } from "../errors";
import type { Transaction } from "../gateway.server";
import { parseInput } from "../input";
import type { InventoryEffect } from "../values";
import { databaseFor, nextDocumentNumber, runWrite, type WriteCall, type WriteOutcome, type WriteResult, type WriteScope } from "../writes.server";
import {
  AddStLinesInput,
  CompleteStockTakeInput,
  CreateStockTakeInput,
  NoStInput,
  RecordStCountsInput,
  RemoveStLinesInput,
  ST_MAX_LINES,
  ST_MAX_LINES_PER_CALL,
  StockTakeDocument,
  type StockTakeWithActivity,
  UpdateStockTakeInput,
} from "./schemas";
import { allowedStEvents, applyStEvent, type StEvent, type StStatus } from "./transitions";

type Result = WriteResult<StockTakeDocument>;
type StRow = typeof stockTakes.$inferSelect;
type StLineRow = typeof stockTakeLines.$inferSelect;
const OP = (name: string) => `stockTakes.${name}`;
const OPEN: readonly StStatus[] = ["draft", "counting"];

export function createStockTake(shopId: string, input: z.input<typeof CreateStockTakeInput>, call: WriteCall): Result {
  const parsed = parseInput(CreateStockTakeInput, input, OP("create"));
  if (parsed.variantIds) requireCallSize(parsed.variantIds.length);
  return runWrite(shopId, call, OP("create"), input, StockTakeDocument, (scope) => insertStockTake(scope, parsed));
}

export function updateStockTake(shopId: string, id: string, input: z.input<typeof UpdateStockTakeInput>, call: WriteCall): Result {
  const parsed = parseInput(UpdateStockTakeInput, input, OP("update"));
  return write(shopId, id, "update", input, call, (draft) => {
    const fields = (["name", "notes"] as const).filter((field) => parsed[field] !== undefined);
    if (fields.length && !OPEN.includes(draft.stockTake.status)) {
      throw new DomainError("FIELD_LOCKED", `${fields.join(", ")} cannot change on ${draft.stockTake.number} in status ${draft.stockTake.status}; a completed or cancelled stock take is a record.`, { status: draft.stockTake.status, fields });
    }
    if (parsed.name !== undefined) draft.stockTake.name = parsed.name;
    if (parsed.notes !== undefined) draft.stockTake.notes = parsed.notes;
    return `Updated ${draft.stockTake.number}.`;
  });
}

/** In Draft, or in Counting where each new line takes its snapshot at once. */
export function addStockTakeLines(shopId: string, id: string, input: z.input<typeof AddStLinesInput>, call: WriteCall): Result {
  const parsed = parseInput(AddStLinesInput, input, OP("addLines"));
  requireCallSize(parsed.variantIds.length);
  return write(shopId, id, "addLines", input, call, (draft, tx, now) => {
    if (!OPEN.includes(draft.stockTake.status)) throw linesLocked(draft.stockTake, "add lines");
    const added = newLines(tx, shopId, draft.stockTake, draft.live(), parsed.variantIds, now);
    if (draft.stockTake.status === "counting") {
      requireNotInOtherCount(tx, shopId, draft.stockTake, added.map((line) => line.variantId));
      snapshot(tx, shopId, draft.stockTake.locationId, added);
    }
    draft.newLines.push(...added);
    requireTotalSize(draft.live().length, draft.stockTake);
    return `Added ${added.length} line(s) to ${draft.stockTake.number}.`;
  });
}

export function removeStockTakeLines(shopId: string, id: string, input: z.input<typeof RemoveStLinesInput>, call: WriteCall): Result {
  const parsed = parseInput(RemoveStLinesInput, input, OP("removeLines"));
  requireCallSize(parsed.lineIds.length);
  return write(shopId, id, "removeLines", input, call, (draft) => {
    if (!OPEN.includes(draft.stockTake.status)) throw linesLocked(draft.stockTake, "remove lines");
    for (const lineId of parsed.lineIds) draft.removed.add(requireLine(draft, { lineId }).id);
    return `Removed ${parsed.lineIds.length} line(s) from ${draft.stockTake.number}.`;
  });
}

/** Snapshots expected = on_hand now and the unit cost for every line; Draft → Counting. */
export function startStockTakeCounting(shopId: string, id: string, input: z.input<typeof NoStInput>, call: WriteCall): Result {
  return event(shopId, id, input, call, "startCounting", (draft, tx) => {
    const lines = draft.live();
    if (!lines.length) throw new DomainError("ST_HAS_NO_LINES", `${draft.stockTake.number} has no lines to count; add lines (or create it with include: "all") first.`);
    requireNotInOtherCount(tx, shopId, draft.stockTake, lines.map((line) => line.variantId));
    snapshot(tx, shopId, draft.stockTake.locationId, lines);
    return `Started counting ${draft.stockTake.number}: ${lines.length} line(s) snapshotted.`;
  });
}

export function recordStockTakeCounts(shopId: string, id: string, input: z.input<typeof RecordStCountsInput>, call: WriteCall): Result {
  const parsed = parseInput(RecordStCountsInput, input, OP("recordCounts"));
  requireCallSize(parsed.counts.length);
  return write(shopId, id, "recordCounts", input, call, (draft, tx) => {
    if (draft.stockTake.status !== "counting") throw new TransitionError("stock take", draft.stockTake.status, "recordCounts", allowedStEvents(draft.stockTake));
    const reasonIds = [...new Set(parsed.counts.flatMap((count) => (count.reasonId ? [count.reasonId] : [])))];
    const known = new Set(reasonIds.length ? tx.select({ id: countReasons.id }).from(countReasons).where(and(eq(countReasons.shopId, shopId), inArray(countReasons.id, reasonIds))).all().map((row) => row.id) : []);
    const fields = parsed.counts.flatMap((count, index) => (count.reasonId && !known.has(count.reasonId) ? [{ field: `counts.${index}.reasonId`, problem: `no count reason ${JSON.stringify(count.reasonId)} in this store` }] : []));
    if (fields.length) throw new DomainError("VALIDATION_FAILED", `Unknown count reason(s) for recordCounts on ${draft.stockTake.number}; use a reason from the shop's list, or none for the default.`, { fields });
    for (const count of parsed.counts) {
      const line = requireLine(draft, count);
      line.counted = count.counted;
      if (count.reasonId !== undefined) line.reasonId = count.reasonId;
    }
    return `Recorded ${parsed.counts.length} count(s) on ${draft.stockTake.number}.`;
  });
}

/**
 * Applies the counts: for each counted line delta = counted − on_hand now, on_hand := counted and
 * available += delta, which may leave available negative (§6.3). Uncounted lines are refused unless
 * `skipUncounted`, when they apply nothing.
 */
export function completeStockTake(shopId: string, id: string, input: z.input<typeof CompleteStockTakeInput>, call: WriteCall): Result {
  const parsed = parseInput(CompleteStockTakeInput, input, OP("complete"));
  return runWrite(shopId, call, OP("complete"), { id, input }, StockTakeDocument, (scope) =>
    changeStockTake(scope, id, OP("complete"), (draft, tx) => {
      moveTo(draft, "complete");
      const lines = draft.live();
      const uncounted = lines.filter((line) => line.counted === null);
      if (uncounted.length && !parsed.skipUncounted) {
        throw new DomainError("UNCOUNTED_LINES", `${uncounted.length} line(s) on ${draft.stockTake.number} have no count; record them, remove them, or complete with skipUncounted: true to apply nothing for them.`, {
          lineIds: uncounted.map((line) => line.id),
          variantIds: uncounted.map((line) => line.variantId),
        });
      }
      const locationId = draft.stockTake.locationId;
      const onHand = onHandOf(tx, shopId, locationId, lines.map((line) => line.variantId));
      const effects: InventoryEffect[] = [];
      for (const line of lines) {
        if (line.counted === null) continue;
        const delta = line.counted - (onHand.get(line.variantId) ?? 0);
        line.appliedDelta = delta;
        if (delta) {
          effects.push({ variantId: line.variantId, locationId, quantityName: "on_hand", delta });
          effects.push({ variantId: line.variantId, locationId, quantityName: "available", delta });
        }
      }
      return { summary: `Completed ${draft.stockTake.number}: ${lines.length - uncounted.length} count(s) applied${uncounted.length ? `, ${uncounted.length} uncounted line(s) skipped` : ""}.`, effects };
    }),
  );
}

export function cancelStockTake(shopId: string, id: string, input: z.input<typeof NoStInput>, call: WriteCall): Result {
  return event(shopId, id, input, call, "cancel", (draft) => `Cancelled ${draft.stockTake.number}; nothing was applied.`);
}

export function deleteStockTake(shopId: string, id: string, input: z.input<typeof NoStInput>, call: WriteCall): Result {
  parseInput(NoStInput, input, OP("delete"));
  return runWrite(shopId, call, OP("delete"), { id, input }, StockTakeDocument, ({ tx }) => {
    const loaded = loadStockTake(tx, shopId, id);
    if (loaded.stockTake.status !== "draft") {
      throw new DomainError("NOT_DELETABLE", `${loaded.stockTake.number} is ${loaded.stockTake.status}; only drafts can be deleted.${loaded.stockTake.status === "counting" ? " Cancel it instead." : ""}`, { status: loaded.stockTake.status });
    }
    applyStEvent(loaded.stockTake, "delete");
    const document = present(tx, shopId, loaded.stockTake, loaded.lines);
    tx.delete(stockTakeLines).where(and(eq(stockTakeLines.shopId, shopId), eq(stockTakeLines.stockTakeId, id))).run();
    tx.delete(activityLog).where(and(eq(activityLog.shopId, shopId), eq(activityLog.subjectType, "stock_take"), eq(activityLog.subjectId, id))).run();
    tx.delete(stockTakes).where(and(eq(stockTakes.shopId, shopId), eq(stockTakes.id, id))).run();
    return { document, inventoryEffects: [], activity: null };
  });
}

export function getStockTake(shopId: string, id: string, options: { database?: WriteCall["database"] } = {}): StockTakeWithActivity | undefined {
  return databaseFor(options).transaction((tx) => {
    const stockTake = tx.select().from(stockTakes).where(and(eq(stockTakes.shopId, shopId), eq(stockTakes.id, id))).get();
    if (!stockTake) return undefined;
    return { ...present(tx, shopId, stockTake, linesOf(tx, shopId, [id])), ...recentActivity(tx, shopId, "stock_take", id) };
  });
}

// ---------------------------------------------------------------------------------------------

type StockTakeDraft = LineDraft<StLineRow> & { stockTake: StRow };
type Change = { summary: string; effects: InventoryEffect[] };

function write(shopId: string, id: string, name: string, input: unknown, call: WriteCall, change: (draft: StockTakeDraft, tx: Transaction, now: Date) => string): Result {
  return runWrite(shopId, call, OP(name), { id, input }, StockTakeDocument, (scope) =>
    changeStockTake(scope, id, OP(name), (draft) => ({ summary: change(draft, scope.tx, scope.now), effects: [] })),
  );
}

function event(shopId: string, id: string, input: unknown, call: WriteCall, name: StEvent, also: (draft: StockTakeDraft, tx: Transaction) => string): Result {
  parseInput(NoStInput, input, OP(name));
  return write(shopId, id, name, input, call, (draft, tx) => {
    moveTo(draft, name);
    return also(draft, tx);
  });
}

/** Refuses the event unless the status accepts it (INVALID_TRANSITION), then moves the status. */
function moveTo(draft: StockTakeDraft, name: StEvent): void {
  const next = applyStEvent(draft.stockTake, name);
  if (next === "deleted") throw new Error("delete is handled by deleteStockTake");
  draft.stockTake.status = next;
}

const STAMPS = { counting: "countingStartedAt", completed: "completedAt", cancelled: "cancelledAt" } as const satisfies Partial<Record<StStatus, keyof StRow>>;

const STORAGE: DocumentStorage<StLineRow> = {
  noun: "stock take",
  table: stockTakes,
  lineTable: stockTakeLines,
  describeLine: (line) => ({ variantId: line.variantId, expected: line.expected, counted: line.counted }),
};

function changeStockTake(scope: WriteScope, id: string, operation: string, change: (draft: StockTakeDraft, tx: Transaction) => Change): WriteOutcome<StockTakeDocument> {
  const { tx, shopId, now } = scope;
  const before = loadStockTake(tx, shopId, id);
  const draft: StockTakeDraft = { stockTake: { ...before.stockTake }, ...draftLines(before.lines) };
  const { summary, effects } = change(draft, tx);
  const { stockTake } = draft;
  stampStatus(before.stockTake.status, stockTake, STAMPS, now);
  // Completion records a physical count, so it alone may leave available negative (§3 rule 4, §6.3).
  scope.gateway.applyBatch(tx, { shopId, reference: { type: "stock_take", id, operation }, effects, negativeAvailable: operation === OP("complete") ? "allow" : "refuse", now });
  const changes = saveDocument(scope, STORAGE, { header: before.stockTake, lines: before.lines }, stockTake, draft);
  return {
    document: present(tx, shopId, stockTake, linesOf(tx, shopId, [id])),
    inventoryEffects: effects,
    activity: { subjectType: "stock_take", subjectId: id, summary: `${summary}${statusNote(before.stockTake.status, stockTake.status)}`, changes },
  };
}

function insertStockTake(scope: WriteScope, parsed: z.output<typeof CreateStockTakeInput>): WriteOutcome<StockTakeDocument> {
  const { tx, shopId, now } = scope;
  const location = tx.select().from(locations).where(and(eq(locations.shopId, shopId), eq(locations.id, parsed.locationId))).get();
  if (!location) throw notFound("location", parsed.locationId);
  if (!location.active) throw new DomainError("LOCATION_INACTIVE", `Location ${location.name} is deactivated in Shopify; choose an active location.`, { locationId: location.id });
  const id = newId("st");
  const number = nextDocumentNumber(tx, shopId, "stock_take", "ST-", (n) => tx.select({ id: stockTakes.id }).from(stockTakes).where(and(eq(stockTakes.shopId, shopId), eq(stockTakes.number, n))).get() !== undefined);
  const stockTake: StRow = {
    id,
    shopId,
    number,
    name: parsed.name ?? null,
    locationId: location.id,
    status: "draft",
    notes: parsed.notes ?? "",
    countingStartedAt: null,
    completedAt: null,
    cancelledAt: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  tx.insert(stockTakes).values(stockTake).run();
  const variantIds = parsed.include === "all" ? stockedTrackedVariants(tx, shopId, location.id) : (parsed.variantIds ?? []);
  requireTotalSize(variantIds.length, stockTake);
  const lines = newLines(tx, shopId, stockTake, [], variantIds, now);
  for (const line of lines) tx.insert(stockTakeLines).values(line).run();
  return {
    document: present(tx, shopId, stockTake, lines),
    inventoryEffects: [],
    activity: { subjectType: "stock_take", subjectId: id, summary: `Created ${number} at ${location.nameOverride ?? location.name} with ${lines.length} line(s).`, changes: [] },
  };
}

/** Every tracked variant with an inventory level at the location. */
function stockedTrackedVariants(tx: Transaction, shopId: string, locationId: string): string[] {
  return tx
    .select({ id: variants.id })
    .from(inventoryLevels)
    .innerJoin(variants, eq(variants.id, inventoryLevels.variantId))
    .where(and(eq(inventoryLevels.shopId, shopId), eq(inventoryLevels.locationId, locationId), eq(variants.shopId, shopId), eq(variants.inventoryTracked, true)))
    .orderBy(asc(variants.createdAt), asc(variants.id))
    .all()
    .map((row) => row.id);
}

function newLines(tx: Transaction, shopId: string, stockTake: StRow, existing: StLineRow[], variantIds: readonly string[], now: Date): StLineRow[] {
  const onStockTake = new Set(existing.map((line) => line.variantId));
  const found = new Map(
    variantIds.length
      ? tx.select({ id: variants.id, tracked: variants.inventoryTracked }).from(variants).where(and(eq(variants.shopId, shopId), inArray(variants.id, [...new Set(variantIds)]))).all().map((row) => [row.id, row.tracked])
      : [],
  );
  return variantIds.map((variantId, index) => {
    const tracked = found.get(variantId);
    if (tracked === undefined) throw notFound("variant", variantId);
    if (!tracked) throw new DomainError("VARIANT_NOT_TRACKED", `Variant ${variantId} does not track inventory, so it cannot be counted.`, { variantId });
    if (onStockTake.has(variantId)) throw new DomainError("DUPLICATE_LINE", `Variant ${variantId} is already on ${stockTake.number}; record its count on that line instead.`, { variantId });
    onStockTake.add(variantId);
    return { id: newId("stl"), shopId, stockTakeId: stockTake.id, variantId, expected: null, unitCostAmount: null, costMissing: false, counted: null, reasonId: null, appliedDelta: null, createdAt: new Date(now.getTime() + index) };
  });
}

/** Sets expected = on_hand now and the variant's unit cost (zero and costMissing when unknown). */
function snapshot(tx: Transaction, shopId: string, locationId: string, lines: StLineRow[]): void {
  if (!lines.length) return;
  const variantIds = lines.map((line) => line.variantId);
  const onHand = onHandOf(tx, shopId, locationId, variantIds);
  const costs = new Map(
    chunks(variantIds).flatMap((ids) => tx.select({ id: variants.id, cost: variants.unitCostAmount }).from(variants).where(and(eq(variants.shopId, shopId), inArray(variants.id, ids))).all().map((row) => [row.id, row.cost] as const)),
  );
  for (const line of lines) {
    const cost = costs.get(line.variantId) ?? null;
    line.expected = onHand.get(line.variantId) ?? 0;
    line.unitCostAmount = cost ?? 0;
    line.costMissing = cost === null;
  }
}

function onHandOf(tx: Transaction, shopId: string, locationId: string, variantIds: string[]): Map<string, number> {
  return new Map(
    chunks(variantIds).flatMap((ids) =>
      tx
        .select({ variantId: inventoryLevels.variantId, onHand: inventoryLevels.onHand })
        .from(inventoryLevels)
        .where(and(eq(inventoryLevels.shopId, shopId), eq(inventoryLevels.locationId, locationId), inArray(inventoryLevels.variantId, ids)))
        .all()
        .map((row) => [row.variantId, row.onHand] as const),
    ),
  );
}

/** SQLite caps bound parameters; lists of up to 10,000 ids go in slices. */
function chunks(ids: readonly string[], size = 500): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size));
  return out;
}

/** Spec §6.4: a variant already on another Counting stock take at the same location. */
function requireNotInOtherCount(tx: Transaction, shopId: string, stockTake: StRow, variantIds: string[]): void {
  for (const ids of chunks(variantIds)) {
    const clash = tx
      .select({ variantId: stockTakeLines.variantId, number: stockTakes.number, id: stockTakes.id })
      .from(stockTakeLines)
      .innerJoin(stockTakes, eq(stockTakes.id, stockTakeLines.stockTakeId))
      .where(and(eq(stockTakes.shopId, shopId), eq(stockTakes.locationId, stockTake.locationId), eq(stockTakes.status, "counting"), ne(stockTakes.id, stockTake.id), inArray(stockTakeLines.variantId, ids)))
      .get();
    if (clash) {
      throw new DomainError("VARIANT_IN_OTHER_COUNT", `Variant ${clash.variantId} is already being counted on ${clash.number} at this location; complete or cancel that count, or remove the line here.`, {
        variantId: clash.variantId,
        stockTakeId: clash.id,
        locationId: stockTake.locationId,
      });
    }
  }
}

function requireCallSize(count: number): void {
  if (count > ST_MAX_LINES_PER_CALL) {
    throw new DomainError("TOO_MANY_LINES", `A call handles at most ${ST_MAX_LINES_PER_CALL} lines; this one has ${count}. Split it into several calls.`, { limit: ST_MAX_LINES_PER_CALL, count });
  }
}

function requireTotalSize(count: number, stockTake: StRow): void {
  if (count > ST_MAX_LINES) {
    throw new DomainError("TOO_MANY_LINES", `A stock take holds at most ${ST_MAX_LINES} lines; ${stockTake.number} would have ${count}. Split the count into several stock takes.`, { limit: ST_MAX_LINES, count });
  }
}

function loadStockTake(tx: Transaction, shopId: string, id: string): { stockTake: StRow; lines: StLineRow[] } {
  const stockTake = tx.select().from(stockTakes).where(and(eq(stockTakes.shopId, shopId), eq(stockTakes.id, id))).get();
  if (!stockTake) throw notFound("stock take", id);
  return { stockTake, lines: linesOf(tx, shopId, [id]) };
}

export function linesOf(tx: Transaction, shopId: string, ids: string[]): StLineRow[] {
  if (!ids.length) return [];
  return tx
    .select()
    .from(stockTakeLines)
    .where(and(eq(stockTakeLines.shopId, shopId), inArray(stockTakeLines.stockTakeId, ids)))
    .orderBy(asc(stockTakeLines.createdAt), asc(stockTakeLines.id))
    .all();
}

function requireLine(draft: StockTakeDraft, by: { lineId?: string | undefined; variantId?: string | undefined }): StLineRow {
  const line = draft.live().find((l) => (by.lineId !== undefined ? l.id === by.lineId : l.variantId === by.variantId));
  if (!line) {
    const what = by.lineId !== undefined ? `line ${JSON.stringify(by.lineId)}` : `line for variant ${JSON.stringify(by.variantId)}`;
    throw new DomainError("NOT_FOUND", `No ${what} on stock take ${draft.stockTake.number}.`, by.lineId !== undefined ? { lineId: by.lineId } : { variantId: by.variantId });
  }
  return line;
}

function linesLocked(stockTake: StRow, what: string): DomainError {
  return new DomainError("FIELD_LOCKED", `Cannot ${what} on ${stockTake.number} in status ${stockTake.status}. Lines change in draft or counting only.`, { status: stockTake.status, fields: ["lines"] });
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** Value totals (§2.10) in shop currency, over the given lines. */
export function stockTakeValues(lines: readonly Pick<StLineRow, "expected" | "counted" | "unitCostAmount">[]) {
  let expectedValue = 0;
  let countedValue = 0;
  let varianceValue = 0;
  for (const line of lines) {
    if (line.expected === null) continue;
    const cost = line.unitCostAmount ?? 0;
    expectedValue += line.expected * cost;
    if (line.counted === null) continue;
    countedValue += line.counted * cost;
    varianceValue += (line.counted - line.expected) * cost;
  }
  return { expectedValue, countedValue, varianceValue };
}

export function presentStockTakeHeader(stockTake: StRow, lines: readonly StLineRow[], currency: string) {
  const values = stockTakeValues(lines);
  return {
    id: stockTake.id,
    number: stockTake.number,
    name: stockTake.name,
    locationId: stockTake.locationId,
    status: stockTake.status,
    notes: stockTake.notes,
    countingStartedAt: iso(stockTake.countingStartedAt),
    completedAt: iso(stockTake.completedAt),
    cancelledAt: iso(stockTake.cancelledAt),
    createdAt: stockTake.createdAt.toISOString(),
    updatedAt: stockTake.updatedAt.toISOString(),
    version: stockTake.version,
    allowedOperations: allowedStEvents(stockTake),
    expectedValue: { amount: values.expectedValue, currency },
    countedValue: { amount: values.countedValue, currency },
    varianceValue: { amount: values.varianceValue, currency },
  };
}

export function shopCurrency(tx: Transaction, shopId: string): string {
  const shop = tx.select({ currency: shops.currency }).from(shops).where(eq(shops.id, shopId)).get();
  if (!shop) throw notFound("shop", shopId);
  return shop.currency;
}

function present(tx: Transaction, shopId: string, stockTake: StRow, lines: StLineRow[]): StockTakeDocument {
  const currency = shopCurrency(tx, shopId);
  const ids = [...new Set(lines.map((line) => line.variantId))];
  const skus = new Map(chunks(ids).flatMap((slice) => tx.select({ id: variants.id, sku: variants.sku }).from(variants).where(and(eq(variants.shopId, shopId), inArray(variants.id, slice))).all().map((row) => [row.id, row.sku] as const)));
  return {
    ...presentStockTakeHeader(stockTake, lines, currency),
    lines: lines.map((line) => ({
      id: line.id,
      variantId: line.variantId,
      sku: skus.get(line.variantId) ?? null,
      expected: line.expected,
      unitCost: line.expected === null ? null : { amount: line.unitCostAmount ?? 0, currency },
      costMissing: line.costMissing,
      counted: line.counted,
      reasonId: line.reasonId,
      variance: line.expected !== null && line.counted !== null ? line.counted - line.expected : null,
      appliedDelta: line.appliedDelta,
    })),
  };
}
