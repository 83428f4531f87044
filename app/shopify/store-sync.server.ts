/**
 * The mirror of a connected store (spec/domain.md §2.1–§2.6): shop settings, locations, products,
 * variants and the eight quantities of every inventory level, read from Shopify and written here.
 *
 * Contract: idempotent (a row is written only when a value differs, so a repeated sync changes
 * nothing but `shops.last_synced_at`, which records when it started); locations, products and variants are never deleted, because documents reference them
 * (a location gone from Shopify becomes inactive, a product gone becomes archived); an inventory
 * level Shopify no longer has (the item was unstocked there) is removed, as the writers take a
 * missing level to mean "activate it in Shopify first"; documents are never touched.
 *
 * Shopify is read page by page, each page written in its own transaction, so memory holds one
 * page plus the Shopify ids seen (to find what is gone). Rows are matched by Shopify id within the
 * shop. The shop also gets what installation owes it: the Default supplier, a primary link to it
 * for every variant without a supplier, and a default count reason.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { locations } from "../../db/schema";
import { db } from "../db.server";
import { RemoteInventoryError } from "../inventory/index.server";
import { parseAnswer, type AdminGraphql } from "./admin-graphql.server";
import { findShopByDomain, type Shop } from "./shops.server";
import { levelQuantities, locationValues } from "./store-mirror";
import {
  archiveProducts,
  archiveProductsNotIn,
  deactivateLocations,
  deactivateLocationsNotIn,
  ensureDefaultCountReason,
  ensureDefaultSupplier,
  findDefaultSupplierId,
  markPrimaryLocation,
  markSynced,
  removeLevelsNotIn,
  updateShopSettings,
  upsertItemLevels,
  upsertLevels,
  upsertLocations,
  upsertProducts,
  upsertVariants,
  write,
} from "./store-mirror-writes.server";
import * as q from "./store-queries";

export type StoreSyncSummary = { locations: number; products: number; variants: number; levels: number; locationsDeactivated: number; productsArchived: number; levelsRemoved: number };

export async function syncStoreFromShopify(shopDomain: string, graphql: AdminGraphql): Promise<StoreSyncSummary> {
  const shop = requireShop(shopDomain);
  const startedAt = new Date();
  const settings = await read(graphql, q.ShopAnswer, q.SHOP_QUERY, {});
  const primaryLocationId = settings.primaryLocation?.id ?? null;
  const defaultSupplierId = write((tx) => {
    updateShopSettings(tx, shop, { name: settings.shop.name, currency: settings.shop.currencyCode, timezone: settings.shop.ianaTimezone });
    ensureDefaultCountReason(tx, shop.id);
    return ensureDefaultSupplier(tx, shop.id, settings.shop.currencyCode);
  });
  const summary: StoreSyncSummary = { locations: 0, products: 0, variants: 0, levels: 0, locationsDeactivated: 0, productsArchived: 0, levelsRemoved: 0 };

  const seenLocations = new Set<string>();
  for await (const nodes of pages((after) => read(graphql, q.LocationsAnswer, q.LOCATIONS_QUERY, { first: q.LOCATIONS_PAGE_SIZE, after }).then((d) => d.locations))) {
    write((tx) => upsertLocations(tx, shop.id, nodes.map((node) => locationValues(node, primaryLocationId))));
    for (const node of nodes) seenLocations.add(node.id);
    summary.locations += nodes.length;
  }
  summary.locationsDeactivated = write((tx) => deactivateLocationsNotIn(tx, shop.id, seenLocations));

  const seenProducts = new Set<string>();
  for await (const nodes of pages((after) => read(graphql, q.ProductsAnswer, q.PRODUCTS_QUERY, { first: q.PRODUCTS_PAGE_SIZE, after }).then((d) => d.products))) {
    write((tx) => upsertProducts(tx, shop.id, nodes));
    for (const node of nodes) seenProducts.add(node.id);
    summary.products += nodes.length;
  }
  summary.productsArchived = write((tx) => archiveProductsNotIn(tx, shop.id, seenProducts));

  for await (const nodes of pages((after) => read(graphql, q.VariantsAnswer, q.VARIANTS_QUERY, { first: q.VARIANTS_PAGE_SIZE, after }).then((d) => d.productVariants))) {
    write((tx) => upsertVariants(tx, { shopId: shop.id, currency: settings.shop.currencyCode, defaultSupplierId }, nodes.map((node) => ({ productShopifyId: node.product.id, node }))));
    summary.variants += nodes.length;
  }

  const activeLocations = db()
    .select({ id: locations.id, shopifyId: locations.shopifyId })
    .from(locations)
    .where(and(eq(locations.shopId, shop.id), eq(locations.active, true)))
    .all();
  for (const location of activeLocations) {
    const stockedItems = new Set<string>();
    let locationGone = false;
    const levelPages = pages(async (after) => {
      const data = await read(graphql, q.LevelsAnswer, q.LEVELS_QUERY, { locationId: location.shopifyId, first: q.LEVELS_PAGE_SIZE, after });
      locationGone ||= data.location === null;
      return data.location?.inventoryLevels ?? NO_PAGE;
    });
    for await (const nodes of levelPages) {
      write((tx) => upsertLevels(tx, shop.id, location.id, nodes.map((node) => ({ inventoryItemShopifyId: node.item.id, quantities: levelQuantities(node.quantities) }))));
      for (const node of nodes) stockedItems.add(node.item.id);
      summary.levels += nodes.length;
    }
    // A location deleted while it was read is deactivated by the next sync; its levels are not judged on an empty answer.
    if (!locationGone) summary.levelsRemoved += write((tx) => removeLevelsNotIn(tx, shop.id, location.id, stockedItems, startedAt));
  }
  write((tx) => markSynced(tx, shop.id, startedAt));
  return summary;
}

/** After `inventory_levels/update`, which carries only `available`: all eight are read again. */
export async function refreshInventoryLevel(shopDomain: string, graphql: AdminGraphql, level: { inventoryItemId: string; locationId: string }): Promise<void> {
  const shop = requireShop(shopDomain);
  const data = await read(graphql, q.LevelAnswer, q.LEVEL_QUERY, { inventoryItemId: level.inventoryItemId, locationId: level.locationId });
  const quantities = data.inventoryItem?.inventoryLevel?.quantities;
  if (!quantities) return;
  write((tx) => upsertItemLevels(tx, shop.id, level.inventoryItemId, [{ locationShopifyId: level.locationId, quantities: levelQuantities(quantities) }]));
}

