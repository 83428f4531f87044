/**
 * The inventory gateway (spec/domain.md §3 rule 3): every quantity change an operation makes goes
 * through it as one batch referencing the document, inside the operation's transaction. The
 * domain never knows which gateway it has.
 *
 * The local gateway is the demo store's: there is no Shopify side, so it applies the batch to
 * `inventory_levels` only. A variant not yet stocked at a location is activated there from zero.
 * Only `on_hand`, `available` and `incoming` change; a change to `on_hand` changes `available` by
 * the same amount, which the batch states explicitly as two effects.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { AppDatabase } from "../../db/client";
import { newId } from "../../db/ids";
import { inventoryLevels, type ACTIVITY_SUBJECT_TYPES } from "../../db/schema";
import { DomainError } from "./errors";
import type { InventoryEffect } from "./values";

export type Transaction = Parameters<Parameters<AppDatabase["transaction"]>[0]>[0];

export type InventoryBatch = {
  shopId: string;
  reference: { type: (typeof ACTIVITY_SUBJECT_TYPES)[number]; id: string; operation: string };
  effects: readonly InventoryEffect[];
  /** Stock-take completion records a physical count and may leave `available` negative (§6.3). */
  negativeAvailable: "refuse" | "allow";
  now: Date;
};

export interface InventoryGateway {
  /** Applies the whole batch or throws (INSUFFICIENT_AVAILABLE, SHOPIFY_UNAVAILABLE, INVENTORY_CONFLICT). */
  applyBatch(tx: Transaction, batch: InventoryBatch): void;
}

const COLUMN = { available: "available", on_hand: "onHand", incoming: "incoming" } as const;

export type LevelQuantities = { available: number; onHand: number; incoming: number };

/** One level a batch touches: its quantities before and after, and whether it is stocked yet. */
export type ProjectedLevel = {
  id: string;
  variantId: string;
  locationId: string;
  stocked: boolean;
  before: LevelQuantities;
  after: LevelQuantities;
};

export const localInventoryGateway: InventoryGateway = {
  applyBatch(tx, batch) {
    saveLevels(tx, batch, projectBatch(tx, batch));
  },
};

/**
 * What the batch would leave at each level it touches, read from the local levels (the mirror, for
 * a connected store), with the guardrails of rule 4 checked. Writes nothing.
 */
export function projectBatch(tx: Transaction, batch: InventoryBatch): ProjectedLevel[] {
  const effects = batch.effects.filter((effect) => effect.delta !== 0);
  if (!effects.length) return [];
  const variantIds = [...new Set(effects.map((e) => e.variantId))];
  const existing = tx
    .select({ id: inventoryLevels.id, variantId: inventoryLevels.variantId, locationId: inventoryLevels.locationId, available: inventoryLevels.available, onHand: inventoryLevels.onHand, incoming: inventoryLevels.incoming })
    .from(inventoryLevels)
    .where(and(eq(inventoryLevels.shopId, batch.shopId), inArray(inventoryLevels.variantId, variantIds)))
    .all();
  const stockedLevels = new Map(existing.map((level) => [`${level.variantId}|${level.locationId}`, level]));
  const touched = new Map<string, ProjectedLevel>();
  for (const effect of effects) {
    const key = `${effect.variantId}|${effect.locationId}`;
    let level = touched.get(key);
    if (!level) {
      const stocked = stockedLevels.get(key);
      const before = stocked ? { available: stocked.available, onHand: stocked.onHand, incoming: stocked.incoming } : { available: 0, onHand: 0, incoming: 0 };
      level = { id: stocked?.id ?? newId("lvl"), variantId: effect.variantId, locationId: effect.locationId, stocked: stocked !== undefined, before, after: { ...before } };
      touched.set(key, level);
    }
    level.after[COLUMN[effect.quantityName]] += effect.delta;
  }
  for (const level of touched.values()) {
    const asked = effects.filter((e) => e.variantId === level.variantId && e.locationId === level.locationId && e.quantityName === "available").reduce((s, e) => s + e.delta, 0);
    // Mirrored figures may already be negative (oversold); only a lowering below zero is refused.
    if (asked < 0 && level.after.available < 0 && batch.negativeAvailable === "refuse") {
      throw new DomainError(
        "INSUFFICIENT_AVAILABLE",
        `Only ${level.after.available - asked} units of variant ${level.variantId} are available at location ${level.locationId}; this needs ${-asked}. Move units to available in Shopify, or lower the quantity.`,
        { variantId: level.variantId, locationId: level.locationId, available: level.after.available - asked, required: -asked },
      );
    }
    level.after.incoming = Math.max(0, level.after.incoming);
  }
  return [...touched.values()];
}

/** Writes each level's `after` quantities, activating (inserting) the levels not stocked yet. */
export function saveLevels(tx: Transaction, batch: InventoryBatch, levels: readonly ProjectedLevel[]): void {
  for (const level of levels) {
    if (!level.stocked) {
      tx.insert(inventoryLevels).values({ id: level.id, shopId: batch.shopId, variantId: level.variantId, locationId: level.locationId, ...level.after, updatedAt: batch.now }).run();
      continue;
    }
    tx.update(inventoryLevels).set({ ...level.after, updatedAt: batch.now }).where(eq(inventoryLevels.id, level.id)).run();
  }
}
