/** Purchase-order reads: a filtered, newest-first, cursor-paginated list, and one order with its lines. */
import { and, count, eq, inArray, isNotNull, isNull, or, type SQL } from "drizzle-orm";
import type { AppDatabase } from "../../../db/client";
import { purchaseOrderLines, purchaseOrders, variants } from "../../../db/schema";
import { recentActivity } from "../activity.server";
import { databaseFor } from "../writes.server";
import { afterPosition, createdWithin, containsText, newestFirst, startAfter, toPage, type Page, type PageRequest } from "../page.server";
import { loadChildren, presentHeader, presentOrder, skusOf } from "./documents.server";
import type { PurchaseOrderFilters, PurchaseOrderSummary, PurchaseOrderWithActivity } from "./schemas";

type ReadOptions = { database?: AppDatabase | undefined; now?: Date | undefined };

export function listPurchaseOrders(shopId: string, filters: PurchaseOrderFilters, page: PageRequest, options: ReadOptions = {}): Page<PurchaseOrderSummary> {
  const database = databaseFor(options);
  const now = options.now ?? new Date();
  const conditions: (SQL | undefined)[] = [eq(purchaseOrders.shopId, shopId)];
  if (filters.status) conditions.push(inArray(purchaseOrders.status, filters.status));
  if (filters.supplierId !== undefined) conditions.push(eq(purchaseOrders.supplierId, filters.supplierId));
  if (filters.locationId !== undefined) conditions.push(eq(purchaseOrders.locationId, filters.locationId));
  conditions.push(...createdWithin(database, shopId, purchaseOrders.createdAt, filters));
  if (filters.sku !== undefined) conditions.push(inArray(purchaseOrders.id, ordersWithVariants(database, shopId, eq(variants.sku, filters.sku))));
  if (filters.search !== undefined) {
    conditions.push(
      or(
        containsText(purchaseOrders.number, filters.search),
        containsText(purchaseOrders.name, filters.search),
        inArray(purchaseOrders.id, ordersWithVariants(database, shopId, and(isNotNull(variants.sku), containsText(variants.sku, filters.search))!)),
        inArray(
          purchaseOrders.id,
          database
            .select({ id: purchaseOrderLines.purchaseOrderId })
            // Custom lines only (no variant): the shop + variant index finds them without reading every line.
            .from(purchaseOrderLines)
            .where(and(eq(purchaseOrderLines.shopId, shopId), isNull(purchaseOrderLines.variantId), containsText(purchaseOrderLines.customTitle, filters.search))),
        ),
      ),
    );
  }
  const where = and(...conditions);
  const after = afterPosition(purchaseOrders, startAfter(filters, page, now));
  return database.transaction((tx) => {
    const rows = tx
      .select()
      .from(purchaseOrders)
      .where(and(where, after))
      .orderBy(...newestFirst(purchaseOrders))
      .limit(page.limit + 1)
      .all();
    const total = tx.select({ n: count() }).from(purchaseOrders).where(where).get()?.n ?? 0;
    const children = loadChildren(tx, shopId, rows.slice(0, page.limit).map((row) => row.id));
    return toPage(rows, page, filters, total, now, (row) => {
      const own = children.get(row.id)!;
      return { ...presentHeader(row, own), lineCount: own.lines.length };
    });
  });
}

export function getPurchaseOrder(shopId: string, id: string, options: ReadOptions = {}): PurchaseOrderWithActivity | undefined {
  const database = databaseFor(options);
  return database.transaction((tx) => {
    const order = tx.select().from(purchaseOrders).where(and(eq(purchaseOrders.shopId, shopId), eq(purchaseOrders.id, id))).get();
    if (!order) return undefined;
    const children = loadChildren(tx, shopId, [id]).get(id)!;
    return { ...presentOrder({ order, ...children }, skusOf(tx, shopId, children.lines)), ...recentActivity(tx, shopId, "purchase_order", id) };
  });
}

/**
 * Orders with a line for a variant matching `condition`. Not correlated with the outer query, so
 * the database finds the variants first (through the shop + SKU index: `sku is not null` lets a
 * substring search walk that index instead of every variant row), then their lines by variant,
 * instead of inspecting every order's lines.
 */
function ordersWithVariants(database: AppDatabase, shopId: string, condition: SQL) {
  return database
    .select({ id: purchaseOrderLines.purchaseOrderId })
    .from(variants)
    .innerJoin(purchaseOrderLines, and(eq(purchaseOrderLines.shopId, shopId), eq(purchaseOrderLines.variantId, variants.id)))
    .where(and(eq(variants.shopId, shopId), condition));
}
