/**
 * What authentication costs. In process: verifying a key (shape and checksum, SHA-256, indexed
 * lookup among 10,000 stored keys). Over HTTP on the real server: a trivial endpoint behind
 * authentication (`GET /mcp-agent` with a key: authenticated, then refused as 405) against a
 * trivial endpoint without it (the authorization-server metadata), measured in the same run.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateApiKey, isWellFormedApiKey } from "../../app/access/key-format";
import { hashSecret } from "../../app/access/secrets";
import { migrateDatabase, openDatabase } from "../../db/client";
import { newId } from "../../db/ids";
import { apiKeys, shops } from "../../db/schema";
import { createdKey } from "../support/agent-access-page";
import { startTestServer } from "../support/test-server";

const STORED_KEYS = 10_000;
const VERIFICATIONS = 50_000;
const REQUESTS = 1_500;

export async function bench() {
  verifyKeysInProcess();
  await compareOverHttp();
}

function verifyKeysInProcess() {
  const dir = mkdtempSync(join(tmpdir(), "logistified-bench-auth-"));
  const db = openDatabase(join(dir, "auth.sqlite"));
  migrateDatabase(db);
  const shopId = newId("shop");
  db.insert(shops).values({ id: shopId, shopifyDomain: "bench.myshopify.com", name: "Bench", currency: "USD", timezone: "UTC", installedAt: new Date() }).run();
  const keys: string[] = [];
  db.transaction((tx) => {
    for (let i = 0; i < STORED_KEYS; i++) {
      const { key, prefix, keyHash } = generateApiKey();
      keys.push(key);
      tx.insert(apiKeys).values({ id: newId("key"), shopId, label: "", prefix, keyHash, scope: "read", createdByName: "Bench" }).run();
    }
  });
  // The same statement `findApiKeyByHash` runs: the key_hash unique index answers it.
  const lookup = db.$client.prepare("select id, shop_id, scope, revoked_at from api_keys where key_hash = ?");
  const verify = (key: string) => isWellFormedApiKey(key) && lookup.get(hashSecret(key)) !== undefined;

  for (let i = 0; i < 2_000; i++) verify(keys[i % keys.length]!);
  const hashOnly = time(VERIFICATIONS, (i) => hashSecret(keys[i % keys.length]!));
  const full = time(VERIFICATIONS, (i) => {
    if (!verify(keys[i % keys.length]!)) throw new Error("a stored key did not verify");
  });
  const rejected = time(VERIFICATIONS, (i) => verify(keys[i % keys.length]!.slice(0, -1) + "0"));
  console.log(`key verification, ${STORED_KEYS.toLocaleString()} keys stored, ${VERIFICATIONS.toLocaleString()} runs:`);
  console.log(`  SHA-256 of a key                        ${micro(hashOnly)} µs`);
  console.log(`  shape + checksum + SHA-256 + lookup     ${micro(full)} µs`);
  console.log(`  a mistyped key (rejected by checksum)   ${micro(rejected)} µs`);
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
}

async function compareOverHttp() {
  const server = await startTestServer();
  try {
    const { key } = await createdKey(server.url, { scope: "read" });
    const open = () => fetch(`${server.url}/.well-known/oauth-authorization-server`).then((r) => r.arrayBuffer());
    const authenticated = () =>
      fetch(`${server.url}/mcp-agent`, { headers: { Authorization: `Bearer ${key}` } }).then((r) => {
        if (r.status !== 405) throw new Error(`expected 405 after authentication, got ${r.status}`);
        return r.arrayBuffer();
      });
    for (let i = 0; i < 200; i++) await Promise.all([open(), authenticated()]);
    // Interleaved, so both see the same machine state.
    const without: number[] = [];
    const withAuth: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      without.push(await latency(open));
      withAuth.push(await latency(authenticated));
    }
    const [a, b] = [percentile(without, 50), percentile(withAuth, 50)];
    console.log(`trivial endpoint over HTTP, ${REQUESTS.toLocaleString()} requests each, interleaved:`);
    console.log(`  without authentication   median ${a.toFixed(3)} ms   p99 ${percentile(without, 99).toFixed(3)} ms`);
    console.log(`  with a key               median ${b.toFixed(3)} ms   p99 ${percentile(withAuth, 99).toFixed(3)} ms`);
    console.log(`  ratio (with / without)   ${(b / a).toFixed(2)}×   (+${(b - a).toFixed(3)} ms per request)`);
  } finally {
    await server.stop();
  }
}

function time(runs: number, work: (i: number) => unknown): number {
  const started = performance.now();
  for (let i = 0; i < runs; i++) work(i);
  return (performance.now() - started) / runs;
}

async function latency(request: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await request();
  return performance.now() - started;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function micro(ms: number): string {
  return (ms * 1000).toFixed(2);
}
