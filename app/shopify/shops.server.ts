/** Shop rows: created on install, marked on uninstall, looked up by their Shopify domain. */
import { and, asc, eq, isNull, lt, or } from "drizzle-orm";
import { newId } from "../../db/ids";
import { sessionTable, shops } from "../../db/schema";
import { db } from "../db.server";

export type Shop = typeof shops.$inferSelect;

export function findShopByDomain(shopifyDomain: string): Shop | undefined {
  return db().select().from(shops).where(eq(shops.shopifyDomain, shopifyDomain)).get();
}

/**
 * Idempotent: a reinstall clears `uninstalled_at` and keeps the shop's data. Name, currency and
 * timezone start as placeholders until the store's settings are read from Shopify.
 */
export function recordInstall(shopifyDomain: string): Shop {
  const now = new Date();
  return db()
    .insert(shops)
    .values({
      id: newId("shop"),
      shopifyDomain,
      name: shopifyDomain.replace(/\.myshopify\.com$/, ""),
      currency: "USD",
      timezone: "UTC",
      installedAt: now,
    })
    .onConflictDoUpdate({ target: shops.shopifyDomain, set: { uninstalledAt: null } })
    .returning()
    .get();
}

/**
 * Installed shops holding an offline session (so a background job can read Shopify for them) whose
 * last full sync started before `syncedBefore`, or that have none: their domains, longest waiting first.
 */
export function findShopsDueForSync(syncedBefore: Date): string[] {
  return db()
    .selectDistinct({ domain: shops.shopifyDomain, lastSyncedAt: shops.lastSyncedAt })
    .from(shops)
    .innerJoin(sessionTable, and(eq(sessionTable.shop, shops.shopifyDomain), eq(sessionTable.isOnline, false)))
    .where(and(isNull(shops.uninstalledAt), or(isNull(shops.lastSyncedAt), lt(shops.lastSyncedAt, syncedBefore))))
    .orderBy(asc(shops.lastSyncedAt), asc(shops.shopifyDomain))
    .all()
    .map((row) => row.domain);
}
