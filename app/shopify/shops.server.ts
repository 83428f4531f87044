/** Shop rows: created on install, marked on uninstall, looked up by their Shopify domain. */
import { and, asc, eq, isNull } from "drizzle-orm";
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

/** The domains of installed shops holding an offline session: those a background job can read Shopify for. */
export function findShopsWithOfflineSession(): string[] {
  return db()
    .selectDistinct({ domain: shops.shopifyDomain })
    .from(shops)
    .innerJoin(sessionTable, and(eq(sessionTable.shop, shops.shopifyDomain), eq(sessionTable.isOnline, false)))
    .where(isNull(shops.uninstalledAt))
    .orderBy(asc(shops.shopifyDomain))
    .all()
    .map((row) => row.domain);
}
