/**
 * The inventory domain: reads, the documents and their state machines (spec/domain.md).
 * Every function takes the shop id first and filters by it. Other rooms import this file only.
 *
 * Writes run as one SQLite transaction each: guardrails, inventory effects through the gateway,
 * the activity entry naming the actor, and the idempotency record commit together or not at all.
 * Each returns `{ document, inventoryEffects, activityEntryId, replayed }` and refuses with a
 * `DomainError` (`TransitionError` for a move the status does not allow), whose `code` is one of
 * `DOMAIN_ERROR_CODES`.
 *
 * For a store connected to Shopify, a write is wrapped in `writeThroughRemote`, which applies its
 * inventory change in Shopify (through a `RemoteInventory`) before the transaction commits; the
 * domain functions themselves stay synchronous and never know which kind of store they serve.
 */
export { InvalidCursorError, type Page, type PageRequest } from "./page.server";
export { getLocation, listLocations, type LocationFilters, type LocationRow } from "./locations.server";
export { getVariant, listVariants, type VariantFilters, type VariantRow } from "./variants.server";
export { getShop } from "./shops.server";
export { getShopSettings, type ShopSettings } from "./shops.server";
export { getProduct, listProducts, ProductFilters, ProductStatus, type ProductRow } from "./products.server";
export { getInventoryLevel, InventoryLevelFilters, listInventoryLevels, type InventoryLevelRow } from "./inventory-levels.server";
export { DOMAIN_ERROR_CODES, DomainError, TransitionError, type DomainErrorCode } from "./errors";
export { IdempotencyKey } from "./writes.server";
export { localInventoryGateway, type InventoryBatch, type InventoryGateway } from "./gateway.server";
export { type WriteCall, type WriteResult } from "./writes.server";
export { findShopsWithAbandonedWrites, recoverAbandonedWrites, writeThroughRemote, type RemoteWriteOptions } from "./remote-writes.server";
export { REMOTE_QUANTITY_NAMES, RemoteAdjustment, RemoteInventoryError, RemoteLevel, type RemoteInventory, type RemoteQuantity } from "./remote";
export { ACTIVITY_ENTRIES_ON_GET, ActivityEntry, Actor, Address, InventoryEffect, Shipment } from "./values";
export * from "./purchase-orders/index.server";
export * from "./transfer-orders/index.server";
export * from "./stock-takes/index.server";
export * from "./supplier-returns/index.server";
export { clearReorderRules, setReorderRules } from "./reorder-rules/operations.server";
export { ClearReorderRulesInput, ReorderRule, ReorderRulesResult, SetReorderRulesInput } from "./reorder-rules/rules";
export { getReorderRule, listReorderRules, type ReorderRuleFilters, type ReorderRuleRow } from "./reorder-rules/reads.server";
export * from "./suppliers/index.server";
