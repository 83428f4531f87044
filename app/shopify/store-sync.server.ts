/**
 * The mirror of a connected store (spec/domain.md §2.1–§2.6): shop settings, locations, products,
 * variants and the eight quantities of every inventory level, read from Shopify and written here.
 *
 * Contract: idempotent (a row is written only when a value differs, so a repeated sync changes
 * nothing); locations, products and variants are never deleted, because documents reference them
 * (a location gone from Shopify becomes inactive, a product gone becomes archived); an inventory
 * level Shopify no longer has (the item was unstocked there) is removed, as the writers take a
 * missing level to mean "activate it in Shopify first"; documents are never touched. Shopify is read page by page, each page written in its own transaction, so memory
 * holds one page plus the Shopify ids seen (to find what is gone). Rows are matched by Shopify id
 * within the shop. The shop also gets what installation owes it: the Default supplier, a primary
 * link to it for every variant without a supplier, and a default count reason.
 */
import { and, eq, inArray, ne } from "drizzle-orm";
import type { z } from "zod";
import type { AppDatabase } from "../../db/client";
import { newId } from "../../db/ids";
import { countReasons, documentSequences, inventoryLevels, locations, products, shops, suppliers, supplierVariants, variants } from "../../db/schema";
import { db } from "../db.server";
import { RemoteInventoryError } from "../inventory/index.server";
import { parseAnswer, type AdminGraphql } from "./inventory-remote.server";
import { findShopByDomain, type Shop } from "./shops.server";
import {
  levelQuantities,
  locationValues,
  productValues,
  variantValues,
  type LevelQuantities,
  type LocationValues,
  type ProductNode,
  type ProductValues,
  type QuantityNodes,
  type VariantNode,
} from "./store-mirror";
import * as q from "./store-queries";

type Transaction = Parameters<Parameters<AppDatabase["transaction"]>[0]>[0];

export const DEFAULT_SUPPLIER_NAME = "Default supplier";
export const DEFAULT_COUNT_REASON_NAME = "Count correction";

export type StoreSyncSummary = { locations: number; products: number; variants: number; levels: number; locationsDeactivated: number; productsArchived: number; levelsRemoved: number };

