/** Supplier reads: each supplier with its credit balance, and on `get` every credit it ever issued. */
import { and, count, eq, inArray, or, sum, type SQL } from "drizzle-orm";
import type { AppDatabase } from "../../../db/client";
import { suppliers, supplierCredits } from "../../../db/schema";
import type { Transaction } from "../gateway.server";
import { afterPosition, containsText, newestFirst, startAfter, toPage, type Page, type PageRequest } from "../page.server";
import { databaseFor } from "../writes.server";
import { creditsOfSupplier, type SupplierCreditRow } from "./credits.server";

/** `creditBalance`: the sum of the supplier's active credits' available balances, in its currency. */
export type SupplierRow = typeof suppliers.$inferSelect & { creditBalance: number };
export type SupplierWithCredits = SupplierRow & { credits: SupplierCreditRow[] };
export type SupplierFilters = {
  search?: string | undefined;
  archived?: boolean | undefined;
};
type ReadOptions = { database?: AppDatabase | undefined; now?: Date | undefined };

export function listSuppliers(shopId: string, filters: SupplierFilters, page: PageRequest, options: ReadOptions = {}): Page<SupplierRow> {
  const now = options.now ?? new Date();
  const conditions: (SQL | undefined)[] = [eq(suppliers.shopId, shopId)];
  if (filters.archived !== undefined) conditions.push(eq(suppliers.archived, filters.archived));
  if (filters.search !== undefined) conditions.push(matchingSearch(filters.search));
  const where = and(...conditions);
  const after = afterPosition(suppliers, startAfter(filters, page, now));
  return databaseFor(options).transaction((tx) => {
    const rows = tx.select().from(suppliers).where(and(where, after)).orderBy(...newestFirst(suppliers)).limit(page.limit + 1).all();
    const total = tx.select({ n: count() }).from(suppliers).where(where).get()?.n ?? 0;
    const balances = creditBalances(tx, shopId, rows.slice(0, page.limit).map((row) => row.id));
    return toPage(rows, page, filters, total, now, (row) => ({ ...row, creditBalance: balances.get(row.id) ?? 0 }));
  });
}

export function getSupplier(shopId: string, id: string, options: ReadOptions = {}): SupplierWithCredits | undefined {
  return databaseFor(options).transaction((tx) => {
    const row = tx.select().from(suppliers).where(and(eq(suppliers.shopId, shopId), eq(suppliers.id, id))).get();
    if (!row) return undefined;
    return { ...row, creditBalance: creditBalances(tx, shopId, [row.id]).get(row.id) ?? 0, credits: creditsOfSupplier(tx, shopId, row.id) };
  });
}

/** Name, contact name or email containing the text, or the supplier number when the text is one. */
function matchingSearch(text: string): SQL | undefined {
  const byText = [containsText(suppliers.name, text), containsText(suppliers.contactName, text), containsText(suppliers.email, text)];
  const number = /^\d{1,9}$/.test(text.trim()) ? eq(suppliers.number, Number(text.trim())) : undefined;
  return or(...byText, number);
}

/**
 * One grouped query for a whole page, so a list costs the same whatever its length. Credits are
 * issued in the supplier's currency (domain.md §7.2), so each sum is in that currency.
 */
function creditBalances(tx: Transaction, shopId: string, supplierIds: string[]): Map<string, number> {
  if (!supplierIds.length) return new Map();
  const sums = tx
    .select({ supplierId: supplierCredits.supplierId, balance: sum(supplierCredits.availableBalance).mapWith(Number) })
    .from(supplierCredits)
    .where(and(eq(supplierCredits.shopId, shopId), eq(supplierCredits.status, "active"), inArray(supplierCredits.supplierId, supplierIds)))
    .groupBy(supplierCredits.supplierId)
    .all();
  return new Map(sums.map((row) => [row.supplierId, row.balance]));
}
