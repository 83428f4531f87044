import { describe, expect, it } from "vitest";
import { refreshAuthorization } from "@modelcontextprotocol/sdk/client/auth.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { useTestServer } from "../support/test-server";
import { postPageAction } from "../support/agent-access-page";
import { connectWebChat } from "../support/oauth";

const server = useTestServer();

describe("a web chat connects with a connection code, works, refreshes, and is cut off when disconnected", () => {
  it("registers, authorizes, exchanges, calls a tool, refreshes, and fails everywhere after Disconnect", async () => {
    const { client, provider, attempt, callback } = await connectWebChat(server.url, "read");
    expect(callback.searchParams.get("iss")).toBe(server.url);
    expect(callback.searchParams.get("state")).toBe(provider.sentState);

    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain("search_api");
    const search = await client.callTool({ name: "search_api", arguments: { query: "locations" } });
    expect(search.isError).toBeFalsy();

    const tokens = provider.savedTokens!;
    expect(tokens).toMatchObject({ token_type: "Bearer", expires_in: 3600, scope: "mcp:read" });
    const refreshed = await refreshAuthorization(server.url, {
      clientInformation: provider.information!,
      refreshToken: tokens.refresh_token!,
      resource: new URL(attempt.connectorUrl),
    });
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    provider.saveTokens(refreshed);
    const afterRefresh = new Client({ name: "t", version: "1" });
    await afterRefresh.connect(new StreamableHTTPClientTransport(new URL(attempt.connectorUrl), { authProvider: provider }));
    expect((await afterRefresh.listTools()).tools.length).toBeGreaterThan(0);

    const table = await postPageAction(server.url, { intent: "disconnect-app", connectionId: connectionIdFor(attempt.id) });
    expect(table.status).toBe(200);

    const denied = await mcpPost(attempt.connectorUrl, refreshed.access_token);
    expect(denied.status).toBe(401);
    await expect(
      refreshAuthorization(server.url, { clientInformation: provider.information!, refreshToken: refreshed.refresh_token!, resource: new URL(attempt.connectorUrl) }),
    ).rejects.toThrow(/revoked|not valid/);
    await client.close();
  });
});

function connectionIdFor(attemptId: string): string {
  const row = server.db.$client.prepare("select id from connections where attempt_id = ?").pluck().get(attemptId);
  if (typeof row !== "string") throw new Error("no connection for the attempt");
  return row;
}

function mcpPost(url: string, token: string) {
  return fetch(url, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", Accept: "application/json, text/event-stream" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
  });
}

