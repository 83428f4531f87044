/**
 * Credentials a client sends where it should not are kept nowhere: not in the audit log, not in the
 * server's output. The test server's own check at the end of the file also scans every text column
 * of the database and the whole server output for every credential seen here.
 */
import { describe, expect, it } from "vitest";
import { createdKey } from "../support/agent-access-page";
import { connectWithKey } from "../support/mcp-client";
import { connectWebChat } from "../support/oauth";
import { useTestServer } from "../support/test-server";

const server = useTestServer();

describe("credentials a client sends are redacted from what is kept", () => {
  it("a live OAuth token in a REST URL's query is kept redacted", async () => {
    const key = await createdKey(server.url, { label: "Query token", scope: "read" });
    const { provider, client } = await connectWebChat(server.url);
    await client.close();
    const token = provider.tokens()!.access_token;
    const response = await fetch(`${server.url}/api/v1/locations?access_token=${token}&limit=1`, { headers: { Authorization: `Bearer ${key.key}` } });
    expect(response.status).toBe(400);
    const [row] = server.auditRows(`rest:${key.prefix}`);
    expect(row!.called).toBe("GET /api/v1/locations?access_token=[redacted]&limit=1");
  });

  it("a key pasted into a program's comment is kept as its prefix only", async () => {
    const key = await createdKey(server.url, { label: "Pasted", scope: "read" });
    const other = await createdKey(server.url, { label: "Pasted into a comment", scope: "read_write" });
    const client = await connectWithKey(server.url, key.key);
    await client.callTool({ name: "run", arguments: { program: `// use ${other.key} if this fails\nreturn 1;` } });
    await client.close();
    const [row] = server.auditRows(`mcp:${key.prefix}`);
    expect(row!.called).toBe(`run // use ${other.prefix}…[redacted] if this fails\nreturn 1;`);
  });

  it("a key sent as a wrong path segment or in an unauthenticated request's URL is not logged", async () => {
    const key = await createdKey(server.url, { label: "In a path", scope: "read" });
    const response = await fetch(`${server.url}/api/v1/variants/${key.key}?token=${key.key}`, { headers: { Authorization: `Bearer ${key.key}` } });
    expect(response.status).toBe(400);
    const [row] = server.auditRows(`rest:${key.prefix}`);
    expect(row!.called).not.toContain(key.key);
    expect(server.output()).not.toContain(key.key);
  });
});
