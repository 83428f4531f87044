/**
 * The approval flow behind `/authorize`, in two steps on an ordinary browser page:
 *
 * 1. GET: the OAuth request is checked (client, exact redirect URI, S256 PKCE, and the connector
 *    URL in `resource`, whose attempt must be open) and kept as an authorization request with a
 *    CSRF token; the page asks for the connection code.
 * 2. POST the code: a right code moves the request to its second step, showing the store, scope
 *    and who generated the code; a wrong one counts against the attempt.
 * 3. POST Approve or Deny: consumes the attempt; Approve creates the connection and an
 *    authorization code and returns the browser to the chat app.
 *
 * Errors before the client and redirect URI are known good are shown on the page, never redirected.
 */
import { and, eq, isNull } from "drizzle-orm";
import { newId } from "../../../db/ids";
import { connections, oauthAuthorizationRequests, oauthTokens } from "../../../db/schema";
import { db } from "../../db.server";
import { recordStaffAction } from "../audit.server";
import type { AccessScope } from "../api-keys.server";
import { checkConnectionCode, closeAttempt, findOpenAttempt, type ClosedAttemptReason, type OpenAttempt } from "../connection-attempts.server";
import { generateOpaqueSecret, hashSecret, secretsEqual } from "../secrets";
import { findClient, type OAuthClient } from "./clients.server";
import { redirectHost, redirectUriMatches } from "./redirect-uris";
import { attemptIdFromResource } from "./resources";

export const AUTHORIZATION_CODE_LIFETIME_MS = 5 * 60_000;
const REQUEST_LIFETIME_MS = 10 * 60_000;

export type ApprovalPageError = { kind: "error"; status: number; title: string; message: string };
export type CodeStep = { kind: "code"; requestId: string; csrfToken: string; appName: string; redirectHost: string; error?: string };
export type ConfirmStep = {
  kind: "confirm";
  requestId: string;
  csrfToken: string;
  appName: string;
  redirectHost: string;
  shopName: string;
  scope: AccessScope;
  generatedBy: { name: string; email: string | null };
};
export type Redirect = { kind: "redirect"; location: string };

export const CLOSED_ATTEMPT_MESSAGES: Record<ClosedAttemptReason | "address_limited", string> = {
  unknown: "This connector URL is not one Logistified issued, or its store no longer has Logistified. Generate a new code in Logistified and add the connector again.",
  expired: "This code has expired. Generate a new one in Logistified and add the connector again.",
  used: "This code has already been used. Generate a new one in Logistified.",
  locked: "Too many attempts. Generate a new code in Logistified and start again.",
  address_limited: "Too many codes were entered from this network. Wait a few minutes, then try again.",
};

function errorPage(title: string, message: string, status = 400): ApprovalPageError {
  return { kind: "error", status, title, message };
}

export function beginAuthorization(query: URLSearchParams, appUrl: string, now = new Date()): ApprovalPageError | CodeStep | Redirect {
  const client = findClient(query.get("client_id") ?? "");
  if (!client) return errorPage("Unknown app", "This app has not registered with Logistified. Remove the connector in your chat app and add it again.");
  const redirectUri = query.get("redirect_uri") ?? "";
  if (!redirectUriMatches(client.redirectUris, redirectUri)) {
    return errorPage("Unexpected return address", "The app asked to be sent back to an address it did not register. Nothing was connected.");
  }
  const state = query.get("state");
  const refuse = (error: string, description: string): Redirect => ({
    kind: "redirect",
    location: withParams(redirectUri, { error, error_description: description, state, iss: appUrl }),
  });
  if (query.get("response_type") !== "code") return refuse("unsupported_response_type", "Only response_type=code is supported.");
  const challenge = query.get("code_challenge");
  if (!challenge || query.get("code_challenge_method") !== "S256" || !/^[A-Za-z0-9_-]{43}$/.test(challenge)) {
    return refuse("invalid_request", "PKCE with code_challenge_method=S256 is required.");
  }
  const attemptId = attemptIdFromResource(query.get("resource"), appUrl);
  if (!attemptId) {
    return errorPage(
      "Use the connector URL from Logistified",
      "Add the connector in your chat app with the connector URL shown in Logistified's LLM / Agent Access page (it ends in /mcp-agent), then sign in again.",
    );
  }
  const open = findOpenAttempt(attemptId, now);
  if (!open.ok) return errorPage("This connection can't start", CLOSED_ATTEMPT_MESSAGES[open.reason]);

  const csrfToken = generateOpaqueSecret("");
  const requestId = newId("azr");
  db()
    .insert(oauthAuthorizationRequests)
    .values({
      id: requestId,
      attemptId,
      clientId: client.id,
      redirectUri,
      state,
      codeChallenge: challenge,
      csrfHash: hashSecret(csrfToken),
      createdAt: now,
      expiresAt: new Date(now.getTime() + REQUEST_LIFETIME_MS),
    })
    .run();
  return { kind: "code", requestId, csrfToken, appName: client.name, redirectHost: redirectHost(redirectUri) };
}

type PendingRequest = { kind: "pending"; request: typeof oauthAuthorizationRequests.$inferSelect; client: OAuthClient };

