/**
 * The one way in. `requirePrincipal` turns a request's `Authorization: Bearer …` header into a
 * Principal `{ shop, scope, credential }`, or throws a 401 Response. It runs before anything else
 * in a request, before the HTTP method is even looked at, and reads the credential from the
 * database every time: a revocation takes effect on the very next request.
 *
 * The caller hears one generic refusal; the exact reason goes to the audit log when the credential
 * is attributable to a store (a recognised but revoked key).
 */
import { and, eq } from "drizzle-orm";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { decodeHex } from "@oslojs/encoding";
import { apiKeys, shops } from "../../db/schema";
import { db } from "../db.server";
import { findApiKeyByHash, touchApiKey, type AccessScope } from "./api-keys.server";
import { recordAudit } from "./audit.server";
import { hashSecret, isWellFormedApiKey } from "./key-format";

export type Principal = {
  shop: { id: string; domain: string };
  scope: AccessScope;
  credential: { kind: "api_key"; id: string; prefix: string; label: string };
};

/** Where a credential is being presented (each surface has its own challenge) and for which request. */
export type AccessSurface = { channel: "mcp" | "rest"; requestId: string };

export type CredentialRefusal = "missing" | "malformed" | "unknown" | "revoked" | "shop_uninstalled";

export type CredentialCheck =
  | { ok: true; principal: Principal }
  | { ok: false; reason: CredentialRefusal; attributedTo?: { shopId: string; keyId: string; prefix: string } };

/** Pure outcome of checking a bearer header: no response shaping, no audit. */
export function checkCredential(authorization: string | null, now: Date = new Date()): CredentialCheck {
  if (!authorization) return { ok: false, reason: "missing" };
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization);
  if (!match) return { ok: false, reason: "malformed" };
  const presented = match[1]!;
  if (!isWellFormedApiKey(presented)) return { ok: false, reason: "malformed" };

  const presentedHash = hashSecret(presented);
  const row = findApiKeyByHash(presentedHash);
  // The lookup is by hash; the comparison is defence in depth against an index that matched loosely.
  if (!row || !constantTimeEqual(decodeHex(row.keyHash), decodeHex(presentedHash))) {
    return { ok: false, reason: "unknown" };
  }
  const attributedTo = { shopId: row.shopId, keyId: row.id, prefix: row.prefix };
  if (row.revokedAt) return { ok: false, reason: "revoked", attributedTo };
  const shop = db()
    .select({ id: shops.id, domain: shops.shopifyDomain, uninstalledAt: shops.uninstalledAt })
    .from(shops)
    .where(eq(shops.id, row.shopId))
    .get();
  if (!shop || shop.uninstalledAt) return { ok: false, reason: "shop_uninstalled", attributedTo };

  touchApiKey(row.id, now);
  return {
    ok: true,
    principal: {
      shop: { id: shop.id, domain: shop.domain },
      scope: row.scope,
      credential: { kind: "api_key", id: row.id, prefix: row.prefix, label: row.label },
    },
  };
}

/**
 * Whether a principal resolved earlier in this request may still act: its credential is not
 * revoked and its shop is installed. Long-running work (a sandboxed program) asks before every
 * operation, so a revocation stops it at its next call.
 */
export function isPrincipalStillValid(principal: Principal): boolean {
  const row = db()
    .select({ revokedAt: apiKeys.revokedAt, uninstalledAt: shops.uninstalledAt })
    .from(apiKeys)
    .innerJoin(shops, eq(shops.id, apiKeys.shopId))
    .where(and(eq(apiKeys.id, principal.credential.id), eq(apiKeys.shopId, principal.shop.id)))
    .get();
  return row !== undefined && row.revokedAt === null && row.uninstalledAt === null;
}

export async function requirePrincipal(request: Request, surface: AccessSurface): Promise<Principal> {
  const check = checkCredential(request.headers.get("Authorization"));
  if (check.ok) return check.principal;
  if (check.attributedTo) {
    recordAudit({
      shopId: check.attributedTo.shopId,
      tag: `${surface.channel}:${check.attributedTo.prefix}`,
      principalKind: "api_key",
      principalId: check.attributedTo.keyId,
      channel: surface.channel,
      requestId: surface.requestId,
      called: `${request.method} ${new URL(request.url).pathname}${new URL(request.url).search}`,
      outcome: `unauthorized:${check.reason}`,
      durationMs: 0,
    });
  }
  throw unauthorizedResponse(surface, check.reason);
}

const REFUSAL_MESSAGE =
  "Unauthorized: send an active Logistified API key as `Authorization: Bearer lstk_…`. Keys are created, and revoked, on the LLM / Agent Access page in Logistified.";

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
  const body = { jsonrpc: "2.0", error: { code: -32001, message: REFUSAL_MESSAGE }, id: null };
  return new Response(JSON.stringify(body), {
    status: 401,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store", "WWW-Authenticate": `Bearer realm="Logistified"${error}` },
  });
}
