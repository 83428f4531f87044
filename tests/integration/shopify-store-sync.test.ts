import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { findShopsDueForSync, recordInstall } from "../../app/shopify/shops.server";
import { refreshInventoryLevel, refreshLocation, refreshProduct, syncStoreFromShopify } from "../../app/shopify/store-sync.server";
import { countReasons, inventoryLevels, locations, products, sessionTable, shops, suppliers, supplierVariants, variants } from "../../db/schema";
import { dumpOtherShops } from "../support/database-scan";
import { startFakeShopifyAdmin, type FakeShopifyAdmin, type FakeStore } from "../support/fake-shopify-admin";
import { createInventoryStore, type InventoryStore } from "./inventory-store";

const DOMAIN = "harbour-outfitters.myshopify.com";
// The fake reuses the demo stores' Shopify ids, so matching by Shopify id alone would reach into them.
const PRIMARY = "gid://shopify/Location/7100000";
const BRANCH = "gid://shopify/Location/7100001";
const CLOSED = "gid://shopify/Location/7100002";
const PRODUCT_COUNT = 5;
const VARIANTS_PER_PRODUCT = 3;

let store: InventoryStore;
let shopify: FakeShopifyAdmin;
let shopId: string;
let otherShopsBefore: string;

beforeAll(async () => {
  store = createInventoryStore();
  shopify = await startFakeShopifyAdmin();
  shopId = recordInstall(DOMAIN).id;
  otherShopsBefore = dumpOtherShops(store.database, shopId);
});
afterAll(async () => {
  await shopify.close();
  store.remove();
});
beforeEach(() => {
  stockFakeStore(shopify);
  // Every list spans several pages.
  shopify.maxPageSize = 2;
});

