/** Supplier-variant links (domain.md §2.6): which supplier sells which variant, at what cost and terms. */
import { and, count, eq, type SQL } from "drizzle-orm";
import type { AppDatabase } from "../../../db/client";
import { suppliers, supplierVariants } from "../../../db/schema";
import { afterPosition, newestFirst, startAfter, toPage, type Page, type PageRequest } from "../page.server";
import { databaseFor } from "../writes.server";

/** `costAmount` is in `supplierCurrency`, the linked supplier's currency. */
export type SupplierVariantLinkRow = Omit<typeof supplierVariants.$inferSelect, "shopId"> & { supplierCurrency: string };
export type SupplierVariantLinkFilters = {
  supplierId?: string | undefined;
  variantId?: string | undefined;
  primary?: boolean | undefined;
};
type ReadOptions = { database?: AppDatabase | undefined; now?: Date | undefined };

const linkWithCurrency = {
  id: supplierVariants.id,
  supplierId: supplierVariants.supplierId,
  variantId: supplierVariants.variantId,
  supplierSku: supplierVariants.supplierSku,
  supplierProductName: supplierVariants.supplierProductName,
  productUrl: supplierVariants.productUrl,
  notes: supplierVariants.notes,
  barcode: supplierVariants.barcode,
  costAmount: supplierVariants.costAmount,
  moq: supplierVariants.moq,
  maxOrderQuantity: supplierVariants.maxOrderQuantity,
  packSize: supplierVariants.packSize,
  leadTimeDays: supplierVariants.leadTimeDays,
  primary: supplierVariants.primary,
  createdAt: supplierVariants.createdAt,
  supplierCurrency: suppliers.currency,
};

export function listSupplierVariantLinks(
  shopId: string,
  filters: SupplierVariantLinkFilters,
  page: PageRequest,
  options: ReadOptions = {},
): Page<SupplierVariantLinkRow> {
  const database = databaseFor(options);
  const now = options.now ?? new Date();
  const conditions: (SQL | undefined)[] = [eq(supplierVariants.shopId, shopId)];
  if (filters.supplierId !== undefined) conditions.push(eq(supplierVariants.supplierId, filters.supplierId));
  if (filters.variantId !== undefined) conditions.push(eq(supplierVariants.variantId, filters.variantId));
  if (filters.primary !== undefined) conditions.push(eq(supplierVariants.primary, filters.primary));
  const where = and(...conditions);
  const after = afterPosition(supplierVariants, startAfter(filters, page, now));
  return database.transaction((tx) => {
    const rows = tx
      .select(linkWithCurrency)
      .from(supplierVariants)
      .innerJoin(suppliers, eq(suppliers.id, supplierVariants.supplierId))
      .where(and(where, after))
      .orderBy(...newestFirst(supplierVariants))
      .limit(page.limit + 1)
      .all();
    const total = tx.select({ n: count() }).from(supplierVariants).where(where).get()?.n ?? 0;
    return toPage(rows, page, filters, total, now, (row) => row);
  });
}

export function getSupplierVariantLink(shopId: string, id: string, options: ReadOptions = {}): SupplierVariantLinkRow | undefined {
  return databaseFor(options)
    .select(linkWithCurrency)
    .from(supplierVariants)
    .innerJoin(suppliers, eq(suppliers.id, supplierVariants.supplierId))
    .where(and(eq(supplierVariants.shopId, shopId), eq(supplierVariants.id, id)))
    .get();
}