export async function syncStoreFromShopify(shopDomain: string, graphql: AdminGraphql): Promise<StoreSyncSummary> {
  const shop = requireShop(shopDomain);
  const startedAt = new Date();
  const settings = await read(graphql, q.ShopAnswer, q.SHOP_QUERY, {});
  const primaryLocationId = settings.primaryLocation?.id ?? null;
  const defaultSupplierId = write((tx) => {
    const changed = { name: settings.shop.name, currency: settings.shop.currencyCode, timezone: settings.shop.ianaTimezone };
    if (differs(shop, changed)) tx.update(shops).set(changed).where(eq(shops.id, shop.id)).run();
    ensureDefaultCountReason(tx, shop.id);
    return ensureDefaultSupplier(tx, shop.id, changed.currency);
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
  return summary;
}

/** After `inventory_levels/update`, which carries only `available`: all eight are read again. */
export async function refreshInventoryLevel(shopDomain: string, graphql: AdminGraphql, level: { inventoryItemId: string; locationId: string }): Promise<void> {
  const shop = requireShop(shopDomain);
  const data = await read(graphql, q.LevelAnswer, q.LEVEL_QUERY, { inventoryItemId: level.inventoryItemId, locationId: level.locationId });
  const quantities: z.infer<typeof QuantityNodes> | undefined = data.inventoryItem?.inventoryLevel?.quantities;
  if (!quantities) return;
  write((tx) => {
    const location = tx.select({ id: locations.id }).from(locations).where(and(eq(locations.shopId, shop.id), eq(locations.shopifyId, level.locationId))).get();
    if (location) upsertLevels(tx, shop.id, location.id, [{ inventoryItemShopifyId: level.inventoryItemId, quantities: levelQuantities(quantities) }]);
  });
}

/**
 * After `products/create` or `products/update`: the product and all its variants are read again,
 * and a variant new to the mirror has its levels read too, so a product created in Shopify shows
 * its stock before the next full sync.
 */
export async function refreshProduct(shopDomain: string, graphql: AdminGraphql, productId: string): Promise<void> {
  const shop = requireShop(shopDomain);
  const defaultSupplierId = write((tx) => ensureDefaultSupplier(tx, shop.id, shop.currency));
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
    write((tx) => {
      const locationIds = new Map(
        tx
          .select({ id: locations.id, shopifyId: locations.shopifyId })
          .from(locations)
          .where(and(eq(locations.shopId, shopId), inArray(locations.shopifyId, nodes.map((node) => node.location.id))))
          .all()
          .map((row) => [row.shopifyId, row.id]),
      );
      for (const node of nodes) {
        const locationId = locationIds.get(node.location.id);
        if (locationId) upsertLevels(tx, shopId, locationId, [{ inventoryItemShopifyId: inventoryItemId, quantities: levelQuantities(node.quantities) }]);
      }
    });
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
    if (primaryLocationId === null) return;
    tx.update(locations)
      .set({ isPrimary: false })
      .where(and(eq(locations.shopId, shop.id), eq(locations.isPrimary, true), ne(locations.shopifyId, primaryLocationId)))
      .run();
    tx.update(locations)
      .set({ isPrimary: true })
      .where(and(eq(locations.shopId, shop.id), eq(locations.isPrimary, false), eq(locations.shopifyId, primaryLocationId)))
      .run();
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

async function read<Data>(graphql: AdminGraphql, schema: z.ZodType<{ data?: Data | null; errors?: { message: string; extensions?: { code?: string } }[] }>, query: string, variables: Record<string, unknown>): Promise<Data> {
  const answer = parseAnswer(schema, await graphql(query, variables));
  if (!answer.data) throw new RemoteInventoryError("unknown", "Shopify answered a store read without data");
  return answer.data;
}

// Immediate: a sync running beside a webhook (or in another server) waits for the write lock
// instead of failing when its read turns into a write.
function write<Result>(run: (tx: Transaction) => Result): Result {
  return db().transaction(run, { behavior: "immediate" });
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

function upsertLocations(tx: Transaction, shopId: string, rows: LocationValues[]): void {
  if (!rows.length) return;
  const existing = tx.select().from(locations).where(and(eq(locations.shopId, shopId), inArray(locations.shopifyId, rows.map((row) => row.shopifyId)))).all();
  const byShopifyId = new Map(existing.map((row) => [row.shopifyId, row]));
  const added: (typeof locations.$inferInsert)[] = [];
  for (const values of rows) {
    const row = byShopifyId.get(values.shopifyId);
    if (!row) added.push({ id: newId("loc"), shopId, ...values });
    else if (differs(row, values)) tx.update(locations).set(values).where(eq(locations.id, row.id)).run();
  }
  if (added.length) tx.insert(locations).values(added).run();
}

function deactivateLocationsNotIn(tx: Transaction, shopId: string, seen: Set<string>): number {
  const gone = tx
    .select({ shopifyId: locations.shopifyId })
    .from(locations)
    .where(and(eq(locations.shopId, shopId), eq(locations.active, true)))
    .all()
    .filter((row) => !seen.has(row.shopifyId));
  deactivateLocations(tx, shopId, gone.map((row) => row.shopifyId));
  return gone.length;
}

function deactivateLocations(tx: Transaction, shopId: string, shopifyIds: string[]): void {
  if (!shopifyIds.length) return;
  tx.update(locations)
    .set({ active: false, isPrimary: false })
    .where(and(eq(locations.shopId, shopId), inArray(locations.shopifyId, shopifyIds), eq(locations.active, true)))
    .run();
}

function upsertProducts(tx: Transaction, shopId: string, nodes: ProductNode[]): void {
  if (!nodes.length) return;
  const rows: ProductValues[] = nodes.map(productValues);
  const existing = tx.select().from(products).where(and(eq(products.shopId, shopId), inArray(products.shopifyId, rows.map((row) => row.shopifyId)))).all();
  const byShopifyId = new Map(existing.map((row) => [row.shopifyId, row]));
  const added: (typeof products.$inferInsert)[] = [];
  for (const values of rows) {
    const row = byShopifyId.get(values.shopifyId);
    if (!row) added.push({ id: newId("prod"), shopId, ...values });
    else if (differs(row, values)) tx.update(products).set(values).where(eq(products.id, row.id)).run();
  }
  if (added.length) tx.insert(products).values(added).run();
}

// Ids only, in chunks: the shop's products are never all held in memory as rows.
const CHUNK_SIZE = 500;

function archiveProductsNotIn(tx: Transaction, shopId: string, seen: Set<string>): number {
  const gone = tx
    .select({ shopifyId: products.shopifyId })
    .from(products)
    .where(and(eq(products.shopId, shopId), ne(products.status, "archived")))
    .all()
    .filter((row) => !seen.has(row.shopifyId))
    .map((row) => row.shopifyId);
  for (let start = 0; start < gone.length; start += CHUNK_SIZE) archiveProducts(tx, shopId, gone.slice(start, start + CHUNK_SIZE));
  return gone.length;
}

function archiveProducts(tx: Transaction, shopId: string, shopifyIds: string[]): void {
  if (!shopifyIds.length) return;
  tx.update(products)
    .set({ status: "archived", updatedAt: new Date() })
    .where(and(eq(products.shopId, shopId), inArray(products.shopifyId, shopifyIds), ne(products.status, "archived")))
    .run();
}

type VariantContext = { shopId: string; currency: string; defaultSupplierId: string };

/**
 * Answers the inventory items of the variants it added. Variants of products not mirrored yet
 * (created between two pages) wait for the next sync.
 */
function upsertVariants(tx: Transaction, context: VariantContext, incoming: { productShopifyId: string; node: VariantNode }[]): string[] {
  if (!incoming.length) return [];
  const { shopId } = context;
  const productIds = new Map(
    tx
      .select({ id: products.id, shopifyId: products.shopifyId })
      .from(products)
      .where(and(eq(products.shopId, shopId), inArray(products.shopifyId, [...new Set(incoming.map((v) => v.productShopifyId))])))
      .all()
      .map((row) => [row.shopifyId, row.id]),
  );
  const existing = tx.select().from(variants).where(and(eq(variants.shopId, shopId), inArray(variants.shopifyId, incoming.map((v) => v.node.id)))).all();
  const byShopifyId = new Map(existing.map((row) => [row.shopifyId, row]));
  const variantIds: string[] = [];
  const added: (typeof variants.$inferInsert)[] = [];
  for (const { productShopifyId, node } of incoming) {
    const productId = productIds.get(productShopifyId);
    if (!productId) continue;
    const values = { productId, ...variantValues(node, context.currency) };
    const row = byShopifyId.get(node.id);
    if (!row) {
      const id = newId("var");
      added.push({ id, shopId, ...values });
      variantIds.push(id);
    } else {
      if (differs(row, values)) tx.update(variants).set(values).where(eq(variants.id, row.id)).run();
      variantIds.push(row.id);
    }
  }
  if (added.length) tx.insert(variants).values(added).run();
  linkUnsuppliedVariants(tx, context, variantIds);
  return added.flatMap((variant) => (variant.inventoryItemShopifyId ? [variant.inventoryItemShopifyId] : []));
}

/** spec §2.5: the Default supplier is every variant's primary supplier until another is linked. */
function linkUnsuppliedVariants(tx: Transaction, { shopId, defaultSupplierId }: VariantContext, variantIds: string[]): void {
  if (!variantIds.length) return;
  const linked = new Set(
    tx
      .select({ variantId: supplierVariants.variantId })
      .from(supplierVariants)
      .where(and(eq(supplierVariants.shopId, shopId), inArray(supplierVariants.variantId, variantIds)))
      .all()
      .map((row) => row.variantId),
  );
  const links = variantIds.filter((variantId) => !linked.has(variantId)).map((variantId) => ({ id: newId("sv"), shopId, supplierId: defaultSupplierId, variantId, primary: true }));
  if (links.length) tx.insert(supplierVariants).values(links).run();
}

/** Levels of items the mirror does not hold (a variant created since its page was read) wait for the next sync. */
function upsertLevels(tx: Transaction, shopId: string, locationId: string, incoming: { inventoryItemShopifyId: string; quantities: LevelQuantities }[]): void {
  if (!incoming.length) return;
  const variantIds = new Map(
    tx
      .select({ id: variants.id, item: variants.inventoryItemShopifyId })
      .from(variants)
      .where(and(eq(variants.shopId, shopId), inArray(variants.inventoryItemShopifyId, incoming.map((level) => level.inventoryItemShopifyId))))
      .all()
      .map((row) => [row.item, row.id]),
  );
  const existing = tx
    .select()
    .from(inventoryLevels)
    .where(and(eq(inventoryLevels.shopId, shopId), eq(inventoryLevels.locationId, locationId), inArray(inventoryLevels.variantId, [...variantIds.values()])))
    .all();
  const byVariant = new Map(existing.map((row) => [row.variantId, row]));
  const now = new Date();
  const added: (typeof inventoryLevels.$inferInsert)[] = [];
  for (const { inventoryItemShopifyId, quantities } of incoming) {
    const variantId = variantIds.get(inventoryItemShopifyId);
    if (!variantId) continue;
    const row = byVariant.get(variantId);
    if (!row) added.push({ id: newId("lvl"), shopId, variantId, locationId, ...quantities, createdAt: now, updatedAt: now });
    else if (differs(row, quantities)) tx.update(inventoryLevels).set({ ...quantities, updatedAt: now }).where(eq(inventoryLevels.id, row.id)).run();
  }
  if (added.length) tx.insert(inventoryLevels).values(added).run();
}

/**
 * Levels at the location whose item Shopify did not list. One created after the sync started (a
 * writer stocking the item there meanwhile) is kept: the pages read may predate it.
 */
function removeLevelsNotIn(tx: Transaction, shopId: string, locationId: string, stockedItems: Set<string>, startedAt: Date): number {
  const gone = tx
    .select({ id: inventoryLevels.id, createdAt: inventoryLevels.createdAt, item: variants.inventoryItemShopifyId })
    .from(inventoryLevels)
    .innerJoin(variants, eq(variants.id, inventoryLevels.variantId))
    .where(and(eq(inventoryLevels.shopId, shopId), eq(inventoryLevels.locationId, locationId)))
    .all()
    .filter((level) => level.item !== null && !stockedItems.has(level.item) && level.createdAt < startedAt)
    .map((level) => level.id);
  for (let start = 0; start < gone.length; start += CHUNK_SIZE) tx.delete(inventoryLevels).where(inArray(inventoryLevels.id, gone.slice(start, start + CHUNK_SIZE))).run();
  return gone.length;
}

/** The shop's Default supplier, created (with the next supplier number) if it has none. */
function ensureDefaultSupplier(tx: Transaction, shopId: string, currency: string): string {
  const existing = tx.select({ id: suppliers.id }).from(suppliers).where(and(eq(suppliers.shopId, shopId), eq(suppliers.isDefault, true))).get();
  if (existing) return existing.id;
  const numbers = tx.select({ number: suppliers.number }).from(suppliers).where(eq(suppliers.shopId, shopId)).all();
  const number = Math.max(0, ...numbers.map((row) => row.number)) + 1;
  const id = newId("sup");
  tx.insert(suppliers).values({ id, shopId, number, name: DEFAULT_SUPPLIER_NAME, currency, isDefault: true }).run();
  tx.insert(documentSequences).values({ shopId, documentType: "supplier", lastNumber: number }).onConflictDoNothing().run();
  return id;
}

function ensureDefaultCountReason(tx: Transaction, shopId: string): void {
  const any = tx.select({ id: countReasons.id }).from(countReasons).where(eq(countReasons.shopId, shopId)).limit(1).get();
  if (!any) tx.insert(countReasons).values({ id: newId("rsn"), shopId, name: DEFAULT_COUNT_REASON_NAME, isDefault: true }).run();
}

function differs(row: Record<string, unknown>, values: Record<string, unknown>): boolean {
  return Object.entries(values).some(([key, value]) => !sameValue(row[key], value));
}

function sameValue(stored: unknown, incoming: unknown): boolean {
  if (stored instanceof Date && incoming instanceof Date) return stored.getTime() === incoming.getTime();
  if (Array.isArray(stored) || Array.isArray(incoming)) return JSON.stringify(stored) === JSON.stringify(incoming);
  return stored === incoming;
}
