/**
 * When a connected store is mirrored in full (spec/domain.md §2.4: change notifications plus a full
 * re-check at least every 10 hours): once after each sign-in that creates a session (install
 * included), without holding up the admin page, and every `STORE_SYNC_INTERVAL_MS` for every
 * installed shop with an offline session. Failures are logged by message only: Shopify's access
 * token never reaches an error message, and the next run starts over.
 */
import { adminGraphqlForShop } from "./inventory-remote-for-shop.server";
import { findShopsWithOfflineSession } from "./shops.server";
import { syncStoreFromShopify } from "./store-sync.server";

export const STORE_SYNC_INTERVAL_MS = 10 * 60 * 60 * 1000;

/** Starts a full sync and returns at once; the admin page that signed in does not wait for it. */
export function startStoreSync(shopDomain: string): void {
  void syncShop(shopDomain);
}

/** One shop after the other, so a server never runs two full syncs at once. */
export async function syncInstalledShops(): Promise<void> {
  for (const domain of findShopsWithOfflineSession()) await syncShop(domain);
}

async function syncShop(shopDomain: string): Promise<void> {
  try {
    const graphql = await adminGraphqlForShop(shopDomain);
    if (graphql) await syncStoreFromShopify(shopDomain, graphql);
  } catch (error) {
    // Logged and dropped on purpose: pages already written are correct on their own, and the next run reads everything again.
    console.error(`The store sync of ${shopDomain} failed:`, error instanceof Error ? error.message : String(error));
  }
}
