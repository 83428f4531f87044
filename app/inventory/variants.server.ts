/** Product variants, as mirrored from Shopify; read-only to agents. */
import { and, count, eq, or, type SQL } from "drizzle-orm";
import { products, variants } from "../../db/schema";
import { db } from "../db.server";
import { afterPosition, containsText, newestFirst, startAfter, toPage, type Page, type PageRequest } from "./page.server";

export type VariantRow = typeof variants.$inferSelect & { productTitle: string };
export type VariantFilters = {
  sku?: string | undefined;
  barcode?: string | undefined;
  productId?: string | undefined;
  search?: string | undefined;
};

const variantWithProduct = {
  id: variants.id,
  shopId: variants.shopId,
  productId: variants.productId,
  shopifyId: variants.shopifyId,
  inventoryItemShopifyId: variants.inventoryItemShopifyId,
  title: variants.title,
  sku: variants.sku,
  barcode: variants.barcode,
  priceAmount: variants.priceAmount,
  unitCostAmount: variants.unitCostAmount,
  inventoryTracked: variants.inventoryTracked,
  createdAt: variants.createdAt,
  updatedAt: variants.updatedAt,
  productTitle: products.title,
};

export function listVariants(shopId: string, filters: VariantFilters, page: PageRequest, now = new Date()): Page<VariantRow> {
  const conditions: (SQL | undefined)[] = [eq(variants.shopId, shopId)];
  if (filters.sku !== undefined) conditions.push(eq(variants.sku, filters.sku));
  if (filters.barcode !== undefined) conditions.push(eq(variants.barcode, filters.barcode));
  if (filters.productId !== undefined) conditions.push(eq(variants.productId, filters.productId));
  if (filters.search !== undefined) {
    conditions.push(
      or(
        containsText(variants.title, filters.search),
        containsText(variants.sku, filters.search),
        containsText(products.title, filters.search),
      ),
    );
  }
  const where = and(...conditions);
  const after = afterPosition(variants, startAfter(filters, page, now));
  const rows = db()
    .select(variantWithProduct)
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .where(and(where, after))
    .orderBy(...newestFirst(variants))
    .limit(page.limit + 1)
    .all();
  const total =
    db()
      .select({ n: count() })
      .from(variants)
      .innerJoin(products, eq(products.id, variants.productId))
      .where(where)
      .get()?.n ?? 0;
  return toPage(rows, page, filters, total, now, (row) => row);
}

export function getVariant(shopId: string, id: string): VariantRow | undefined {
  return db()
    .select(variantWithProduct)
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .where(and(eq(variants.shopId, shopId), eq(variants.id, id)))
    .get();
}
