import { createHash, randomBytes } from "node:crypto";
import { count, eq, like } from "drizzle-orm";
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { hashSecret } from "../../app/access/secrets";
import { newId } from "../../db/ids";
import { seedDemoStore } from "../../db/seed";
import { auditLog, connectionAttempts, connections, oauthClients, rateLimitHits } from "../../db/schema";
import { createdKey, postPageAction } from "../support/agent-access-page";
import { placesContaining } from "../support/database-scan";
import { approveInBrowser, browse, CALLBACK, hiddenField, startConnection, textOf } from "../support/oauth";
import { rememberTokens } from "../support/issued-secrets";
import { useTestServer } from "../support/test-server";

const server = useTestServer();
// Each test starts in a fresh rate-limit window: limits are per address, and every test is 127.0.0.1.
beforeEach(() => {
  server.db.delete(rateLimitHits).run();
});

const Registered = z.object({ client_id: z.string(), client_secret: z.string().optional() });
const Tokens = z.object({ access_token: z.string(), refresh_token: z.string(), token_type: z.literal("Bearer"), expires_in: z.number(), scope: z.string() });
const OAuthErrorBody = z.object({ error: z.string(), error_description: z.string() });

describe("discovery documents", () => {
  it("names this server as the issuer, byte for byte, for /mcp-agent and for connector URLs", async () => {
    const attempt = await startConnection(server.url);
    const connectorPath = new URL(attempt.connectorUrl).pathname;
    const asMeta = await (await fetch(`${server.url}/.well-known/oauth-authorization-server`)).json();
    const prm = await (await fetch(`${server.url}/.well-known/oauth-protected-resource${connectorPath}`)).json();
    const keyPrm = await (await fetch(`${server.url}/.well-known/oauth-protected-resource/mcp-agent`)).json();
    expect(asMeta).toMatchObject({ issuer: server.url, code_challenge_methods_supported: ["S256"], authorization_response_iss_parameter_supported: true });
    expect(prm).toMatchObject({ resource: attempt.connectorUrl, authorization_servers: [server.url] });
    expect(keyPrm).toMatchObject({ resource: `${server.url}/mcp-agent`, authorization_servers: [server.url] });
    expect(await (await fetch(`${server.url}/.well-known/openid-configuration`)).json()).toEqual(asMeta);
  });

  it("answers unknown documents with JSON 404", async () => {
    for (const path of ["/.well-known/oauth-protected-resource/elsewhere", "/.well-known/jwks.json"]) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(response.headers.get("content-type")).toContain("application/json");
    }
  });

  it("challenges a connector URL without a token with its own metadata URL", async () => {
    const attempt = await startConnection(server.url);
    const response = await fetch(attempt.connectorUrl, { method: "POST" });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe(
      `Bearer realm="Logistified", resource_metadata="${server.url}/.well-known/oauth-protected-resource${new URL(attempt.connectorUrl).pathname}"`,
    );
  });
});

