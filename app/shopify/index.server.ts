/**
 * Shopify: the admin's staff identity (or the demo store's), shop install state. The library's
 * configuration itself lives in `app/shopify.server.ts`. Other rooms import from this file only.
 */
export { requireStaff, type AdminContext, type StaffMember } from "./staff.server";
export { findShopByDomain, recordInstall, type Shop } from "./shops.server";
export { DEMO_SHOP_DOMAIN, DEMO_SHOP_NAME, DEMO_STAFF } from "./demo-store";
export { eraseShop, handleAppUninstalled, handleScopesUpdate } from "./webhooks.server";
