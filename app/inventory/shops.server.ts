/** The shop as the domain sees it: currency and timezone for money and dates. */
import { eq } from "drizzle-orm";
import { shops } from "../../db/schema";
import { db } from "../db.server";

export function getShop(shopId: string) {
  return db()
    .select({
      id: shops.id,
      shopifyDomain: shops.shopifyDomain,
      name: shops.name,
      currency: shops.currency,
      timezone: shops.timezone,
      emailSendingConfigured: shops.emailSendingConfigured,
    })
    .from(shops)
    .where(eq(shops.id, shopId))
    .get();
}
