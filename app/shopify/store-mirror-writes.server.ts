/**
 * The store mirror's writes, each inside the caller's transaction: rows matched by Shopify id
 * within the shop, written only where a value differs (so a repeated sync changes nothing), and
 * never deleted except inventory levels Shopify no longer has. `store-sync.server.ts` decides what
 * to read and when; this file decides how a page lands.
 */
import { and, eq, inArray, ne } from "drizzle-orm";
import type { AppDatabase } from "../../db/client";
import { newId } from "../../db/ids";
import { countReasons, documentSequences, inventoryLevels, locations, products, shops, suppliers, supplierVariants, variants } from "../../db/schema";
import { db } from "../db.server";
import type { Shop } from "./shops.server";
import { productValues, variantValues, type LevelQuantities, type LocationValues, type ProductNode, type ProductValues, type VariantNode } from "./store-mirror";

export type Transaction = Parameters<Parameters<AppDatabase["transaction"]>[0]>[0];

export const DEFAULT_SUPPLIER_NAME = "Default supplier";
export const DEFAULT_COUNT_REASON_NAME = "Count correction";

// Immediate: a sync running beside a webhook (or in another server) waits for the write lock
// instead of failing when its read turns into a write.
export function write<Result>(run: (tx: Transaction) => Result): Result {
  return db().transaction(run, { behavior: "immediate" });
}