describe("registration", () => {
  it("accepts the chat apps' callbacks and loopback, and refuses any other redirect URI", async () => {
    for (const uri of ["https://claude.ai/api/mcp/auth_callback", "https://chatgpt.com/connector/oauth/abc_123", "http://localhost:3334/cb"]) {
      expect((await register({ redirect_uris: [uri] })).status, uri).toBe(201);
    }
    for (const uri of ["https://evil.example/callback", "https://claude.ai.evil.example/api/mcp/auth_callback", "https://claude.ai:8443/api/mcp/auth_callback", "http://claude.ai/api/mcp/auth_callback", "https://user@claude.ai/api/mcp/auth_callback", "javascript:alert(1)"]) {
      const response = await register({ redirect_uris: [uri] });
      expect(response.status, uri).toBe(400);
      expect(OAuthErrorBody.parse(await response.json()).error).toBe("invalid_redirect_uri");
    }
  });

  it("refuses a list of redirect URIs if any one entry is not allowed, wherever it stands, and registers nothing", async () => {
    const allowed = fc.constantFrom("https://claude.ai/api/mcp/auth_callback", "https://chatgpt.com/connector/oauth/x_1", "http://127.0.0.1:9/cb", "http://[::1]:8080/callback");
    const refused = fc.oneof(
      fc.constantFrom("", " ", "https://evil.example/cb", "HTTPS://EVIL.EXAMPLE/", "https://claude.ai/api/mcp/auth_callback#x", "//claude.ai/api/mcp/auth_callback", "http://192.168.1.9/cb", "file:///etc/passwd"),
      fc.string({ maxLength: 40 }).filter((text) => !/^https?:/i.test(text)),
    );
    const entries = fc.array(fc.oneof(allowed.map((uri) => ({ uri, ok: true })), refused.map((uri) => ({ uri, ok: false }))), { minLength: 1, maxLength: 10 });
    await fc.assert(
      fc.asyncProperty(entries, async (list) => {
        const before = clientCount();
        const response = await register({ redirect_uris: list.map((entry) => entry.uri) });
        if (list.every((entry) => entry.ok)) {
          expect(response.status).toBe(201);
          return;
        }
        expect(response.status).toBe(400);
        expect(OAuthErrorBody.parse(await response.json()).error).toBe("invalid_redirect_uri");
        expect(clientCount()).toBe(before);
      }),
      { numRuns: 60 },
    );
    server.db.delete(rateLimitHits).run();
  });

  it("refuses an empty entry beside a foreign host: the attack that once registered evil.example", async () => {
    const response = await register({ redirect_uris: ["", "https://evil.example/cb"] });
    expect(response.status).toBe(400);
    expect(OAuthErrorBody.parse(await response.json()).error_description).toContain('redirect_uris.0: "" is not allowed');
  });

  it("quotes a refused value briefly instead of echoing it whole", async () => {
    const long = `https://evil.example/${"a".repeat(1_900)}`;
    const response = await register({ redirect_uris: [long], grant_types: Array(10).fill("client_credentials") });
    const body = OAuthErrorBody.parse(await response.json());
    expect(response.status).toBe(400);
    expect(body.error_description.length).toBeLessThan(800);
    expect(body.error_description).toContain("and 6 more");
  });

  it("a client row stored with an empty or foreign redirect URI can start nothing: an error page, never a redirect or a 500", async () => {
    const attempt = await startConnection(server.url);
    const clientId = newId("cli");
    server.db
      .insert(oauthClients)
      .values({ id: clientId, name: "Old row", redirectUris: ["", "https://evil.example/cb"], tokenEndpointAuthMethod: "none", secretHash: null, createdAt: new Date() })
      .run();
    for (const redirectUri of ["", "https://evil.example/cb"]) {
      const url = authorizeUrl({ client_id: clientId }, attempt.connectorUrl, pkce().challenge);
      url.searchParams.set("redirect_uri", redirectUri);
      const page = await browse(url);
      expect(page.status, redirectUri).toBe(400);
      expect(page.location).toBeNull();
      expect(textOf(page.html)).toContain("Unexpected return address");
    }
  });
});

