/**
 * Writes for a store connected to Shopify (spec/domain.md §3 rules 2, 3, 6 and 7): the inventory
 * change is applied in Shopify first, then the document change and the mirror commit together.
 *
 * Shopify calls are asynchronous and our write transactions are synchronous, so a write runs the
 * synchronous domain call up to three times, each in its own transaction:
 *
 * 1. Plan. The call runs with a gateway that checks the guardrails against the mirror and then
 *    throws the batch out, which rolls the transaction back. A call that never hands the gateway a
 *    change (no inventory effect, an idempotent replay, a refusal) was the real write: it stands,
 *    and Shopify is never called.
 * 2. Lock, plan again, apply in Shopify. A row in `inventory_write_locks` per document serialises
 *    writers across the wait (several app servers may share the database, so no in-memory lock).
 *    A second writer polls until the row is free, for a bounded time. Under the lock the call is
 *    planned again, the Shopify mutations (each with its own idempotency key, and the mirror's
 *    quantity as the quantity it expects to replace) are recorded on the row, then sent.
 * 3. Commit. The call runs again with a gateway that checks the batch is the one planned and the
 *    lock is still ours, writes Shopify's resulting quantities to the mirror and drops the lock
 *    row, all in the document's transaction.
 *
 * Any failure after a mutation may have landed reverses it in Shopify. Reversal never depends on
 * knowing whether a mutation landed: a mutation whose answer was lost is sent again with the same
 * idempotency key, so Shopify either replays its earlier answer or applies it now, and then it is
 * reversed with a delta and a reversal key recorded beforehand (so a reversal sent twice lands
 * once). A compare that no longer matches proves the mutation did not land.
 *
 * Crash safety: a lock row that expired with recorded mutations means its writer died (or gave up
 * reversing) between sending them and committing. The next writer of that document reverses them
 * as above before doing anything else; until it can, it fails with SHOPIFY_UNAVAILABLE. A writer
 * that outlives its lock finds, at commit, that the row is no longer its own, and fails without
 * committing; the writer that took the row over reverses its mutations.
 */
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { and, eq, gt, inArray, isNotNull, isNull, lte } from "drizzle-orm";
import { z } from "zod";
import type { AppDatabase } from "../../db/client";
import { inventoryWriteLocks, locations, variants } from "../../db/schema";
import { DomainError } from "./errors";
import { projectBatch, saveLevels, type InventoryBatch, type InventoryGateway, type ProjectedLevel, type Transaction } from "./gateway.server";
import { RemoteAdjustment, RemoteInventoryError, type RemoteInventory, type RemoteLevel, type RemoteQuantity } from "./remote";
import { databaseFor, type WriteCall, type WriteResult } from "./writes.server";

export type RemoteWriteOptions = {
  /** How long a writer may hold a document before another may take it over. */
  lockLifetimeMs?: number;
  /** How long a second writer waits for the document before giving up. */
  lockWaitMs?: number;
};

// Longer than the Shopify calls of one write can take (each is cut off well before this).
const LOCK_LIFETIME_MS = 60_000;
const LOCK_WAIT_MS = 15_000;
const LOCK_POLL_MS = 20;

export async function writeThroughRemote<Document>(
  shopId: string,
  call: WriteCall,
  remote: RemoteInventory | null,
  write: (call: WriteCall) => WriteResult<Document>,
  options: RemoteWriteOptions = {},
): Promise<WriteResult<Document>> {
  if (remote === null) return write(call);
  const database = databaseFor(call);
  const first = plan(write, { ...call, database });
  if (first.kind === "written") return first.result;

  const lock: Lock = { database, shopId, subject: first.planned.batch.reference, holderId: randomUUID(), idempotencyKey: call.idempotencyKey ?? null };
  await acquire(lock, remote, options);
  try {
    const now = call.now ?? new Date();
    const second = plan(write, { ...call, database, now });
    if (second.kind === "written") return second.result;
    const { reference } = second.planned.batch;
    if (reference.type !== lock.subject.type || reference.id !== lock.subject.id) {
      throw new Error(`A write planned on ${lock.subject.type} ${lock.subject.id} changed subject to ${reference.type} ${reference.id}; a document created with an inventory effect cannot be serialised.`);
    }
    return await applyAndCommit(lock, remote, second.planned, (gateway) => write({ ...call, database, now, gateway }));
  } finally {
    release(lock);
  }
}

