/**
 * Chat apps as OAuth clients: open dynamic registration (RFC 7591) and client authentication at the
 * token and revocation endpoints (`none`, `client_secret_post`, `client_secret_basic`). Registering
 * grants nothing: only an approved connection code does.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { newId } from "../../../db/ids";
import { oauthClients, TOKEN_AUTH_METHODS } from "../../../db/schema";
import { db } from "../../db.server";
import { RATE_LIMITS, takeRateLimit } from "../rate-limits.server";
import { generateOpaqueSecret, hashSecret, secretsEqual } from "../secrets";
import { OAuthError } from "./errors";
import { isRegistrableRedirectUri } from "./redirect-uris";

const MAX_CLIENT_NAME = 64;
const MAX_REDIRECT_URI_CHARS = 2_000;

/** Every entry is checked on its own: one acceptable URI never carries an unacceptable one in. */
const RedirectUri = z
  .string()
  .max(MAX_REDIRECT_URI_CHARS)
  .refine(isRegistrableRedirectUri, {
    error: (issue) =>
      `${quoted(issue.input)} is not allowed: use a claude.ai, claude.com or chatgpt.com callback, or a loopback address`,
  });

const RegistrationRequest = z.object({
  redirect_uris: z.array(RedirectUri).min(1).max(10),
  client_name: z.string().trim().min(1).max(1_000).optional(),
  token_endpoint_auth_method: z.enum(TOKEN_AUTH_METHODS).default("client_secret_basic"),
  grant_types: z.array(z.enum(["authorization_code", "refresh_token"])).max(10).optional(),
  response_types: z.array(z.literal("code")).max(10).optional(),
  // Asked-for scopes are ignored: the granted scope always comes from the connection code.
  scope: z.string().max(1_000).optional(),
});

export type OAuthClient = typeof oauthClients.$inferSelect;

export function registerClient(body: unknown, clientAddress: string, now = new Date()) {
  const limited = takeRateLimit(`register:address:${clientAddress}`, RATE_LIMITS.registrationsPerAddress, now);
  if (!limited.allowed) throw new OAuthError("slow_down", "Too many registrations from this address; try again later.", limited.retryAfterSeconds);
  const parsed = RegistrationRequest.safeParse(body);
  if (!parsed.success) throw registrationRefusal(parsed.error.issues);
  const request = parsed.data;

  const secret = request.token_endpoint_auth_method === "none" ? null : generateOpaqueSecret("lgcs_");
  const client = db()
    .insert(oauthClients)
    .values({
      id: newId("cli"),
      name: (request.client_name ?? "Unnamed app").slice(0, MAX_CLIENT_NAME),
      redirectUris: request.redirect_uris,
      tokenEndpointAuthMethod: request.token_endpoint_auth_method,
      secretHash: secret ? hashSecret(secret) : null,
      createdAt: now,
    })
    .returning()
    .get();
  return {
    client_id: client.id,
    client_id_issued_at: Math.floor(now.getTime() / 1000),
    client_name: client.name,
    redirect_uris: client.redirectUris,
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    token_endpoint_auth_method: client.tokenEndpointAuthMethod,
    ...(secret ? { client_secret: secret, client_secret_expires_at: 0 } : {}),
  };
}

/** RFC 7591 §3.2.2: a bad redirect URI has its own code; the description names each problem, briefly. */
function registrationRefusal(issues: readonly z.core.$ZodIssue[]): OAuthError {
  const code = issues.some((issue) => issue.path[0] === "redirect_uris" && issue.path.length === 2) ? "invalid_redirect_uri" : "invalid_client_metadata";
  const shown = issues.slice(0, MAX_PROBLEMS_SHOWN).map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`);
  const more = issues.length > MAX_PROBLEMS_SHOWN ? [`and ${issues.length - MAX_PROBLEMS_SHOWN} more`] : [];
  return new OAuthError(code, `${[...shown, ...more].join("; ")}.`);
}

const MAX_PROBLEMS_SHOWN = 5;

/** Client input quoted in a refusal: never echoed whole, so a huge value is not sent back. */
function quoted(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
  return JSON.stringify(text.length > 100 ? `${text.slice(0, 100)}…` : text);
}

export function findClient(clientId: string): OAuthClient | undefined {
  return db().select().from(oauthClients).where(eq(oauthClients.id, clientId)).get();
}

/**
 * The client behind a token or revocation request. Credentials come from HTTP Basic or the form;
 * a client registered with a secret must present it, a public client must not need one.
 */
export function authenticateClient(request: Request, form: URLSearchParams): OAuthClient {
  const basic = parseBasicAuthorization(request.headers.get("Authorization"));
  const clientId = basic?.clientId ?? form.get("client_id");
  const secret = basic?.secret ?? form.get("client_secret");
  if (!clientId) throw new OAuthError("invalid_client", "client_id is missing.");
  const client = findClient(clientId);
  if (!client) throw new OAuthError("invalid_client", "Unknown client; register again.");
  if (client.secretHash === null) return client;
  if (!secret || !secretsEqual(client.secretHash, hashSecret(secret))) {
    throw new OAuthError("invalid_client", "Client authentication failed.");
  }
  return client;
}

function parseBasicAuthorization(header: string | null): { clientId: string; secret: string } | null {
  const match = header && /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  try {
    // RFC 6749 2.3.1: both parts are form-urlencoded before base64.
    return { clientId: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  } catch (error) {
    if (error instanceof URIError) return null;
    throw error;
  }
}