describe("each refusal of the authorization flow", () => {
  it("an expired code: the approval page explains, and nothing starts", async () => {
    const attempt = await startConnection(server.url);
    server.db.update(connectionAttempts).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(connectionAttempts.id, attempt.id)).run();
    const { client } = await registeredClient();
    const page = await browse(authorizeUrl(client, attempt.connectorUrl, pkce().challenge));
    expect(page.status).toBe(400);
    expect(textOf(page.html)).toContain("This code has expired. Generate a new one in Logistified and add the connector again.");
    expect(page.location).toBeNull();
  });

  it("an expired code typed after the page opened", async () => {
    const attempt = await startConnection(server.url);
    const { client } = await registeredClient();
    const consent = await browse(authorizeUrl(client, attempt.connectorUrl, pkce().challenge));
    server.db.update(connectionAttempts).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(connectionAttempts.id, attempt.id)).run();
    const typed = await submitCode(consent, attempt.code);
    expect(textOf(typed.html)).toContain("This code has expired.");
  });

  it("a used code: a second authorization on the same connector URL cannot start", async () => {
    const { attempt } = await approvedConnection();
    const { client } = await registeredClient();
    const page = await browse(authorizeUrl(client, attempt.connectorUrl, pkce().challenge));
    expect(textOf(page.html)).toContain("This code has already been used. Generate a new one in Logistified.");
  });

  it("a wrong code: counted down, locked at the fifth, and then even the right code fails", async () => {
    const attempt = await startConnection(server.url);
    const { client } = await registeredClient();
    const consent = await browse(authorizeUrl(client, attempt.connectorUrl, pkce().challenge));
    const wrong = attempt.code.replace(/^./, (c) => (c === "A" ? "B" : "A"));
    for (const left of ["4 attempts left", "3 attempts left", "2 attempts left", "1 attempt left"]) {
      expect(textOf((await submitCode(consent, wrong)).html)).toContain(`That code isn't right. Check it and try again. ${left}.`);
    }
    expect(textOf((await submitCode(consent, wrong)).html)).toContain("Too many attempts. Generate a new code in Logistified and start again.");
    expect(textOf((await submitCode(consent, attempt.code)).html)).toContain("Too many attempts.");
    expect(server.db.select().from(connections).where(eq(connections.attemptId, attempt.id)).all()).toHaveLength(0);
  });

  it("more than 20 code submissions from one address in 10 minutes are refused, right code or not", async () => {
    const { client } = await registeredClient();
    for (let i = 0; i < 4; i++) {
      const attempt = await startConnection(server.url);
      const consent = await browse(authorizeUrl(client, attempt.connectorUrl, pkce().challenge));
      for (let j = 0; j < 4; j++) await submitCode(consent, "WRNG2345");
    }
    const attempt = await startConnection(server.url);
    const consent = await browse(authorizeUrl(client, attempt.connectorUrl, pkce().challenge));
    for (let j = 0; j < 4; j++) await submitCode(consent, "WRNG2345");
    const refused = await submitCode(consent, attempt.code);
    expect(textOf(refused.html)).toContain("Too many codes were entered from this network.");
  });

  it("wrong codes on other attempts of the store, from any number of addresses, never lock this attempt's right code", async () => {
    const { client } = await registeredClient();
    const lockAnAttempt = async () => {
      const attempt = await startConnection(server.url);
      for (let i = 0; i < 5; i++) {
        // A fresh authorization request each time, and another network address each time.
        const consent = await browse(authorizeUrl(client, attempt.connectorUrl, pkce().challenge));
        if (consent.status !== 200) break;
        await submitCode(consent, "WRNG2345");
        server.db.delete(rateLimitHits).where(like(rateLimitHits.bucket, "code:address:%")).run();
      }
      return attempt;
    };
    const locked = [];
    for (let round = 0; round < 6; round++) locked.push(await lockAnAttempt());
    const statuses = server.db.select({ id: connectionAttempts.id, status: connectionAttempts.status }).from(connectionAttempts).all();
    for (const attempt of locked) expect(statuses.find((row) => row.id === attempt.id)?.status).toBe("locked");

    const attempt = await startConnection(server.url);
    const consent = await browse(authorizeUrl(client, attempt.connectorUrl, pkce().challenge));
    expect(textOf((await submitCode(consent, attempt.code)).html)).toContain("Approve");
  });

  it("accepts the code in any case, with or without the hyphen", async () => {
    const attempt = await startConnection(server.url);
    const { client } = await registeredClient();
    const consent = await browse(authorizeUrl(client, attempt.connectorUrl, pkce().challenge));
    const typed = await submitCode(consent, attempt.code.replace("-", "").toLowerCase());
    expect(textOf(typed.html)).toContain("Approve");
  });

  it("a code from another store does not open this store's attempt", async () => {
    const otherShop = seedDemoStore(server.db, { domain: "other-chat.myshopify.com", name: "Other Chat Store", seed: 3 });
    const otherCode = "ABCD2345";
    server.db
      .insert(connectionAttempts)
      .values({ id: newId("att"), shopId: otherShop, scope: "read_write", codeHash: hashSecret(otherCode), status: "pending", createdByName: "Other", expiresAt: new Date(Date.now() + 600_000) })
      .run();
    const attempt = await startConnection(server.url);
    const { client } = await registeredClient();
    const consent = await browse(authorizeUrl(client, attempt.connectorUrl, pkce().challenge));
    expect(textOf((await submitCode(consent, otherCode)).html)).toContain("That code isn't right.");
  });

  it("plain PKCE, or none, is refused with a redirect carrying invalid_request, and no page", async () => {
    const attempt = await startConnection(server.url);
    const { client } = await registeredClient();
    for (const method of ["plain", null]) {
      const url = authorizeUrl(client, attempt.connectorUrl, pkce().challenge);
      if (method) url.searchParams.set("code_challenge_method", method);
      else url.searchParams.delete("code_challenge_method");
      const page = await browse(url);
      expect(page.status).toBe(302);
      const location = new URL(page.location!);
      expect(`${location.origin}${location.pathname}`).toBe(CALLBACK);
      expect(location.searchParams.get("error")).toBe("invalid_request");
      expect(location.searchParams.get("iss")).toBe(server.url);
    }
  });

  it("a redirect URI that was not registered gets an error page, never a redirect", async () => {
    const attempt = await startConnection(server.url);
    const { client } = await registeredClient();
    const url = authorizeUrl(client, attempt.connectorUrl, pkce().challenge);
    url.searchParams.set("redirect_uri", "https://claude.ai/api/mcp/auth_callback");
    const page = await browse(url);
    expect(page.status).toBe(400);
    expect(page.location).toBeNull();
    expect(textOf(page.html)).toContain("The app asked to be sent back to an address it did not register.");
  });

  it("a CSRF token without its cookie is refused", async () => {
    const attempt = await startConnection(server.url);
    const { client } = await registeredClient();
    const consent = await browse(authorizeUrl(client, attempt.connectorUrl, pkce().challenge));
    const typed = await submitCode({ ...consent, cookie: null }, attempt.code);
    expect(typed.status).toBe(403);
  });

  it("Deny consumes the code, returns access_denied, and creates nothing", async () => {
    const attempt = await startConnection(server.url);
    const { client } = await registeredClient();
    const callback = await approveInBrowser(authorizeUrl(client, attempt.connectorUrl, pkce().challenge), attempt.code, "deny");
    expect(callback.searchParams.get("error")).toBe("access_denied");
    expect(server.db.select().from(connections).where(eq(connections.attemptId, attempt.id)).all()).toHaveLength(0);
    const again = await browse(authorizeUrl(client, attempt.connectorUrl, pkce().challenge));
    expect(textOf(again.html)).toContain("This code has already been used.");
  });
});

