import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createPurchaseOrder, PurchaseOrderWithActivity, sendPurchaseOrder } from "../../app/inventory/index.server";
import { seedDemoStore } from "../../db/seed";
import { locations, purchaseOrders, stockTakes, supplierReturns, transferOrders, variants } from "../../db/schema";
import { createdKey, revokeKeyThroughPage } from "../support/agent-access-page";
import { issueKeyForShop } from "../support/keys";
import { useTestServer } from "../support/test-server";

const server = useTestServer();
let demoKey: { key: string; prefix: string; id: string };
let otherShopId: string;
let otherKey: { key: string; prefix: string };

beforeAll(async () => {
  otherShopId = seedDemoStore(server.db, { domain: "other-store.myshopify.com", name: "Other Store", seed: 7 });
  otherKey = issueKeyForShop(server.db, otherShopId);
  demoKey = await createdKey(server.url, { label: "REST", scope: "read" });
});

const Meta = z.object({ requestId: z.string().startsWith("req_"), apiVersion: z.literal("1.0") });
const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) }), meta: Meta });
const Location = z.object({ id: z.string(), name: z.string(), displayName: z.string(), active: z.boolean() });
const Variant = z.object({ id: z.string(), sku: z.string().nullable(), price: z.object({ amount: z.number(), currency: z.string() }) });
const LocationPage = z.object({ data: z.object({ locations: z.array(Location), totalCount: z.number(), cursor: z.string().nullable() }), meta: Meta });
const VariantPage = z.object({ data: z.object({ variants: z.array(Variant), totalCount: z.number(), cursor: z.string().nullable() }), meta: Meta });

describe("each key sees only its own store", () => {
  it("lists only the key's store's locations", async () => {
    const mine = LocationPage.parse(await (await get("/locations", demoKey.key)).json());
    const theirs = LocationPage.parse(await (await get("/locations", otherKey.key)).json());
    const demoIds = server.db.select({ id: locations.id }).from(locations).where(eq(locations.shopId, server.demoShopId)).all().map((r) => r.id);
    expect(mine.data.locations.map((l) => l.id).sort()).toEqual(demoIds.sort());
    expect(mine.data.totalCount).toBe(demoIds.length);
    expect(theirs.data.locations.map((l) => l.id).some((id) => demoIds.includes(id))).toBe(false);
    expect(theirs.data.locations).toHaveLength(4);
  });

  it("answers another store's id exactly as an id that does not exist", async () => {
    const demoLocation = server.db.select({ id: locations.id }).from(locations).where(eq(locations.shopId, server.demoShopId)).get()!;
    const demoVariant = server.db.select({ id: variants.id }).from(variants).where(eq(variants.shopId, server.demoShopId)).get()!;
    for (const path of [`/locations/${demoLocation.id}`, `/variants/${demoVariant.id}`]) {
      const foreign = await get(path, otherKey.key);
      const missing = await get(path.replace(/_[^/]+$/, "_doesNotExist"), otherKey.key);
      expect(foreign.status).toBe(404);
      expect(missing.status).toBe(404);
      const [foreignBody, missingBody] = [ErrorBody.parse(await foreign.json()), ErrorBody.parse(await missing.json())];
      expect(foreignBody.error.code).toBe("not_found");
      expect(foreignBody.error.message.replace(demoLocation.id, "ID").replace(demoVariant.id, "ID")).toBe(
        missingBody.error.message.replace(/"[^"]+"/, '"ID"'),
      );
    }
    expect((await get(`/locations/${demoLocation.id}`, demoKey.key)).status).toBe(200);
  });

  it("filters by SKU within the key's store only, though both stores use the same SKUs", async () => {
    const sku = server.db.select({ sku: variants.sku }).from(variants).where(eq(variants.shopId, server.demoShopId)).get()!.sku!;
    const mine = VariantPage.parse(await (await get(`/variants?sku=${encodeURIComponent(sku)}`, demoKey.key)).json());
    const theirs = VariantPage.parse(await (await get(`/variants?sku=${encodeURIComponent(sku)}`, otherKey.key)).json());
    expect(mine.data.variants).toHaveLength(1);
    expect(theirs.data.variants).toHaveLength(1);
    expect(theirs.data.variants[0]!.id).not.toBe(mine.data.variants[0]!.id);
    const owner = server.db.select({ shopId: variants.shopId }).from(variants).where(eq(variants.id, theirs.data.variants[0]!.id)).get();
    expect(owner?.shopId).toBe(otherShopId);
  });
});

