/**
 * Suppliers (with their credits), supplier-variant links and reorder rules, read over REST and from
 * a `run` program: the real server, keys stored as the app stores them, credits and rules made
 * through the domain's own writes on the server's database file.
 */
import { and, desc, eq, gte, ne } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  applyCreditToPurchaseOrder,
  approveSupplierReturn,
  completeSupplierReturnInspection,
  createPurchaseOrder,
  createSupplierReturn,
  markSupplierReturnReceivedBySupplier,
  resolveSupplierReturn,
  sendPurchaseOrder,
  setReorderRules,
  shipSupplierReturn,
  stepBackSupplierReturn,
  submitSupplierReturn,
  type WriteCall,
} from "../../app/inventory/index.server";
import { ReorderRule } from "../../app/operations/reorder-rules.server";
import { SupplierVariantLink } from "../../app/operations/supplier-variant-links.server";
import { Supplier, SupplierWithCreditsDocument } from "../../app/operations/suppliers.server";
import { newId } from "../../db/ids";
import { seedDemoStore } from "../../db/seed";
import { inventoryLevels, locations, reorderRules, supplierCredits, suppliers, supplierVariants, variants } from "../../db/schema";
import { issueKeyForShop } from "../support/keys";
import { connectWithKey, jsonOf } from "../support/mcp-client";
import { useTestServer } from "../support/test-server";

const server = useTestServer();

const Meta = z.object({ requestId: z.string().startsWith("req_"), apiVersion: z.literal("1.0") });
const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) }), meta: Meta });
const Cursor = { totalCount: z.number().int(), cursor: z.string().nullable() };
const SupplierPage = z.object({ data: z.object({ suppliers: z.array(Supplier), ...Cursor }), meta: Meta });
const LinkPage = z.object({ data: z.object({ supplierVariantLinks: z.array(SupplierVariantLink), ...Cursor }), meta: Meta });
const RulePage = z.object({ data: z.object({ reorderRules: z.array(ReorderRule), ...Cursor }), meta: Meta });
const SupplierBody = z.object({ data: SupplierWithCreditsDocument, meta: Meta });
const LinkBody = z.object({ data: SupplierVariantLink, meta: Meta });
const RuleBody = z.object({ data: ReorderRule, meta: Meta });

let demoKey: string;
let otherShopId: string;
let otherKey: string;
/** A USD supplier of the demo store with one active credit (partly applied) and one voided credit. */
let creditedSupplierId: string;
let activeCredit: { id: string; number: string; supplierReturnId: string };
let voidedCredit: { id: string; supplierReturnId: string };
let purchaseOrderId: string;
/** Rules made in the demo store: variant A store-wide and at a location, variant B at that location. */
let rules: { variantA: string; variantB: string; locationId: string; skuA: string };

const CREDIT_AMOUNT = 4500;
const APPLIED_AMOUNT = 1000;
const VOIDED_AMOUNT = 1200;