describe("a connected store is mirrored from Shopify", () => {
  it("a first sync mirrors the shop's settings, locations, products, variants and every level with all eight quantities", async () => {
    const summary = await syncStoreFromShopify(DOMAIN, shopify.graphql);

    expect(lastSyncedAt().getTime()).toBeLessThanOrEqual(Date.now());
    expect(summary).toMatchObject({ locations: 3, products: PRODUCT_COUNT, variants: PRODUCT_COUNT * VARIANTS_PER_PRODUCT, locationsDeactivated: 0, productsArchived: 0, levelsRemoved: 0 });
    expect(store.database.select({ name: shops.name, currency: shops.currency, timezone: shops.timezone }).from(shops).where(eq(shops.id, shopId)).get()).toEqual({
      name: "Harbour Outfitters",
      currency: "EUR",
      timezone: "Europe/Dublin",
    });
    const mirroredLocations = store.database.select().from(locations).where(eq(locations.shopId, shopId)).orderBy(asc(locations.shopifyId)).all();
    expect(mirroredLocations.map((l) => [l.shopifyId, l.name, l.isPrimary, l.active])).toEqual([
      [PRIMARY, "Dublin Warehouse", true, true],
      [BRANCH, "Cork Shop", false, true],
      [CLOSED, "Galway Pop-up", false, false],
    ]);
    expect(mirroredLocations[0]).toMatchObject({ address1: "1 Dock Road", address2: null, city: "Dublin", province: "D", postalCode: "D01 X2Y3", countryCode: "IE", phone: null, nameOverride: null });

    const product = store.database.select().from(products).where(and(eq(products.shopId, shopId), eq(products.shopifyId, productGid(2)))).get();
    expect(product).toMatchObject({ title: "Product 2", vendor: "Harbour", productType: "Jackets", status: "draft", tags: ["outer", "winter"], updatedAt: new Date("2026-03-02T10:00:00Z") });
    expect(store.database.select({ status: products.status }).from(products).where(and(eq(products.shopId, shopId), eq(products.shopifyId, productGid(3)))).get()?.status).toBe("archived");
    expect(mirroredVariant(1, 1)).toMatchObject({ productId: mirroredProductId(1), title: "Size 1", sku: "SKU-1-1", barcode: "500001001", priceAmount: 1250, unitCostAmount: 499, inventoryTracked: true, inventoryItemShopifyId: itemGid(1, 1) });
    expect(mirroredVariant(1, 2)).toMatchObject({ sku: null, unitCostAmount: null, inventoryTracked: false });

    expect(store.database.select({ id: inventoryLevels.id }).from(inventoryLevels).where(eq(inventoryLevels.shopId, shopId)).all().length).toBe(PRODUCT_COUNT * VARIANTS_PER_PRODUCT + PRODUCT_COUNT);
    expect(mirroredLevel(4, 3, PRIMARY)).toEqual({ available: 43, committed: 1, reserved: 2, damaged: 3, safetyStock: 4, qualityControl: 5, onHand: 58, incoming: 7 });
    expect(mirroredLevel(4, 1, BRANCH)).toEqual({ available: 9, committed: 0, reserved: 0, damaged: 0, safetyStock: 0, qualityControl: 0, onHand: 9, incoming: 0 });
  });

  it("the shop gets its Default supplier, a primary link to it for every variant, and one default count reason", async () => {
    await syncStoreFromShopify(DOMAIN, shopify.graphql);

    const defaults = store.database.select().from(suppliers).where(and(eq(suppliers.shopId, shopId), eq(suppliers.isDefault, true))).all();
    expect(defaults).toHaveLength(1);
    expect(defaults[0]).toMatchObject({ name: "Default supplier", currency: "EUR", number: 1, archived: false });
    const links = store.database.select().from(supplierVariants).where(eq(supplierVariants.shopId, shopId)).all();
    expect(links).toHaveLength(PRODUCT_COUNT * VARIANTS_PER_PRODUCT);
    expect(links.every((link) => link.supplierId === defaults[0]!.id && link.primary)).toBe(true);
    expect(store.database.select({ name: countReasons.name, isDefault: countReasons.isDefault }).from(countReasons).where(eq(countReasons.shopId, shopId)).all()).toEqual([
      { name: "Count correction", isDefault: true },
    ]);
  });

  it("a second sync of an unchanged store changes nothing but the time of its last sync", async () => {
    await syncStoreFromShopify(DOMAIN, shopify.graphql);
    const before = store.dump();
    const firstSyncedAt = lastSyncedAt();

    await syncStoreFromShopify(DOMAIN, shopify.graphql);

    expect(lastSyncedAt().getTime()).toBeGreaterThan(firstSyncedAt.getTime());
    store.database.update(shops).set({ lastSyncedAt: firstSyncedAt }).where(eq(shops.id, shopId)).run();
    expect(store.dump()).toBe(before);
  });

  it("reads every list page by page, following Shopify's cursors", async () => {
    const callsBefore = shopify.calls.length;

    await syncStoreFromShopify(DOMAIN, shopify.graphql);

    const queries = shopify.calls.slice(callsBefore);
    const pagesOf = (variable: string) => queries.filter((call) => call.mutation === "query" && JSON.stringify(call.variables).includes(variable)).length;
    expect(queries.every((call) => call.mutation === "query" && call.outcome === "applied")).toBe(true);
    // 15 variants at two a page; the primary location's 15 levels and the branch's 5.
    expect(queries.filter((call) => JSON.stringify(call.variables) === JSON.stringify({ first: 100, after: null })).length).toBe(3);
    expect(pagesOf(`"locationId":"${PRIMARY}"`)).toBe(8);
    expect(pagesOf(`"locationId":"${BRANCH}"`)).toBe(3);
    expect(queries.length).toBe(1 + 2 + 3 + 8 + 8 + 3);
  });

  it("a throttle, a 503 and a dropped connection while reading cost a wait and a retry each, not the sync", async () => {
    await syncStoreFromShopify(DOMAIN, shopify.graphql);
    shopify.stock(itemGid(3, 3), PRIMARY, { available: 2, on_hand: 2 });
    shopify.failCall("throttled", { skip: 2 });
    shopify.failCall("http_503", { skip: 3 });
    shopify.failCall("drop_connection", { skip: 4 });
    const callsBefore = shopify.calls.length;

    await syncStoreFromShopify(DOMAIN, shopify.graphql);

    expect(shopify.calls.length - callsBefore).toBe(25 + 3);
    expect(mirroredLevel(3, 3, PRIMARY)).toMatchObject({ available: 2, onHand: 2, committed: 0 });
  });

  it("a product removed in Shopify is archived and a location removed or deactivated becomes inactive; their rows stay", async () => {
    await syncStoreFromShopify(DOMAIN, shopify.graphql);
    const variantRowsBefore = store.database.select({ id: variants.id }).from(variants).where(eq(variants.shopId, shopId)).all().length;
    shopify.store.products = shopify.store.products.filter((product) => product.id !== productGid(1));
    shopify.store.locations = shopify.store.locations.filter((location) => location.id !== BRANCH);

    const summary = await syncStoreFromShopify(DOMAIN, shopify.graphql);

    expect(summary).toMatchObject({ productsArchived: 1, locationsDeactivated: 1 });
    expect(store.database.select({ status: products.status }).from(products).where(and(eq(products.shopId, shopId), eq(products.shopifyId, productGid(1)))).get()?.status).toBe("archived");
    expect(store.database.select({ active: locations.active }).from(locations).where(and(eq(locations.shopId, shopId), eq(locations.shopifyId, BRANCH))).get()?.active).toBe(false);
    expect(store.database.select({ id: variants.id }).from(variants).where(eq(variants.shopId, shopId)).all().length).toBe(variantRowsBefore);
    expect(mirroredLevel(4, 1, BRANCH).available).toBe(9);

    stockFakeStore(shopify);
    await syncStoreFromShopify(DOMAIN, shopify.graphql);
    expect(store.database.select({ status: products.status }).from(products).where(and(eq(products.shopId, shopId), eq(products.shopifyId, productGid(1)))).get()?.status).toBe("active");
    expect(store.database.select({ active: locations.active }).from(locations).where(and(eq(locations.shopId, shopId), eq(locations.shopifyId, BRANCH))).get()?.active).toBe(true);
  });

  it("a level Shopify no longer has (the item unstocked at a location) leaves the mirror; the item's other levels stay", async () => {
    await syncStoreFromShopify(DOMAIN, shopify.graphql);
    shopify.unstock(itemGid(4, 1), BRANCH);

    const summary = await syncStoreFromShopify(DOMAIN, shopify.graphql);

    expect(summary.levelsRemoved).toBe(1);
    const location = store.database.select({ id: locations.id }).from(locations).where(and(eq(locations.shopId, shopId), eq(locations.shopifyId, BRANCH))).get();
    expect(store.database.select().from(inventoryLevels).where(and(eq(inventoryLevels.variantId, mirroredVariant(4, 1).id), eq(inventoryLevels.locationId, location!.id))).all()).toEqual([]);
    expect(mirroredLevel(4, 1, PRIMARY).available).toBe(41);
  });

  it("a level changed in Shopify and announced by inventory_levels/update is read again in all eight quantities, and only that level changes", async () => {
    await syncStoreFromShopify(DOMAIN, shopify.graphql);
    shopify.stock(itemGid(2, 2), PRIMARY, { available: 3, committed: 4, reserved: 0, damaged: 1, safety_stock: 2, quality_control: 0, on_hand: 10, incoming: 12 });
    const otherLevelsBefore = store.database.select().from(inventoryLevels).where(eq(inventoryLevels.shopId, shopId)).all().filter((level) => level.variantId !== mirroredVariant(2, 2).id);

    await refreshInventoryLevel(DOMAIN, shopify.graphql, { inventoryItemId: itemGid(2, 2), locationId: PRIMARY });

    expect(mirroredLevel(2, 2, PRIMARY)).toEqual({ available: 3, committed: 4, reserved: 0, damaged: 1, safetyStock: 2, qualityControl: 0, onHand: 10, incoming: 12 });
    expect(store.database.select().from(inventoryLevels).where(eq(inventoryLevels.shopId, shopId)).all().filter((level) => level.variantId !== mirroredVariant(2, 2).id)).toEqual(otherLevelsBefore);
  });

  it("a product changed in Shopify is read again with its variants, a new variant with its levels; one deleted there is archived", async () => {
    await syncStoreFromShopify(DOMAIN, shopify.graphql);
    const product = shopify.store.products[4]!;
    product.title = "Product 5, renamed";
    product.updatedAt = "2026-04-01T09:00:00Z";
    product.variants.push(fakeVariant(5, 4));
    shopify.stock(itemGid(5, 4), PRIMARY, { available: 6, committed: 1, on_hand: 7, incoming: 2 });
    shopify.stock(itemGid(5, 4), BRANCH, { available: 3, on_hand: 3 });

    await refreshProduct(DOMAIN, shopify.graphql, product.id);

    expect(store.database.select({ title: products.title }).from(products).where(and(eq(products.shopId, shopId), eq(products.shopifyId, product.id))).get()?.title).toBe("Product 5, renamed");
    expect(mirroredVariant(5, 4)).toMatchObject({ productId: mirroredProductId(5), sku: "SKU-5-4" });
    expect(store.database.select().from(supplierVariants).where(eq(supplierVariants.variantId, mirroredVariant(5, 4).id)).all()).toMatchObject([{ primary: true }]);
    expect(mirroredLevel(5, 4, PRIMARY)).toEqual({ available: 6, committed: 1, reserved: 0, damaged: 0, safetyStock: 0, qualityControl: 0, onHand: 7, incoming: 2 });
    expect(mirroredLevel(5, 4, BRANCH)).toMatchObject({ available: 3, onHand: 3 });

    shopify.store.products.pop();
    await refreshProduct(DOMAIN, shopify.graphql, product.id);
    expect(store.database.select({ status: products.status }).from(products).where(and(eq(products.shopId, shopId), eq(products.shopifyId, product.id))).get()?.status).toBe("archived");
  });

  it("a location changed in Shopify is read again, and the primary mark follows Shopify's primary location", async () => {
    await syncStoreFromShopify(DOMAIN, shopify.graphql);
    shopify.store.locations[1]!.name = "Cork Flagship";
    shopify.store.primaryLocationId = BRANCH;

    await refreshLocation(DOMAIN, shopify.graphql, BRANCH);

    const mirrored = store.database.select({ shopifyId: locations.shopifyId, name: locations.name, isPrimary: locations.isPrimary }).from(locations).where(eq(locations.shopId, shopId)).orderBy(asc(locations.shopifyId)).all();
    expect(mirrored).toEqual([
      { shopifyId: PRIMARY, name: "Dublin Warehouse", isPrimary: false },
      { shopifyId: BRANCH, name: "Cork Flagship", isPrimary: true },
      { shopifyId: CLOSED, name: "Galway Pop-up", isPrimary: false },
    ]);
  });

  it("a variant already supplied by another supplier keeps that link and gets no Default supplier link", async () => {
    await syncStoreFromShopify(DOMAIN, shopify.graphql);
    const variant = mirroredVariant(3, 1);
    const other = store.database.insert(suppliers).values({ id: "sup_sync_other", shopId, number: 2, name: "Other supplier", currency: "EUR" }).returning().get();
    store.database.delete(supplierVariants).where(eq(supplierVariants.variantId, variant.id)).run();
    store.database.insert(supplierVariants).values({ id: "sv_sync_other", shopId, supplierId: other.id, variantId: variant.id, primary: true }).run();

    await syncStoreFromShopify(DOMAIN, shopify.graphql);

    expect(store.database.select({ supplierId: supplierVariants.supplierId }).from(supplierVariants).where(eq(supplierVariants.variantId, variant.id)).all()).toEqual([{ supplierId: other.id }]);
  });

  it("a new product that one page of Shopify's list names twice (the list shifting while it is read) is mirrored once", async () => {
    const product = { ...shopify.store.products[0]!, id: productGid(6), variants: [fakeVariant(6, 1), fakeVariant(6, 2)] };
    shopify.store.products.push(product, product);
    shopify.maxPageSize = 100;

    await syncStoreFromShopify(DOMAIN, shopify.graphql);

    expect(store.database.select({ id: products.id }).from(products).where(and(eq(products.shopId, shopId), eq(products.shopifyId, productGid(6)))).all()).toHaveLength(1);
    expect(store.database.select({ id: variants.id }).from(variants).where(eq(variants.productId, mirroredProductId(6))).all()).toHaveLength(2);
  });

  it("another shop's rows are untouched, although its Shopify ids are the same ones", () => {
    expect(dumpOtherShops(store.database, shopId)).toBe(otherShopsBefore);
  });

  it("a product announced before the shop's first full sync gets its supplier link from that sync, with a Default supplier in the shop's currency", async () => {
    const early = recordInstall("early-notice.myshopify.com");

    await refreshProduct(early.shopifyDomain, shopify.graphql, productGid(1));
    const variantIds = store.database.select({ id: variants.id }).from(variants).where(eq(variants.shopId, early.id)).all().map((row) => row.id);
    expect(variantIds).toHaveLength(VARIANTS_PER_PRODUCT);
    expect(store.database.select().from(supplierVariants).where(eq(supplierVariants.shopId, early.id)).all()).toEqual([]);

    await syncStoreFromShopify(early.shopifyDomain, shopify.graphql);

    const defaultSupplier = store.database.select().from(suppliers).where(and(eq(suppliers.shopId, early.id), eq(suppliers.isDefault, true))).get();
    expect(defaultSupplier?.currency).toBe("EUR");
    const linked = store.database.select({ variantId: supplierVariants.variantId, supplierId: supplierVariants.supplierId }).from(supplierVariants).where(eq(supplierVariants.shopId, early.id)).all();
    const byVariant = (a: { variantId: string }, b: { variantId: string }) => (a.variantId < b.variantId ? -1 : 1);
    expect(linked.filter((link) => variantIds.includes(link.variantId)).sort(byVariant)).toEqual(variantIds.map((variantId) => ({ variantId, supplierId: defaultSupplier!.id })).sort(byVariant));
  });

  it("the periodic re-check is due for installed shops with an offline session not fully synced since the cut-off, never synced first", () => {
    const session = (shop: string, isOnline: boolean) => ({ id: `${isOnline ? "online" : "offline"}_${shop}`, shop, state: "", isOnline, accessToken: "shpat_sync_test" });
    const install = (shop: string, lastSynced: Date | null, uninstalledAt: Date | null = null) =>
      store.database.update(shops).set({ lastSyncedAt: lastSynced, uninstalledAt }).where(eq(shops.shopifyDomain, recordInstall(shop).shopifyDomain)).run();
    const cutOff = new Date("2026-11-26T00:00:00Z");
    install(DOMAIN, new Date("2026-11-25T20:00:00Z"));
    install("never-synced.myshopify.com", null);
    install("synced-after-cut-off.myshopify.com", new Date("2026-11-26T01:00:00Z"));
    install("online-only.myshopify.com", null);
    install("uninstalled.myshopify.com", null, new Date());
    const offline = ["never-synced", "synced-after-cut-off", "uninstalled", "not-a-shop"].map((name) => session(`${name}.myshopify.com`, false));
    store.database.insert(sessionTable).values([session(DOMAIN, false), session(DOMAIN, true), session("online-only.myshopify.com", true), ...offline]).run();

    expect(findShopsDueForSync(cutOff)).toEqual(["never-synced.myshopify.com", DOMAIN]);

    store.database.delete(sessionTable).run();
  });

  it("refuses to sync a shop that was never installed, naming it", async () => {
    await expect(syncStoreFromShopify("never-installed.myshopify.com", shopify.graphql)).rejects.toThrow(/never-installed\.myshopify\.com/);
  });
});

