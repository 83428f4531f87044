/**
 * The catalogue reads (shop, products, inventory levels) end to end: the real server, keys stored
 * the way the app stores them, REST over loopback and the real MCP client. Expectations come from
 * the same SQLite file the server reads.
 */
import { and, asc, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { InventoryLevel } from "../../app/operations/inventory-levels.server";
import { Product } from "../../app/operations/products.server";
import { Shop } from "../../app/operations/shop.server";
import { seedDemoStore } from "../../db/seed";
import { countReasons, inventoryLevels, locations, products, shops, variants } from "../../db/schema";
import { issueKeyForShop } from "../support/keys";
import { connectWithKey, jsonOf } from "../support/mcp-client";
import { useTestServer } from "../support/test-server";

const server = useTestServer();
let otherShopId: string;
let otherKey: string;

/** Shopify's 03:30 UTC on 15 June 2030 is 20:30 on 14 June in the demo store (America/Los_Angeles). */
const LATE_EVENING_UPDATE = new Date("2030-06-15T03:30:00Z");
let archivedProductId: string;
let lateUpdatedProductId: string;

beforeAll(() => {
  otherShopId = seedDemoStore(server.db, { domain: "other-store.myshopify.com", name: "Other Store", seed: 7 });
  otherKey = issueKeyForShop(server.db, otherShopId).key;
  const [first, second] = demoProducts();
  archivedProductId = first!.id;
  lateUpdatedProductId = second!.id;
  server.db.update(products).set({ status: "archived" }).where(eq(products.id, archivedProductId)).run();
  server.db.update(products).set({ updatedAt: LATE_EVENING_UPDATE }).where(eq(products.id, lateUpdatedProductId)).run();
});

const Meta = z.object({ requestId: z.string().startsWith("req_"), apiVersion: z.literal("1.0") });
const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) }), meta: Meta });
const ShopBody = z.object({ data: Shop, meta: Meta });
const ProductBody = z.object({ data: Product, meta: Meta });
const LevelBody = z.object({ data: InventoryLevel, meta: Meta });
const ProductPage = z.object({ data: z.object({ products: z.array(Product), totalCount: z.number(), cursor: z.string().nullable() }), meta: Meta });
const LevelPage = z.object({ data: z.object({ inventoryLevels: z.array(InventoryLevel), totalCount: z.number(), cursor: z.string().nullable() }), meta: Meta });

describe("GET /api/v1/shop", () => {
  let key: string;
  beforeAll(() => {
    key = issueKeyForShop(server.db, server.demoShopId).key;
  });

  it("answers the key's store with its primary location and count reasons, the default among them", async () => {
    const response = await get("/shop", key);
    expect(response.status).toBe(200);
    const body = ShopBody.parse(await response.json());
    const shop = server.db.select().from(shops).where(eq(shops.id, server.demoShopId)).get()!;
    const primary = server.db.select({ id: locations.id }).from(locations).where(and(eq(locations.shopId, shop.id), eq(locations.isPrimary, true))).get()!;
    const reasons = server.db
      .select({ id: countReasons.id, name: countReasons.name, isDefault: countReasons.isDefault })
      .from(countReasons)
      .where(eq(countReasons.shopId, shop.id))
      .orderBy(asc(countReasons.createdAt))
      .all();
    expect(body.data).toEqual({
      id: shop.id,
      shopifyDomain: shop.shopifyDomain,
      name: shop.name,
      currency: shop.currency,
      timezone: shop.timezone,
      primaryLocationId: primary.id,
      emailSendingConfigured: shop.emailSendingConfigured,
      countReasons: reasons,
    });
    expect(body.data.countReasons.filter((reason) => reason.isDefault)).toHaveLength(1);
  });

  it("answers another key with that key's own store", async () => {
    const body = ShopBody.parse(await (await get("/shop", otherKey)).json());
    expect(body.data).toMatchObject({ id: otherShopId, name: "Other Store", shopifyDomain: "other-store.myshopify.com" });
    const theirReasons = server.db.select({ id: countReasons.id }).from(countReasons).where(eq(countReasons.shopId, otherShopId)).all();
    expect(body.data.countReasons.map((reason) => reason.id).sort()).toEqual(theirReasons.map((reason) => reason.id).sort());
  });

  it("refuses query parameters, naming the one given", async () => {
    const response = await get("/shop?fields=name", key);
    expect(response.status).toBe(400);
    expect(ErrorBody.parse(await response.json()).error).toMatchObject({ code: "invalid_parameter", details: { parameter: "fields" } });
  });

  it("has nothing below it", async () => {
    const response = await get(`/shop/${server.demoShopId}`, key);
    expect(response.status).toBe(404);
    expect(ErrorBody.parse(await response.json()).error.code).toBe("not_found");
  });
});

