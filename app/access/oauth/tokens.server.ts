/**
 * The token endpoint's grants and the revocation endpoint. Access tokens last an hour and are valid
 * only at their connection's URL; refresh tokens rotate on every use and lapse after 90 days unused.
 * A replayed authorization code or an already-used refresh token means a secret leaked: the whole
 * connection is revoked, and with it everything issued under it.
 */
import { and, eq, isNull } from "drizzle-orm";
import { newId } from "../../../db/ids";
import { connections, oauthTokens } from "../../../db/schema";
import { db } from "../../db.server";
import { RATE_LIMITS, takeRateLimit } from "../rate-limits.server";
import { generateOpaqueSecret, hashSecret, pkceS256Matches } from "../secrets";
import { authenticateClient, type OAuthClient } from "./clients.server";
import { OAuthError } from "./errors";
import { attemptIdFromResource } from "./resources";

export const ACCESS_TOKEN_LIFETIME_MS = 60 * 60_000;
export const REFRESH_TOKEN_IDLE_LIFETIME_MS = 90 * 24 * 60 * 60_000;
export const ACCESS_TOKEN_MARKER = "lgat_";
const REFRESH_TOKEN_MARKER = "lgrt_";

export type TokenResponse = {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  refresh_token: string;
  scope: string;
};

type TokenRow = typeof oauthTokens.$inferSelect;
type ConnectionRow = typeof connections.$inferSelect;

export function exchangeToken(request: Request, form: URLSearchParams, clientAddress: string, appUrl: string, now = new Date()): TokenResponse {
  const limited = takeRateLimit(`token:address:${clientAddress}`, RATE_LIMITS.tokenRequestsPerAddress, now);
  if (!limited.allowed) throw new OAuthError("slow_down", "Too many token requests; wait and retry.", limited.retryAfterSeconds);
  const client = authenticateClient(request, form);
  switch (form.get("grant_type")) {
    case "authorization_code":
      return redeemAuthorizationCode(client, form, appUrl, now);
    case "refresh_token":
      return rotateRefreshToken(client, form, appUrl, now);
    default:
      throw new OAuthError("unsupported_grant_type", "grant_type must be authorization_code or refresh_token.");
  }
}

function redeemAuthorizationCode(client: OAuthClient, form: URLSearchParams, appUrl: string, now: Date): TokenResponse {
  const found = findToken("authorization_code", form.get("code"));
  // Another client's code is refused without touching it: that client may be the legitimate one.
  if (!found || found.connection.clientId !== client.id) throw new OAuthError("invalid_grant", "The authorization code is not valid.");
  const { token, connection } = found;
  if (token.usedAt) {
    revokeConnectionTree(connection.id, "authorization_code_replayed", now);
    throw new OAuthError("invalid_grant", "The authorization code was already used; the connection has been revoked.");
  }
  if (token.expiresAt <= now || token.revokedAt || connection.revokedAt) throw new OAuthError("invalid_grant", "The authorization code has expired.");
  if (form.get("redirect_uri") !== token.redirectUri) throw new OAuthError("invalid_grant", "redirect_uri does not match the authorization request.");
  const verifier = form.get("code_verifier");
  if (!verifier || !token.codeChallenge || !pkceS256Matches(verifier, token.codeChallenge)) {
    throw new OAuthError("invalid_grant", "code_verifier does not match the code_challenge (PKCE S256).");
  }
  checkResource(form.get("resource"), connection, appUrl);
  const issued = useOnceThenIssue(token.id, connection, now);
  if (issued) return issued;
  revokeConnectionTree(connection.id, "authorization_code_replayed", now);
  throw new OAuthError("invalid_grant", "The authorization code was already used; the connection has been revoked.");
}

function rotateRefreshToken(client: OAuthClient, form: URLSearchParams, appUrl: string, now: Date): TokenResponse {
  const found = findToken("refresh", form.get("refresh_token"));
  if (!found || found.connection.clientId !== client.id) throw new OAuthError("invalid_grant", "The refresh token is not valid.");
  const { token, connection } = found;
  if (connection.revokedAt || token.revokedAt) throw new OAuthError("invalid_grant", "This connection was revoked; reconnect from Logistified with a new code.");
  if (token.usedAt) {
    revokeConnectionTree(connection.id, "refresh_token_reused", now);
    throw new OAuthError("invalid_grant", "The refresh token was already used; the connection has been revoked.");
  }
  if (token.expiresAt <= now) throw new OAuthError("invalid_grant", "The refresh token has lapsed; reconnect from Logistified with a new code.");
  checkResource(form.get("resource"), connection, appUrl);
  const issued = useOnceThenIssue(token.id, connection, now);
  if (issued) return issued;
  revokeConnectionTree(connection.id, "refresh_token_reused", now);
  throw new OAuthError("invalid_grant", "The refresh token was already used; the connection has been revoked.");
}