describe("documents", () => {
  const Order = z.object({ id: z.string(), number: z.string(), status: z.string(), lineCount: z.number() });
  const OrderPage = z.object({ data: z.object({ purchaseOrders: z.array(Order), totalCount: z.number(), cursor: z.string().nullable() }), meta: Meta });

  it("lists purchase orders filtered by a comma-separated status list, and gets one with its lines", async () => {
    const all = OrderPage.parse(await (await get("/purchase-orders?limit=50", demoKey.key)).json());
    expect(all.data.totalCount).toBeGreaterThan(0);
    const statuses = [...new Set(all.data.purchaseOrders.map((order) => order.status))].slice(0, 2);
    const filtered = OrderPage.parse(await (await get(`/purchase-orders?status=${statuses.join(",")}`, demoKey.key)).json());
    expect(filtered.data.purchaseOrders.length).toBeGreaterThan(0);
    expect(filtered.data.purchaseOrders.every((order) => statuses.includes(order.status))).toBe(true);

    const first = all.data.purchaseOrders[0]!;
    const one = await get(`/purchase-orders/${first.id}`, demoKey.key);
    expect(one.status).toBe(200);
    const document = z.object({ data: z.object({ id: z.string(), lines: z.array(z.object({ id: z.string() })) }) }).parse(await one.json());
    expect(document.data.lines).toHaveLength(first.lineCount);
    expect((await get(`/purchase-orders/${first.id}`, otherKey.key)).status).toBe(404);
  });

  it("gets a document with its activity, oldest first, which its list row leaves out", async () => {
    const listed = z
      .object({ data: z.object({ purchaseOrders: z.array(z.record(z.string(), z.unknown())) }) })
      .parse(await (await get("/purchase-orders?status=received", demoKey.key)).json());
    expect(listed.data.purchaseOrders.length).toBeGreaterThan(0);
    expect(listed.data.purchaseOrders.every((row) => !("activity" in row) && !("activityCount" in row))).toBe(true);

    const id = z.string().parse(listed.data.purchaseOrders[0]!.id);
    const order = z.object({ data: PurchaseOrderWithActivity }).parse(await (await get(`/purchase-orders/${id}`, demoKey.key)).json()).data;
    expect(order.activity.map((entry) => entry.operation)).toEqual(["purchaseOrders.create", "purchaseOrders.send", "purchaseOrders.receive"]);
    expect(order.activityCount).toBe(3);
    expect(order.activity.at(-1)!.inventoryEffects.some((effect) => effect.quantityName === "on_hand" && effect.delta > 0)).toBe(true);
  });

  it("answers another store's document id exactly as an id that does not exist, for every document type", async () => {
    const demoDocuments = [
      ["/purchase-orders", purchaseOrders],
      ["/transfer-orders", transferOrders],
      ["/stock-takes", stockTakes],
      ["/supplier-returns", supplierReturns],
    ] as const;
    for (const [path, table] of demoDocuments) {
      const id = server.db.select({ id: table.id }).from(table).where(eq(table.shopId, server.demoShopId)).get()!.id;
      expect((await get(`${path}/${id}`, demoKey.key)).status, path).toBe(200);
      const foreign = await get(`${path}/${id}`, otherKey.key);
      const missing = await get(`${path}/${id.replace(/_.+$/, "_doesNotExist")}`, otherKey.key);
      expect([foreign.status, missing.status], path).toEqual([404, 404]);
      const [foreignBody, missingBody] = [ErrorBody.parse(await foreign.json()), ErrorBody.parse(await missing.json())];
      expect(foreignBody.error.message.replace(id, "ID"), path).toBe(missingBody.error.message.replace(/"[^"]+"/, '"ID"'));
    }
  });

  it("reads a plain date in a date filter as midnight in the store's timezone (America/Los_Angeles)", async () => {
    // 1 November 2026 starts at 07:00Z (PDT) and lasts 25 hours: daylight saving ends that night, so 2 November starts at 08:00Z.
    const createdAt = ["2026-11-01T06:59:59Z", "2026-11-01T07:00:00Z", "2026-11-02T07:59:59Z", "2026-11-02T08:00:00Z"];
    const locationId = server.db.select({ id: locations.id }).from(locations).where(and(eq(locations.shopId, server.demoShopId), eq(locations.isPrimary, true))).get()!.id;
    const numbers = createdAt.map(
      (at, index) => createPurchaseOrder(server.demoShopId, { locationId, name: "Date filter probe", number: `PO-DATE-${index}` }, { actor: { type: "system" }, database: server.db, now: new Date(at) }).document.number,
    );
    const found = async (query: string) =>
      OrderPage.parse(await (await get(`/purchase-orders?search=Date%20filter%20probe&${query}`, demoKey.key)).json()).data.purchaseOrders.map((order) => order.number).sort();

    expect(await found("createdFrom=2026-11-01")).toEqual(numbers.slice(1));
    expect(await found("createdFrom=2026-11-01&createdTo=2026-11-02")).toEqual(numbers.slice(1, 3));
    expect(await found("createdTo=2026-11-02")).toEqual(numbers.slice(0, 3));
    expect(await found("createdFrom=2026-11-02&createdTo=2026-11-03")).toEqual(numbers.slice(3));
    expect(await found("createdFrom=2026-11-01T07:00:00Z&createdTo=2026-11-02T07:59:59Z")).toEqual(numbers.slice(1, 2));
  });

  it.each(["createdFrom=yesterday", "createdFrom=2026-13-01", "createdTo=2026-11-01T25:00:00Z"])("refuses %s, saying what a date filter takes", async (query) => {
    const response = await get(`/stock-takes?${query}`, demoKey.key);
    expect(response.status).toBe(400);
    const body = ErrorBody.parse(await response.json());
    expect(body.error).toMatchObject({ code: "invalid_parameter", details: { parameter: query.split("=")[0] } });
    expect(body.error.message).toContain("must be an ISO date (2026-11-26) or date-time (2026-11-26T08:00:00Z)");
  });

  it("refuses a status the documents do not have, naming the parameter", async () => {
    const response = await get("/purchase-orders?status=lost", demoKey.key);
    expect(response.status).toBe(400);
    expect(ErrorBody.parse(await response.json()).error.details).toMatchObject({ parameter: "status" });
  });
});

describe("pagination", () => {
  it("walks every variant once, newest first, with cursors", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let total = 0;
    do {
      const query: string = cursor ? `?limit=50&cursor=${encodeURIComponent(cursor)}` : "?limit=50";
      const page = VariantPage.parse(await (await get(`/variants${query}`, demoKey.key)).json());
      seen.push(...page.data.variants.map((v) => v.id));
      total = page.data.totalCount;
      cursor = page.data.cursor;
    } while (cursor);
    const expected = server.db.select({ id: variants.id }).from(variants).where(eq(variants.shopId, server.demoShopId)).all();
    expect(total).toBe(expected.length);
    expect(new Set(seen).size).toBe(expected.length);
    expect(seen).toHaveLength(expected.length);
  });

  it("defaults to 25 items", async () => {
    const page = VariantPage.parse(await (await get("/variants", demoKey.key)).json());
    expect(page.data.variants).toHaveLength(25);
  });

  it.each([
    ["/variants?limit=51", "invalid_parameter", "limit"],
    ["/variants?limit=0", "invalid_parameter", "limit"],
    ["/variants?limit=ten", "invalid_parameter", "limit"],
    ["/variants?limit=2.5", "invalid_parameter", "limit"],
    ["/variants?colour=red", "invalid_parameter", "colour"],
    ["/locations?active=yes", "invalid_parameter", "active"],
    ["/variants?cursor=not-a-cursor", "invalid_cursor", "cursor"],
  ])("%s is refused with %s naming %s", async (path, code, parameter) => {
    const response = await get(path, demoKey.key);
    expect(response.status).toBe(400);
    const body = ErrorBody.parse(await response.json());
    expect(body.error).toMatchObject({ code, details: { parameter } });
    expect(response.headers.get("x-request-id")).toBe(body.meta.requestId);
  });

  it("refuses a cursor used with other filters", async () => {
    const first = VariantPage.parse(await (await get("/variants?limit=5&search=jacket", demoKey.key)).json());
    const response = await get(`/variants?limit=5&search=boot&cursor=${encodeURIComponent(first.data.cursor!)}`, demoKey.key);
    expect(response.status).toBe(400);
    expect(ErrorBody.parse(await response.json()).error.code).toBe("invalid_cursor");
  });
});