describe("GET /api/v1/products", () => {
  let key: string;
  beforeAll(() => {
    key = issueKeyForShop(server.db, server.demoShopId).key;
  });

  it("walks every product of the store once, newest first, with cursors and a total count", async () => {
    const walked = await walk(`/products?limit=7`, key, (body) => ProductPage.parse(body).data, "products");
    const expected = server.db
      .select({ id: products.id })
      .from(products)
      .where(eq(products.shopId, server.demoShopId))
      .orderBy(desc(products.createdAt), desc(products.id))
      .all();
    expect(walked.ids).toEqual(expected.map((row) => row.id));
    expect(walked.totalCounts).toEqual(new Array(walked.pages).fill(expected.length));
    expect(walked.pages).toBe(Math.ceil(expected.length / 7));
  });

  it("gets one product with every field as stored, and its variants oldest first", async () => {
    const row = demoProducts().find((product) => product.id === archivedProductId)!;
    const variantIds = server.db
      .select({ id: variants.id })
      .from(variants)
      .where(eq(variants.productId, row.id))
      .orderBy(asc(variants.createdAt))
      .all()
      .map((variant) => variant.id);
    const body = ProductBody.parse(await (await get(`/products/${row.id}`, key)).json());
    expect(body.data).toEqual({
      id: row.id,
      shopifyId: row.shopifyId,
      title: row.title,
      vendor: row.vendor,
      productType: row.productType,
      status: "archived",
      tags: row.tags,
      variantIds,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    });
    expect(variantIds.length).toBeGreaterThan(0);
    const listed = ProductPage.parse(await (await get("/products?status=archived", key)).json());
    expect(listed.data.products).toEqual([body.data]);
  });

  it.each(["Cascade", "Harbour & Pine"])("keeps only the products of vendor %s, matched exactly", async (vendor) => {
    const listed = await listAll(`/products?vendor=${encodeURIComponent(vendor)}`, key);
    const expected = demoProducts().filter((product) => product.vendor === vendor);
    expect(expected.length).toBeGreaterThan(0);
    expect(listed.sort()).toEqual(expected.map((product) => product.id).sort());
    expect(await listAll(`/products?vendor=${encodeURIComponent(vendor.toLowerCase())}`, key)).toEqual([]);
  });

  it.each([["archived"], ["draft"], ["archived,draft"], ["active"]])("keeps only the products in status %s", async (statuses) => {
    const listed = await listAll(`/products?status=${statuses}`, key);
    const expected = demoProducts().filter((product) => statuses.split(",").includes(product.status));
    expect(expected.length).toBeGreaterThan(0);
    expect(listed.sort()).toEqual(expected.map((product) => product.id).sort());
  });

  it.each([
    ["2030-06-14", true],
    ["2030-06-15", false],
    ["2030-06-15T03:30:00Z", true],
    ["2030-06-14T20:30:00-07:00", true],
    ["2030-06-15T03:30:00.001Z", false],
  ])("updatedSince=%s, a date meaning midnight in the store's timezone, includes the late-evening update: %s", async (since, included) => {
    const listed = await listAll(`/products?updatedSince=${encodeURIComponent(since)}`, key);
    expect(listed).toEqual(included ? [lateUpdatedProductId] : []);
  });

  it("keeps products updated on or after a past date, and nothing older", async () => {
    const since = demoProducts()[10]!.updatedAt;
    const listed = await listAll(`/products?updatedSince=${since.toISOString()}`, key);
    const expected = demoProducts().filter((product) => product.updatedAt.getTime() >= since.getTime());
    expect(expected.length).toBeGreaterThan(1);
    expect(listed.sort()).toEqual(expected.map((product) => product.id).sort());
  });

  it.each(["fleece", "ALPINE", "base layer", "bas-040", "-BLA-XS"])(
    "searches %j in titles, vendors, product types and variant SKUs, ignoring case",
    async (text) => {
      const listed = await listAll(`/products?search=${encodeURIComponent(text)}`, key);
      const needle = text.toLowerCase();
      const skusByProduct = new Map<string, string[]>();
      for (const variant of server.db.select({ productId: variants.productId, sku: variants.sku }).from(variants).where(eq(variants.shopId, server.demoShopId)).all()) {
        skusByProduct.set(variant.productId, [...(skusByProduct.get(variant.productId) ?? []), variant.sku ?? ""]);
      }
      const expected = demoProducts().filter((product) =>
        [product.title, product.vendor, product.productType, ...(skusByProduct.get(product.id) ?? [])].some((text) => text.toLowerCase().includes(needle)),
      );
      expect(expected.length).toBeGreaterThan(0);
      expect(listed.sort()).toEqual(expected.map((product) => product.id).sort());
    },
  );

  it("combines filters: a vendor's draft products", async () => {
    const listed = await listAll("/products?vendor=Harbour%20%26%20Pine&status=draft", key);
    const expected = demoProducts().filter((product) => product.vendor === "Harbour & Pine" && product.status === "draft");
    expect(listed.sort()).toEqual(expected.map((product) => product.id).sort());
  });
});