/**
 * After `products/create` or `products/update`: the product and all its variants are read again,
 * and a variant new to the mirror has its levels read too, so a product created in Shopify shows
 * its stock before the next full sync.
 */
export async function refreshProduct(shopDomain: string, graphql: AdminGraphql, productId: string): Promise<void> {
  const shop = requireShop(shopDomain);
  // Not created here: before the first full sync the shop's currency is still a placeholder.
  const defaultSupplierId = write((tx) => findDefaultSupplierId(tx, shop.id));
  let after: string | null = null;
  do {
    const { product }: ProductPage = await read(graphql, q.ProductAnswer, q.PRODUCT_QUERY, { id: productId, first: q.VARIANTS_PAGE_SIZE, after });
    if (!product) {
      write((tx) => archiveProducts(tx, shop.id, [productId]));
      return;
    }
    const newItems = write((tx) => {
      upsertProducts(tx, shop.id, [product]);
      return upsertVariants(tx, { shopId: shop.id, currency: shop.currency, defaultSupplierId }, product.variants.nodes.map((node) => ({ productShopifyId: product.id, node })));
    });
    for (const inventoryItemId of newItems) await readItemLevels(shop.id, graphql, inventoryItemId);
    after = product.variants.pageInfo.hasNextPage ? product.variants.pageInfo.endCursor : null;
  } while (after !== null);
}

type ProductPage = NonNullable<z.infer<typeof q.ProductAnswer>["data"]>;