describe("each refusal of the token endpoint", () => {
  it("a PKCE verifier that does not match: invalid_grant, and the code still works with the right one", async () => {
    const { client, code, verifier } = await approvedCode();
    const wrong = await token(client, { grant_type: "authorization_code", code, redirect_uri: CALLBACK, code_verifier: pkce().verifier });
    expect(wrong.status).toBe(400);
    expect(OAuthErrorBody.parse(await wrong.json()).error).toBe("invalid_grant");
    const right = await token(client, { grant_type: "authorization_code", code, redirect_uri: CALLBACK, code_verifier: verifier });
    expect(right.status).toBe(200);
  });

  it("a redirect_uri other than the authorization's does not consume the code", async () => {
    const { client, code, verifier } = await approvedCode();
    const wrong = await token(client, { grant_type: "authorization_code", code, redirect_uri: "http://127.0.0.1:9/other", code_verifier: verifier });
    expect(wrong.status).toBe(400);
    expect((await token(client, { grant_type: "authorization_code", code, redirect_uri: CALLBACK, code_verifier: verifier })).status).toBe(200);
  });

  it("an authorization code replayed: refused, and the connection and its tokens are revoked", async () => {
    const { client, code, verifier, attempt } = await approvedCode();
    const first = Tokens.parse(await (await token(client, { grant_type: "authorization_code", code, redirect_uri: CALLBACK, code_verifier: verifier })).json());
    expect((await mcp(attempt.connectorUrl, first.access_token)).status).toBe(200);
    const replay = await token(client, { grant_type: "authorization_code", code, redirect_uri: CALLBACK, code_verifier: verifier });
    expect(OAuthErrorBody.parse(await replay.json()).error).toBe("invalid_grant");
    expect((await mcp(attempt.connectorUrl, first.access_token)).status).toBe(401);
    expect((await token(client, { grant_type: "refresh_token", refresh_token: first.refresh_token })).status).toBe(400);
    expect(connectionOf(attempt.id)?.revokedReason).toBe("authorization_code_replayed");
  });

  it("a refresh token reused: refused, and everything issued under the connection dies", async () => {
    const { client, attempt, tokens } = await exchangedTokens();
    const rotated = Tokens.parse(await (await token(client, { grant_type: "refresh_token", refresh_token: tokens.refresh_token })).json());
    expect(rotated.refresh_token).not.toBe(tokens.refresh_token);
    const reuse = await token(client, { grant_type: "refresh_token", refresh_token: tokens.refresh_token });
    expect(OAuthErrorBody.parse(await reuse.json()).error).toBe("invalid_grant");
    expect((await mcp(attempt.connectorUrl, rotated.access_token)).status).toBe(401);
    expect((await token(client, { grant_type: "refresh_token", refresh_token: rotated.refresh_token })).status).toBe(400);
    expect(connectionOf(attempt.id)?.revokedReason).toBe("refresh_token_reused");
  });

  it("a token from a revoked connection fails at once, and the app cannot re-authorize", async () => {
    const { client, attempt, tokens } = await exchangedTokens();
    await postPageAction(server.url, { intent: "disconnect-app", connectionId: connectionOf(attempt.id)!.id });
    expect((await mcp(attempt.connectorUrl, tokens.access_token)).status).toBe(401);
    expect(OAuthErrorBody.parse(await (await token(client, { grant_type: "refresh_token", refresh_token: tokens.refresh_token })).json()).error).toBe("invalid_grant");
    const again = await browse(authorizeUrl(client, attempt.connectorUrl, pkce().challenge));
    expect(textOf(again.html)).toContain("This code has already been used.");
  });

  it("another client cannot redeem or refresh a client's tokens", async () => {
    const { attempt, tokens } = await exchangedTokens();
    const { client: thief } = await registeredClient();
    expect((await token(thief, { grant_type: "refresh_token", refresh_token: tokens.refresh_token })).status).toBe(400);
    // The rightful connection is untouched by the attempt.
    expect(connectionOf(attempt.id)?.revokedAt).toBeNull();
    expect((await mcp(attempt.connectorUrl, tokens.access_token)).status).toBe(200);
  });

  it("a client secret that is wrong: 401 invalid_client, with a Basic challenge when Basic was tried", async () => {
    const { client } = await registeredClient();
    const basic = await fetch(`${server.url}/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Authorization: `Basic ${Buffer.from(`${client.client_id}:wrong`).toString("base64")}` },
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: "x" }),
    });
    expect(basic.status).toBe(401);
    expect(basic.headers.get("www-authenticate")).toContain("Basic");
    expect(OAuthErrorBody.parse(await basic.json()).error).toBe("invalid_client");
  });

  it("a grant type other than code and refresh", async () => {
    const { client } = await registeredClient();
    const response = await token(client, { grant_type: "client_credentials" });
    expect(OAuthErrorBody.parse(await response.json()).error).toBe("unsupported_grant_type");
  });

  it("a resource other than the connection's: invalid_target", async () => {
    const { client, code, verifier } = await approvedCode();
    const response = await token(client, { grant_type: "authorization_code", code, redirect_uri: CALLBACK, code_verifier: verifier, resource: `${server.url}/mcp-agent` });
    expect(OAuthErrorBody.parse(await response.json()).error).toBe("invalid_target");
  });

  it("revocation (RFC 7009): an access token alone, or a refresh token with its whole connection", async () => {
    const first = await exchangedTokens();
    expect((await fetchForm("/revoke", first.client, { token: first.tokens.access_token })).status).toBe(200);
    expect((await mcp(first.attempt.connectorUrl, first.tokens.access_token)).status).toBe(401);
    expect((await token(first.client, { grant_type: "refresh_token", refresh_token: first.tokens.refresh_token })).status).toBe(200);

    const second = await exchangedTokens();
    expect((await fetchForm("/revoke", second.client, { token: second.tokens.refresh_token })).status).toBe(200);
    expect(connectionOf(second.attempt.id)?.revokedAt).not.toBeNull();
    expect((await mcp(second.attempt.connectorUrl, second.tokens.access_token)).status).toBe(401);
  });
});

describe("credentials are valid only where they were issued for", () => {
  it("an access token at /mcp-agent, a key at a connector URL, a token at another connection's URL: all 401", async () => {
    const a = await exchangedTokens();
    const b = await exchangedTokens();
    const key = await createdKey(server.url, { scope: "read" });
    expect((await mcp(`${server.url}/mcp-agent`, a.tokens.access_token)).status).toBe(401);
    expect((await mcp(a.attempt.connectorUrl, key.key)).status).toBe(401);
    expect((await mcp(b.attempt.connectorUrl, a.tokens.access_token)).status).toBe(401);
    expect((await fetch(`${server.url}/api/v1/locations`, { headers: { Authorization: `Bearer ${a.tokens.access_token}` } })).status).toBe(401);
    expect((await mcp(a.attempt.connectorUrl, a.tokens.access_token)).status).toBe(200);
  });

  it("a read-write connection sees the scope it was granted, whatever the app asked for", async () => {
    const { tokens } = await exchangedTokens("read_write");
    expect(tokens.scope).toBe("mcp:read mcp:write");
  });

  it("audits a connected app's tool calls under its name", async () => {
    const { attempt, tokens } = await exchangedTokens();
    await mcp(attempt.connectorUrl, tokens.access_token, { jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "search_api", arguments: { query: "variants" } } });
    const connection = connectionOf(attempt.id)!;
    const rows = server.db.select().from(auditLog).where(eq(auditLog.principalId, connection.id)).all();
    expect(rows.map((row) => [row.tag, row.principalKind, row.outcome])).toEqual([["mcp:Test Chat", "connected_app", "ok"]]);
  });
});

describe("no secret of the OAuth flow is stored or logged in the clear", () => {
  it("scans every text column and the server's output for codes, tokens and client secrets", async () => {
    const { client, code, verifier, attempt } = await approvedCode();
    const tokens = Tokens.parse(await (await token(client, { grant_type: "authorization_code", code, redirect_uri: CALLBACK, code_verifier: verifier })).json());
    const rotated = Tokens.parse(await (await token(client, { grant_type: "refresh_token", refresh_token: tokens.refresh_token })).json());
    const secrets = [attempt.code.replace("-", ""), code, tokens.access_token, tokens.refresh_token, rotated.access_token, rotated.refresh_token, client.client_secret!];
    for (const secret of secrets) {
      expect(placesContaining(server.db, secret), secret.slice(0, 6)).toEqual([]);
      expect(server.output()).not.toContain(secret);
    }
  });
});

// ---------------------------------------------------------------------------------------------

async function register(body: object) {
  const response = await fetch(`${server.url}/register`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  if (response.ok) rememberTokens(await response.clone().json());
  return response;
}

function clientCount(): number {
  return server.db.select({ n: count() }).from(oauthClients).get()?.n ?? 0;
}

async function registeredClient() {
  const response = await register({ client_name: "Test Chat", redirect_uris: [CALLBACK], token_endpoint_auth_method: "client_secret_post" });
  return { client: Registered.parse(await response.json()) };
}

function pkce() {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

function authorizeUrl(client: z.infer<typeof Registered>, connectorUrl: string, challenge: string): URL {
  const url = new URL(`${server.url}/authorize`);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: client.client_id,
    redirect_uri: CALLBACK,
    state: "xyz",
    code_challenge: challenge,
    code_challenge_method: "S256",
    resource: connectorUrl,
  }).toString();
  return url;
}

async function submitCode(consent: { html: string; cookie: string | null }, code: string) {
  return browse(`${server.url}/authorize`, {
    form: { request_id: hiddenField(consent.html, "request_id"), csrf_token: hiddenField(consent.html, "csrf_token"), intent: "code", code },
    cookie: consent.cookie,
  });
}

async function approvedCode(scope: "read" | "read_write" = "read") {
  const attempt = await startConnection(server.url, scope);
  const { client } = await registeredClient();
  const { verifier, challenge } = pkce();
  const callback = await approveInBrowser(authorizeUrl(client, attempt.connectorUrl, challenge), attempt.code);
  return { client, attempt, verifier, code: callback.searchParams.get("code")! };
}

async function approvedConnection() {
  return approvedCode();
}

async function exchangedTokens(scope: "read" | "read_write" = "read") {
  const { client, attempt, verifier, code } = await approvedCode(scope);
  const tokens = Tokens.parse(await (await token(client, { grant_type: "authorization_code", code, redirect_uri: CALLBACK, code_verifier: verifier })).json());
  return { client, attempt, tokens };
}

function token(client: z.infer<typeof Registered>, fields: Record<string, string>) {
  return fetchForm("/token", client, fields);
}

async function fetchForm(path: string, client: z.infer<typeof Registered>, fields: Record<string, string>) {
  const response = await fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ client_id: client.client_id, ...(client.client_secret ? { client_secret: client.client_secret } : {}), ...fields }),
  });
  if (response.ok) rememberTokens(await response.clone().json());
  return response;
}

function mcp(url: string, bearer: string, message: object = { jsonrpc: "2.0", id: 1, method: "tools/list" }) {
  return fetch(url, {
    method: "POST",
    headers: { Authorization: `Bearer ${bearer}`, "Content-Type": "application/json", Accept: "application/json, text/event-stream" },
    body: JSON.stringify(message),
  });
}

function connectionOf(attemptId: string) {
  return server.db.select().from(connections).where(eq(connections.attemptId, attemptId)).get();
}