describe("GET /api/v1/inventory-levels", () => {
  let key: string;
  beforeAll(() => {
    key = issueKeyForShop(server.db, server.demoShopId).key;
  });

  it("walks every level of the store once, newest first then by id, though most share one creation time", async () => {
    const walked = await walk("/inventory-levels?limit=50", key, (body) => LevelPage.parse(body).data, "inventoryLevels");
    const expected = server.db
      .select({ id: inventoryLevels.id })
      .from(inventoryLevels)
      .where(eq(inventoryLevels.shopId, server.demoShopId))
      .orderBy(desc(inventoryLevels.createdAt), desc(inventoryLevels.id))
      .all();
    expect(walked.ids).toEqual(expected.map((row) => row.id));
    expect(walked.totalCounts.every((total) => total === expected.length)).toBe(true);
    expect(walked.pages).toBe(Math.ceil(expected.length / 50));
  });

  it("gets one level with the eight quantities under Shopify's names and the variant's SKU", async () => {
    const [row] = demoLevels().filter((level) => level.damaged > 0 && level.safetyStock > 0);
    const sku = server.db.select({ sku: variants.sku }).from(variants).where(eq(variants.id, row!.variantId)).get()!.sku;
    const body = LevelBody.parse(await (await get(`/inventory-levels/${row!.id}`, key)).json());
    expect(body.data).toEqual({
      id: row!.id,
      variantId: row!.variantId,
      locationId: row!.locationId,
      sku,
      quantities: {
        available: row!.available,
        committed: row!.committed,
        reserved: row!.reserved,
        damaged: row!.damaged,
        safety_stock: row!.safetyStock,
        quality_control: row!.qualityControl,
        on_hand: row!.onHand,
        incoming: row!.incoming,
      },
      createdAt: row!.createdAt.toISOString(),
      updatedAt: row!.updatedAt.toISOString(),
    });
  });

  it("keeps one variant's levels, one per location it is stocked at", async () => {
    const variantId = demoLevels()[0]!.variantId;
    const listed = await listAll(`/inventory-levels?variantId=${variantId}`, key);
    expect(listed.sort()).toEqual(demoLevels().filter((level) => level.variantId === variantId).map((level) => level.id).sort());
  });

  it("keeps one location's levels", async () => {
    const locationId = demoLevels().at(-1)!.locationId;
    const walked = await walk(`/inventory-levels?locationId=${locationId}&limit=50`, key, (body) => LevelPage.parse(body).data, "inventoryLevels");
    const expected = demoLevels().filter((level) => level.locationId === locationId);
    expect(walked.ids.sort()).toEqual(expected.map((level) => level.id).sort());
    expect(walked.totalCounts[0]).toBe(expected.length);
  });

  it("keeps the levels of the variant with exactly that SKU, alone or with a location", async () => {
    const level = demoLevels()[0]!;
    const sku = server.db.select({ sku: variants.sku }).from(variants).where(eq(variants.id, level.variantId)).get()!.sku!;
    const bySku = LevelPage.parse(await (await get(`/inventory-levels?sku=${encodeURIComponent(sku)}`, key)).json());
    expect(bySku.data.inventoryLevels.map((item) => item.id).sort()).toEqual(
      demoLevels().filter((row) => row.variantId === level.variantId).map((row) => row.id).sort(),
    );
    expect(bySku.data.inventoryLevels.every((item) => item.sku === sku)).toBe(true);
    const one = LevelPage.parse(await (await get(`/inventory-levels?sku=${encodeURIComponent(sku)}&locationId=${level.locationId}`, key)).json());
    expect(one.data.inventoryLevels.map((item) => item.id)).toEqual([level.id]);
    expect(await listAll(`/inventory-levels?sku=${encodeURIComponent(sku.slice(0, -1))}`, key)).toEqual([]);
  });
});