/** The request a form refers to, if its CSRF token (form and cookie alike) is the one issued. */
function pendingRequest(form: FormData, cookieToken: string | null, now: Date): PendingRequest | ApprovalPageError {
  const requestId = form.get("request_id");
  const formToken = form.get("csrf_token");
  const request =
    typeof requestId === "string"
      ? db().select().from(oauthAuthorizationRequests).where(eq(oauthAuthorizationRequests.id, requestId)).get()
      : undefined;
  const tokenOk =
    request !== undefined &&
    typeof formToken === "string" &&
    cookieToken !== null &&
    secretsEqual(formToken, cookieToken) &&
    secretsEqual(hashSecret(formToken), request.csrfHash);
  if (!request || !tokenOk) {
    return errorPage("This page has expired", "Go back to your chat app and start connecting again.", 403);
  }
  if (request.completedAt || request.expiresAt <= now) {
    return errorPage("This page has expired", "Go back to your chat app and start connecting again.");
  }
  const client = findClient(request.clientId);
  if (!client) return errorPage("Unknown app", "This app is no longer registered with Logistified.");
  return { kind: "pending", request, client };
}

export function submitConnectionCode(
  form: FormData,
  cookieToken: string | null,
  clientAddress: string,
  now = new Date(),
): ApprovalPageError | CodeStep | ConfirmStep {
  const pending = pendingRequest(form, cookieToken, now);
  if (pending.kind === "error") return pending;
  const { request, client } = pending;
  const check = checkConnectionCode(request.attemptId, String(form.get("code") ?? ""), clientAddress, now);
  const codeStep = (error: string): CodeStep => ({
    kind: "code",
    requestId: request.id,
    csrfToken: String(form.get("csrf_token")),
    appName: client.name,
    redirectHost: redirectHost(request.redirectUri),
    error,
  });
  if (!check.ok) {
    if (check.reason === "wrong") {
      const left = check.triesLeft === 1 ? "1 attempt left" : `${check.triesLeft} attempts left`;
      return codeStep(`That code isn't right. Check it and try again. ${left}.`);
    }
    if (check.reason === "address_limited") return codeStep(CLOSED_ATTEMPT_MESSAGES[check.reason]);
    return errorPage("This connection can't continue", CLOSED_ATTEMPT_MESSAGES[check.reason]);
  }
  db().update(oauthAuthorizationRequests).set({ codeAcceptedAt: now }).where(eq(oauthAuthorizationRequests.id, request.id)).run();
  return confirmStep(request.id, String(form.get("csrf_token")), client, request.redirectUri, check.attempt);
}

function confirmStep(requestId: string, csrfToken: string, client: OAuthClient, redirectUri: string, attempt: OpenAttempt): ConfirmStep {
  return {
    kind: "confirm",
    requestId,
    csrfToken,
    appName: client.name,
    redirectHost: redirectHost(redirectUri),
    shopName: attempt.shopName,
    scope: attempt.scope,
    generatedBy: { name: attempt.createdByName, email: attempt.createdByEmail },
  };
}

/** Approve or Deny: either consumes the attempt; Approve creates the connection and its code. */
export function decideAuthorization(
  form: FormData,
  cookieToken: string | null,
  decision: "approve" | "deny",
  appUrl: string,
  now = new Date(),
): ApprovalPageError | Redirect {
  const pending = pendingRequest(form, cookieToken, now);
  if (pending.kind === "error") return pending;
  const { request, client } = pending;
  if (!request.codeAcceptedAt) return errorPage("Enter the code first", "Go back to your chat app and start connecting again.", 403);
  const open = findOpenAttempt(request.attemptId, now);
  if (!open.ok) return errorPage("This connection can't continue", CLOSED_ATTEMPT_MESSAGES[open.reason]);
  const attempt = open.attempt;

  return db().transaction((tx) => {
    const completed = tx
      .update(oauthAuthorizationRequests)
      .set({ completedAt: now })
      .where(and(eq(oauthAuthorizationRequests.id, request.id), isNull(oauthAuthorizationRequests.completedAt)))
      .run().changes;
    if (completed !== 1 || !closeAttempt(attempt.id, decision === "approve" ? "approved" : "denied", now)) {
      return errorPage("This code has already been used", CLOSED_ATTEMPT_MESSAGES.used);
    }
    if (decision === "deny") {
      return {
        kind: "redirect",
        location: withParams(request.redirectUri, { error: "access_denied", error_description: "The connection was denied.", state: request.state, iss: appUrl }),
      } as const;
    }
    const connectionId = newId("conn");
    tx.insert(connections)
      .values({
        id: connectionId,
        shopId: attempt.shopId,
        attemptId: attempt.id,
        clientId: client.id,
        appName: client.name,
        scope: attempt.scope,
        approvedByStaffId: attempt.createdByStaffId,
        approvedByName: attempt.createdByName,
        approvedByEmail: attempt.createdByEmail,
        approvedAt: now,
      })
      .run();
    const code = generateOpaqueSecret("lgac_");
    tx.insert(oauthTokens)
      .values({
        id: newId("tok"),
        connectionId,
        kind: "authorization_code",
        tokenHash: hashSecret(code),
        codeChallenge: request.codeChallenge,
        redirectUri: request.redirectUri,
        createdAt: now,
        expiresAt: new Date(now.getTime() + AUTHORIZATION_CODE_LIFETIME_MS),
      })
      .run();
    recordStaffAction(
      attempt.shopId,
      { id: attempt.createdByStaffId, name: attempt.createdByName, email: attempt.createdByEmail },
      `connection.approve app=${JSON.stringify(client.name)} scope=${attempt.scope} (${connectionId})`,
    );
    return { kind: "redirect", location: withParams(request.redirectUri, { code, state: request.state, iss: appUrl }) } as const;
  });
}

export function withParams(uri: string, params: Record<string, string | null>): string {
  const url = new URL(uri);
  for (const [name, value] of Object.entries(params)) if (value !== null) url.searchParams.set(name, value);
  return url.href;
}
