/**
 * The `run` tool end to end: the real server (with smaller sandbox limits), real keys made on the
 * Agent Access page, the real MCP client.
 */
import { count, eq } from "drizzle-orm";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { rateLimitHits, variants } from "../../db/schema";
import { createdKey, revokeKeyThroughPage } from "../support/agent-access-page";
import { connectWithKey, jsonOf } from "../support/mcp-client";
import { useTestServer } from "../support/test-server";
import { waitFor } from "../support/wait";

// A short CPU limit keeps the endless loop below quick; a small heap lets the memory bomb reach its
// limit long before that, however slow the machine.
const server = useTestServer({ env: { SANDBOX_CPU_MS: "2000", SANDBOX_MEMORY_MB: "32", SANDBOX_WORKERS: "3" } });

const RunSuccess = z.object({ result: z.unknown(), logs: z.array(z.string()), reads: z.number(), writes: z.array(z.unknown()), durationMs: z.number() });
const RunFailure = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) }),
  logs: z.array(z.string()),
  reads: z.number(),
  writes: z.array(z.unknown()),
});

const AGGREGATE_VARIANTS = `
let cursor;
let count = 0;
let retailValue = 0;
const byProduct = new Map();
do {
  const page = await app.variants.list({ limit: 100, cursor });
  for (const variant of page.items) {
    count += 1;
    retailValue += variant.price.amount;
    byProduct.set(variant.productId, (byProduct.get(variant.productId) ?? 0) + 1);
  }
  cursor = page.cursor ?? undefined;
} while (cursor);
console.log("pages read");
return { count, retailValue, products: byProduct.size };
`;

const SPIN = "const until = Date.now() + 600; while (Date.now() < until) {}\nreturn 'done';";

