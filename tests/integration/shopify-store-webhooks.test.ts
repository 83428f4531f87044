import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { inventoryLevels, locations, products, shops, variants } from "../../db/schema";
import { dumpOtherShops } from "../support/database-scan";
import { postWebhook } from "../support/shopify-webhooks";
import { useTestServer } from "../support/test-server";

// The demo store's seeded Shopify ids: its first product and its second location (not the primary).
const PRODUCT_ID = 8_800_001;
const LOCATION_ID = 7_100_001;

const server = useTestServer({ mode: "shopify" });

describe("Shopify's store change notifications", () => {
  it.each([
    ["inventory_levels/update", { inventory_item_id: 46_000_001, location_id: 7_100_000, available: 1 }],
    ["products/create", { id: PRODUCT_ID }],
    ["products/update", { id: PRODUCT_ID }],
    ["products/delete", { id: PRODUCT_ID }],
    ["locations/create", { id: LOCATION_ID }],
    ["locations/update", { id: LOCATION_ID }],
    ["locations/delete", { id: LOCATION_ID }],
  ])("refuses %s when its HMAC does not verify, changing nothing", async (topic, payload) => {
    const before = everyShop();
    expect((await postWebhook(server.url, topic, payload, { secret: "wrong-secret" })).status).toBe(401);
    expect(everyShop()).toBe(before);
  });

  it.each([
    ["inventory_levels/update", { inventory_item_id: 46_000_001, location_id: 7_100_000, available: 1, updated_at: "2026-11-26T10:00:00Z" }],
    ["products/create", { id: PRODUCT_ID, title: "From the payload, not trusted" }],
    ["products/update", { id: PRODUCT_ID, title: "From the payload, not trusted" }],
    ["locations/create", { id: LOCATION_ID, name: "From the payload, not trusted" }],
    ["locations/update", { id: LOCATION_ID, name: "From the payload, not trusted" }],
  ])("acknowledges %s for a shop without an offline session and changes nothing: there is no way to read Shopify", async (topic, payload) => {
    const before = everyShop();
    expect((await postWebhook(server.url, topic, payload)).status).toBe(200);
    expect(everyShop()).toBe(before);
  });

  it("products/delete archives the product but keeps it, its variants and their levels; a repeat delivery is harmless", async () => {
    const variantIds = server.db.select({ id: variants.id }).from(variants).where(eq(variants.productId, productRow().id)).all();
    const levelsBefore = levelCount();

    expect((await postWebhook(server.url, "products/delete", { id: PRODUCT_ID })).status).toBe(200);
    expect((await postWebhook(server.url, "products/delete", { id: PRODUCT_ID })).status).toBe(200);

    expect(productRow().status).toBe("archived");
    expect(server.db.select({ id: variants.id }).from(variants).where(eq(variants.productId, productRow().id)).all()).toEqual(variantIds);
    expect(levelCount()).toBe(levelsBefore);
  });

  it("locations/delete makes the location inactive but keeps it; a repeat delivery is harmless", async () => {
    expect((await postWebhook(server.url, "locations/delete", { id: LOCATION_ID })).status).toBe(200);
    expect((await postWebhook(server.url, "locations/delete", { id: String(LOCATION_ID) })).status).toBe(200);

    const location = server.db.select().from(locations).where(and(eq(locations.shopId, server.demoShopId), eq(locations.shopifyId, `gid://shopify/Location/${LOCATION_ID}`))).get();
    expect(location).toMatchObject({ active: false, isPrimary: false });
  });

  it("a deletion announced for another shop leaves this shop's rows with the same Shopify ids alone", async () => {
    const before = everyShop();
    expect((await postWebhook(server.url, "products/delete", { id: 8_800_002 }, { shop: "someone-else.myshopify.com" })).status).toBe(200);
    expect((await postWebhook(server.url, "locations/delete", { id: 7_100_002 }, { shop: "someone-else.myshopify.com" })).status).toBe(200);
    expect(everyShop()).toBe(before);
  });
});

describe("after app/uninstalled", () => {
  it("the mirror is due for a full sync, as it misses Shopify's notifications until a reinstall", async () => {
    server.db.update(shops).set({ lastSyncedAt: new Date() }).where(eq(shops.id, server.demoShopId)).run();

    expect((await postWebhook(server.url, "app/uninstalled", { id: 1 })).status).toBe(200);

    expect(server.db.select({ lastSyncedAt: shops.lastSyncedAt }).from(shops).where(eq(shops.id, server.demoShopId)).get()).toEqual({ lastSyncedAt: null });
  });
});

function everyShop(): string {
  return dumpOtherShops(server.db, "no shop");
}

function productRow() {
  const row = server.db.select().from(products).where(and(eq(products.shopId, server.demoShopId), eq(products.shopifyId, `gid://shopify/Product/${PRODUCT_ID}`))).get();
  if (!row) throw new Error("the demo store's first product is missing");
  return row;
}

function levelCount(): number {
  return server.db.select({ id: inventoryLevels.id }).from(inventoryLevels).where(eq(inventoryLevels.shopId, server.demoShopId)).all().length;
}