/** RFC 7009: always 200 for the caller; a refresh token ends its connection, an access token itself. */
export function revokeToken(request: Request, form: URLSearchParams, now = new Date()): void {
  const client = authenticateClient(request, form);
  const presented = form.get("token");
  const found = findToken("refresh", presented) ?? findToken("access", presented);
  if (!found || found.connection.clientId !== client.id) return;
  if (found.token.kind === "refresh") {
    revokeConnectionTree(found.connection.id, "revoked_by_app", now);
  } else {
    db().update(oauthTokens).set({ revokedAt: now }).where(and(eq(oauthTokens.id, found.token.id), isNull(oauthTokens.revokedAt))).run();
  }
}

/** An access token's row and its connection, whatever their state; the caller judges validity. */
export function lookupAccessToken(presented: string): { token: TokenRow; connection: ConnectionRow } | null {
  return findToken("access", presented);
}

export function isAccessTokenShaped(presented: string): boolean {
  return presented.startsWith(ACCESS_TOKEN_MARKER) && /^[A-Za-z0-9_]{48}$/.test(presented);
}

/** Revokes a connection and every code and token issued under it, at once. Idempotent. */
export function revokeConnectionTree(connectionId: string, reason: string, now: Date, by?: { name: string; email: string | null }): boolean {
  return db().transaction((tx) => {
    const ended =
      tx
        .update(connections)
        .set({ revokedAt: now, revokedReason: reason, revokedByName: by?.name ?? null, revokedByEmail: by?.email ?? null })
        .where(and(eq(connections.id, connectionId), isNull(connections.revokedAt)))
        .run().changes === 1;
    tx.update(oauthTokens).set({ revokedAt: now }).where(and(eq(oauthTokens.connectionId, connectionId), isNull(oauthTokens.revokedAt))).run();
    return ended;
  });
}

function findToken(kind: TokenRow["kind"], presented: string | null): { token: TokenRow; connection: ConnectionRow } | null {
  if (!presented) return null;
  const row = db()
    .select({ token: oauthTokens, connection: connections })
    .from(oauthTokens)
    .innerJoin(connections, eq(connections.id, oauthTokens.connectionId))
    .where(and(eq(oauthTokens.tokenHash, hashSecret(presented)), eq(oauthTokens.kind, kind)))
    .get();
  return row ?? null;
}

/**
 * Spends a code or refresh token and issues the next pair, in one transaction; null when another
 * request spent it first (the caller treats that as a replay, outside this transaction).
 */
function useOnceThenIssue(tokenId: string, connection: ConnectionRow, now: Date): TokenResponse | null {
  return db().transaction((tx) => {
    const spent = tx.update(oauthTokens).set({ usedAt: now }).where(and(eq(oauthTokens.id, tokenId), isNull(oauthTokens.usedAt))).run();
    return spent.changes === 1 ? issueTokens(connection, now) : null;
  });
}

function checkResource(resource: string | null, connection: ConnectionRow, appUrl: string): void {
  if (resource === null) return;
  if (attemptIdFromResource(resource, appUrl) !== connection.attemptId) {
    throw new OAuthError("invalid_target", "resource must be this connection's connector URL.");
  }
}

function issueTokens(connection: ConnectionRow, now: Date): TokenResponse {
  const accessToken = generateOpaqueSecret(ACCESS_TOKEN_MARKER);
  const refreshToken = generateOpaqueSecret(REFRESH_TOKEN_MARKER);
  db()
    .insert(oauthTokens)
    .values([
      { id: newId("tok"), connectionId: connection.id, kind: "access", tokenHash: hashSecret(accessToken), createdAt: now, expiresAt: new Date(now.getTime() + ACCESS_TOKEN_LIFETIME_MS) },
      { id: newId("tok"), connectionId: connection.id, kind: "refresh", tokenHash: hashSecret(refreshToken), createdAt: now, expiresAt: new Date(now.getTime() + REFRESH_TOKEN_IDLE_LIFETIME_MS) },
    ])
    .run();
  return {
    access_token: accessToken,
    token_type: "Bearer",
    expires_in: Math.floor(ACCESS_TOKEN_LIFETIME_MS / 1000),
    refresh_token: refreshToken,
    scope: connection.scope === "read_write" ? "mcp:read mcp:write" : "mcp:read",
  };
}