// Recovery without a next writer. ------------------------------------------------------------

/** The stores with a document whose lock expired holding mutations: a writer died between Shopify and its commit. */
export function findShopsWithAbandonedWrites(options: { database?: AppDatabase | undefined; now?: Date } = {}): string[] {
  const rows = databaseFor(options)
    .selectDistinct({ shopId: inventoryWriteLocks.shopId })
    .from(inventoryWriteLocks)
    .where(and(isNotNull(inventoryWriteLocks.pendingChanges), lte(inventoryWriteLocks.expiresAt, options.now ?? new Date())))
    .all();
  return rows.map((row) => row.shopId);
}

/**
 * Reverses a store's abandoned mutations in Shopify now, instead of when each document is next
 * written, so Shopify's figures do not carry a change that never committed. A document whose
 * reversal cannot reach Shopify stays for the next run (or its next writer); one a writer holds
 * meanwhile is that writer's to put right.
 */
export async function recoverAbandonedWrites(shopId: string, remote: RemoteInventory, options: { database?: AppDatabase | undefined } = {}): Promise<{ recovered: number; stillPending: number }> {
  const database = databaseFor(options);
  const abandoned = database
    .select({ type: inventoryWriteLocks.subjectType, id: inventoryWriteLocks.subjectId })
    .from(inventoryWriteLocks)
    .where(and(eq(inventoryWriteLocks.shopId, shopId), isNotNull(inventoryWriteLocks.pendingChanges), lte(inventoryWriteLocks.expiresAt, new Date())))
    .all();
  const counts = { recovered: 0, stillPending: 0 };
  for (const subject of abandoned) {
    const lock: Lock = { database, shopId, subject: { ...subject, operation: "recoverAbandonedWrite" }, holderId: randomUUID(), idempotencyKey: null };
    const attempt = tryAcquire(lock, LOCK_LIFETIME_MS);
    if (attempt.kind !== "acquired") continue;
    try {
      if (attempt.orphaned.length) await recoverOrphaned(lock, remote, attempt.orphaned);
      counts.recovered += 1;
    } catch (error) {
      if (!(error instanceof DomainError && error.code === "SHOPIFY_UNAVAILABLE")) throw error;
      counts.stillPending += 1;
    } finally {
      release(lock);
    }
  }
  return counts;
}

// Phase 1: plan. ------------------------------------------------------------------------------

type Planned = { batch: InventoryBatch; levels: ProjectedLevel[]; shopifyLevels: Map<string, RemoteLevel> };

/** Thrown by the planning gateway to carry the batch out of the transaction and roll it back. */
class PlannedBatch extends Error {
  constructor(readonly planned: Planned) {
    super("planned inventory batch");
  }
}

function plan<Document>(write: (call: WriteCall) => WriteResult<Document>, call: WriteCall): { kind: "written"; result: WriteResult<Document> } | { kind: "planned"; planned: Planned } {
  const gateway: InventoryGateway = {
    applyBatch(tx, batch) {
      const levels = projectBatch(tx, batch);
      if (!levels.length) return;
      throw new PlannedBatch({ batch, levels, shopifyLevels: shopifyLevelsOf(tx, batch, levels) });
    },
  };
  try {
    return { kind: "written", result: write({ ...call, gateway }) };
  } catch (error) {
    if (error instanceof PlannedBatch) return { kind: "planned", planned: error.planned };
    throw error;
  }
}

