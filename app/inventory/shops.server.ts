/** The shop as the domain sees it: currency and timezone for money and dates, and its settings. */
import { and, asc, eq } from "drizzle-orm";
import { countReasons, locations, shops } from "../../db/schema";
import { db } from "../db.server";

const shopColumns = {
  id: shops.id,
  shopifyDomain: shops.shopifyDomain,
  name: shops.name,
  currency: shops.currency,
  timezone: shops.timezone,
  emailSendingConfigured: shops.emailSendingConfigured,
};

export function getShop(shopId: string) {
  return db().select(shopColumns).from(shops).where(eq(shops.id, shopId)).get();
}

export type ShopSettings = NonNullable<ReturnType<typeof getShop>> & {
  /** The location Shopify marks primary; null while the store has none. */
  primaryLocationId: string | null;
  /** Oldest first; exactly one is the default that a stock-take line without a reason counts under. */
  countReasons: { id: string; name: string; isDefault: boolean }[];
};

/** The shop with its primary location and count reasons, read in one transaction so they agree. */
export function getShopSettings(shopId: string): ShopSettings | undefined {
  return db().transaction((tx) => {
    const shop = tx.select(shopColumns).from(shops).where(eq(shops.id, shopId)).get();
    if (!shop) return undefined;
    const primary = tx
      .select({ id: locations.id })
      .from(locations)
      .where(and(eq(locations.shopId, shopId), eq(locations.isPrimary, true)))
      .orderBy(asc(locations.createdAt), asc(locations.id))
      .limit(1)
      .get();
    const reasons = tx
      .select({ id: countReasons.id, name: countReasons.name, isDefault: countReasons.isDefault })
      .from(countReasons)
      .where(eq(countReasons.shopId, shopId))
      .orderBy(asc(countReasons.createdAt), asc(countReasons.id))
      .all();
    return { ...shop, primaryLocationId: primary?.id ?? null, countReasons: reasons };
  });
}
