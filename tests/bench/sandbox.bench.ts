/**
 * What a `run` costs: a trivial program end to end; aggregating 100k variants fetched through
 * `app` (pages of 1,000) against the same program in plain Node over the same catalogue; and the
 * admin page's response time while two hostile programs spin for their whole CPU limit.
 */
import { checkCredential, type Principal } from "../../app/access/index.server";
import { catalogueFor } from "../../app/operations/index.server";
import { createSandbox } from "../../app/sandbox/index.server";
import { newId } from "../../db/ids";
import { shops } from "../../db/schema";
import { createdKey } from "../support/agent-access-page";
import { issueKeyForShop } from "../support/keys";
import { connectWithKey } from "../support/mcp-client";
import { createSandboxStore, type SandboxStore } from "../support/sandbox-store";
import { startTestServer } from "../support/test-server";

const ROWS = 100_000;
const VARIANTS_PER_PRODUCT = 100;

const AGGREGATION = `
let cursor;
let variants = 0, retail = 0, cost = 0, missingCost = 0;
const byProduct = new Map();
do {
  const page = await app.variants.list({ limit: 1000, cursor });
  for (const v of page.items) {
    variants += 1;
    retail += v.price.amount;
    if (v.unitCost) cost += v.unitCost.amount; else missingCost += 1;
    const p = byProduct.get(v.productId) ?? { title: v.productTitle, retail: 0, variants: 0 };
    p.retail += v.price.amount;
    p.variants += 1;
    byProduct.set(v.productId, p);
  }
  cursor = page.cursor ?? undefined;
} while (cursor);
const top = [...byProduct.entries()]
  .sort((a, b) => b[1].retail - a[1].retail || (a[0] < b[0] ? -1 : 1))
  .slice(0, 10)
  .map(([id, p]) => ({ id, title: p.title, retail: p.retail, variants: p.variants }));
return { variants, retail, cost, missingCost, products: byProduct.size, top };
`;

export async function bench(): Promise<void> {
  const store = createSandboxStore();
  try {
    await trivialRuns(store);
    await aggregation(store);
  } finally {
    store.remove();
  }
  await adminPageUnderHostileRuns();
}

async function trivialRuns(store: SandboxStore) {
  const sandbox = createSandbox();
  const principal = store.principal("read");
  try {
    for (let i = 0; i < 10; i++) await sandbox.run(principal, "return 1;", { requestId: "req_bench" });
    const times: number[] = [];
    for (let i = 0; i < 100; i++) {
      const started = performance.now();
      const outcome = await sandbox.run(principal, "return 1;", { requestId: "req_bench" });
      times.push(performance.now() - started);
      if (!outcome.ok) throw new Error(`trivial run failed: ${JSON.stringify(outcome.body.error)}`);
    }
    console.log(`trivial run (return 1), end to end, 100 runs after 10 warm-up: median ${ms(median(times))}, p95 ${ms(percentile(times, 95))}`);
  } finally {
    await sandbox.close();
  }
}

async function aggregation(store: SandboxStore) {
  const seeded = performance.now();
  const principal = seedLargeShop(store);
  console.log(`seeded ${ROWS.toLocaleString("en-US")} variants in ${ms(performance.now() - seeded)}`);

  const sandbox = createSandbox();
  const catalogue = catalogueFor(principal);
  const context = { principal, requestId: "req_bench", now: new Date() };
  const app = { variants: { list: (params: unknown) => catalogue.call("variants.list", params, context) } };
  type Aggregate = (app: unknown) => Promise<unknown>;
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (arg: string, body: string) => Aggregate;
  try {
    const inSandbox: number[] = [];
    const inNode: number[] = [];
    let sandboxResult: unknown;
    let nodeResult: unknown;
    for (let round = 0; round < 3; round++) {
      let started = performance.now();
      const outcome = await sandbox.run(principal, AGGREGATION, { requestId: "req_bench" });
      inSandbox.push(performance.now() - started);
      if (!outcome.ok) throw new Error(`aggregation failed in the sandbox: ${JSON.stringify(outcome.body.error)}`);
      sandboxResult = outcome.body.result;

      started = performance.now();
      nodeResult = await new AsyncFunction("app", AGGREGATION)(app);
      inNode.push(performance.now() - started);
    }
    if (JSON.stringify(sandboxResult) !== JSON.stringify(nodeResult)) throw new Error("the sandbox and Node disagree on the aggregate");
    const ratio = median(inSandbox) / median(inNode);
    console.log(
      `aggregate ${ROWS.toLocaleString("en-US")} variants fetched through app.variants.list (100 pages of 1,000), 3 rounds: ` +
        `sandbox median ${ms(median(inSandbox))} (${inSandbox.map(ms).join(", ")}), plain Node over the same catalogue median ${ms(median(inNode))} (${inNode.map(ms).join(", ")}); ratio ${ratio.toFixed(2)}×`,
    );
  } finally {
    await sandbox.close();
  }
}