function shopifyLevelsOf(tx: Transaction, batch: InventoryBatch, levels: readonly ProjectedLevel[]): Map<string, RemoteLevel> {
  const items = new Map(
    tx
      .select({ id: variants.id, inventoryItemId: variants.inventoryItemShopifyId })
      .from(variants)
      .where(and(eq(variants.shopId, batch.shopId), inArray(variants.id, [...new Set(levels.map((l) => l.variantId))])))
      .all()
      .map((row) => [row.id, row.inventoryItemId]),
  );
  const places = new Map(
    tx
      .select({ id: locations.id, shopifyId: locations.shopifyId })
      .from(locations)
      .where(and(eq(locations.shopId, batch.shopId), inArray(locations.id, [...new Set(levels.map((l) => l.locationId))])))
      .all()
      .map((row) => [row.id, row.shopifyId]),
  );
  return new Map(
    levels.map((level) => {
      const inventoryItemId = items.get(level.variantId);
      const locationId = places.get(level.locationId);
      if (!inventoryItemId || !locationId) {
        throw new DomainError(
          "SHOPIFY_UNAVAILABLE",
          `Variant ${level.variantId} at location ${level.locationId} is not yet linked to its Shopify inventory item; nothing changed. Retry after the catalogue has synced from Shopify.`,
          { variantId: level.variantId, locationId: level.locationId },
        );
      }
      return [levelKey(level), { inventoryItemId, locationId }];
    }),
  );
}

// Phase 2 and 3: apply in Shopify, commit. ----------------------------------------------------

const PendingAdjustment = z.object({ adjustment: RemoteAdjustment, reversalKey: z.string() });
type PendingAdjustment = z.infer<typeof PendingAdjustment>;
type SentAdjustment = PendingAdjustment & { landed: "yes" | "unknown" };

/** The commit found the lock taken over: the new holder reverses our mutations. */
class LockLost extends Error {}
/** The commit's batch is not the planned one: the document changed between plan and commit. */
class BatchChanged extends Error {}

async function applyAndCommit<Document>(lock: Lock, remote: RemoteInventory, planned: Planned, commit: (gateway: InventoryGateway) => WriteResult<Document>): Promise<WriteResult<Document>> {
  const pending = adjustmentsFor(planned).map((adjustment) => ({ adjustment, reversalKey: randomUUID() }));
  if (!recordPending(lock, pending)) throw unavailable(planned.batch, "another write of the document took it over", null);
  const sent: SentAdjustment[] = [];
  const quantities: RemoteQuantity[] = [];
  try {
    const inactive = planned.levels.filter((level) => !level.stocked).map((level) => planned.shopifyLevels.get(levelKey(level))!);
    for (const level of inactive) await remote.activate(level, randomUUID());
    for (const item of pending) {
      const entry: SentAdjustment = { ...item, landed: "unknown" };
      sent.push(entry);
      quantities.push(...(await remote.adjust(item.adjustment)));
      entry.landed = "yes";
    }
  } catch (error) {
    await reverseOrLeave(lock, remote, sent);
    if (error instanceof RemoteInventoryError && error.kind === "stale") await refreshMirror(remote, planned);
    throw refusalFor(error, planned.batch);
  }

  let reached = false;
  const gateway: InventoryGateway = {
    applyBatch(tx, batch) {
      if (reached) throw new Error("An operation handed the inventory gateway a second batch.");
      reached = true;
      commitBatch(tx, lock, planned, batch, quantities);
    },
  };
  let result: WriteResult<Document>;
  try {
    result = commit(gateway);
  } catch (error) {
    if (error instanceof LockLost) throw unavailable(planned.batch, "the write took too long and another write of the document took over", error);
    await reverseOrLeave(lock, remote, sent);
    if (error instanceof BatchChanged) {
      throw new DomainError("CONCURRENT_UPDATE", `The ${label(planned.batch)} was changed by another write while Shopify was being updated; nothing changed. Read it again and retry.`, { id: planned.batch.reference.id });
    }
    throw error;
  }
  // The document committed without an inventory change (it changed under us): undo Shopify's.
  if (!reached) await reverseOrLeave(lock, remote, sent);
  return result;
}

