/** Products, as mirrored from Shopify; read-only to agents. */
import { and, asc, count, eq, gte, inArray, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import { PRODUCT_STATUSES, products, variants } from "../../db/schema";
import { db } from "../db.server";
import { DateOrDateTime, instantOf } from "./dates";
import type { Transaction } from "./gateway.server";
import { afterPosition, containsText, newestFirst, startAfter, storeTimezone, toPage, type Page, type PageRequest } from "./page.server";

export const ProductStatus = z.enum(PRODUCT_STATUSES);

export const ProductFilters = z.object({
  search: z.string().min(1).max(200).optional().describe("Text contained in the title, vendor, product type, or the SKU of one of its variants"),
  vendor: z.string().min(1).max(255).optional().describe("Shopify's vendor, matched exactly (free text in Shopify, unrelated to suppliers)"),
  status: z.array(ProductStatus).min(1).optional().describe("Only products in one of these statuses"),
  updatedSince: DateOrDateTime.optional().describe(
    "Only products updated at or after this moment; a date alone means the start of that day in the store's timezone",
  ),
});
export type ProductFilters = z.output<typeof ProductFilters>;

const productColumns = {
  id: products.id,
  shopifyId: products.shopifyId,
  title: products.title,
  vendor: products.vendor,
  productType: products.productType,
  status: products.status,
  tags: products.tags,
  createdAt: products.createdAt,
  updatedAt: products.updatedAt,
};

/** A product with its variants' ids, oldest variant first. */
export type ProductRow = Omit<typeof products.$inferSelect, "shopId"> & { variantIds: string[] };

export function listProducts(shopId: string, filters: ProductFilters, page: PageRequest, now = new Date()): Page<ProductRow> {
  const after = afterPosition(products, startAfter(filters, page, now));
  return db().transaction((tx) => {
    const where = and(...productConditions(tx, shopId, filters));
    const rows = tx
      .select(productColumns)
      .from(products)
      .where(and(where, after))
      .orderBy(...newestFirst(products))
      .limit(page.limit + 1)
      .all();
    const total = tx.select({ n: count() }).from(products).where(where).get()?.n ?? 0;
    const variantIds = variantIdsOf(tx, shopId, rows.slice(0, page.limit).map((row) => row.id));
    return toPage(rows, page, filters, total, now, (row) => ({ ...row, variantIds: variantIds.get(row.id) ?? [] }));
  });
}

export function getProduct(shopId: string, id: string): ProductRow | undefined {
  return db().transaction((tx) => {
    const row = tx.select(productColumns).from(products).where(and(eq(products.shopId, shopId), eq(products.id, id))).get();
    return row && { ...row, variantIds: variantIdsOf(tx, shopId, [row.id]).get(row.id) ?? [] };
  });
}

function productConditions(tx: Transaction, shopId: string, filters: ProductFilters): (SQL | undefined)[] {
  const conditions: (SQL | undefined)[] = [eq(products.shopId, shopId)];
  if (filters.vendor !== undefined) conditions.push(eq(products.vendor, filters.vendor));
  if (filters.status !== undefined) conditions.push(inArray(products.status, filters.status));
  if (filters.updatedSince !== undefined) {
    conditions.push(gte(products.updatedAt, instantOf(filters.updatedSince, storeTimezone(tx, shopId))));
  }
  if (filters.search !== undefined) {
    const withMatchingSku = tx
      .select({ id: variants.productId })
      .from(variants)
      .where(and(eq(variants.shopId, shopId), containsText(variants.sku, filters.search)));
    conditions.push(
      or(
        containsText(products.title, filters.search),
        containsText(products.vendor, filters.search),
        containsText(products.productType, filters.search),
        inArray(products.id, withMatchingSku),
      ),
    );
  }
  return conditions;
}

function variantIdsOf(tx: Transaction, shopId: string, productIds: string[]): Map<string, string[]> {
  const byProduct = new Map<string, string[]>();
  if (productIds.length === 0) return byProduct;
  const rows = tx
    .select({ id: variants.id, productId: variants.productId })
    .from(variants)
    .where(and(eq(variants.shopId, shopId), inArray(variants.productId, productIds)))
    .orderBy(asc(variants.createdAt), asc(variants.id))
    .all();
  for (const row of rows) byProduct.set(row.productId, [...(byProduct.get(row.productId) ?? []), row.id]);
  return byProduct;
}
