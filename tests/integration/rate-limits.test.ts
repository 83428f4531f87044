import { describe, expect, it } from "vitest";
import { createdKey } from "../support/agent-access-page";
import { useTestServer } from "../support/test-server";

const server = useTestServer();

describe("each credential is rate limited, in the database, with Retry-After", () => {
  it("allows 60 tool calls a minute per principal, then answers 429", async () => {
    const key = await createdKey(server.url, { scope: "read" });
    const other = await createdKey(server.url, { scope: "read" });
    const call = (bearer: string) =>
      fetch(`${server.url}/mcp-agent`, {
        method: "POST",
        headers: { Authorization: `Bearer ${bearer}`, "Content-Type": "application/json", Accept: "application/json, text/event-stream" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "search_api", arguments: { query: "variants" } } }),
      });
    for (let i = 0; i < 60; i++) expect((await call(key.key)).status).toBe(200);
    const limited = await call(key.key);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // Listing tools is not a tool call, and another key has its own budget.
    const list = await fetch(`${server.url}/mcp-agent`, {
      method: "POST",
      headers: { Authorization: `Bearer ${key.key}`, "Content-Type": "application/json", Accept: "application/json, text/event-stream" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    expect(list.status).toBe(200);
    expect((await call(other.key)).status).toBe(200);
  });

  it("refuses a JSON-RPC batch outright, so a hundred calls in one POST cannot pass as one", async () => {
    const key = await createdKey(server.url, { label: "Batcher", scope: "read" });
    const call = (id: number) => ({ jsonrpc: "2.0", id, method: "tools/call", params: { name: "run", arguments: { program: "return 1;" } } });
    const post = (body: string) =>
      fetch(`${server.url}/mcp-agent`, {
        method: "POST",
        headers: { Authorization: `Bearer ${key.key}`, "Content-Type": "application/json", Accept: "application/json, text/event-stream" },
        body,
      });
    for (const batch of [Array.from({ length: 100 }, (_, i) => call(i)), [call(1)], [{ jsonrpc: "2.0", id: 1, method: "tools/list" }], []]) {
      const response = await post(JSON.stringify(batch));
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ jsonrpc: "2.0", error: { code: -32600 }, id: null });
    }
    const notJson = await post("{ not json");
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: { code: -32700 } });
    expect(server.auditRows(`mcp:${key.prefix}`)).toEqual([]);
  });

  it("allows 120 REST requests a minute per key, then answers 429 in the envelope", async () => {
    const key = await createdKey(server.url, { scope: "read" });
    const get = () => fetch(`${server.url}/api/v1/locations?limit=1`, { headers: { Authorization: `Bearer ${key.key}` } });
    for (let i = 0; i < 120; i++) expect((await get()).status).toBe(200);
    const limited = await get();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ error: { code: "rate_limited" } });
  });

  it("limits client registrations per network address", async () => {
    const register = () =>
      fetch(`${server.url}/register`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ client_name: "Flood", redirect_uris: ["http://127.0.0.1:5000/cb"], token_endpoint_auth_method: "none" }),
      });
    let status = 201;
    let count = 0;
    while (status === 201 && count < 400) {
      status = (await register()).status;
      count += 1;
    }
    expect(count).toBe(301);
    expect(status).toBe(429);
  });
});