function adjustmentsFor(planned: Planned): RemoteAdjustment[] {
  const { reference } = planned.batch;
  const referenceDocumentUri = documentUri(reference);
  const adjustments: RemoteAdjustment[] = [];
  for (const quantityName of ["available", "incoming"] as const) {
    const changes = planned.levels
      .filter((level) => level.after[quantityName] !== level.before[quantityName])
      .map((level) => ({ ...planned.shopifyLevels.get(levelKey(level))!, delta: level.after[quantityName] - level.before[quantityName], changeFromQuantity: level.before[quantityName] }));
    if (changes.length) adjustments.push({ idempotencyKey: randomUUID(), quantityName, reason: reasonFor(reference.type, quantityName), referenceDocumentUri, changes });
  }
  return adjustments;
}

/**
 * The committing gateway's work, inside the document's transaction: the lock must still be ours
 * and the batch the planned one; the mirror takes Shopify's resulting quantities (on_hand follows
 * available there, so it moves by the batch's own delta unless Shopify reported it).
 */
function commitBatch(tx: Transaction, lock: Lock, planned: Planned, batch: InventoryBatch, quantities: readonly RemoteQuantity[]): void {
  const held = tx.select({ holderId: inventoryWriteLocks.holderId }).from(inventoryWriteLocks).where(lockRow(lock)).get();
  if (held?.holderId !== lock.holderId) throw new LockLost();
  if (batchShape(batch) !== batchShape(planned.batch)) throw new BatchChanged();
  const levels = projectBatch(tx, batch);
  const reported = new Map(quantities.map((q) => [`${q.inventoryItemId}|${q.locationId}|${q.quantityName}`, q.quantity]));
  for (const level of levels) {
    const shopify = planned.shopifyLevels.get(levelKey(level))!;
    const at = (name: string) => reported.get(`${shopify.inventoryItemId}|${shopify.locationId}|${name}`);
    level.after = { available: at("available") ?? level.after.available, onHand: at("on_hand") ?? level.after.onHand, incoming: at("incoming") ?? level.after.incoming };
  }
  saveLevels(tx, batch, levels);
  tx.delete(inventoryWriteLocks).where(lockRow(lock)).run();
}

function batchShape(batch: InventoryBatch): string {
  return JSON.stringify([batch.shopId, batch.reference, batch.negativeAvailable, batch.effects.filter((e) => e.delta !== 0).map((e) => [e.variantId, e.locationId, e.quantityName, e.delta])]);
}

// Reversal. -----------------------------------------------------------------------------------

/**
 * Reverses, newest first, every mutation that landed or may have landed. If Shopify cannot be
 * reached for that, the mutations stay recorded and the lock expires now, so the next writer of
 * the document finishes the reversal before it does anything.
 */
/**
 * After a stale compare the mirror is behind Shopify: read the batch's levels again, so that the
 * caller's retry plans against Shopify's figures instead of failing the same way. Best effort: if
 * Shopify cannot be read now, the conflict still stands and a later sync catches the mirror up.
 */
async function refreshMirror(remote: RemoteInventory, planned: Planned): Promise<void> {
  try {
    await remote.refreshLevels([...planned.shopifyLevels.values()]);
  } catch (error) {
    if (!(error instanceof RemoteInventoryError)) throw error;
  }
}

async function reverseOrLeave(lock: Lock, remote: RemoteInventory, sent: readonly SentAdjustment[]): Promise<void> {
  try {
    await reverse(remote, sent);
  } catch (error) {
    if (!(error instanceof RemoteInventoryError)) throw error;
    leaveForNextWriter(lock, sent);
    return;
  }
  // Lost only if another writer took the document over; it then reverses them again, landing nothing twice.
  recordPending(lock, []);
}

