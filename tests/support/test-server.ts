/**
 * The real server for integration tests: its own temporary SQLite file (migrated and seeded with
 * the demo store), its own loopback port, the built app, started as the CLI starts it. The test
 * reads the same database file to check what was written, and the process's output to check what
 * was logged.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asc, eq, sql } from "drizzle-orm";
import { migrateDatabase, openDatabase, type AppDatabase } from "../../db/client";
import { auditLog } from "../../db/schema";
import { seedDemoStore } from "../../db/seed";
import { DEMO_SHOP_DOMAIN, DEMO_SHOP_NAME } from "../../app/shopify/demo-store";
import { freePort } from "./free-port";
import { assertNoIssuedSecretLeaked } from "./issued-secrets";

export type TestServer = {
  url: string;
  db: AppDatabase;
  databasePath: string;
  demoShopId: string;
  output: () => string;
  /** The audit rows with `tag` (`mcp:<key prefix>`, `rest:<key prefix>`…), in the order they were written. */
  auditRows: (tag: string) => (typeof auditLog.$inferSelect)[];
  stop: () => Promise<void>;
};

export const TEST_SHOPIFY_APP = { apiKey: "test-api-key", apiSecret: "test-api-secret-for-hmac" } as const;

/**
 * `env` adds variables for the server process only, such as smaller `SANDBOX_*` limits. `mode`
 * "shopify" runs it as the embedded app (test credentials, no demo store sign-in) instead.
 */
export async function startTestServer(options: { env?: Record<string, string>; mode?: "demo" | "shopify" } = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), "logistified-test-"));
  const databasePath = join(dir, "test.sqlite");
  const db = openDatabase(databasePath);
  migrateDatabase(db);
  const demoShopId = seedDemoStore(db, { domain: DEMO_SHOP_DOMAIN, name: DEMO_SHOP_NAME });

  const port = await freePort();
  const child = spawn("node_modules/.bin/tsx", ["server/index.ts"], {
    env: { ...process.env, ...options.env, ...modeEnv(options.mode ?? "demo", port), NODE_ENV: "test", PORT: String(port), DATABASE_PATH: databasePath },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await waitForListening(child, () => output);

  return {
    url: `http://127.0.0.1:${port}`,
    db,
    databasePath,
    demoShopId,
    output: () => output,
    auditRows: (tag) => db.select().from(auditLog).where(eq(auditLog.tag, tag)).orderBy(asc(sql`rowid`)).all(),
    stop: async () => {
      await stopProcess(child);
      assertNoIssuedSecretLeaked(db, output);
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function modeEnv(mode: "demo" | "shopify", port: number): Record<string, string> {
  if (mode === "demo") return { LOGISTIFIED_DEMO_STORE: "1" };
  return {
    LOGISTIFIED_DEMO_STORE: "0",
    SHOPIFY_API_KEY: TEST_SHOPIFY_APP.apiKey,
    SHOPIFY_API_SECRET: TEST_SHOPIFY_APP.apiSecret,
    SHOPIFY_APP_URL: `http://127.0.0.1:${port}`,
    HOST: "127.0.0.1",
  };
}

function waitForListening(child: ChildProcess, output: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output()}`)), 30_000);
    const onData = () => {
      if (output().includes("Logistified is listening on")) {
        clearTimeout(timer);
        child.stdout!.off("data", onData);
        resolve();
      }
    };
    child.stdout!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output()}`));
    });
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/**
 * One real server for a whole test file: started before its tests, stopped (with the leak check)
 * after them. The returned object reads through to that server, so tests use it like one.
 */
export function useTestServer(options: Parameters<typeof startTestServer>[0] = {}): Omit<TestServer, "stop"> {
  let started: TestServer | undefined;
  beforeAll(async () => {
    started = await startTestServer(options);
  });
  afterAll(async () => {
    await started?.stop();
  });
  const current = () => {
    if (!started) throw new Error("the test server is used before beforeAll started it");
    return started;
  };
  return {
    get url() {
      return current().url;
    },
    get db() {
      return current().db;
    },
    get databasePath() {
      return current().databasePath;
    },
    get demoShopId() {
      return current().demoShopId;
    },
    output: () => current().output(),
    auditRows: (tag) => current().auditRows(tag),
  };
}
