/** Reorder-rule reads: every rule of the store, store-wide and per location, with the variant's SKU. */
import { and, count, eq, type SQL } from "drizzle-orm";
import type { AppDatabase } from "../../../db/client";
import { reorderRules, variants } from "../../../db/schema";
import { afterPosition, newestFirst, startAfter, toPage, type Page, type PageRequest } from "../page.server";
import { databaseFor } from "../writes.server";

export type ReorderRuleRow = Omit<typeof reorderRules.$inferSelect, "shopId"> & { sku: string | null };
export type ReorderRuleFilters = {
  variantId?: string | undefined;
  locationId?: string | undefined;
  sku?: string | undefined;
};
type ReadOptions = { database?: AppDatabase | undefined; now?: Date | undefined };

const ruleWithSku = {
  id: reorderRules.id,
  variantId: reorderRules.variantId,
  locationId: reorderRules.locationId,
  min: reorderRules.min,
  max: reorderRules.max,
  target: reorderRules.target,
  reorderPoint: reorderRules.reorderPoint,
  createdAt: reorderRules.createdAt,
  updatedAt: reorderRules.updatedAt,
  updatedBy: reorderRules.updatedBy,
  sku: variants.sku,
};

export function listReorderRules(shopId: string, filters: ReorderRuleFilters, page: PageRequest, options: ReadOptions = {}): Page<ReorderRuleRow> {
  const now = options.now ?? new Date();
  const conditions: (SQL | undefined)[] = [eq(reorderRules.shopId, shopId)];
  if (filters.variantId !== undefined) conditions.push(eq(reorderRules.variantId, filters.variantId));
  if (filters.locationId !== undefined) conditions.push(eq(reorderRules.locationId, filters.locationId));
  if (filters.sku !== undefined) conditions.push(eq(variants.sku, filters.sku));
  const where = and(...conditions);
  const after = afterPosition(reorderRules, startAfter(filters, page, now));
  return databaseFor(options).transaction((tx) => {
    const rows = tx
      .select(ruleWithSku)
      .from(reorderRules)
      .innerJoin(variants, eq(variants.id, reorderRules.variantId))
      .where(and(where, after))
      .orderBy(...newestFirst(reorderRules))
      .limit(page.limit + 1)
      .all();
    const total = tx.select({ n: count() }).from(reorderRules).innerJoin(variants, eq(variants.id, reorderRules.variantId)).where(where).get()?.n ?? 0;
    return toPage(rows, page, filters, total, now, (row) => row);
  });
}

export function getReorderRule(shopId: string, id: string, options: ReadOptions = {}): ReorderRuleRow | undefined {
  return databaseFor(options)
    .select(ruleWithSku)
    .from(reorderRules)
    .innerJoin(variants, eq(variants.id, reorderRules.variantId))
    .where(and(eq(reorderRules.shopId, shopId), eq(reorderRules.id, id)))
    .get();
}