async function reverse(remote: RemoteInventory, sent: readonly SentAdjustment[]): Promise<void> {
  for (const item of [...sent].reverse()) {
    if (item.landed === "unknown") {
      try {
        await remote.adjust(item.adjustment);
      } catch (error) {
        // A definite refusal (stale compare, or Shopify remembering the failed first attempt) means it never landed.
        if (error instanceof RemoteInventoryError && error.kind !== "unknown") continue;
        throw error;
      }
    }
    await remote.adjust(reversalOf(item));
  }
}

function reversalOf(item: PendingAdjustment): RemoteAdjustment {
  const { adjustment } = item;
  return { ...adjustment, idempotencyKey: item.reversalKey, reason: "correction", changes: adjustment.changes.map((change) => ({ ...change, delta: -change.delta, changeFromQuantity: null })) };
}

// The lock. -----------------------------------------------------------------------------------

type Lock = { database: AppDatabase; shopId: string; subject: InventoryBatch["reference"]; holderId: string; idempotencyKey: string | null };

function lockRow(lock: Lock) {
  return and(eq(inventoryWriteLocks.shopId, lock.shopId), eq(inventoryWriteLocks.subjectType, lock.subject.type), eq(inventoryWriteLocks.subjectId, lock.subject.id));
}

async function acquire(lock: Lock, remote: RemoteInventory, options: RemoteWriteOptions): Promise<void> {
  const waitUntil = Date.now() + (options.lockWaitMs ?? LOCK_WAIT_MS);
  for (;;) {
    const attempt = tryAcquire(lock, options.lockLifetimeMs ?? LOCK_LIFETIME_MS);
    if (attempt.kind === "same_key") {
      throw new DomainError("CONFLICT_IN_PROGRESS", "A call with this idempotency key is still running. Wait for it, then repeat the call to read its result.");
    }
    if (attempt.kind === "acquired") {
      if (attempt.orphaned.length) await recoverOrphaned(lock, remote, attempt.orphaned);
      return;
    }
    if (Date.now() >= waitUntil) {
      throw new DomainError("SHOPIFY_UNAVAILABLE", `Another change to the ${label({ reference: lock.subject })} is still being applied in Shopify; nothing changed. Retry in a few seconds.`, { id: lock.subject.id });
    }
    await sleep(LOCK_POLL_MS);
  }
}

function tryAcquire(lock: Lock, lifetimeMs: number): { kind: "acquired"; orphaned: PendingAdjustment[] } | { kind: "busy" } | { kind: "same_key" } {
  const now = new Date();
  return lock.database.transaction(
    (tx) => {
      if (lock.idempotencyKey !== null) {
        const sameKey = tx
          .select({ holderId: inventoryWriteLocks.holderId })
          .from(inventoryWriteLocks)
          .where(and(eq(inventoryWriteLocks.shopId, lock.shopId), eq(inventoryWriteLocks.idempotencyKey, lock.idempotencyKey), gt(inventoryWriteLocks.expiresAt, now)))
          .get();
        if (sameKey) return { kind: "same_key" };
      }
      const row = tx.select({ expiresAt: inventoryWriteLocks.expiresAt, pendingChanges: inventoryWriteLocks.pendingChanges }).from(inventoryWriteLocks).where(lockRow(lock)).get();
      if (row && row.expiresAt > now) return { kind: "busy" };
      const holder = { holderId: lock.holderId, idempotencyKey: lock.idempotencyKey, expiresAt: new Date(now.getTime() + lifetimeMs) };
      if (row) tx.update(inventoryWriteLocks).set(holder).where(lockRow(lock)).run();
      else tx.insert(inventoryWriteLocks).values({ shopId: lock.shopId, subjectType: lock.subject.type, subjectId: lock.subject.id, ...holder, pendingChanges: null }).run();
      return { kind: "acquired", orphaned: row?.pendingChanges ? z.array(PendingAdjustment).parse(row.pendingChanges) : [] };
    },
    { behavior: "immediate" },
  );
}

