/**
 * A store for tests that call the sandbox in-process: a temporary SQLite file (migrated, with the
 * demo store and a second store seeded) that the app's own `db()` opens, and principals resolved
 * from real keys through the same credential check the endpoints use. Call before anything in
 * the test touches the database: the app opens `DATABASE_PATH` on first use.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { checkCredential, type Principal } from "../../app/access/index.server";
import { DEMO_SHOP_DOMAIN, DEMO_SHOP_NAME } from "../../app/shopify/demo-store";
import { migrateDatabase, openDatabase, type AppDatabase } from "../../db/client";
import { seedDemoStore } from "../../db/seed";
import { apiKeys } from "../../db/schema";
import { issueKeyForShop } from "./keys";

export type SandboxStore = {
  db: AppDatabase;
  shopId: string;
  otherShopId: string;
  principal: (scope?: "read" | "read_write", shopId?: string) => Principal;
  revoke: (principal: Principal) => void;
  remove: () => void;
};

export function createSandboxStore(): SandboxStore {
  const dir = mkdtempSync(join(tmpdir(), "logistified-sandbox-"));
  const databasePath = join(dir, "sandbox.sqlite");
  process.env.DATABASE_PATH = databasePath;
  process.env.LOGISTIFIED_DEMO_STORE = "1";
  const db = openDatabase(databasePath);
  migrateDatabase(db);
  const shopId = seedDemoStore(db, { domain: DEMO_SHOP_DOMAIN, name: DEMO_SHOP_NAME });
  const otherShopId = seedDemoStore(db, { domain: "other-outfitters.myshopify.com", name: "Other Outfitters", seed: 7 });
  return {
    db,
    shopId,
    otherShopId,
    principal: (scope = "read", forShop = shopId) => {
      const { key } = issueKeyForShop(db, forShop, scope);
      const check = checkCredential(`Bearer ${key}`, "/mcp-agent");
      if (!check.ok) throw new Error(`a freshly issued key was refused: ${check.reason}`);
      return check.principal;
    },
    revoke: (principal) => {
      db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, principal.credential.id)).run();
    },
    remove: () => {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