function lastSyncedAt(): Date {
  const syncedAt = store.database.select({ lastSyncedAt: shops.lastSyncedAt }).from(shops).where(eq(shops.id, shopId)).get()?.lastSyncedAt;
  if (!syncedAt) throw new Error("the shop has not completed a sync");
  return syncedAt;
}

function productGid(product: number): string {
  return `gid://shopify/Product/${8_800_000 + product}`;
}

function variantGid(product: number, variant: number): string {
  return `gid://shopify/ProductVariant/${44_000_000 + product * 10 + variant}`;
}

function itemGid(product: number, variant: number): string {
  return `gid://shopify/InventoryItem/${46_000_000 + product * 10 + variant}`;
}

function mirroredProductId(product: number): string {
  const row = store.database.select({ id: products.id }).from(products).where(and(eq(products.shopId, shopId), eq(products.shopifyId, productGid(product)))).get();
  if (!row) throw new Error(`product ${product} is not mirrored`);
  return row.id;
}

function mirroredVariant(product: number, variant: number) {
  const row = store.database.select().from(variants).where(and(eq(variants.shopId, shopId), eq(variants.shopifyId, variantGid(product, variant)))).get();
  if (!row) throw new Error(`variant ${product}/${variant} is not mirrored`);
  return row;
}

