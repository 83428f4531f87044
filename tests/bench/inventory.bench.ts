/**
 * The inventory domain at size: a store with 100,000 variants at 5 locations (500,000 inventory
 * levels) and 20,000 purchase orders already on file. Measures
 * - operations per second for a realistic purchase-order write mix through the domain functions
 *   (create with lines, edit, send, confirm, partial and final receipts, payment, hold/resume,
 *   cancel), each one transaction with its inventory effects and activity entry;
 * - p50/p99 of filtered, paginated purchase-order list queries (status + location, supplier, SKU,
 *   free-text search), first pages and the pages after them.
 * Opens its own database: the app's `db()` belongs to other benchmarks in the same process.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  addPurchaseOrderPayment,
  cancelPurchaseOrder,
  confirmPurchaseOrder,
  createPurchaseOrder,
  holdPurchaseOrder,
  listPurchaseOrders,
  quickCompletePurchaseOrder,
  receivePurchaseOrder,
  resumePurchaseOrder,
  sendPurchaseOrder,
  updatePurchaseOrder,
  type PurchaseOrderFilters,
  type WriteCall,
} from "../../app/inventory/index.server";
import { migrateDatabase, openDatabase, type AppDatabase } from "../../db/client";
import { newId } from "../../db/ids";

const VARIANTS = 100_000;
const LOCATIONS = 5;
const SUPPLIERS = 20;
const HISTORICAL_ORDERS = 20_000;
const WRITE_CYCLES = 300;
const LIST_QUERIES = 200;

export async function bench() {
  const dir = mkdtempSync(join(tmpdir(), "logistified-bench-inventory-"));
  const database = openDatabase(join(dir, "inventory.sqlite"));
  migrateDatabase(database);
  const started = performance.now();
  const store = seedLargeStore(database);
  console.log(`store: ${VARIANTS.toLocaleString()} variants × ${LOCATIONS} locations, ${HISTORICAL_ORDERS.toLocaleString()} purchase orders on file (built in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  measureWriteMix(database, store);
  measureLists(database, store);
  database.$client.close();
  rmSync(dir, { recursive: true, force: true });
}

type Store = { shopId: string; locationIds: string[]; supplierIds: string[]; variantIds: string[]; skus: string[] };

function measureWriteMix(database: AppDatabase, store: Store) {
  const call: WriteCall = { actor: { type: "api_key", label: "Bench", prefix: "lstk_bench000" }, database };
  const random = seededRandom(7);
  const pickVariants = (n: number) => {
    const chosen = new Set<string>();
    while (chosen.size < n) chosen.add(store.variantIds[Math.floor(random() * store.variantIds.length)]!);
    return [...chosen];
  };
  const timings = new Map<string, number[]>();
  const timed = <T>(name: string, run: () => T): T => {
    const t = performance.now();
    const result = run();
    const list = timings.get(name) ?? [];
    list.push(performance.now() - t);
    timings.set(name, list);
    return result;
  };
  const s = store.shopId;
  const t0 = performance.now();
  for (let cycle = 0; cycle < WRITE_CYCLES; cycle++) {
    const lines = pickVariants(8).map((variantId) => ({ variantId, ordered: 6 + Math.floor(random() * 60) }));
    const order = timed("create (8 lines)", () => createPurchaseOrder(s, { locationId: store.locationIds[cycle % LOCATIONS]!, supplierId: store.supplierIds[cycle % SUPPLIERS]!, lines }, call)).document;
    timed("update header", () => updatePurchaseOrder(s, order.id, { notes: `Cycle ${cycle}`, expectedDeliveryDate: "2026-12-15" }, call));
    timed("send", () => sendPurchaseOrder(s, order.id, { method: "manual" }, { ...call, idempotencyKey: `send-${order.id}` }));
    timed("confirm all", () => confirmPurchaseOrder(s, order.id, { all: true }, call));
    if (cycle % 10 === 9) {
      timed("cancel", () => cancelPurchaseOrder(s, order.id, {}, call));
      continue;
    }
    if (cycle % 5 === 0) {
      timed("hold", () => holdPurchaseOrder(s, order.id, {}, call));
      timed("resume", () => resumePurchaseOrder(s, order.id, {}, call));
    }
    timed("receive (4 lines)", () => receivePurchaseOrder(s, order.id, { lines: order.lines.slice(0, 4).map((line) => ({ lineId: line.id, received: Math.ceil(line.ordered / 2) })) }, call));
    timed("add payment", () => addPurchaseOrderPayment(s, order.id, { amount: { amount: 50_000, currency: "USD" }, paidOn: "2026-11-20", method: "wire" }, call));
    timed("quick complete", () => quickCompletePurchaseOrder(s, order.id, {}, call));
  }
  const elapsedMs = performance.now() - t0;
  const operations = [...timings.values()].reduce((n, list) => n + list.length, 0);
  console.log(`purchase-order write mix, ${WRITE_CYCLES} orders, ${operations.toLocaleString()} operations: ${Math.round((operations / elapsedMs) * 1000).toLocaleString()} operations/s`);
  for (const [name, list] of timings) console.log(`  ${name.padEnd(20)} n=${String(list.length).padStart(4)}  p50 ${quantile(list, 0.5).toFixed(2)} ms  p99 ${quantile(list, 0.99).toFixed(2)} ms`);
}

function measureLists(database: AppDatabase, store: Store) {
  const random = seededRandom(11);
  const any = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const kinds: { name: string; filters: () => PurchaseOrderFilters }[] = [
    { name: "status + location", filters: () => ({ status: ["sent", "confirmed", "partially_received"], locationId: any(store.locationIds) }) },
    { name: "supplier", filters: () => ({ supplierId: any(store.supplierIds) }) },
    { name: "sku (exact)", filters: () => ({ sku: any(store.skus) }) },
    { name: "search text", filters: () => ({ search: any(["PO-10", "restock", any(store.skus).slice(0, 9)]) }) },
    { name: "created range", filters: () => ({ createdFrom: new Date(Date.now() - 30 * 86_400_000).toISOString(), createdTo: new Date(Date.now() - 10 * 86_400_000).toISOString() }) },
  ];
  console.log(`purchase-order list, 50 per page, ${LIST_QUERIES} queries per filter (first page, then the next page by cursor):`);
  for (const kind of kinds) {
    const first: number[] = [];
    const next: number[] = [];
    for (let i = 0; i < LIST_QUERIES; i++) {
      const filters = kind.filters();
      let t = performance.now();
      const page = listPurchaseOrders(store.shopId, filters, { limit: 50 }, { database });
      first.push(performance.now() - t);
      if (page.cursor) {
        t = performance.now();
        listPurchaseOrders(store.shopId, filters, { limit: 50, cursor: page.cursor }, { database });
        next.push(performance.now() - t);
      }
    }
    console.log(
      `  ${kind.name.padEnd(18)} first page p50 ${quantile(first, 0.5).toFixed(2)} ms  p99 ${quantile(first, 0.99).toFixed(2)} ms` +
        (next.length ? `   next page p50 ${quantile(next, 0.5).toFixed(2)} ms  p99 ${quantile(next, 0.99).toFixed(2)} ms` : "   (one page only)"),
    );
  }
}

/** Bulk rows through prepared statements: the domain functions are what is measured, not the set-up. */
function seedLargeStore(database: AppDatabase): Store {
  const sqlite = database.$client;
  // Counter ids for the bulk rows keep set-up fast; the domain issues its own random ids.
  let counter = 0;
  const bulkId = (prefix: string) => `${prefix}_bench${(counter++).toString(36).padStart(8, "0")}`;
  const random = seededRandom(3);
  const shopId = newId("shop");
  const now = Date.now();
  const locationIds = Array.from({ length: LOCATIONS }, () => newId("loc"));
  const supplierIds = Array.from({ length: SUPPLIERS }, () => newId("sup"));
  const variantIds: string[] = [];
  const skus: string[] = [];
  sqlite.transaction(() => {
    sqlite.prepare("insert into shops (id, shopify_domain, name, currency, timezone, installed_at, created_at) values (?, ?, ?, 'USD', 'UTC', ?, ?)").run(shopId, "bench-inventory.myshopify.com", "Bench", now, now);
    locationIds.forEach((id, i) =>
      sqlite.prepare("insert into locations (id, shop_id, shopify_id, name, is_primary, active, created_at) values (?, ?, ?, ?, ?, 1, ?)").run(id, shopId, `gid://shopify/Location/${i}`, `Location ${i + 1}`, i === 0 ? 1 : 0, now + i),
    );
    supplierIds.forEach((id, i) =>
      sqlite.prepare("insert into suppliers (id, shop_id, number, name, currency, is_default, created_at) values (?, ?, ?, ?, 'USD', ?, ?)").run(id, shopId, i + 1, i === 0 ? "Default supplier" : `Supplier ${i}`, i === 0 ? 1 : 0, now + i),
    );
    const product = sqlite.prepare("insert into products (id, shop_id, shopify_id, title, status, tags, created_at, updated_at) values (?, ?, ?, ?, 'active', '[]', ?, ?)");
    const variant = sqlite.prepare("insert into variants (id, shop_id, product_id, shopify_id, title, sku, price_amount, unit_cost_amount, inventory_tracked, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)");
    const level = sqlite.prepare("insert into inventory_levels (id, shop_id, variant_id, location_id, available, on_hand, updated_at) values (?, ?, ?, ?, ?, ?, ?)");
    const link = sqlite.prepare('insert into supplier_variants (id, shop_id, supplier_id, variant_id, cost_amount, "primary", created_at) values (?, ?, ?, ?, ?, 1, ?)');
    let productId = "";
    for (let i = 0; i < VARIANTS; i++) {
      if (i % 5 === 0) {
        productId = bulkId("prod");
        product.run(productId, shopId, `gid://shopify/Product/${i}`, `Product ${i / 5}`, now, now);
      }
      const id = bulkId("var");
      const sku = `SKU-${String(i).padStart(6, "0")}`;
      variant.run(id, shopId, productId, `gid://shopify/ProductVariant/${i}`, `Size ${i % 5}`, sku, 2_000 + (i % 50) * 100, 900 + (i % 50) * 40, now, now);
      link.run(bulkId("sv"), shopId, supplierIds[i % SUPPLIERS], id, 900 + (i % 50) * 40, now);
      for (const locationId of locationIds) {
        const available = Math.floor(random() * 80);
        level.run(bulkId("lvl"), shopId, id, locationId, available, available, now);
      }
      variantIds.push(id);
      skus.push(sku);
    }
    // Orders on file: mostly closed, some open; five lines each. Their incoming is not reconciled,
    // which the list queries do not read.
    const statuses = ["completed", "completed", "completed", "cancelled", "received", "partially_received", "sent", "confirmed", "draft", "on_hold"];
    const order = sqlite.prepare("insert into purchase_orders (id, shop_id, number, name, supplier_id, location_id, status, currency, notes, version, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, 'USD', '', 1, ?, ?)");
    const line = sqlite.prepare("insert into purchase_order_lines (id, shop_id, purchase_order_id, variant_id, ordered, received, unit_cost_amount, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)");
    for (let i = 0; i < HISTORICAL_ORDERS; i++) {
      const id = bulkId("po");
      const created = now - (HISTORICAL_ORDERS - i) * 30 * 60_000;
      const status = statuses[i % statuses.length]!;
      order.run(id, shopId, `PO-${10_000 + i}`, i % 7 === 0 ? "Seasonal restock" : null, supplierIds[i % SUPPLIERS], locationIds[i % LOCATIONS], status, created, created);
      const used = new Set<number>();
      for (let l = 0; l < 5; l++) {
        let v = Math.floor(random() * VARIANTS);
        while (used.has(v)) v = Math.floor(random() * VARIANTS);
        used.add(v);
        line.run(bulkId("pol"), shopId, id, variantIds[v], 24, status === "completed" || status === "received" ? 24 : 0, 1000, created + l);
      }
    }
    sqlite.prepare("insert into document_sequences (shop_id, document_type, last_number) values (?, 'purchase_order', ?)").run(shopId, 10_000 + HISTORICAL_ORDERS);
  })();
  sqlite.pragma("optimize");
  return { shopId, locationIds, supplierIds, variantIds, skus };
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/** mulberry32, for repeatable data; never for anything secret. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
