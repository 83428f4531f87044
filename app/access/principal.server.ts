/**
 * The one way in. `requirePrincipal` turns a request's `Authorization: Bearer …` header into a
 * Principal `{ shop, scope, credential }`, or throws a 401 Response. It runs before anything else
 * in a request, before the HTTP method is even looked at, and reads the credential from the
 * database every time: a revocation takes effect on the very next request.
 *
 * Credentials are bound to where they are presented: an `lstk_` key at `/mcp-agent` and the REST
 * API; a connected app's access token only at its own connector URL. Anywhere else it is refused
 * like an unknown one. The caller hears one generic refusal; the exact reason goes to the audit log
 * whenever the credential can be attributed to a store.
 */
import { and, eq } from "drizzle-orm";
import { apiKeys, connections, shops } from "../../db/schema";
import { db } from "../db.server";
import { appEnv } from "../env.server";
import { findApiKeyByHash, touchApiKey, type AccessScope } from "./api-keys.server";
import { recordAudit } from "./audit.server";
import { isWellFormedApiKey } from "./key-format";
import { lookupAccessToken, isAccessTokenShaped } from "./oauth/tokens.server";
import { touchConnection } from "./oauth/connections.server";
import { protectedResourceMetadataUrl } from "./oauth/metadata";
import { attemptIdFromPath } from "./oauth/resources";
import { hashSecret, secretsEqual } from "./secrets";

export type Credential =
  | { kind: "api_key"; id: string; prefix: string; label: string }
  | { kind: "connected_app"; id: string; appName: string };

export type Principal = {
  shop: { id: string; domain: string };
  scope: AccessScope;
  credential: Credential;
};

export const AGENT_PATH = "/mcp-agent";

/**
 * Where a credential is presented: the channel, the request it belongs to, and the resource path
 * (`/mcp-agent`, `/connect/<attempt id>/mcp-agent`, or `/api/v1` for REST).
 */
export type AccessSurface = { channel: "mcp" | "rest"; requestId: string; resourcePath: string };

export type CredentialRefusal = "missing" | "malformed" | "unknown" | "revoked" | "expired" | "wrong_resource" | "shop_uninstalled";

type Attribution = { shopId: string; credential: Credential };

export type CredentialCheck =
  | { ok: true; principal: Principal }
  | { ok: false; reason: CredentialRefusal; attributedTo?: Attribution };

/** How the audit log names a credential: the key's prefix, or the connected app's name. */
export function credentialTag(channel: string, credential: Credential): string {
  return `${channel}:${credential.kind === "api_key" ? credential.prefix : credential.appName}`;
}

export function checkCredential(authorization: string | null, resourcePath: string, now: Date = new Date()): CredentialCheck {
  if (!authorization) return { ok: false, reason: "missing" };
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization);
  if (!match) return { ok: false, reason: "malformed" };
  const presented = match[1]!;
  if (isWellFormedApiKey(presented)) return checkApiKey(presented, resourcePath, now);
  if (isAccessTokenShaped(presented)) return checkAccessToken(presented, resourcePath, now);
  return { ok: false, reason: "malformed" };
}

function checkApiKey(presented: string, resourcePath: string, now: Date): CredentialCheck {
  const presentedHash = hashSecret(presented);
  const row = findApiKeyByHash(presentedHash);
  // The lookup is by hash; the comparison is defence in depth against an index that matched loosely.
  if (!row || !secretsEqual(row.keyHash, presentedHash)) return { ok: false, reason: "unknown" };
  const credential: Credential = { kind: "api_key", id: row.id, prefix: row.prefix, label: row.label };
  const attributedTo = { shopId: row.shopId, credential };
  if (row.revokedAt) return { ok: false, reason: "revoked", attributedTo };
  if (attemptIdFromPath(resourcePath) !== null) return { ok: false, reason: "wrong_resource", attributedTo };
  const shop = installedShop(row.shopId);
  if (!shop) return { ok: false, reason: "shop_uninstalled", attributedTo };
  touchApiKey(row.id, now);
  return { ok: true, principal: { shop, scope: row.scope, credential } };
}

