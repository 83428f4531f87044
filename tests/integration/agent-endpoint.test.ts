import { z } from "zod";
import { describe, expect, it } from "vitest";
import { generateApiKey } from "../../app/access/key-format";
import { auditLog } from "../../db/schema";
import { createdKey, createKeyThroughPage, postPageAction, revokeKeyThroughPage } from "../support/agent-access-page";
import { placesContaining } from "../support/database-scan";
import { connectWithKey, jsonOf } from "../support/mcp-client";
import { useTestServer } from "../support/test-server";

const server = useTestServer();

describe("a key made on the Agent Access page reaches the agent endpoint until it is revoked", () => {
  it("creates, connects, lists tools, searches the API, revokes, and the very next request gets 401", async () => {
    const key = await createdKey(server.url, { label: "Claude Desktop", scope: "read" });
    expect(key.key).toMatch(/^lstk_[0-9A-Za-z]{46}$/);
    expect(key.prefix).toBe(key.key.slice(0, 13));

    const client = await connectWithKey(server.url, key.key);
    expect(client.getServerVersion()?.name).toBe("Logistified");
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(["search_api", "read_docs", "run"]);
    expect(tools[0]!.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false, openWorldHint: false });

    const search = await client.callTool({ name: "search_api", arguments: { query: "variants by sku" } });
    expect(search.isError).toBeFalsy();
    const found = SearchMatches.parse(jsonOf(search));
    expect(found.matches[0]).toMatchObject({ name: "app.variants.list", kind: "read" });
    expect(found.matches[0]!.signature).toContain("app.variants.list(params?: { sku?: string;");
    expect(found.matches[0]!.signature).toContain("Promise<{ items: { id: string;");

    const overview = SearchOverview.parse(jsonOf(await client.callTool({ name: "search_api", arguments: {} })));
    expect(overview.overview).toEqual([
      { namespace: "app.shop", operations: ["get"] },
      { namespace: "app.locations", operations: ["list", "get"] },
      { namespace: "app.products", operations: ["list", "get"] },
      { namespace: "app.variants", operations: ["list", "get"] },
      { namespace: "app.inventoryLevels", operations: ["list", "get"] },
      { namespace: "app.suppliers", operations: ["list", "get"] },
      { namespace: "app.supplierVariantLinks", operations: ["list", "get"] },
      { namespace: "app.reorderRules", operations: ["list", "get"] },
      { namespace: "app.purchaseOrders", operations: ["list", "get"] },
      { namespace: "app.transferOrders", operations: ["list", "get"] },
      { namespace: "app.stockTakes", operations: ["list", "get"] },
      { namespace: "app.supplierReturns", operations: ["list", "get"] },
    ]);

    expect((await revokeKeyThroughPage(server.url, key.id)).body.ok).toBe(true);

    await expect(client.callTool({ name: "search_api", arguments: { query: "locations" } })).rejects.toMatchObject({ code: 401 });
    const raw = await mcpPost(key.key, { jsonrpc: "2.0", id: 1, method: "tools/list" });
    expect(raw.status).toBe(401);
    expect(raw.headers.get("www-authenticate")).toBe(challenge("invalid_token"));
    expect(await raw.json()).toMatchObject({ jsonrpc: "2.0", id: null, error: { code: -32001 } });
    await client.close();
  });

  it("writes every tool call to the audit log under the key's prefix, and never the key", async () => {
    const key = await createdKey(server.url, { label: "Audited", scope: "read" });
    const client = await connectWithKey(server.url, key.key);
    await client.callTool({ name: "search_api", arguments: { query: "locations" } });
    await client.close();

    const rows = server.auditRows(`mcp:${key.prefix}`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: "mcp", principalKind: "api_key", outcome: "ok", called: 'search_api {"query":"locations","limit":10}' });
    expect(rows[0]!.requestId).toMatch(/^req_/);
  });

  it("records a revoked key's refused request for its store", async () => {
    const key = await createdKey(server.url, { scope: "read" });
    await revokeKeyThroughPage(server.url, key.id);
    expect((await mcpPost(key.key, { jsonrpc: "2.0", id: 1, method: "tools/list" })).status).toBe(401);
    const rows = server.auditRows(`mcp:${key.prefix}`);
    expect(rows.map((row) => row.outcome)).toEqual(["unauthorized:revoked"]);
  });

  it("answers the method only after authenticating: GET with a key is 405, without one 401", async () => {
    const key = await createdKey(server.url, { scope: "read" });
    const withKey = await fetch(`${server.url}/mcp-agent`, { headers: { Authorization: `Bearer ${key.key}` } });
    expect(withKey.status).toBe(405);
    expect(withKey.headers.get("allow")).toBe("POST");
    const without = await fetch(`${server.url}/mcp-agent`);
    expect(without.status).toBe(401);
    expect(without.headers.get("www-authenticate")).toBe(challenge());
  });

  it("refuses a browser Origin it does not know, after authentication", async () => {
    const key = await createdKey(server.url, { scope: "read" });
    const response = await mcpPost(key.key, { jsonrpc: "2.0", id: 1, method: "tools/list" }, { Origin: "https://evil.example" });
    expect(response.status).toBe(403);
  });
});

