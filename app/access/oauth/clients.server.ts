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

const RegistrationRequest = z.object({
  redirect_uris: z.array(z.string()).min(1).max(10),
  client_name: z.string().trim().min(1).optional(),
  token_endpoint_auth_method: z.enum(TOKEN_AUTH_METHODS).default("client_secret_basic"),
  grant_types: z.array(z.string()).optional(),
  response_types: z.array(z.string()).optional(),
  // Asked-for scopes are ignored: the granted scope always comes from the connection code.
  scope: z.string().optional(),
});

export type OAuthClient = typeof oauthClients.$inferSelect;

export function registerClient(body: unknown, clientAddress: string, now = new Date()) {
  const limited = takeRateLimit(`register:address:${clientAddress}`, RATE_LIMITS.registrationsPerAddress, now);
  if (!limited.allowed) throw new OAuthError("slow_down", "Too many registrations from this address; try again later.", limited.retryAfterSeconds);
  const parsed = RegistrationRequest.safeParse(body);
  if (!parsed.success) {
    throw new OAuthError("invalid_client_metadata", parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
  }
  const request = parsed.data;
  const refused = request.redirect_uris.find((uri) => !isRegistrableRedirectUri(uri));
  if (refused) {
    throw new OAuthError("invalid_redirect_uri", `Redirect URI ${refused} is not allowed: use a claude.ai, claude.com or chatgpt.com callback, or a loopback address.`);
  }
  if (request.grant_types?.some((grant) => grant !== "authorization_code" && grant !== "refresh_token")) {
    throw new OAuthError("invalid_client_metadata", "grant_types may only hold authorization_code and refresh_token.");
  }
  if (request.response_types?.some((type) => type !== "code")) {
    throw new OAuthError("invalid_client_metadata", "response_types may only hold code.");
  }

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
