/**
 * The OAuth endpoints' HTTP shape in one place: JSON bodies, `Cache-Control: no-store`, CORS open
 * to any origin (bearer and form credentials, never cookies), and `OAuthError` mapped to the wire.
 */
import { appEnv } from "../../env.server";
import { OAuthError } from "./errors";
import { registerClient } from "./clients.server";
import { authorizationServerMetadata, protectedResourceMetadata } from "./metadata";
import { attemptIdFromPath } from "./resources";
import { exchangeToken, revokeToken } from "./tokens.server";

const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
  "Access-Control-Allow-Headers": "Authorization, Content-Type, MCP-Protocol-Version",
};

export function oauthJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store", ...CORS, ...headers },
  });
}

export function corsPreflight(): Response {
  return new Response(null, { status: 204, headers: CORS });
}

function methodNotAllowed(allow: string): Response {
  return oauthJson({ error: "invalid_request", error_description: `Use ${allow}.` }, 405, { Allow: allow });
}

function oauthErrorResponse(error: unknown, request: Request): Response {
  if (!(error instanceof OAuthError)) throw error;
  const headers: Record<string, string> = {};
  if (error.retryAfterSeconds !== undefined) headers["Retry-After"] = String(error.retryAfterSeconds);
  if (error.code === "invalid_client" && /^Basic\s/i.test(request.headers.get("Authorization") ?? "")) {
    headers["WWW-Authenticate"] = 'Basic realm="Logistified"';
  }
  return oauthJson({ error: error.code, error_description: error.description }, error.status, headers);
}

/** A well-known document: the metadata for a resource path, the server's, or a JSON 404. */
export function wellKnownResponse(request: Request, document: "protected-resource" | "authorization-server", resourcePath = "/mcp-agent"): Response {
  if (request.method === "OPTIONS") return corsPreflight();
  const { appUrl } = appEnv();
  if (document === "authorization-server") return oauthJson(authorizationServerMetadata(appUrl));
  if (resourcePath !== "/mcp-agent" && attemptIdFromPath(resourcePath) === null) return notFoundJson();
  return oauthJson(protectedResourceMetadata(appUrl, resourcePath));
}

export function notFoundJson(): Response {
  return oauthJson({ error: "not_found", error_description: "No such document." }, 404);
}

async function formOf(request: Request): Promise<URLSearchParams> {
  if (!/application\/x-www-form-urlencoded/i.test(request.headers.get("Content-Type") ?? "")) {
    throw new OAuthError("invalid_request", "Send the request form-encoded (application/x-www-form-urlencoded).");
  }
  return new URLSearchParams(await request.text());
}

export async function handleRegister(request: Request, clientAddress: string): Promise<Response> {
  if (request.method === "OPTIONS") return corsPreflight();
  if (request.method !== "POST") return methodNotAllowed("POST");
  try {
    let body: unknown;
    try {
      body = await request.json();
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      throw new OAuthError("invalid_client_metadata", "The body must be JSON client metadata.");
    }
    return oauthJson(registerClient(body, clientAddress), 201);
  } catch (error) {
    return oauthErrorResponse(error, request);
  }
}

export async function handleToken(request: Request, clientAddress: string): Promise<Response> {
  if (request.method === "OPTIONS") return corsPreflight();
  if (request.method !== "POST") return methodNotAllowed("POST");
  try {
    return oauthJson(exchangeToken(request, await formOf(request), clientAddress, appEnv().appUrl));
  } catch (error) {
    return oauthErrorResponse(error, request);
  }
}

export async function handleRevoke(request: Request): Promise<Response> {
  if (request.method === "OPTIONS") return corsPreflight();
  if (request.method !== "POST") return methodNotAllowed("POST");
  try {
    revokeToken(request, await formOf(request));
    return oauthJson({});
  } catch (error) {
    return oauthErrorResponse(error, request);
  }
}