describe("bad filter values", () => {
  let key: string;
  beforeAll(() => {
    key = issueKeyForShop(server.db, server.demoShopId).key;
  });

  it.each([
    ["/products?status=lost", "status", "archived"],
    ["/products?status=", "status", "status"],
    ["/products?updatedSince=yesterday", "updatedSince", "ISO date"],
    ["/products?updatedSince=2026-13-40", "updatedSince", "ISO date"],
    ["/products?vendor=", "vendor", "vendor"],
    ["/products?search=", "search", "search"],
    ["/products?sort=title", "sort", "Allowed: limit, search, vendor, status, updatedSince"],
    ["/products?limit=51", "limit", "between 1 and 50"],
    ["/inventory-levels?variantId=", "variantId", "variantId"],
    ["/inventory-levels?sku=", "sku", "sku"],
    ["/inventory-levels?location=x", "location", "Allowed: limit, variantId, locationId, sku"],
    ["/products/prod_x?status=active", "status", "single resource"],
  ])("%s is a 400 invalid_parameter naming %s", async (path, parameter, hint) => {
    const response = await get(path, key);
    expect(response.status).toBe(400);
    const body = ErrorBody.parse(await response.json());
    expect(body.error).toMatchObject({ code: "invalid_parameter", details: { parameter } });
    expect(body.error.message).toContain(hint);
  });

  it("refuses a products cursor used with other filters", async () => {
    const first = ProductPage.parse(await (await get("/products?limit=2&status=active", key)).json());
    const response = await get(`/products?limit=2&status=draft&cursor=${encodeURIComponent(first.data.cursor!)}`, key);
    expect(response.status).toBe(400);
    expect(ErrorBody.parse(await response.json()).error).toMatchObject({ code: "invalid_cursor", details: { parameter: "cursor" } });
  });
});