beforeAll(() => {
  otherShopId = seedDemoStore(server.db, { domain: "other-supplier-store.myshopify.com", name: "Other Store", seed: 7 });
  otherKey = issueKeyForShop(server.db, otherShopId).key;
  demoKey = issueKeyForShop(server.db, server.demoShopId).key;
  const call: WriteCall = { actor: { type: "staff", name: "Test Staff", email: "staff@example.com" }, database: server.db };
  const shop = server.demoShopId;

  // The seed records credits of its own; this supplier starts without any, so its figures are the test's.
  const credited = new Set(server.db.select({ supplierId: supplierCredits.supplierId }).from(supplierCredits).where(eq(supplierCredits.shopId, shop)).all().map((row) => row.supplierId));
  const supplier = server.db.select().from(suppliers).where(and(eq(suppliers.shopId, shop), eq(suppliers.isDefault, false), eq(suppliers.currency, "USD"))).all().find((row) => !credited.has(row.id))!;
  creditedSupplierId = supplier.id;
  const [stock, secondStock] = server.db
    .select({ variantId: inventoryLevels.variantId, locationId: inventoryLevels.locationId })
    .from(inventoryLevels)
    .innerJoin(locations, eq(locations.id, inventoryLevels.locationId))
    .innerJoin(variants, eq(variants.id, inventoryLevels.variantId))
    .where(and(eq(inventoryLevels.shopId, shop), eq(locations.active, true), eq(variants.inventoryTracked, true), gte(inventoryLevels.available, 5)))
    .limit(2)
    .all();
  const resolvedReturn = (variantId: string, locationId: string, amount: number) => {
    const draft = createSupplierReturn(shop, { supplierId: supplier.id, locationId, reason: "Defective", lines: [{ variantId, quantity: 1 }] }, call).document;
    for (const step of [submitSupplierReturn, approveSupplierReturn, shipSupplierReturn, markSupplierReturnReceivedBySupplier, completeSupplierReturnInspection]) step(shop, draft.id, {}, call);
    return resolveSupplierReturn(shop, draft.id, { credit: { amount } }, call).document;
  };
  const kept = resolvedReturn(stock!.variantId, stock!.locationId, CREDIT_AMOUNT);
  activeCredit = { id: kept.creditId!, number: kept.credit!.number, supplierReturnId: kept.id };
  const undone = resolvedReturn(secondStock!.variantId, secondStock!.locationId, VOIDED_AMOUNT);
  voidedCredit = { id: undone.creditId!, supplierReturnId: undone.id };
  stepBackSupplierReturn(shop, undone.id, {}, call);

  const order = createPurchaseOrder(shop, { supplierId: supplier.id, locationId: stock!.locationId, lines: [{ variantId: stock!.variantId, ordered: 10, unitCost: 1000 }] }, call).document;
  sendPurchaseOrder(shop, order.id, { method: "manual" }, call);
  applyCreditToPurchaseOrder(shop, order.id, { creditId: activeCredit.id, amount: APPLIED_AMOUNT }, call);
  purchaseOrderId = order.id;

  // Variants the seed gave no rule, so every rule they have is one made here.
  const ruled = new Set(server.db.select({ variantId: reorderRules.variantId }).from(reorderRules).where(eq(reorderRules.shopId, shop)).all().map((row) => row.variantId));
  const [a, b] = server.db.select({ id: variants.id, sku: variants.sku }).from(variants).where(and(eq(variants.shopId, shop), eq(variants.inventoryTracked, true))).all().filter((variant) => !ruled.has(variant.id));
  rules = { variantA: a!.id, variantB: b!.id, locationId: stock!.locationId, skuA: a!.sku! };
  setReorderRules(shop, { rules: [{ variantId: a!.id, min: 5, max: 40, target: 20, reorderPoint: 10 }, { variantId: a!.id, locationId: stock!.locationId, min: 2, max: 12 }] }, call);
  setReorderRules(shop, { rules: [{ variantId: b!.id, locationId: stock!.locationId, reorderPoint: 3 }] }, call);
  const otherVariant = server.db.select({ id: variants.id }).from(variants).where(and(eq(variants.shopId, otherShopId), eq(variants.sku, a!.sku!))).get()!;
  setReorderRules(otherShopId, { rules: [{ variantId: otherVariant.id, min: 1, max: 9 }] }, call);
});

