/**
 * Shopify: the admin's staff identity (or the demo store's), shop install state, and the remote
 * through which a connected store's inventory writes reach Shopify first. The library's
 * configuration itself lives in `app/shopify.server.ts`. Other rooms import from this file only.
 */
export { requireStaff, type AdminContext, type StaffMember } from "./staff.server";
export { findShopByDomain, recordInstall, type Shop } from "./shops.server";
export { DEMO_SHOP_DOMAIN, DEMO_SHOP_NAME, DEMO_STAFF } from "./demo-store";
export { eraseShop, handleAppUninstalled, handleScopesUpdate } from "./webhooks.server";
export { remoteInventoryForShop } from "./inventory-remote-for-shop.server";
export { adminGraphqlOverHttp, shopifyRemoteInventory, type AdminGraphql } from "./inventory-remote.server";
