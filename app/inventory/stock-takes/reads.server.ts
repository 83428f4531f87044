/** Stock-take reads: a filtered, newest-first, cursor-paginated list. (`getStockTake` sits with the writes.) */
import { and, count, eq, inArray, or, type SQL } from "drizzle-orm";
import type { AppDatabase } from "../../../db/client";
import { stockTakeLines, stockTakes, variants } from "../../../db/schema";
import { databaseFor } from "../writes.server";
import { afterPosition, createdWithin, containsText, newestFirst, startAfter, toPage, type Page, type PageRequest } from "../page.server";
import { linesOf, presentStockTakeHeader, shopCurrency } from "./operations.server";
import type { StockTakeFilters, StockTakeSummary } from "./schemas";

export function listStockTakes(
  shopId: string,
  filters: StockTakeFilters,
  page: PageRequest,
  options: { database?: AppDatabase | undefined; now?: Date | undefined } = {},
): Page<StockTakeSummary> {
  const database = databaseFor(options);
  const now = options.now ?? new Date();
  const conditions: (SQL | undefined)[] = [eq(stockTakes.shopId, shopId)];
  if (filters.status) conditions.push(inArray(stockTakes.status, filters.status));
  if (filters.locationId !== undefined) conditions.push(eq(stockTakes.locationId, filters.locationId));
  conditions.push(...createdWithin(database, shopId, stockTakes.createdAt, filters));
  if (filters.sku !== undefined) conditions.push(inArray(stockTakes.id, withVariants(database, shopId, eq(variants.sku, filters.sku))));
  if (filters.search !== undefined) {
    conditions.push(or(containsText(stockTakes.number, filters.search), containsText(stockTakes.name, filters.search), inArray(stockTakes.id, withVariants(database, shopId, containsText(variants.sku, filters.search)))));
  }
  const where = and(...conditions);
  const after = afterPosition(stockTakes, startAfter(filters, page, now));
  return database.transaction((tx) => {
    const rows = tx.select().from(stockTakes).where(and(where, after)).orderBy(...newestFirst(stockTakes)).limit(page.limit + 1).all();
    const total = tx.select({ n: count() }).from(stockTakes).where(where).get()?.n ?? 0;
    const lines = linesOf(tx, shopId, rows.slice(0, page.limit).map((row) => row.id));
    const currency = shopCurrency(tx, shopId);
    return toPage(rows, page, filters, total, now, (row) => {
      const own = lines.filter((line) => line.stockTakeId === row.id);
      return { ...presentStockTakeHeader(row, own, currency), lineCount: own.length };
    });
  });
}

function withVariants(database: AppDatabase, shopId: string, condition: SQL) {
  return database
    .select({ id: stockTakeLines.stockTakeId })
    .from(variants)
    .innerJoin(stockTakeLines, and(eq(stockTakeLines.shopId, shopId), eq(stockTakeLines.variantId, variants.id)))
    .where(and(eq(variants.shopId, shopId), condition));
}
