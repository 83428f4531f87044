/** Supplier-return reads: a filtered, newest-first, cursor-paginated list. (`getSupplierReturn` sits with the writes.) */
import { and, count, eq, inArray, type SQL } from "drizzle-orm";
import type { AppDatabase } from "../../../db/client";
import { supplierReturns } from "../../../db/schema";
import { databaseFor } from "../writes.server";
import { afterPosition, createdWithin, newestFirst, startAfter, toPage, type Page, type PageRequest } from "../page.server";
import { creditsOf, linesOf, presentReturnHeader } from "./operations.server";
import type { SupplierReturnFilters, SupplierReturnSummary } from "./schemas";

export function listSupplierReturns(
  shopId: string,
  filters: SupplierReturnFilters,
  page: PageRequest,
  options: { database?: AppDatabase | undefined; now?: Date | undefined } = {},
): Page<SupplierReturnSummary> {
  const database = databaseFor(options);
  const now = options.now ?? new Date();
  const conditions: (SQL | undefined)[] = [eq(supplierReturns.shopId, shopId)];
  if (filters.status) conditions.push(inArray(supplierReturns.status, filters.status));
  if (filters.supplierId !== undefined) conditions.push(eq(supplierReturns.supplierId, filters.supplierId));
  if (filters.locationId !== undefined) conditions.push(eq(supplierReturns.locationId, filters.locationId));
  if (filters.purchaseOrderId !== undefined) conditions.push(eq(supplierReturns.purchaseOrderId, filters.purchaseOrderId));
  conditions.push(...createdWithin(database, shopId, supplierReturns.createdAt, filters));
  const where = and(...conditions);
  const after = afterPosition(supplierReturns, startAfter(filters, page, now));
  return database.transaction((tx) => {
    const rows = tx.select().from(supplierReturns).where(and(where, after)).orderBy(...newestFirst(supplierReturns)).limit(page.limit + 1).all();
    const total = tx.select({ n: count() }).from(supplierReturns).where(where).get()?.n ?? 0;
    const shown = rows.slice(0, page.limit);
    const lines = linesOf(tx, shopId, shown.map((row) => row.id));
    const credits = creditsOf(tx, shopId, shown.map((row) => row.creditId));
    return toPage(rows, page, filters, total, now, (row) => {
      const own = lines.filter((line) => line.supplierReturnId === row.id);
      return { ...presentReturnHeader(row, own, row.creditId ? credits.get(row.creditId) : undefined), lineCount: own.length };
    });
  });
}
