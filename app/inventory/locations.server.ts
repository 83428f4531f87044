/** Locations, as mirrored from Shopify; read-only to agents. */
import { and, count, eq, type SQL } from "drizzle-orm";
import { locations } from "../../db/schema";
import { db } from "../db.server";
import { afterPosition, newestFirst, startAfter, toPage, type Page, type PageRequest } from "./page.server";

export type LocationRow = typeof locations.$inferSelect;
export type LocationFilters = { active?: boolean | undefined };

export function listLocations(shopId: string, filters: LocationFilters, page: PageRequest, now = new Date()): Page<LocationRow> {
  const conditions: (SQL | undefined)[] = [eq(locations.shopId, shopId)];
  if (filters.active !== undefined) conditions.push(eq(locations.active, filters.active));
  const where = and(...conditions);
  const after = afterPosition(locations, startAfter(filters, page, now));
  const rows = db()
    .select()
    .from(locations)
    .where(and(where, after))
    .orderBy(...newestFirst(locations))
    .limit(page.limit + 1)
    .all();
  const total = db().select({ n: count() }).from(locations).where(where).get()?.n ?? 0;
  return toPage(rows, page, filters, total, now, (row) => row);
}

export function getLocation(shopId: string, id: string): LocationRow | undefined {
  return db().select().from(locations).where(and(eq(locations.shopId, shopId), eq(locations.id, id))).get();
}