async function recoverOrphaned(lock: Lock, remote: RemoteInventory, orphaned: readonly PendingAdjustment[]): Promise<void> {
  const sent = orphaned.map((item) => ({ ...item, landed: "unknown" as const }));
  try {
    await reverse(remote, sent);
  } catch (error) {
    if (!(error instanceof RemoteInventoryError)) throw error;
    leaveForNextWriter(lock, sent);
    throw unavailable({ reference: lock.subject }, "an earlier interrupted change to it could not yet be undone in Shopify", error);
  }
  recordPending(lock, []);
}

/** False when the lock is no longer ours. */
function recordPending(lock: Lock, pending: readonly PendingAdjustment[]): boolean {
  const saved = lock.database
    .update(inventoryWriteLocks)
    .set({ pendingChanges: pending.length ? pending.map(({ adjustment, reversalKey }) => ({ adjustment, reversalKey })) : null })
    .where(and(lockRow(lock), eq(inventoryWriteLocks.holderId, lock.holderId)))
    .run();
  return saved.changes === 1;
}

function leaveForNextWriter(lock: Lock, sent: readonly PendingAdjustment[]): void {
  lock.database
    .update(inventoryWriteLocks)
    .set({ pendingChanges: sent.map(({ adjustment, reversalKey }) => ({ adjustment, reversalKey })), expiresAt: new Date() })
    .where(and(lockRow(lock), eq(inventoryWriteLocks.holderId, lock.holderId)))
    .run();
}

/** Frees the document unless mutations still wait to be reversed (then the next writer does it). */
function release(lock: Lock): void {
  lock.database.delete(inventoryWriteLocks).where(and(lockRow(lock), eq(inventoryWriteLocks.holderId, lock.holderId), isNull(inventoryWriteLocks.pendingChanges))).run();
}

// Naming. -------------------------------------------------------------------------------------

const DOCUMENT_LABELS = { purchase_order: "purchase order", transfer_order: "transfer order", stock_take: "stock take", supplier_return: "supplier return", variant: "variant" } as const;
const DOCUMENT_URI_TYPES = { purchase_order: "PurchaseOrder", transfer_order: "TransferOrder", stock_take: "StockTake", supplier_return: "SupplierReturn", variant: "Variant" } as const;

function label(batch: Pick<InventoryBatch, "reference">): string {
  return `${DOCUMENT_LABELS[batch.reference.type]} ${batch.reference.id}`;
}

/** Shows our app and the document in Shopify's inventory history; must not be a gid://shopify URI. */
function documentUri(reference: InventoryBatch["reference"]): string {
  return `gid://logistified/${DOCUMENT_URI_TYPES[reference.type]}/${reference.id}`;
}

function reasonFor(type: InventoryBatch["reference"]["type"], quantityName: "available" | "incoming"): string {
  if (quantityName === "available" && type === "purchase_order") return "received";
  if (quantityName === "available" && type === "stock_take") return "cycle_count_available";
  return "correction";
}

function levelKey(level: Pick<ProjectedLevel, "variantId" | "locationId">): string {
  return `${level.variantId}|${level.locationId}`;
}

function refusalFor(error: unknown, batch: InventoryBatch): unknown {
  if (!(error instanceof RemoteInventoryError)) return error;
  if (error.kind === "stale") {
    return new DomainError(
      "INVENTORY_CONFLICT",
      `A quantity touched by this change to the ${label(batch)} changed in Shopify since Logistified last read it; nothing changed. Logistified has read Shopify's figures again: check the inventory levels and retry.`,
      { id: batch.reference.id, shopify: error.message },
    );
  }
  if (error.kind === "refused") return unavailable(batch, `Shopify refused it (${error.message})`, error);
  return unavailable(batch, "Shopify could not be reached", error);
}

function unavailable(batch: Pick<InventoryBatch, "reference">, why: string, cause: unknown): DomainError {
  const error = new DomainError("SHOPIFY_UNAVAILABLE", `The inventory change to the ${label(batch)} was not applied: ${why}. Nothing changed; it is safe to retry.`, { id: batch.reference.id });
  error.cause = cause;
  return error;
}