describe("the REST surface", () => {
  it("is GET only, after authentication", async () => {
    for (const method of ["POST", "PUT", "DELETE", "HEAD"]) {
      const response = await fetch(`${server.url}/api/v1/locations`, { method, headers: { Authorization: `Bearer ${demoKey.key}` } });
      expect(response.status, method).toBe(405);
      expect(response.headers.get("allow")).toBe("GET");
    }
    expect((await fetch(`${server.url}/api/v1/locations`, { method: "POST" })).status).toBe(401);
  });

  it("answers unknown paths with 404", async () => {
    for (const path of ["/widgets", "/locations/a/b", "/Locations"]) {
      const response = await get(path, demoKey.key);
      expect(response.status, path).toBe(404);
      expect(ErrorBody.parse(await response.json()).error.code).toBe("not_found");
    }
  });

  it("refuses a missing key with the API's challenge, a request id and the envelope", async () => {
    const response = await fetch(`${server.url}/api/v1/locations`);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe('Bearer realm="Logistified API"');
    const body = ErrorBody.parse(await response.json());
    expect(body.error.code).toBe("unauthorized");
    expect(response.headers.get("x-request-id")).toBe(body.meta.requestId);
  });

  it("records every request with a recognised key, revoked ones included", async () => {
    const key = await createdKey(server.url, { label: "Audit REST", scope: "read" });
    await get("/locations?active=true", key.key);
    await get("/nowhere", key.key);
    await revokeKeyThroughPage(server.url, key.id);
    expect((await get("/locations", key.key)).status).toBe(401);
    const rows = server.auditRows(`rest:${key.prefix}`);
    expect(rows.map((row) => [row.called, row.outcome])).toEqual([
      ["GET /api/v1/locations?active=true", "200"],
      ["GET /api/v1/nowhere", "404"],
      ["GET /api/v1/locations", "unauthorized:revoked"],
    ]);
  });
});

function get(path: string, key: string) {
  return fetch(`${server.url}/api/v1${path}`, { headers: { Authorization: `Bearer ${key}` } });
}
