/** Transfer-order reads: a filtered, newest-first, cursor-paginated list. (`getTransferOrder` sits with the writes.) */
import { and, count, eq, inArray, or, type SQL } from "drizzle-orm";
import type { AppDatabase } from "../../../db/client";
import { transferOrderLines, transferOrders, variants } from "../../../db/schema";
import { databaseFor } from "../writes.server";
import { afterPosition, createdWithin, containsText, newestFirst, startAfter, toPage, type Page, type PageRequest } from "../page.server";
import { linesOf, presentTransferHeader } from "./operations.server";
import type { TransferOrderFilters, TransferOrderSummary } from "./schemas";

export function listTransferOrders(
  shopId: string,
  filters: TransferOrderFilters,
  page: PageRequest,
  options: { database?: AppDatabase | undefined; now?: Date | undefined } = {},
): Page<TransferOrderSummary> {
  const database = databaseFor(options);
  const now = options.now ?? new Date();
  const conditions: (SQL | undefined)[] = [eq(transferOrders.shopId, shopId)];
  if (filters.status) conditions.push(inArray(transferOrders.status, filters.status));
  if (filters.locationId !== undefined) conditions.push(or(eq(transferOrders.originLocationId, filters.locationId), eq(transferOrders.destinationLocationId, filters.locationId)));
  if (filters.originLocationId !== undefined) conditions.push(eq(transferOrders.originLocationId, filters.originLocationId));
  if (filters.destinationLocationId !== undefined) conditions.push(eq(transferOrders.destinationLocationId, filters.destinationLocationId));
  conditions.push(...createdWithin(database, shopId, transferOrders.createdAt, filters));
  if (filters.sku !== undefined) conditions.push(inArray(transferOrders.id, withVariants(database, shopId, eq(variants.sku, filters.sku))));
  if (filters.search !== undefined) {
    conditions.push(or(containsText(transferOrders.number, filters.search), inArray(transferOrders.id, withVariants(database, shopId, containsText(variants.sku, filters.search)))));
  }
  const where = and(...conditions);
  const after = afterPosition(transferOrders, startAfter(filters, page, now));
  return database.transaction((tx) => {
    const rows = tx.select().from(transferOrders).where(and(where, after)).orderBy(...newestFirst(transferOrders)).limit(page.limit + 1).all();
    const total = tx.select({ n: count() }).from(transferOrders).where(where).get()?.n ?? 0;
    const lines = linesOf(tx, shopId, rows.slice(0, page.limit).map((row) => row.id));
    return toPage(rows, page, filters, total, now, (row) => ({ ...presentTransferHeader(row), lineCount: lines.filter((line) => line.transferOrderId === row.id).length }));
  });
}

function withVariants(database: AppDatabase, shopId: string, condition: SQL) {
  return database
    .select({ id: transferOrderLines.transferOrderId })
    .from(variants)
    .innerJoin(transferOrderLines, and(eq(transferOrderLines.shopId, shopId), eq(transferOrderLines.variantId, variants.id)))
    .where(and(eq(variants.shopId, shopId), condition));
}
