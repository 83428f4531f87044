/**
 * When a connected store is mirrored in full (spec/domain.md §2.4: change notifications plus a full
 * re-check at least every 10 hours). Every server looks for due shops every
 * `STORE_SYNC_CHECK_INTERVAL_MS`: those never synced (just installed, reinstalled, or whose first
 * sync failed) and those whose last full sync is old enough that waiting for the next look would
 * pass 10 hours. A sign-in that creates a session starts a due shop's sync at once, without holding
 * up the admin page. Failures are logged by message only: Shopify's access token never reaches an
 * error message, and the shop stays due.
 */
import { adminGraphqlForShop } from "./inventory-remote-for-shop.server";
import { findShopsDueForSync } from "./shops.server";
import { syncStoreFromShopify } from "./store-sync.server";

export const STORE_SYNC_MAX_AGE_MS = 10 * 60 * 60 * 1000;
export const STORE_SYNC_CHECK_INTERVAL_MS = 15 * 60 * 1000;

/** Starts a due shop's full sync and returns at once; the admin page that signed in does not wait for it. */
export function startStoreSync(shopDomain: string): void {
  if (findShopsDueForSync(syncedBefore(new Date())).includes(shopDomain)) void syncShop(shopDomain);
}

/** One shop after the other, so a server never runs two full syncs at once. */
export async function syncDueShops(now: Date): Promise<void> {
  for (const domain of findShopsDueForSync(syncedBefore(now))) await syncShop(domain);
}

function syncedBefore(now: Date): Date {
  return new Date(now.getTime() - (STORE_SYNC_MAX_AGE_MS - STORE_SYNC_CHECK_INTERVAL_MS));
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
