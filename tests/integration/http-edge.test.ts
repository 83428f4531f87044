/**
 * The HTTP edge, through the real server: every path answers every method and body with a 4xx or
 * a success, never a 5xx, a stack or a host path; bodies over their ceiling are refused with 413
 * before they are read; and what the app could not represent never reaches it.
 */
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { rateLimitHits } from "../../db/schema";
import { createdKey } from "../support/agent-access-page";
import { startTestServer, useTestServer } from "../support/test-server";

const server = useTestServer();

const PATHS = [
  "/",
  "/app",
  "/app?_data=routes%2Fapp",
  "/app/agent-access",
  "/app/agent-access/attempts/att_none",
  "/authorize",
  "/authorize?client_id=%00&redirect_uri=%FF",
  "/auth/login",
  "/auth/anything",
  "/register",
  "/token",
  "/revoke",
  "/mcp-agent",
  "/connect/att_none/mcp-agent",
  "/api/v1",
  "/api/v1/variants",
  "/api/v1/variants/%25",
  "/api/v1/variants?limit=%25",
  "/.well-known/oauth-authorization-server",
  "/.well-known/oauth-protected-resource/mcp-agent",
  "/.well-known/unknown",
  "/webhooks/app/uninstalled",
  "/webhooks/products/update",
  "/no/such/page",
  "/build/no-such-file.js",
];
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const BODIES = [
  { type: "application/json", body: '{"jsonrpc":' },
  { type: "application/x-www-form-urlencoded", body: "a=%zz&&=b&intent=%E0%A4%A" },
  { type: "multipart/form-data; boundary=x", body: "--x\r\nbroken" },
  { type: "text/plain", body: "\u0000\u0001" },
];