describe("bad credentials get a 401 with a JSON-RPC error and the challenge, and touch nothing", () => {
  const valid = "lstk_" + "A".repeat(40);
  it.each([
    ["missing", undefined, undefined],
    ["not a bearer header", "Basic dXNlcjpwYXNz", "invalid_token"],
    ["malformed", "Bearer lstk_short", "invalid_token"],
    ["bad checksum", `Bearer ${valid}AAAAAA`, "invalid_token"],
    ["another kind of token", "Bearer ghp_0123456789abcdefghijklmnopqrstuvwxyzAB", "invalid_token"],
  ])("%s", async (_case, authorization, error) => {
    const auditRowsBefore = server.db.select().from(auditLog).all().length;
    const response = await fetch(`${server.url}/mcp-agent`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json, text/event-stream", ...(authorization ? { Authorization: authorization } : {}) },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe(challenge(error));
    expect(await response.json()).toMatchObject({ jsonrpc: "2.0", error: { code: -32001, message: expect.stringContaining("lstk_") } });
    expect(server.db.select().from(auditLog).all()).toHaveLength(auditRowsBefore);
  });

  it("a well-formed key with a valid checksum that this server never issued", async () => {
    const neverIssued = generateApiKey().key;
    const response = await mcpPost(neverIssued, { jsonrpc: "2.0", id: 1, method: "tools/list" });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe(challenge("invalid_token"));
  });
});

describe("the Create key form", () => {
  it("refuses a label over 64 characters with a field error, and creates nothing", async () => {
    const { status, body } = await createKeyThroughPage(server.url, { label: "x".repeat(65), scope: "read" });
    expect(status).toBe(400);
    expect(body).toMatchObject({ ok: false, fieldErrors: { label: "Use at most 64 characters for the label." } });
  });

  it("refuses an unknown scope with a field error", async () => {
    const { status, body } = await createKeyThroughPage(server.url, { label: "Admin", scope: "admin" });
    expect(status).toBe(400);
    expect(body).toMatchObject({ ok: false, fieldErrors: { scope: "Choose Read only or Read & write." } });
  });

  it("refuses a post from another site's page", async () => {
    const response = await postPageAction(server.url, { intent: "create-key", scope: "read" }, "https://evil.example");
    expect(response.status).toBe(403);
  });
});

describe("no plaintext key is ever stored or logged", () => {
  it("scans every text column of every table, and the server's output, for each key created", async () => {
    const keys = await Promise.all([
      createdKey(server.url, { label: "Scan A", scope: "read" }),
      createdKey(server.url, { label: "Scan B", scope: "read_write" }),
    ]);
    for (const key of keys) {
      const client = await connectWithKey(server.url, key.key);
      await client.callTool({ name: "search_api", arguments: { query: "variants" } });
      await client.close();
      // The 40 random characters alone: a stored key with another prefix or checksum would show too.
      const secretPart = key.key.slice(13, 45);
      expect(placesContaining(server.db, secretPart)).toEqual([]);
      expect(server.output()).not.toContain(secretPart);
    }
  });
});

const SearchMatches = z.object({ matches: z.array(z.object({ name: z.string(), signature: z.string(), kind: z.string() })) });
const SearchOverview = z.object({ overview: z.array(z.object({ namespace: z.string(), operations: z.array(z.string()) })) });

/** The challenge `/mcp-agent` answers with: absolute metadata URL, `error` only when a credential was sent. */
function challenge(error?: string) {
  const metadata = `resource_metadata="${server.url}/.well-known/oauth-protected-resource/mcp-agent"`;
  return `Bearer realm="Logistified"${error ? `, error="${error}"` : ""}, ${metadata}`;
}

function mcpPost(key: string, message: object, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/mcp-agent`, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${key}`,
      "Content-Type": "application/json",
      Accept: "application/json, text/event-stream",
      ...headers,
    },
    body: JSON.stringify(message),
  });
}