describe("suppliers", () => {
  it("lists the store's suppliers newest first, with the database's values", async () => {
    const page = SupplierPage.parse(await getJson("/suppliers?limit=50", demoKey));
    const rows = server.db.select().from(suppliers).where(eq(suppliers.shopId, server.demoShopId)).orderBy(desc(suppliers.createdAt), desc(suppliers.id)).all();
    expect(page.data.totalCount).toBe(rows.length);
    expect(page.data.cursor).toBeNull();
    expect(page.data.suppliers.map((s) => s.id)).toEqual(rows.map((row) => row.id));
    for (const [index, row] of rows.entries()) {
      expect(page.data.suppliers[index]).toMatchObject({
        number: row.number,
        name: row.name,
        contactName: row.contactName,
        email: row.email,
        currency: row.currency,
        taxRate: row.taxRateBasisPoints / 100,
        archived: row.archived,
        isDefault: row.isDefault,
        createdAt: row.createdAt.toISOString(),
      });
    }
    expect(page.data.suppliers.filter((s) => s.isDefault)).toHaveLength(1);
  });

  it("sums only active credits' available balances into creditBalance", async () => {
    const page = SupplierPage.parse(await getJson("/suppliers?limit=50", demoKey));
    const expected = CREDIT_AMOUNT - APPLIED_AMOUNT;
    for (const supplier of page.data.suppliers) {
      expect(supplier.creditBalance).toEqual({ amount: activeBalanceOf(supplier.id), currency: supplier.currency });
    }
    expect(page.data.suppliers.find((supplier) => supplier.id === creditedSupplierId)?.creditBalance.amount).toBe(expected);
    const stored = server.db.select().from(supplierCredits).where(eq(supplierCredits.supplierId, creditedSupplierId)).all();
    expect(stored.map((credit) => [credit.status, credit.availableBalance]).sort()).toEqual([["active", expected], ["voided", VOIDED_AMOUNT]]);
  });

  it("gets one supplier with every credit, voided ones included, and each credit's applications", async () => {
    const { data } = SupplierBody.parse(await getJson(`/suppliers/${creditedSupplierId}`, demoKey));
    expect(data.creditBalance).toEqual({ amount: CREDIT_AMOUNT - APPLIED_AMOUNT, currency: "USD" });
    expect(data.credits).toHaveLength(2);
    const active = data.credits.find((credit) => credit.id === activeCredit.id);
    expect(active).toMatchObject({
      number: activeCredit.number,
      amount: { amount: CREDIT_AMOUNT, currency: "USD" },
      availableBalance: { amount: CREDIT_AMOUNT - APPLIED_AMOUNT, currency: "USD" },
      origin: "supplier_return",
      supplierReturnId: activeCredit.supplierReturnId,
      status: "active",
    });
    expect(active!.issuedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(active!.applications).toEqual([
      {
        id: expect.any(String),
        purchaseOrderId,
        amount: { amount: APPLIED_AMOUNT, currency: "USD" },
        exchangeRate: "1",
        amountInPoCurrency: { amount: APPLIED_AMOUNT, currency: "USD" },
        appliedAt: expect.any(String),
        reversedAt: null,
      },
    ]);
    expect(data.credits.find((credit) => credit.id === voidedCredit.id)).toMatchObject({
      status: "voided",
      amount: { amount: VOIDED_AMOUNT, currency: "USD" },
      supplierReturnId: voidedCredit.supplierReturnId,
      applications: [],
    });
  });

  it("lists suppliers without their credits", async () => {
    const body = z.object({ data: z.object({ suppliers: z.array(z.record(z.string(), z.unknown())) }) }).parse(await getJson("/suppliers", demoKey));
    expect(body.data.suppliers.every((supplier) => !("credits" in supplier))).toBe(true);
  });

  it("searches name, contact name, email and supplier number", async () => {
    const rows = server.db.select().from(suppliers).where(eq(suppliers.shopId, server.demoShopId)).all();
    const named = rows.find((row) => row.contactName && row.email)!;
    const terms = [named.name.slice(1, 6).toUpperCase(), named.contactName!.split(" ").at(-1)!, named.email!.split("@")[1]!.slice(0, 8), String(named.number)];
    for (const term of terms) {
      const page = SupplierPage.parse(await getJson(`/suppliers?search=${encodeURIComponent(term)}`, demoKey));
      const lower = term.toLowerCase();
      const expected = rows.filter((row) => [row.name, row.contactName, row.email].some((text) => text?.toLowerCase().includes(lower)) || String(row.number) === term);
      expect(page.data.suppliers.map((s) => s.id).sort(), term).toEqual(expected.map((row) => row.id).sort());
      expect(page.data.suppliers.map((s) => s.id), term).toContain(named.id);
    }
  });

  it("filters by archived", async () => {
    const archivedSupplier = server.db
      .select()
      .from(suppliers)
      .where(and(eq(suppliers.shopId, server.demoShopId), eq(suppliers.isDefault, false), ne(suppliers.id, creditedSupplierId)))
      .get()!;
    server.db.update(suppliers).set({ archived: true }).where(eq(suppliers.id, archivedSupplier.id)).run();
    const archived = SupplierPage.parse(await getJson("/suppliers?archived=true", demoKey));
    const active = SupplierPage.parse(await getJson("/suppliers?archived=false&limit=50", demoKey));
    const all = server.db.select({ id: suppliers.id }).from(suppliers).where(eq(suppliers.shopId, server.demoShopId)).all();
    expect(archived.data.suppliers.map((s) => [s.id, s.archived])).toEqual([[archivedSupplier.id, true]]);
    expect(active.data.totalCount).toBe(all.length - 1);
    expect(active.data.suppliers.every((s) => !s.archived)).toBe(true);
  });

  it("walks every supplier once with cursors", async () => {
    const seen = await walk("/suppliers", "limit=2", supplierIds);
    const rows = server.db.select({ id: suppliers.id }).from(suppliers).where(eq(suppliers.shopId, server.demoShopId)).all();
    expect(seen.sort()).toEqual(rows.map((row) => row.id).sort());
  });
});

describe("supplier-variant links", () => {
  it("lists every link of the store, cost in the supplier's currency, walking all pages", async () => {
    const seen = await walk("/supplier-variant-links", "limit=50", linkIds);
    const rows = server.db.select({ id: supplierVariants.id }).from(supplierVariants).where(eq(supplierVariants.shopId, server.demoShopId)).all();
    expect(rows.length).toBeGreaterThan(50);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(rows.map((row) => row.id).sort());
  });

  it("gets one link with the database's values", async () => {
    const row = server.db
      .select({ link: supplierVariants, currency: suppliers.currency })
      .from(supplierVariants)
      .innerJoin(suppliers, eq(suppliers.id, supplierVariants.supplierId))
      .where(and(eq(supplierVariants.shopId, server.demoShopId), eq(suppliers.isDefault, false)))
      .get()!;
    const { data } = LinkBody.parse(await getJson(`/supplier-variant-links/${row.link.id}`, demoKey));
    expect(data).toEqual({
      id: row.link.id,
      supplierId: row.link.supplierId,
      variantId: row.link.variantId,
      supplierSku: row.link.supplierSku,
      supplierProductName: row.link.supplierProductName,
      productUrl: row.link.productUrl,
      notes: row.link.notes,
      barcode: row.link.barcode,
      cost: row.link.costAmount === null ? null : { amount: row.link.costAmount, currency: row.currency },
      moq: row.link.moq,
      maxOrderQuantity: row.link.maxOrderQuantity,
      packSize: row.link.packSize,
      leadTimeDays: row.link.leadTimeDays,
      primary: true,
      createdAt: row.link.createdAt.toISOString(),
    });
  });

  it("filters by supplierId, variantId and primary", async () => {
    const primaryLink = server.db.select().from(supplierVariants).where(and(eq(supplierVariants.shopId, server.demoShopId), eq(supplierVariants.supplierId, creditedSupplierId))).get()!;
    const secondSupplier = server.db.select({ id: suppliers.id }).from(suppliers).where(and(eq(suppliers.shopId, server.demoShopId), eq(suppliers.isDefault, true))).get()!;
    const secondaryId = newId("sv");
    server.db.insert(supplierVariants).values({ id: secondaryId, shopId: server.demoShopId, supplierId: secondSupplier.id, variantId: primaryLink.variantId, costAmount: 999, primary: false }).run();

    const bySupplier = LinkPage.parse(await getJson(`/supplier-variant-links?supplierId=${creditedSupplierId}&limit=50`, demoKey));
    const supplierRows = server.db.select({ id: supplierVariants.id }).from(supplierVariants).where(eq(supplierVariants.supplierId, creditedSupplierId)).all();
    expect(bySupplier.data.totalCount).toBe(supplierRows.length);
    expect(bySupplier.data.supplierVariantLinks.every((link) => link.supplierId === creditedSupplierId)).toBe(true);

    const byVariant = LinkPage.parse(await getJson(`/supplier-variant-links?variantId=${primaryLink.variantId}`, demoKey));
    expect(byVariant.data.supplierVariantLinks.map((link) => [link.id, link.primary])).toEqual([[secondaryId, false], [primaryLink.id, true]]);

    const secondary = LinkPage.parse(await getJson("/supplier-variant-links?primary=false", demoKey));
    expect(secondary.data.supplierVariantLinks.map((link) => link.id)).toEqual([secondaryId]);
    const primary = LinkPage.parse(await getJson("/supplier-variant-links?primary=true", demoKey));
    const all = server.db.select({ id: supplierVariants.id }).from(supplierVariants).where(eq(supplierVariants.shopId, server.demoShopId)).all();
    expect(primary.data.totalCount).toBe(all.length - 1);
  });
});

describe("reorder rules", () => {
  it("lists the store's rules newest first with the variant's SKU and who last changed them", async () => {
    const page = RulePage.parse(await getJson("/reorder-rules?limit=50", demoKey));
    const rows = server.db.select().from(reorderRules).where(eq(reorderRules.shopId, server.demoShopId)).orderBy(desc(reorderRules.createdAt), desc(reorderRules.id)).all();
    expect(page.data.totalCount).toBe(rows.length);
    expect(page.data.reorderRules.map((rule) => rule.id)).toEqual(rows.slice(0, 50).map((row) => row.id));
    const storeWide = page.data.reorderRules.find((rule) => rule.variantId === rules.variantA && rule.locationId === null);
    expect(storeWide).toMatchObject({ sku: rules.skuA, min: 5, max: 40, target: 20, reorderPoint: 10, updatedBy: { type: "staff", name: "Test Staff" } });
    const { data } = RuleBody.parse(await getJson(`/reorder-rules/${storeWide!.id}`, demoKey));
    expect(data).toEqual(storeWide);
  });

  it("filters by variantId, locationId and sku", async () => {
    const ids = async (query: string) => RulePage.parse(await getJson(`/reorder-rules?${query}`, demoKey)).data.reorderRules.map((rule) => [rule.variantId, rule.locationId]);
    expect((await ids(`variantId=${rules.variantA}`)).sort()).toEqual([[rules.variantA, null], [rules.variantA, rules.locationId]].sort());
    const atLocation = await ids(`locationId=${rules.locationId}&limit=50`);
    expect(atLocation).toEqual(expect.arrayContaining([[rules.variantA, rules.locationId], [rules.variantB, rules.locationId]]));
    expect(atLocation.every(([, locationId]) => locationId === rules.locationId)).toBe(true);
    expect((await ids(`sku=${encodeURIComponent(rules.skuA)}&locationId=${rules.locationId}`))).toEqual([[rules.variantA, rules.locationId]]);
    expect(await ids("sku=NO-SUCH-SKU")).toEqual([]);
  });

  it("walks every rule once with cursors", async () => {
    const seen = await walk("/reorder-rules", "limit=1", ruleIds);
    const rows = server.db.select({ id: reorderRules.id }).from(reorderRules).where(eq(reorderRules.shopId, server.demoShopId)).all();
    expect(seen.sort()).toEqual(rows.map((row) => row.id).sort());
  });
});

describe("bad filters and other stores", () => {
  it.each([
    ["/suppliers?archived=maybe", "archived"],
    ["/suppliers?search=", "search"],
    ["/suppliers?supplierId=sup_x", "supplierId"],
    ["/supplier-variant-links?primary=yes", "primary"],
    ["/supplier-variant-links?supplierId=", "supplierId"],
    ["/supplier-variant-links?search=boot", "search"],
    ["/reorder-rules?variantId=", "variantId"],
    ["/reorder-rules?sku=", "sku"],
    ["/reorder-rules?limit=51", "limit"],
  ])("%s is refused with invalid_parameter naming %s", async (path, parameter) => {
    const response = await get(path, demoKey);
    expect(response.status).toBe(400);
    expect(ErrorBody.parse(await response.json()).error).toMatchObject({ code: "invalid_parameter", details: { parameter } });
  });

  it("answers another store's ids exactly as ids that do not exist", async () => {
    const demoRule = server.db.select({ id: reorderRules.id }).from(reorderRules).where(eq(reorderRules.shopId, server.demoShopId)).get()!;
    const demoLink = server.db.select({ id: supplierVariants.id }).from(supplierVariants).where(eq(supplierVariants.shopId, server.demoShopId)).get()!;
    for (const [area, id] of [["suppliers", creditedSupplierId], ["supplier-variant-links", demoLink.id], ["reorder-rules", demoRule.id]] as const) {
      const missingId = id.replace(/_.+$/, "_doesNotExist00000000");
      const foreign = await get(`/${area}/${id}`, otherKey);
      const missing = await get(`/${area}/${missingId}`, otherKey);
      expect([foreign.status, missing.status], area).toEqual([404, 404]);
      const [foreignBody, missingBody] = [ErrorBody.parse(await foreign.json()), ErrorBody.parse(await missing.json())];
      expect(foreignBody.error.code).toBe("not_found");
      expect(foreignBody.error.message.replace(id, "ID")).toBe(missingBody.error.message.replace(missingId, "ID"));
      expect((await get(`/${area}/${id}`, demoKey)).status, area).toBe(200);
    }
  });

  it("never shows another store's key this store's rows, even when filtered by this store's ids", async () => {
    const demoSupplierIds = new Set(server.db.select({ id: suppliers.id }).from(suppliers).where(eq(suppliers.shopId, server.demoShopId)).all().map((row) => row.id));
    const demoLinkIds = new Set(server.db.select({ id: supplierVariants.id }).from(supplierVariants).where(eq(supplierVariants.shopId, server.demoShopId)).all().map((row) => row.id));
    const demoRuleIds = new Set(server.db.select({ id: reorderRules.id }).from(reorderRules).where(eq(reorderRules.shopId, server.demoShopId)).all().map((row) => row.id));
    const theirSuppliers = SupplierPage.parse(await getJson("/suppliers?limit=50", otherKey)).data;
    const theirLinks = await walk("/supplier-variant-links", "limit=50", linkIds, otherKey);
    const theirRules = await walk("/reorder-rules", "limit=50", ruleIds, otherKey);
    expect(theirSuppliers.suppliers.some((s) => demoSupplierIds.has(s.id))).toBe(false);
    expect(theirSuppliers.suppliers.every((s) => s.creditBalance.amount === activeBalanceOf(s.id))).toBe(true);
    expect(theirLinks.some((id) => demoLinkIds.has(id))).toBe(false);
    expect(theirRules.length).toBe(server.db.select({ id: reorderRules.id }).from(reorderRules).where(eq(reorderRules.shopId, otherShopId)).all().length);
    expect(theirRules.some((id) => demoRuleIds.has(id))).toBe(false);

    const filtered = [
      `/supplier-variant-links?supplierId=${creditedSupplierId}`,
      `/reorder-rules?variantId=${rules.variantA}`,
      `/reorder-rules?locationId=${rules.locationId}`,
    ];
    for (const path of filtered) {
      const body = z.object({ data: z.object({ totalCount: z.number() }) }).parse(await getJson(path, otherKey));
      expect(body.data.totalCount, path).toBe(0);
    }
    // Both stores were seeded with the same SKUs: the other store's key finds its own rules only.
    const bySku = RulePage.parse(await getJson(`/reorder-rules?sku=${encodeURIComponent(rules.skuA)}`, otherKey)).data.reorderRules;
    const theirsWithSku = server.db
      .select({ id: reorderRules.id })
      .from(reorderRules)
      .innerJoin(variants, eq(variants.id, reorderRules.variantId))
      .where(and(eq(reorderRules.shopId, otherShopId), eq(variants.sku, rules.skuA)))
      .all();
    expect(bySku.map((rule) => rule.id).sort()).toEqual(theirsWithSku.map((row) => row.id).sort());
    expect(bySku.length).toBeGreaterThan(0);
  });
});

describe("finding the reads with search_api", () => {
  const Matches = z.object({ matches: z.array(z.object({ name: z.string(), signature: z.string(), description: z.string() })) });

  it.each([
    ["supplier credit balance", "app.suppliers."],
    ["which suppliers sell a variant", "app.supplierVariantLinks.list"],
    ["reorder rules min max", "app.reorderRules."],
  ])("answers %j with %s first", async (query, expected) => {
    const client = await connectWithKey(server.url, demoKey);
    const answer = await client.callTool({ name: "search_api", arguments: { query } });
    await client.close();
    const { matches } = Matches.parse(jsonOf(answer));
    expect(matches[0]?.name).toContain(expected);
  });

  it("shows what each filter does", async () => {
    const client = await connectWithKey(server.url, demoKey);
    const answer = await client.callTool({ name: "search_api", arguments: { query: "reorderRules list" } });
    await client.close();
    const list = Matches.parse(jsonOf(answer)).matches.find((match) => match.name === "app.reorderRules.list")!;
    expect(list.signature).toContain("app.reorderRules.list(params?: { variantId?: string; locationId?: string; sku?: string;");
    expect(list.signature).toContain("updatedBy:");
  });
});

describe("reading through a run program", () => {
  it("gets a supplier with its credits and lists a variant's reorder rules", async () => {
    const client = await connectWithKey(server.url, demoKey);
    const program = `
      const supplier = await app.suppliers.get(${JSON.stringify(creditedSupplierId)});
      const rules = await app.reorderRules.list({ variantId: ${JSON.stringify(rules.variantA)} });
      return { balance: supplier.creditBalance, credits: supplier.credits.map((c) => c.status), rules: rules.items.map((r) => r.locationId), totalCount: rules.totalCount };`;
    const answer = await client.callTool({ name: "run", arguments: { program } });
    await client.close();
    expect(answer.isError).toBeFalsy();
    const body = z.object({ result: z.unknown(), reads: z.number() }).parse(jsonOf(answer));
    expect(body.reads).toBe(2);
    const result = z.object({ balance: z.unknown(), credits: z.array(z.string()), rules: z.array(z.string().nullable()), totalCount: z.number() }).parse(body.result);
    expect(result.balance).toEqual({ amount: CREDIT_AMOUNT - APPLIED_AMOUNT, currency: "USD" });
    expect(result.credits.sort()).toEqual(["active", "voided"]);
    expect(result.rules.sort()).toEqual([rules.locationId, null].sort());
    expect(result.totalCount).toBe(2);
  });
});

function get(path: string, key: string) {
  return fetch(`${server.url}/api/v1${path}`, { headers: { Authorization: `Bearer ${key}` } });
}

async function getJson(path: string, key: string): Promise<unknown> {
  const response = await get(path, key);
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

type PageOfIds = { ids: string[]; totalCount: number; cursor: string | null };

/** Every id of a list, page by page, checking that totalCount holds on every page. */
async function walk(path: string, query: string, parse: (body: unknown) => PageOfIds, apiKey: string = demoKey): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  let total: number | undefined;
  do {
    const page: PageOfIds = parse(await getJson(`${path}?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, apiKey));
    total ??= page.totalCount;
    expect(page.totalCount).toBe(total);
    seen.push(...page.ids);
    cursor = page.cursor;
  } while (cursor);
  expect(seen).toHaveLength(total);
  return seen;
}

const supplierIds = (body: unknown): PageOfIds => {
  const { suppliers: items, ...rest } = SupplierPage.parse(body).data;
  return { ids: items.map((item) => item.id), ...rest };
};
const linkIds = (body: unknown): PageOfIds => {
  const { supplierVariantLinks: items, ...rest } = LinkPage.parse(body).data;
  return { ids: items.map((item) => item.id), ...rest };
};
const ruleIds = (body: unknown): PageOfIds => {
  const { reorderRules: items, ...rest } = RulePage.parse(body).data;
  return { ids: items.map((item) => item.id), ...rest };
};

/** What the database says a supplier's credit balance is: its active credits' available balances. */
function activeBalanceOf(supplierId: string): number {
  return server.db
    .select({ balance: supplierCredits.availableBalance })
    .from(supplierCredits)
    .where(and(eq(supplierCredits.supplierId, supplierId), eq(supplierCredits.status, "active")))
    .all()
    .reduce((sum, credit) => sum + credit.balance, 0);
}