describe("every path, every method, every body", () => {
  it("answers with a 4xx or a success, never a 5xx, a stack or a host path", async () => {
    const failures: string[] = [];
    for (const path of PATHS) {
      for (const method of METHODS) {
        for (const { type, body } of BODIES) {
          const response = await fetch(`${server.url}${path}`, {
            method,
            headers: { "Content-Type": type },
            ...(method === "GET" || method === "HEAD" ? {} : { body }),
            redirect: "manual",
          });
          const text = await response.text();
          if (response.status >= 500 || /node_modules|\/work\/|\bat [\w.<>]+ \(|file:\/\//.test(text)) {
            failures.push(`${method} ${path} (${type}) → ${response.status}: ${text.slice(0, 120)}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("refuses methods HTTP has but the app does not, TRACE included, with 405 and no echo", async () => {
    for (const method of ["TRACE", "PROPFIND", "MKCOL", "PURGE"]) {
      const response = await raw(method, "/mcp-agent");
      expect(response.status, method).toBe(405);
      expect(response.body).not.toContain("Authorization");
    }
    expect(await connectAnswer()).toMatch(/^HTTP\/1\.1 405 /);
  });

  it("answers a path whose percent sign does not decode with 400", async () => {
    for (const path of ["/api/v1/variants/%zz", "/app/%E0%A4%A", "/%"]) {
      const response = await raw("GET", path);
      expect(response.status, path).toBe(400);
      expect(JSON.parse(response.body)).toMatchObject({ error: { code: "bad_request" } });
    }
  });

  it("takes pages only as GET, HEAD and url-encoded form POSTs", async () => {
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      for (const path of ["/authorize", "/app/agent-access"]) {
        const response = await fetch(`${server.url}${path}`, { method, body: "x=1" });
        expect(response.status, `${method} ${path}`).toBe(405);
        expect(response.headers.get("allow")).toBe("GET, HEAD, POST");
      }
    }
    const json = await fetch(`${server.url}/authorize`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    expect(json.status).toBe(415);
    const head = await fetch(`${server.url}/app/agent-access`, { method: "HEAD" });
    expect(head.status).toBe(200);
  });

  it("answers only to loopback names in the demo store, so a rebound DNS name reads nothing", async () => {
    const rebound = await raw("GET", "/app/agent-access", { Host: "attacker.example:80" });
    expect(rebound.status).toBe(421);
    expect(rebound.body).not.toContain("lstk_");
    for (const host of ["127.0.0.1", "localhost", `localhost:${new URL(server.url).port}`]) {
      expect((await raw("GET", "/", { Host: host })).status, host).toBeLessThan(400);
    }
  });
});

describe("body ceilings", () => {
  it("refuses a declared body over the path's ceiling with 413 before reading it", async () => {
    for (const [path, type] of [["/register", "application/json"], ["/token", "application/x-www-form-urlencoded"], ["/mcp-agent", "application/json"], ["/app/agent-access", "application/x-www-form-urlencoded"]] as const) {
      const response = await raw("POST", path, { "Content-Type": type, "Content-Length": String(50 * 1024 * 1024) }, "");
      expect(response.status, path).toBe(413);
      expect(JSON.parse(response.body)).toMatchObject({ error: { code: "body_too_large" } });
    }
  });

  it("refuses a streamed body with no declared length once it passes the ceiling", async () => {
    const body = "a".repeat(2 * 1024 * 1024);
    const response = await fetch(`${server.url}/register`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(body));
          controller.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(413);
    expect((await response.text()).length).toBeLessThan(500);
  });

  it("serves a program of the largest accepted size, escaped as JSON can be", async () => {
    const key = await createdKey(server.url, { label: "Large program", scope: "read" });
    const program = `return ${JSON.stringify("\u0001".repeat(8_000))}.length;`;
    const response = await fetch(`${server.url}/mcp-agent`, {
      method: "POST",
      headers: { Authorization: `Bearer ${key.key}`, "Content-Type": "application/json", Accept: "application/json, text/event-stream" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "run", arguments: { program } } }),
    });
    expect(response.status).toBe(200);
    expect(JSON.stringify(await response.json())).toContain("8000");
  });
});

describe("a REST request that fails on our side", () => {
  it("answers 500 with the envelope and a request id, and is audited like any other", async () => {
    const key = await createdKey(server.url, { label: "Broken table", scope: "read" });
    server.db.$client.exec("ALTER TABLE reorder_rules RENAME TO reorder_rules_away");
    try {
      const response = await fetch(`${server.url}/api/v1/reorder-rules`, { headers: { Authorization: `Bearer ${key.key}` } });
      expect(response.status).toBe(500);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("internal_error");
      expect(body.error.message).not.toMatch(/reorder_rules|sqlite|at /i);
      expect(server.auditRows(`rest:${key.prefix}`).map((row) => row.outcome)).toEqual(["500"]);
    } finally {
      server.db.$client.exec("ALTER TABLE reorder_rules_away RENAME TO reorder_rules");
    }
  });
});

describe("the client's network address", () => {
  const registerFrom = (base: string, forwardedFor: string) =>
    fetch(`${base}/register`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Forwarded-For": forwardedFor },
      body: JSON.stringify({ redirect_uris: ["http://127.0.0.1:9/cb"], token_endpoint_auth_method: "none" }),
    });
  const addressBuckets = (db: typeof server.db) =>
    db.select({ bucket: rateLimitHits.bucket }).from(rateLimitHits).all().map((row) => row.bucket).filter((bucket) => bucket.startsWith("register:"));

  it("is the connection's by default: a forged X-Forwarded-For does not move a client into a fresh limit", async () => {
    expect((await registerFrom(server.url, "203.0.113.7")).status).toBe(201);
    expect(addressBuckets(server.db)).not.toContain("register:address:203.0.113.7");
  });

  it("is the one the trusted proxy saw, when the server is told it stands behind one", async () => {
    const proxied = await startTestServer({ env: { TRUSTED_PROXY_HOPS: "1" } });
    try {
      expect((await registerFrom(proxied.url, "198.51.100.4, 203.0.113.7")).status).toBe(201);
      expect(addressBuckets(proxied.db)).toEqual(["register:address:203.0.113.7"]);
    } finally {
      await proxied.stop();
    }
  });
});

/** A request exactly as written, for what fetch will not send (TRACE, a bad Host, a false Content-Length). */
function raw(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(server.url);
    const outgoing = httpRequest({ hostname, port, method, path, headers, setHost: !("Host" in headers) }, (response) => {
      let text = "";
      response.on("data", (chunk: Buffer) => (text += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    outgoing.on("error", reject);
    if (body !== undefined) outgoing.write(body);
    outgoing.end();
  });
}

function connectAnswer(): Promise<string> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(server.url);
    const socket = connect(Number(port), hostname, () => socket.write(`CONNECT ${hostname}:${port} HTTP/1.1\r\nHost: ${hostname}\r\n\r\n`));
    let text = "";
    socket.on("data", (chunk) => (text += chunk.toString()));
    socket.on("end", () => resolve(text));
    socket.on("error", reject);
  });
}
