import { spawnSync } from "node:child_process";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { DEMO_SHOP_DOMAIN } from "../../app/shopify/demo-store";
import { apiKeys, locations, sessionTable, shops, variants } from "../../db/schema";
import { rememberSecret } from "../support/issued-secrets";
import { issueKeyForShop } from "../support/keys";
import { postWebhook } from "../support/shopify-webhooks";
import { useTestServer } from "../support/test-server";

const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";

const server = useTestServer({ mode: "shopify" });

describe("as an embedded Shopify app", () => {
  it("sends a browser with no shop to the login page instead of signing anyone in", async () => {
    const response = await fetch(`${server.url}/app/agent-access`, { redirect: "manual", headers: { "User-Agent": BROWSER } });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toContain("/auth/login");
  });

  it("refuses an admin page action without a session token", async () => {
    const response = await fetch(`${server.url}/app/agent-access?_data=routes%2Fapp.agent-access`, {
      method: "POST",
      redirect: "manual",
      headers: { "User-Agent": BROWSER, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "create-key", scope: "read" }),
    });
    expect(response.status).not.toBe(200);
    expect(server.db.select().from(apiKeys).all()).toHaveLength(0);
  });

  it("refuses a webhook whose HMAC does not verify", async () => {
    const response = await webhook("app/uninstalled", { id: 1 }, "wrong-secret");
    expect(response.status).toBe(401);
    expect(server.db.select().from(shops).where(eq(shops.shopifyDomain, DEMO_SHOP_DOMAIN)).get()?.uninstalledAt).toBeNull();
  });

  it("revokes every key on app/uninstalled, so the very next agent request gets 401; a repeat delivery is harmless", async () => {
    const { key } = issueKeyForShop(server.db, server.demoShopId);
    rememberSecret(key);
    const before = await fetch(`${server.url}/api/v1/locations`, { headers: { Authorization: `Bearer ${key}` } });
    expect(before.status).toBe(200);
    server.db.insert(sessionTable).values({ id: `offline_${DEMO_SHOP_DOMAIN}`, shop: DEMO_SHOP_DOMAIN, state: "", isOnline: false, accessToken: "shpat_test" }).run();

    expect((await webhook("app/uninstalled", { id: 1 })).status).toBe(200);
    expect((await webhook("app/uninstalled", { id: 1 })).status).toBe(200);

    expect((await fetch(`${server.url}/api/v1/locations`, { headers: { Authorization: `Bearer ${key}` } })).status).toBe(401);
    const shop = server.db.select().from(shops).where(eq(shops.id, server.demoShopId)).get();
    expect(shop?.uninstalledAt).not.toBeNull();
    expect(server.db.select().from(apiKeys).where(eq(apiKeys.shopId, server.demoShopId)).all().every((row) => row.revokedAt !== null)).toBe(true);
    expect(server.db.select().from(sessionTable).where(eq(sessionTable.shop, DEMO_SHOP_DOMAIN)).all()).toHaveLength(0);
  });

  it("erases everything held for the shop on shop/redact", async () => {
    expect((await webhook("shop/redact", { shop_domain: DEMO_SHOP_DOMAIN })).status).toBe(200);
    expect(server.db.select().from(shops).where(eq(shops.shopifyDomain, DEMO_SHOP_DOMAIN)).all()).toHaveLength(0);
    expect(server.db.select().from(variants).where(eq(variants.shopId, server.demoShopId)).all()).toHaveLength(0);
    expect(server.db.select().from(locations).where(eq(locations.shopId, server.demoShopId)).all()).toHaveLength(0);
  });

  it("acknowledges the customer compliance webhooks, which concern no data it holds", async () => {
    expect((await webhook("customers/data_request", { customer: { id: 1 } })).status).toBe(200);
    expect((await webhook("customers/redact", { customer: { id: 1 } })).status).toBe(200);
  });
});

describe("the demo store refuses to run where it would be unsafe", () => {
  it.each<[Record<string, string>, string]>([
    [{ NODE_ENV: "production" }, "refuses to run with NODE_ENV=production"],
    [{ HOST: "0.0.0.0" }, "listens on loopback only"],
  ])("%o", (env, message) => {
    const result = spawnSync("node_modules/.bin/tsx", ["server/index.ts"], {
      env: { ...process.env, LOGISTIFIED_DEMO_STORE: "1", PORT: "0", DATABASE_PATH: ":memory:", ...env } as NodeJS.ProcessEnv,
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr + result.stdout).toContain(message);
  });
});

function webhook(topic: string, payload: object, secret?: string) {
  return postWebhook(server.url, topic, payload, { secret });
}