describe("each key reads only its own store", () => {
  let key: string;
  beforeAll(() => {
    key = issueKeyForShop(server.db, server.demoShopId).key;
  });

  it("answers another store's product and level ids exactly as ids that do not exist", async () => {
    const product = demoProducts()[0]!;
    const level = demoLevels()[0]!;
    for (const [path, id] of [
      [`/products/${product.id}`, product.id],
      [`/inventory-levels/${level.id}`, level.id],
    ] as const) {
      expect((await get(path, key)).status, path).toBe(200);
      const foreign = await get(path, otherKey);
      const missing = await get(path.replace(id, `${id.split("_")[0]}_doesNotExist`), otherKey);
      expect([foreign.status, missing.status], path).toEqual([404, 404]);
      const [foreignBody, missingBody] = [ErrorBody.parse(await foreign.json()), ErrorBody.parse(await missing.json())];
      expect(foreignBody.error.code).toBe("not_found");
      expect(foreignBody.error.message.replace(id, "ID")).toBe(missingBody.error.message.replace(`${id.split("_")[0]}_doesNotExist`, "ID"));
      expect(foreignBody.error.details).toEqual({});
      expect(missingBody.error.details).toEqual({});
    }
  });

  it("never lists this store's products or levels to another store's key, even filtered by this store's ids", async () => {
    const demoProductIds = new Set(demoProducts().map((product) => product.id));
    const demoLevelIds = new Set(demoLevels().map((level) => level.id));
    const theirProducts = await walk("/products?limit=50", otherKey, (body) => ProductPage.parse(body).data, "products");
    expect(theirProducts.ids.length).toBeGreaterThan(0);
    expect(theirProducts.ids.filter((id) => demoProductIds.has(id))).toEqual([]);

    const level = demoLevels()[0]!;
    const sku = server.db.select({ sku: variants.sku }).from(variants).where(eq(variants.id, level.variantId)).get()!.sku!;
    const sameSku = LevelPage.parse(await (await get(`/inventory-levels?sku=${encodeURIComponent(sku)}`, otherKey)).json());
    expect(sameSku.data.inventoryLevels.length).toBeGreaterThan(0);
    expect(sameSku.data.inventoryLevels.filter((item) => demoLevelIds.has(item.id))).toEqual([]);
    const owners = new Set(sameSku.data.inventoryLevels.map((item) => server.db.select({ shopId: inventoryLevels.shopId }).from(inventoryLevels).where(eq(inventoryLevels.id, item.id)).get()?.shopId));
    expect([...owners]).toEqual([otherShopId]);

    for (const path of [`/inventory-levels?variantId=${level.variantId}`, `/inventory-levels?locationId=${level.locationId}`]) {
      const page = LevelPage.parse(await (await get(path, otherKey)).json());
      expect(page.data, path).toEqual({ inventoryLevels: [], totalCount: 0, cursor: null });
    }
    const vendorPage = ProductPage.parse(await (await get("/products?vendor=Cascade&status=active,draft,archived", otherKey)).json());
    expect(vendorPage.data.products.filter((product) => demoProductIds.has(product.id))).toEqual([]);
  });
});