describe("run through the agent endpoint", () => {
  it("is listed for a read key as a read-only tool that takes a program", async () => {
    const key = await createdKey(server.url, { label: "Run listing", scope: "read" });
    const client = await connectWithKey(server.url, key.key);
    const { tools } = await client.listTools();
    const run = tools.find((tool) => tool.name === "run");
    expect(run?.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false, idempotentHint: false, openWorldHint: false });
    expect(run?.inputSchema.properties).toHaveProperty("program");
    expect(run?.description).toContain("search_api");
    await client.close();
  });

  it("aggregates the store's variants through app, page by page, and audits the program and its operations", async () => {
    const key = await createdKey(server.url, { label: "Aggregator", scope: "read" });
    const client = await connectWithKey(server.url, key.key);
    const answer = await client.callTool({ name: "run", arguments: { program: AGGREGATE_VARIANTS } });
    await client.close();

    expect(answer.isError).toBeFalsy();
    const body = RunSuccess.parse(jsonOf(answer));
    const rows = server.db.select({ price: variants.priceAmount, productId: variants.productId }).from(variants).where(eq(variants.shopId, server.demoShopId)).all();
    expect(body.result).toEqual({
      count: rows.length,
      retailValue: rows.reduce((sum, row) => sum + row.price, 0),
      products: new Set(rows.map((row) => row.productId)).size,
    });
    expect(body.reads).toBe(Math.ceil(rows.length / 100));
    expect(body.logs).toEqual(["pages read"]);
    expect(body.writes).toEqual([]);

    const [audit] = server.auditRows(`mcp:${key.prefix}`);
    expect(audit).toMatchObject({ outcome: "ok", operations: ["app.variants.list"], called: `run ${AGGREGATE_VARIANTS}` });
  });

  it("answers a program failure as a tool error with the spec's shape, and audits its code", async () => {
    const key = await createdKey(server.url, { label: "Failing", scope: "read" });
    const client = await connectWithKey(server.url, key.key);
    const answer = await client.callTool({ name: "run", arguments: { program: "console.log('about to fail');\nreturn await app.locations.get('loc_missing');" } });
    await client.close();
    expect(answer.isError).toBe(true);
    expect(RunFailure.parse(jsonOf(answer))).toEqual({
      error: { code: "NOT_FOUND", message: 'No location with id "loc_missing" in this store.', details: { id: "loc_missing", operation: "app.locations.get" } },
      logs: ["about to fail"],
      reads: 1,
      writes: [],
    });
    const [audit] = server.auditRows(`mcp:${key.prefix}`);
    expect(audit).toMatchObject({ outcome: "NOT_FOUND", operations: ["app.locations.get"] });
  });

  it("stops a program whose key is revoked while it runs, at its next call, with UNAUTHORIZED", async () => {
    const key = await createdKey(server.url, { label: "Revoked mid-run", scope: "read" });
    const client = await connectWithKey(server.url, key.key);
    const program = `
      for (let i = 0; i < 250; i++) {
        await app.variants.list({ limit: 50 });
        const until = Date.now() + 2;
        while (Date.now() < until) {}
      }
      return "finished";`;
    const running = client.callTool({ name: "run", arguments: { program } });
    await waitFor(() => toolCallsCounted(key.id) === 1, "the run to be accepted");
    expect((await revokeKeyThroughPage(server.url, key.id)).body.ok).toBe(true);
    const answer = await running;
    expect(answer.isError).toBe(true);
    const body = RunFailure.parse(jsonOf(answer));
    expect(body.error).toMatchObject({ code: "UNAUTHORIZED", details: { operation: "app.variants.list" } });
    // How many calls ran before the revocation depends on the machine; that it stopped early does not.
    expect(body.reads).toBeLessThan(250);
  });

  it("refuses a fifth concurrent program for one key with RATE_LIMITED, and runs the four", async () => {
    const key = await createdKey(server.url, { label: "Busy", scope: "read" });
    const clients = await Promise.all(Array.from({ length: 5 }, () => connectWithKey(server.url, key.key)));
    const four = clients.slice(0, 4).map((client) => client.callTool({ name: "run", arguments: { program: SPIN } }));
    await waitFor(() => toolCallsCounted(key.id) === 4, "the four runs to be accepted");
    const fifth = await clients[4]!.callTool({ name: "run", arguments: { program: "return 1;" } });
    expect(fifth.isError).toBe(true);
    expect(RunFailure.parse(jsonOf(fifth)).error).toMatchObject({ code: "RATE_LIMITED", details: { running: 4, limit: 4 } });
    for (const answer of await Promise.all(four)) expect(RunSuccess.parse(jsonOf(answer)).result).toBe("done");
    await Promise.all(clients.map((client) => client.close()));
  });

  // How long the others wait meanwhile is measured by the sandbox benchmark, not asserted here.
  it("keeps serving the admin page, search_api and other runs while two hostile programs spin", async () => {
    const hostileKey = await createdKey(server.url, { label: "Hostile", scope: "read" });
    const otherKey = await createdKey(server.url, { label: "Bystander", scope: "read" });
    const hostile = await connectWithKey(server.url, hostileKey.key);
    const bystander = await connectWithKey(server.url, otherKey.key);

    const spinning = [
      hostile.callTool({ name: "run", arguments: { program: "for (;;) {}" } }),
      hostile.callTool({ name: "run", arguments: { program: "const kept = []; for (;;) kept.push({ n: kept.length });" } }),
    ];
    await waitFor(() => toolCallsCounted(hostileKey.id) === 2, "the hostile runs to be accepted");

    expect((await fetch(`${server.url}/app/agent-access`)).status).toBe(200);
    expect((await bystander.callTool({ name: "search_api", arguments: { query: "variants" } })).isError).toBeFalsy();
    const run = await bystander.callTool({ name: "run", arguments: { program: "return (await app.locations.list()).totalCount;" } });
    expect(RunSuccess.parse(jsonOf(run)).result).toBe(4);

    const [loop, bomb] = await Promise.all(spinning);
    expect(RunFailure.parse(jsonOf(loop!)).error.code).toBe("TIMEOUT");
    expect(RunFailure.parse(jsonOf(bomb!)).error.code).toBe("MEMORY_LIMIT");

    const after = await hostile.callTool({ name: "run", arguments: { program: "return 'still works';" } });
    expect(RunSuccess.parse(jsonOf(after)).result).toBe("still works");
    await Promise.all([hostile.close(), bystander.close()]);
  });
});

/** Tool calls of a key counted against its rate limit: a call is counted when the endpoint accepts it. */
function toolCallsCounted(keyId: string): number {
  return server.db.select({ n: count() }).from(rateLimitHits).where(eq(rateLimitHits.bucket, `tools:api_key:${keyId}`)).get()?.n ?? 0;
}
