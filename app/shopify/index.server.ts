/**
 * Shopify: the admin's staff identity (or the demo store's), shop install state, the remote
 * through which a connected store's inventory writes reach Shopify first, and the mirror of a
 * connected store (a full sync after sign-in and every 10 hours, plus change notifications). The library's
 * configuration itself lives in `app/shopify.server.ts`. Other rooms import from this file only.
 */
export { requireStaff, type AdminContext, type StaffMember } from "./staff.server";
export { findShopByDomain, recordInstall, type Shop } from "./shops.server";
export { DEMO_SHOP_DOMAIN, DEMO_SHOP_NAME, DEMO_STAFF } from "./demo-store";
export { eraseShop, handleAppUninstalled, handleScopesUpdate } from "./webhooks.server";
export { remoteInventoryForShop } from "./inventory-remote-for-shop.server";
export { adminGraphqlOverHttp, type AdminGraphql } from "./admin-graphql.server";
export { shopifyRemoteInventory } from "./inventory-remote.server";
export { recoverAbandonedShopifyWrites } from "./abandoned-writes.server";
export { syncStoreFromShopify, type StoreSyncSummary } from "./store-sync.server";
export { DEFAULT_COUNT_REASON_NAME, DEFAULT_SUPPLIER_NAME } from "./store-mirror-writes.server";
export { startStoreSync, syncDueShops, STORE_SYNC_CHECK_INTERVAL_MS } from "./store-sync-runs.server";
export { handleInventoryLevelUpdate, handleLocationChange, handleLocationDelete, handleProductChange, handleProductDelete } from "./store-sync-webhooks.server";
