/**
 * Shopify's change notifications for the mirrored store. Each is idempotent (Shopify repeats
 * deliveries) and re-reads the object from Shopify rather than trusting the payload, which is
 * partial (`inventory_levels/update` carries only `available`) and may be older than a delivery
 * that overtook it. Without an offline session (uninstalled, or a CLI test trigger for a shop we do
 * not know) there is nothing to read with and nothing is done; deletions need no read.
 */
import { z } from "zod";
import { adminGraphqlForShop } from "./inventory-remote-for-shop.server";
import { findShopByDomain } from "./shops.server";
import { shopifyGid } from "./store-mirror";
import { archiveDeletedProduct, deactivateDeletedLocation, refreshInventoryLevel, refreshLocation, refreshProduct } from "./store-sync.server";

const NumericId = z.union([z.number().int().positive(), z.string().regex(/^\d+$/, "must be a numeric Shopify id")]).transform(String);
const ObjectPayload = z.object({ id: NumericId });
const InventoryLevelPayload = z.object({ inventory_item_id: NumericId, location_id: NumericId });

export async function handleInventoryLevelUpdate(shopDomain: string, payload: unknown): Promise<void> {
  const level = InventoryLevelPayload.parse(payload);
  const graphql = await graphqlForInstalledShop(shopDomain);
  if (!graphql) return;
  await refreshInventoryLevel(shopDomain, graphql, { inventoryItemId: shopifyGid("InventoryItem", level.inventory_item_id), locationId: shopifyGid("Location", level.location_id) });
}

/** `products/create` and `products/update`. */
export async function handleProductChange(shopDomain: string, payload: unknown): Promise<void> {
  const { id } = ObjectPayload.parse(payload);
  const graphql = await graphqlForInstalledShop(shopDomain);
  if (!graphql) return;
  await refreshProduct(shopDomain, graphql, shopifyGid("Product", id));
}

export function handleProductDelete(shopDomain: string, payload: unknown): void {
  const { id } = ObjectPayload.parse(payload);
  archiveDeletedProduct(shopDomain, shopifyGid("Product", id));
}

/** `locations/create` and `locations/update`. */
export async function handleLocationChange(shopDomain: string, payload: unknown): Promise<void> {
  const { id } = ObjectPayload.parse(payload);
  const graphql = await graphqlForInstalledShop(shopDomain);
  if (!graphql) return;
  await refreshLocation(shopDomain, graphql, shopifyGid("Location", id));
}

export function handleLocationDelete(shopDomain: string, payload: unknown): void {
  const { id } = ObjectPayload.parse(payload);
  deactivateDeletedLocation(shopDomain, shopifyGid("Location", id));
}

async function graphqlForInstalledShop(shopDomain: string) {
  const shop = findShopByDomain(shopDomain);
  if (!shop || shop.uninstalledAt) return null;
  return adminGraphqlForShop(shopDomain);
}