describe("through the agent endpoint", () => {
  const SearchMatches = z.object({ matches: z.array(z.object({ name: z.string(), signature: z.string(), kind: z.string(), description: z.string() })) });
  const RunSuccess = z.object({ result: z.unknown(), logs: z.array(z.string()), reads: z.number() });

  it("search_api finds app.shop.get and app.inventoryLevels.list with their signatures", async () => {
    const client = await connectWithKey(server.url, issueKeyForShop(server.db, server.demoShopId).key);
    const shop = SearchMatches.parse(jsonOf(await client.callTool({ name: "search_api", arguments: { query: "shop currency timezone count reasons" } })));
    expect(shop.matches[0]).toMatchObject({ name: "app.shop.get", kind: "read" });
    expect(shop.matches[0]!.signature).toMatch(/^app\.shop\.get\(\): Promise<\{ id: string;/);

    const levels = SearchMatches.parse(jsonOf(await client.callTool({ name: "search_api", arguments: { query: "inventory levels by sku" } })));
    expect(levels.matches[0]).toMatchObject({ name: "app.inventoryLevels.list", kind: "read" });
    expect(levels.matches[0]!.signature).toContain("app.inventoryLevels.list(params?: { variantId?: string; locationId?: string; sku?: string;");
    expect(levels.matches[0]!.signature).toContain("safety_stock: number");
    await client.close();
  });

  it("a run program reads the shop and one SKU's levels, and is refused parameters the shop does not take", async () => {
    const level = demoLevels()[0]!;
    const sku = server.db.select({ sku: variants.sku }).from(variants).where(eq(variants.id, level.variantId)).get()!.sku!;
    const program = `
      const shop = await app.shop.get();
      const levels = await app.inventoryLevels.list({ sku: ${JSON.stringify(sku)} });
      let refusal;
      try {
        await app.shop.get({ verbose: true });
      } catch (error) {
        refusal = { code: error.code, message: error.message };
      }
      return {
        shop: { id: shop.id, currency: shop.currency, primaryLocationId: shop.primaryLocationId, reasons: shop.countReasons.length },
        onHand: levels.items.map((item) => [item.locationId, item.quantities.on_hand]),
        totalCount: levels.totalCount,
        refusal,
      };
    `;
    const client = await connectWithKey(server.url, issueKeyForShop(server.db, server.demoShopId).key);
    const answer = await client.callTool({ name: "run", arguments: { program } });
    await client.close();
    expect(answer.isError).toBeFalsy();
    const body = RunSuccess.parse(jsonOf(answer));

    const primary = server.db.select({ id: locations.id }).from(locations).where(and(eq(locations.shopId, server.demoShopId), eq(locations.isPrimary, true))).get()!;
    const reasons = server.db.select({ id: countReasons.id }).from(countReasons).where(eq(countReasons.shopId, server.demoShopId)).all();
    const skuLevels = demoLevels().filter((row) => row.variantId === level.variantId);
    expect(body.result).toEqual({
      shop: { id: server.demoShopId, currency: "USD", primaryLocationId: primary.id, reasons: reasons.length },
      onHand: expect.arrayContaining(skuLevels.map((row) => [row.locationId, row.onHand])),
      totalCount: skuLevels.length,
      refusal: { code: "VALIDATION_FAILED", message: expect.stringContaining("app.shop.get() takes no parameters; remove verbose") },
    });
    expect(body.reads).toBe(3);
  });
});

function get(path: string, key: string) {
  return fetch(`${server.url}/api/v1${path}`, { headers: { Authorization: `Bearer ${key}` } });
}

type ListData<Key extends string> = { [K in Key]: { id: string }[] } & { totalCount: number; cursor: string | null };

/** Every page of a list, following cursors: the ids in order, each page's total, and how many pages. */
async function walk<Key extends string>(firstPath: string, key: string, parse: (body: unknown) => ListData<Key>, collection: Key) {
  const ids: string[] = [];
  const totalCounts: number[] = [];
  let path: string | null = firstPath;
  while (path) {
    const response = await get(path, key);
    expect(response.status, path).toBe(200);
    const data = parse(await response.json());
    ids.push(...data[collection].map((item) => item.id));
    totalCounts.push(data.totalCount);
    path = data.cursor === null ? null : `${firstPath}${firstPath.includes("?") ? "&" : "?"}cursor=${encodeURIComponent(data.cursor)}`;
  }
  return { ids, totalCounts, pages: totalCounts.length };
}

/** The ids a product list answers, for filters expected to match few enough products for one page. */
async function listAll(path: string, key: string): Promise<string[]> {
  const response = await get(`${path}${path.includes("?") ? "&" : "?"}limit=50`, key);
  expect(response.status, path).toBe(200);
  const body: unknown = await response.json();
  const page = path.startsWith("/products") ? ProductPage.parse(body).data.products : LevelPage.parse(body).data.inventoryLevels;
  expect(page.length, `${path} fits one page`).toBeLessThan(50);
  return page.map((item) => item.id);
}

function demoProducts() {
  return server.db.select().from(products).where(eq(products.shopId, server.demoShopId)).orderBy(asc(products.createdAt)).all();
}

function demoLevels() {
  return server.db.select().from(inventoryLevels).where(eq(inventoryLevels.shopId, server.demoShopId)).orderBy(asc(inventoryLevels.id)).all();
}