async function readItemLevels(shopId: string, graphql: AdminGraphql, inventoryItemId: string): Promise<void> {
  const levelPages = pages(async (after) => {
    const data = await read(graphql, q.ItemLevelsAnswer, q.ITEM_LEVELS_QUERY, { id: inventoryItemId, first: q.LEVELS_PAGE_SIZE, after });
    return data.inventoryItem?.inventoryLevels ?? NO_PAGE;
  });
  for await (const nodes of levelPages) {
    write((tx) => upsertItemLevels(tx, shopId, inventoryItemId, nodes.map((node) => ({ locationShopifyId: node.location.id, quantities: levelQuantities(node.quantities) }))));
  }
}

/** After `locations/create` or `locations/update`; the primary location may have moved too. */
export async function refreshLocation(shopDomain: string, graphql: AdminGraphql, locationId: string): Promise<void> {
  const shop = requireShop(shopDomain);
  const { location, primaryLocation } = await read(graphql, q.LocationAnswer, q.LOCATION_QUERY, { id: locationId });
  const primaryLocationId = primaryLocation?.id ?? null;
  write((tx) => {
    if (location) upsertLocations(tx, shop.id, [locationValues(location, primaryLocationId)]);
    else deactivateLocations(tx, shop.id, [locationId]);
    if (primaryLocationId !== null) markPrimaryLocation(tx, shop.id, primaryLocationId);
  });
}

/** `products/delete`: the rows stay for the documents that name them. */
export function archiveDeletedProduct(shopDomain: string, productId: string): void {
  const shop = findShopByDomain(shopDomain);
  if (shop) write((tx) => archiveProducts(tx, shop.id, [productId]));
}

/** `locations/delete`: the row stays for the documents that name it. */
export function deactivateDeletedLocation(shopDomain: string, locationId: string): void {
  const shop = findShopByDomain(shopDomain);
  if (shop) write((tx) => deactivateLocations(tx, shop.id, [locationId]));
}

function requireShop(shopDomain: string): Shop {
  const shop = findShopByDomain(shopDomain);
  if (!shop) throw new Error(`No shop ${shopDomain} is installed here; it is created on install, before its first sync.`);
  return shop;
}

// Reads are safe to repeat, so a throttle, a dropped connection, a 429 or a 5xx costs a wait, not
// the sync: up to five attempts, waiting as Shopify asks or 1, 2, 4 then 8 seconds.
const READ_ATTEMPTS = 5;
const FIRST_RETRY_DELAY_MS = 1_000;
const LONGEST_RETRY_DELAY_MS = 30_000;

async function read<Data>(graphql: AdminGraphql, schema: z.ZodType<{ data?: Data | null; errors?: { message: string; extensions?: { code?: string } }[] }>, query: string, variables: Record<string, unknown>): Promise<Data> {
  for (let attempt = 1; ; attempt += 1) {
    const backoffMs = FIRST_RETRY_DELAY_MS * 2 ** (attempt - 1);
    const lastAttempt = attempt === READ_ATTEMPTS;
    let body: unknown;
    try {
      body = await graphql(query, variables);
    } catch (error) {
      if (lastAttempt || !(error instanceof RemoteInventoryError && error.kind === "unknown")) throw error;
      await sleep(backoffMs);
      continue;
    }
    const throttledMs = q.throttledRetryDelayMs(body, backoffMs);
    if (throttledMs !== null && !lastAttempt) {
      await sleep(Math.min(throttledMs, LONGEST_RETRY_DELAY_MS));
      continue;
    }
    const answer = parseAnswer(schema, body);
    if (!answer.data) throw new RemoteInventoryError("unknown", "Shopify answered a store read without data");
    return answer.data;
  }
}

type Connection<Node> = { nodes: Node[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

/** What a connection under an object Shopify no longer has (a location or item deleted meanwhile) amounts to. */
const NO_PAGE = { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } } as const satisfies Connection<never>;

async function* pages<Node>(fetchPage: (after: string | null) => Promise<Connection<Node>>): AsyncGenerator<Node[]> {
  let after: string | null = null;
  do {
    const page: Connection<Node> = await fetchPage(after);
    yield page.nodes;
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after !== null);
}
