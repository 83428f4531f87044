/**
 * A chat app connecting the way claude.ai or ChatGPT does, driven by the MCP SDK's own OAuth client:
 * discovery, dynamic registration, PKCE, token exchange. The test plays the merchant's browser on
 * the approval page: it reads the hidden fields, carries the CSRF cookie, types the code, approves.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { UnauthorizedError, type OAuthClientProvider } from "@modelcontextprotocol/sdk/client/auth.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { OAuthClientInformationMixed, OAuthClientMetadata, OAuthTokens } from "@modelcontextprotocol/sdk/shared/auth.js";
import { z } from "zod";
import { postPageAction } from "./agent-access-page";
import { rememberSecret, rememberTokens } from "./issued-secrets";

export const CALLBACK = "http://127.0.0.1:4711/callback";

const StartConnection = z.object({
  ok: z.literal(true),
  attempt: z.object({ id: z.string(), code: z.string(), connectorUrl: z.string(), expiresAt: z.string(), scope: z.string() }),
});

/** Generates a connection code on the Agent Access page, as staff do. */
export async function startConnection(baseUrl: string, scope: "read" | "read_write" = "read") {
  const response = await postPageAction(baseUrl, { intent: "start-connection", scope });
  const { attempt } = StartConnection.parse(await response.json());
  rememberSecret(attempt.code.replace("-", ""));
  return attempt;
}

export class TestOAuthProvider implements OAuthClientProvider {
  information: OAuthClientInformationMixed | undefined;
  savedTokens: OAuthTokens | undefined;
  verifier = "";
  authorizationUrl: URL | undefined;
  readonly sentState = `state-${Math.random().toString(36).slice(2)}`;

  constructor(
    readonly name = "Claude",
    readonly authMethod: "client_secret_post" | "client_secret_basic" | "none" = "client_secret_post",
  ) {}

  get redirectUrl() {
    return CALLBACK;
  }
  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: this.name,
      redirect_uris: [CALLBACK],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: this.authMethod,
    };
  }
  state() {
    return this.sentState;
  }
  clientInformation() {
    return this.information;
  }
  saveClientInformation(information: OAuthClientInformationMixed) {
    rememberTokens(information);
    this.information = information;
  }
  tokens() {
    return this.savedTokens;
  }
  saveTokens(tokens: OAuthTokens) {
    rememberTokens(tokens);
    this.savedTokens = tokens;
  }
  redirectToAuthorization(url: URL) {
    this.authorizationUrl = url;
  }
  saveCodeVerifier(verifier: string) {
    this.verifier = verifier;
  }
  codeVerifier() {
    return this.verifier;
  }
}

export type BrowserPage = { status: number; html: string; location: string | null; cookie: string | null };

/** A page of the approval flow as a browser would load it, without following redirects. */
export async function browse(url: string | URL, init: { form?: Record<string, string>; cookie?: string | null } = {}): Promise<BrowserPage> {
  const response = await fetch(url, {
    method: init.form ? "POST" : "GET",
    redirect: "manual",
    headers: {
      ...(init.form ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
      ...(init.cookie ? { Cookie: init.cookie } : {}),
    },
    body: init.form ? new URLSearchParams(init.form) : undefined,
  });
  const setCookie = response.headers.get("set-cookie");
  return {
    status: response.status,
    html: await response.text(),
    location: response.headers.get("location"),
    cookie: setCookie ? setCookie.split(";")[0]! : (init.cookie ?? null),
  };
}

export function hiddenField(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`no hidden field ${name} in the page:\n${html.slice(0, 2000)}`);
  return match[1]!;
}

/** Types `code` on the approval page at `authorizationUrl`, then approves or denies. */
export async function approveInBrowser(authorizationUrl: URL, code: string, decision: "approve" | "deny" = "approve") {
  const consent = await browse(authorizationUrl);
  if (consent.status !== 200) throw new Error(`approval page answered ${consent.status}: ${consent.html.slice(0, 500)}`);
  const fields = { request_id: hiddenField(consent.html, "request_id"), csrf_token: hiddenField(consent.html, "csrf_token") };
  const confirm = await browse(authorizationUrl.origin + "/authorize", { form: { ...fields, intent: "code", code }, cookie: consent.cookie });
  if (!confirm.html.includes("Approve")) throw new Error(`the code was not accepted: ${textOf(confirm.html)}`);
  const decided = await browse(authorizationUrl.origin + "/authorize", { form: { ...fields, intent: decision }, cookie: consent.cookie });
  if (decided.status !== 302 || !decided.location) throw new Error(`no redirect after ${decision}: ${decided.status}`);
  const callback = new URL(decided.location);
  rememberSecret(callback.searchParams.get("code"));
  return callback;
}

/** The whole web-chat connection: code from the page, SDK discovery and registration, approval, tokens. */
export async function connectWebChat(baseUrl: string, scope: "read" | "read_write" = "read", provider = new TestOAuthProvider()) {
  const attempt = await startConnection(baseUrl, scope);
  const first = new StreamableHTTPClientTransport(new URL(attempt.connectorUrl), { authProvider: provider });
  const client = new Client({ name: "web-chat-test", version: "1.0.0" });
  let redirected = false;
  try {
    await client.connect(first);
  } catch (error) {
    if (!(error instanceof UnauthorizedError)) throw error;
    redirected = true;
  }
  if (!redirected || !provider.authorizationUrl) throw new Error("the client was not sent to authorize");
  const callback = await approveInBrowser(provider.authorizationUrl, attempt.code);
  await first.finishAuth(callback.searchParams.get("code")!);
  const connected = new Client({ name: "web-chat-test", version: "1.0.0" });
  await connected.connect(new StreamableHTTPClientTransport(new URL(attempt.connectorUrl), { authProvider: provider }));
  return { client: connected, provider, attempt, callback };
}

/** The words a person reads on the page: no scripts, no tags, entities decoded. */
export function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}