function mirroredLevel(product: number, variant: number, locationGid: string) {
  const location = store.database.select({ id: locations.id }).from(locations).where(and(eq(locations.shopId, shopId), eq(locations.shopifyId, locationGid))).get();
  return store.level(mirroredVariant(product, variant).id, location!.id);
}

function fakeVariant(product: number, variant: number): FakeStore["products"][number]["variants"][number] {
  return {
    id: variantGid(product, variant),
    title: `Size ${variant}`,
    sku: product === 1 && variant === 2 ? "" : `SKU-${product}-${variant}`,
    barcode: `5000${String(product).padStart(2, "0")}${String(variant).padStart(3, "0")}`,
    price: `${10 + product + variant}.50`,
    createdAt: "2026-01-05T08:00:00Z",
    updatedAt: "2026-02-05T08:00:00Z",
    inventoryItem: { id: itemGid(product, variant), tracked: !(product === 1 && variant === 2), unitCost: product === 1 && variant === 2 ? null : { amount: "4.99", currencyCode: "EUR" } },
  };
}

/**
 * Three locations (the third deactivated), five products of three variants (one draft, one
 * archived), every variant stocked at the primary location with all eight quantities, and each
 * product's first variant at the branch too.
 */
function stockFakeStore(fake: FakeShopifyAdmin): void {
  const address = (address1: string, city: string, province: string, zip: string) => ({ address1, address2: "", city, provinceCode: province, zip, countryCode: "IE", phone: "" });
  fake.store.shop = { name: "Harbour Outfitters", currencyCode: "EUR", ianaTimezone: "Europe/Dublin" };
  fake.store.primaryLocationId = PRIMARY;
  fake.store.locations = [
    { id: PRIMARY, name: "Dublin Warehouse", isActive: true, createdAt: "2025-01-01T00:00:00Z", address: address("1 Dock Road", "Dublin", "D", "D01 X2Y3") },
    { id: BRANCH, name: "Cork Shop", isActive: true, createdAt: "2025-02-01T00:00:00Z", address: address("5 Patrick Street", "Cork", "CO", "T12 AB12") },
    { id: CLOSED, name: "Galway Pop-up", isActive: false, createdAt: "2025-03-01T00:00:00Z", address: address("2 Shop Street", "Galway", "G", "H91 C1D2") },
  ];
  fake.store.products = Array.from({ length: PRODUCT_COUNT }, (_, index) => {
    const product = index + 1;
    return {
      id: productGid(product),
      title: `Product ${product}`,
      vendor: "Harbour",
      productType: "Jackets",
      status: product === 2 ? "DRAFT" : product === 3 ? "ARCHIVED" : "ACTIVE",
      tags: ["outer", "winter"],
      createdAt: "2026-01-01T10:00:00Z",
      updatedAt: `2026-03-0${product}T10:00:00Z`,
      variants: Array.from({ length: VARIANTS_PER_PRODUCT }, (_, v) => fakeVariant(product, v + 1)),
    };
  });
  for (const product of fake.store.products) {
    for (const [v, variant] of product.variants.entries()) {
      const base = Number(product.id.slice(-1)) * 10 + v;
      const [available, committed, reserved, damaged, safetyStock, qualityControl, , incoming] = [base + 1, 1, 2, 3, 4, 5, 0, 7];
      fake.stock(variant.inventoryItem.id, PRIMARY, {
        available,
        committed,
        reserved,
        damaged,
        safety_stock: safetyStock,
        quality_control: qualityControl,
        on_hand: available + committed + reserved + damaged + safetyStock + qualityControl,
        incoming,
      });
      if (v === 0) fake.stock(variant.inventoryItem.id, BRANCH, { available: 9, on_hand: 9 });
    }
  }
}