function checkAccessToken(presented: string, resourcePath: string, now: Date): CredentialCheck {
  const found = lookupAccessToken(presented);
  if (!found) return { ok: false, reason: "unknown" };
  const { token, connection } = found;
  const credential: Credential = { kind: "connected_app", id: connection.id, appName: connection.appName };
  const attributedTo = { shopId: connection.shopId, credential };
  if (connection.revokedAt || token.revokedAt) return { ok: false, reason: "revoked", attributedTo };
  if (token.expiresAt <= now) return { ok: false, reason: "expired", attributedTo };
  // Audience binding (RFC 8707): valid only at the connector URL it was issued for.
  if (attemptIdFromPath(resourcePath) !== connection.attemptId) return { ok: false, reason: "wrong_resource", attributedTo };
  const shop = installedShop(connection.shopId);
  if (!shop) return { ok: false, reason: "shop_uninstalled", attributedTo };
  touchConnection(connection.id, now);
  return { ok: true, principal: { shop, scope: connection.scope, credential } };
}

function installedShop(shopId: string): Principal["shop"] | null {
  const shop = db()
    .select({ id: shops.id, domain: shops.shopifyDomain, uninstalledAt: shops.uninstalledAt })
    .from(shops)
    .where(eq(shops.id, shopId))
    .get();
  return shop && !shop.uninstalledAt ? { id: shop.id, domain: shop.domain } : null;
}

/**
 * Whether a principal resolved earlier in this request may still act: its credential is not
 * revoked and its shop is installed. Long-running work (a sandboxed program) asks before every
 * operation, so a revocation stops it at its next call.
 */
export function isPrincipalStillValid(principal: Principal): boolean {
  const { credential } = principal;
  const row =
    credential.kind === "api_key"
      ? db()
          .select({ revokedAt: apiKeys.revokedAt, uninstalledAt: shops.uninstalledAt })
          .from(apiKeys)
          .innerJoin(shops, eq(shops.id, apiKeys.shopId))
          .where(and(eq(apiKeys.id, credential.id), eq(apiKeys.shopId, principal.shop.id)))
          .get()
      : db()
          .select({ revokedAt: connections.revokedAt, uninstalledAt: shops.uninstalledAt })
          .from(connections)
          .innerJoin(shops, eq(shops.id, connections.shopId))
          .where(and(eq(connections.id, credential.id), eq(connections.shopId, principal.shop.id)))
          .get();
  return row !== undefined && row.revokedAt === null && row.uninstalledAt === null;
}

export async function requirePrincipal(request: Request, surface: AccessSurface): Promise<Principal> {
  const check = checkCredential(request.headers.get("Authorization"), surface.resourcePath);
  if (check.ok) return check.principal;
  if (check.attributedTo) {
    const url = new URL(request.url);
    recordAudit({
      shopId: check.attributedTo.shopId,
      tag: credentialTag(surface.channel, check.attributedTo.credential),
      principalKind: check.attributedTo.credential.kind,
      principalId: check.attributedTo.credential.id,
      channel: surface.channel,
      requestId: surface.requestId,
      called: `${request.method} ${url.pathname}${url.search}`,
      outcome: `unauthorized:${check.reason}`,
      durationMs: 0,
    });
  }
  throw unauthorizedResponse(surface, check.reason);
}

const REFUSAL_MESSAGE =
  "Unauthorized: send an active Logistified credential as `Authorization: Bearer …`: an API key (lstk_…) at /mcp-agent or the REST API, or a connected app's access token at its connector URL. Keys and connections are managed on the LLM / Agent Access page in Logistified.";

function unauthorizedResponse(surface: AccessSurface, reason: CredentialRefusal): Response {
  if (surface.channel === "rest") {
    const body = { error: { code: "unauthorized", message: REFUSAL_MESSAGE, details: {} }, meta: { requestId: surface.requestId, apiVersion: "1.0" } };
    return new Response(JSON.stringify(body), {
      status: 401,
      headers: {
        "Content-Type": "application/json",
        "Cache-Control": "no-store",
        "X-Request-Id": surface.requestId,
        "WWW-Authenticate": 'Bearer realm="Logistified API"',
      },
    });
  }
  const error = reason === "missing" ? "" : ', error="invalid_token"';
  const metadata = protectedResourceMetadataUrl(appEnv().appUrl, surface.resourcePath);
  const body = { jsonrpc: "2.0", error: { code: -32001, message: REFUSAL_MESSAGE }, id: null };
  return new Response(JSON.stringify(body), {
    status: 401,
    headers: {
      "Content-Type": "application/json",
      "Cache-Control": "no-store",
      "WWW-Authenticate": `Bearer realm="Logistified"${error}, resource_metadata="${metadata}"`,
    },
  });
}
