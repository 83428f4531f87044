/** Inventory levels (one per variant × location), as mirrored from Shopify; read-only to agents. */
import { and, count, eq, inArray, type SQL } from "drizzle-orm";
import { z } from "zod";
import { inventoryLevels, variants } from "../../db/schema";
import { db } from "../db.server";
import type { Transaction } from "./gateway.server";
import { afterPosition, newestFirst, startAfter, toPage, type Page, type PageRequest } from "./page.server";

export const InventoryLevelFilters = z.object({
  variantId: z.string().min(1).max(64).optional().describe("Only this variant's levels, one per location it is stocked at"),
  locationId: z.string().min(1).max(64).optional().describe("Only levels at this location"),
  sku: z.string().min(1).max(255).optional().describe("Only levels of the variant with exactly this SKU"),
});
export type InventoryLevelFilters = z.output<typeof InventoryLevelFilters>;

const levelWithSku = {
  id: inventoryLevels.id,
  variantId: inventoryLevels.variantId,
  locationId: inventoryLevels.locationId,
  sku: variants.sku,
  available: inventoryLevels.available,
  committed: inventoryLevels.committed,
  reserved: inventoryLevels.reserved,
  damaged: inventoryLevels.damaged,
  safetyStock: inventoryLevels.safetyStock,
  qualityControl: inventoryLevels.qualityControl,
  onHand: inventoryLevels.onHand,
  incoming: inventoryLevels.incoming,
  createdAt: inventoryLevels.createdAt,
  updatedAt: inventoryLevels.updatedAt,
};

export type InventoryLevelRow = Omit<typeof inventoryLevels.$inferSelect, "shopId"> & { sku: string | null };

export function listInventoryLevels(shopId: string, filters: InventoryLevelFilters, page: PageRequest, now = new Date()): Page<InventoryLevelRow> {
  const after = afterPosition(inventoryLevels, startAfter(filters, page, now));
  return db().transaction((tx) => {
    const where = and(...levelConditions(tx, shopId, filters));
    const rows = tx
      .select(levelWithSku)
      .from(inventoryLevels)
      .innerJoin(variants, eq(variants.id, inventoryLevels.variantId))
      .where(and(where, after))
      .orderBy(...newestFirst(inventoryLevels))
      .limit(page.limit + 1)
      .all();
    const total = tx.select({ n: count() }).from(inventoryLevels).where(where).get()?.n ?? 0;
    return toPage(rows, page, filters, total, now, (row) => row);
  });
}

export function getInventoryLevel(shopId: string, id: string): InventoryLevelRow | undefined {
  return db()
    .select(levelWithSku)
    .from(inventoryLevels)
    .innerJoin(variants, eq(variants.id, inventoryLevels.variantId))
    .where(and(eq(inventoryLevels.shopId, shopId), eq(inventoryLevels.id, id)))
    .get();
}

function levelConditions(tx: Transaction, shopId: string, filters: InventoryLevelFilters): (SQL | undefined)[] {
  const conditions: (SQL | undefined)[] = [eq(inventoryLevels.shopId, shopId)];
  if (filters.variantId !== undefined) conditions.push(eq(inventoryLevels.variantId, filters.variantId));
  if (filters.locationId !== undefined) conditions.push(eq(inventoryLevels.locationId, filters.locationId));
  if (filters.sku !== undefined) {
    // A subquery rather than a condition on the joined variant, so counting needs no join.
    const withSku = tx.select({ id: variants.id }).from(variants).where(and(eq(variants.shopId, shopId), eq(variants.sku, filters.sku)));
    conditions.push(inArray(inventoryLevels.variantId, withSku));
  }
  return conditions;
}