export function upsertLocations(tx: Transaction, shopId: string, locationRows: LocationValues[]): void {
  const rows = onePerShopifyId(locationRows, (row) => row.shopifyId);
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

export function deactivateLocationsNotIn(tx: Transaction, shopId: string, seen: Set<string>): number {
  const gone = tx
    .select({ shopifyId: locations.shopifyId })
    .from(locations)
    .where(and(eq(locations.shopId, shopId), eq(locations.active, true)))
    .all()
    .filter((row) => !seen.has(row.shopifyId));
  deactivateLocations(tx, shopId, gone.map((row) => row.shopifyId));
  return gone.length;
}

export function deactivateLocations(tx: Transaction, shopId: string, shopifyIds: string[]): void {
  if (!shopifyIds.length) return;
  tx.update(locations)
    .set({ active: false, isPrimary: false })
    .where(and(eq(locations.shopId, shopId), inArray(locations.shopifyId, shopifyIds), eq(locations.active, true)))
    .run();
}

export function upsertProducts(tx: Transaction, shopId: string, nodes: ProductNode[]): void {
  if (!nodes.length) return;
  const rows: ProductValues[] = onePerShopifyId(nodes, (node) => node.id).map(productValues);
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

export function archiveProductsNotIn(tx: Transaction, shopId: string, seen: Set<string>): number {
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

export function archiveProducts(tx: Transaction, shopId: string, shopifyIds: string[]): void {
  if (!shopifyIds.length) return;
  tx.update(products)
    .set({ status: "archived", updatedAt: new Date() })
    .where(and(eq(products.shopId, shopId), inArray(products.shopifyId, shopifyIds), ne(products.status, "archived")))
    .run();
}

/** `defaultSupplierId` null: the shop's first full sync has not created it yet, and will link these variants. */
export type VariantContext = { shopId: string; currency: string; defaultSupplierId: string | null };

/**
 * Answers the inventory items of the variants it added. Variants of products not mirrored yet
 * (created between two pages) wait for the next sync.
 */
export function upsertVariants(tx: Transaction, context: VariantContext, variantNodes: { productShopifyId: string; node: VariantNode }[]): string[] {
  const incoming = onePerShopifyId(variantNodes, (variant) => variant.node.id);
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
  if (!variantIds.length || defaultSupplierId === null) return;
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
export function upsertLevels(tx: Transaction, shopId: string, locationId: string, levels: { inventoryItemShopifyId: string; quantities: LevelQuantities }[]): void {
  const incoming = onePerShopifyId(levels, (level) => level.inventoryItemShopifyId);
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
export function removeLevelsNotIn(tx: Transaction, shopId: string, locationId: string, stockedItems: Set<string>, startedAt: Date): number {
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

export function findDefaultSupplierId(tx: Transaction, shopId: string): string | null {
  return tx.select({ id: suppliers.id }).from(suppliers).where(and(eq(suppliers.shopId, shopId), eq(suppliers.isDefault, true))).get()?.id ?? null;
}

/** The shop's Default supplier, created (with the next supplier number, in the shop's currency) if it has none. */
export function ensureDefaultSupplier(tx: Transaction, shopId: string, currency: string): string {
  const existing = findDefaultSupplierId(tx, shopId);
  if (existing) return existing;
  const numbers = tx.select({ number: suppliers.number }).from(suppliers).where(eq(suppliers.shopId, shopId)).all();
  const number = Math.max(0, ...numbers.map((row) => row.number)) + 1;
  const id = newId("sup");
  tx.insert(suppliers).values({ id, shopId, number, name: DEFAULT_SUPPLIER_NAME, currency, isDefault: true }).run();
  tx.insert(documentSequences).values({ shopId, documentType: "supplier", lastNumber: number }).onConflictDoNothing().run();
  return id;
}

export function ensureDefaultCountReason(tx: Transaction, shopId: string): void {
  const any = tx.select({ id: countReasons.id }).from(countReasons).where(eq(countReasons.shopId, shopId)).limit(1).get();
  if (!any) tx.insert(countReasons).values({ id: newId("rsn"), shopId, name: DEFAULT_COUNT_REASON_NAME, isDefault: true }).run();
}

/** The shop's name, currency and timezone as Shopify has them. */
export function updateShopSettings(tx: Transaction, shop: Pick<Shop, "id" | "name" | "currency" | "timezone">, settings: Pick<Shop, "name" | "currency" | "timezone">): void {
  if (differs(shop, settings)) tx.update(shops).set(settings).where(eq(shops.id, shop.id)).run();
}

/** A full sync that started at `startedAt` has completed. */
export function markSynced(tx: Transaction, shopId: string, startedAt: Date): void {
  tx.update(shops).set({ lastSyncedAt: startedAt }).where(eq(shops.id, shopId)).run();
}

/** Only the location Shopify calls primary is marked so. */
export function markPrimaryLocation(tx: Transaction, shopId: string, primaryShopifyId: string): void {
  tx.update(locations)
    .set({ isPrimary: false })
    .where(and(eq(locations.shopId, shopId), eq(locations.isPrimary, true), ne(locations.shopifyId, primaryShopifyId)))
    .run();
  tx.update(locations)
    .set({ isPrimary: true })
    .where(and(eq(locations.shopId, shopId), eq(locations.isPrimary, false), eq(locations.shopifyId, primaryShopifyId)))
    .run();
}

/** One item's levels at the locations Shopify names; a location the mirror does not hold waits for the next sync. */
export function upsertItemLevels(tx: Transaction, shopId: string, inventoryItemShopifyId: string, incoming: { locationShopifyId: string; quantities: LevelQuantities }[]): void {
  if (!incoming.length) return;
  const locationIds = new Map(
    tx
      .select({ id: locations.id, shopifyId: locations.shopifyId })
      .from(locations)
      .where(and(eq(locations.shopId, shopId), inArray(locations.shopifyId, incoming.map((level) => level.locationShopifyId))))
      .all()
      .map((row) => [row.shopifyId, row.id]),
  );
  for (const { locationShopifyId, quantities } of incoming) {
    const locationId = locationIds.get(locationShopifyId);
    if (locationId) upsertLevels(tx, shopId, locationId, [{ inventoryItemShopifyId, quantities }]);
  }
}

/** The last of each Shopify id: a list read while the store changes can name an object twice. */
function onePerShopifyId<Item>(items: Item[], shopifyIdOf: (item: Item) => string): Item[] {
  return [...new Map(items.map((item) => [shopifyIdOf(item), item])).values()];
}

function differs(row: Record<string, unknown>, values: Record<string, unknown>): boolean {
  return Object.entries(values).some(([key, value]) => !sameValue(row[key], value));
}

function sameValue(stored: unknown, incoming: unknown): boolean {
  if (stored instanceof Date && incoming instanceof Date) return stored.getTime() === incoming.getTime();
  if (Array.isArray(stored) || Array.isArray(incoming)) return JSON.stringify(stored) === JSON.stringify(incoming);
  return stored === incoming;
}
