/**
 * Puts right, store by store, the Shopify changes of writes that died between Shopify and their
 * commit (app/inventory/remote-writes.server.ts), without waiting for each document's next write.
 * Runs on the store-sync timer. Failures are logged by message only and retried on the next run.
 */
import { eq } from "drizzle-orm";
import { shops } from "../../db/schema";
import { db } from "../db.server";
import { findShopsWithAbandonedWrites, recoverAbandonedWrites } from "../inventory/index.server";
import { remoteInventoryForShop } from "./inventory-remote-for-shop.server";

export async function recoverAbandonedShopifyWrites(now: Date): Promise<void> {
  for (const shopId of findShopsWithAbandonedWrites({ now })) {
    const shop = db().select({ domain: shops.shopifyDomain }).from(shops).where(eq(shops.id, shopId)).get();
    if (!shop) continue;
    try {
      const remote = await remoteInventoryForShop(shop.domain);
      if (remote) await recoverAbandonedWrites(shopId, remote);
    } catch (error) {
      // Logged and left: the lock rows keep the mutations, and the next run (or writer) reverses them.
      console.error(`Undoing interrupted inventory changes of ${shop.domain} failed:`, error instanceof Error ? error.message : String(error));
    }
  }
}