/** A shop with ROWS variants over ROWS / 100 products, written with one prepared statement each. */
function seedLargeShop(store: SandboxStore): Principal {
  const shopId = newId("shop");
  store.db.insert(shops).values({ id: shopId, shopifyDomain: "bench-store.myshopify.com", name: "Bench Store", currency: "USD", timezone: "UTC", installedAt: new Date() }).run();
  const sqlite = store.db.$client;
  const product = sqlite.prepare(
    "INSERT INTO products (id, shop_id, shopify_id, title, vendor, product_type, status, tags, created_at, updated_at) VALUES (?, ?, ?, ?, '', '', 'active', '[]', ?, ?)",
  );
  const variant = sqlite.prepare(
    "INSERT INTO variants (id, shop_id, product_id, shopify_id, title, sku, barcode, price_amount, unit_cost_amount, inventory_tracked, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, 1, ?, ?)",
  );
  const base = Date.now() - 86_400_000;
  sqlite.transaction(() => {
    for (let p = 0; p < ROWS / VARIANTS_PER_PRODUCT; p++) {
      const productId = newId("prod");
      product.run(productId, shopId, `gid://shopify/Product/${p}`, `Product ${p}`, base, base);
      for (let v = 0; v < VARIANTS_PER_PRODUCT; v++) {
        const n = p * VARIANTS_PER_PRODUCT + v;
        const price = 1_000 + ((n * 7919) % 20_000);
        variant.run(newId("var"), shopId, productId, `gid://shopify/ProductVariant/${n}`, `Variant ${v}`, `SKU-${n}`, price, n % 23 === 0 ? null : Math.round(price * 0.45), base + n, base);
      }
    }
  })();
  const { key } = issueKeyForShop(store.db, shopId);
  const check = checkCredential(`Bearer ${key}`, "/mcp-agent");
  if (!check.ok) throw new Error("the bench key was refused");
  return check.principal;
}

async function adminPageUnderHostileRuns() {
  const server = await startTestServer();
  try {
    const key = await createdKey(server.url, { label: "Bench", scope: "read" });
    const client = await connectWithKey(server.url, key.key);
    const page = async () => {
      const started = performance.now();
      const response = await fetch(`${server.url}/app/agent-access`);
      await response.text();
      if (response.status !== 200) throw new Error(`admin page answered ${response.status}`);
      return performance.now() - started;
    };
    // Warm the page and the pool's workers.
    for (let i = 0; i < 5; i++) await page();
    await client.callTool({ name: "run", arguments: { program: "return 1;" } });

    const idle: number[] = [];
    for (let i = 0; i < 30; i++) idle.push(await page());

    const started = performance.now();
    let spinning = 2;
    const hostile = [0, 1].map(() =>
      client.callTool({ name: "run", arguments: { program: "for (;;) {}" } }, undefined, { timeout: 60_000 }).finally(() => (spinning -= 1)),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const busy: number[] = [];
    while (spinning === 2) busy.push(await page());
    await Promise.all(hostile);
    const hostileMs = performance.now() - started;
    console.log(
      `admin page GET /app/agent-access: idle median ${ms(median(idle))} (p95 ${ms(percentile(idle, 95))}); ` +
        `while two "for (;;) {}" runs spin to their 5 s CPU limit: median ${ms(median(busy))} (p95 ${ms(percentile(busy, 95))}, max ${ms(Math.max(...busy))}, ${busy.length} requests); ` +
        `the hostile runs ended after ${ms(hostileMs)}`,
    );
    await client.close();
  } finally {
    await server.stop();
  }
}

function median(values: number[]): number {
  return percentile(values, 50);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function ms(value: number): string {
  return `${value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString("en-US")} ms`;
}
