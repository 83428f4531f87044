/**
 * `/mcp-agent`: MCP over Streamable HTTP, stateless, JSON responses. Order matters: CORS preflight
 * (which carries no credential), then the principal (401 before anything else), then Origin, then
 * the method, then the body: one JSON-RPC message per request. Batches (arrays), which MCP removed
 * in 2025-06-18, are refused, so every tool call is counted against the principal's rate limit.
 * A fresh server and transport serve each request: a stateless transport serves one.
 */
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { newRequestId, RATE_LIMITS, requirePrincipal, takeRateLimit } from "../access/index.server";
import { appEnv } from "../env.server";
import { buildAgentServer } from "./tools.server";

const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, POST, DELETE, OPTIONS",
  "Access-Control-Allow-Headers":
    "Authorization, Content-Type, Accept, MCP-Protocol-Version, Mcp-Session-Id, Last-Event-ID, Mcp-Method, Mcp-Name",
  "Access-Control-Expose-Headers": "WWW-Authenticate, Mcp-Session-Id, MCP-Protocol-Version",
};

/** Browsers' origins that may call the endpoint directly; server-to-server calls send no Origin. */
const WEB_CHAT_ORIGINS = ["https://claude.ai", "https://claude.com", "https://chatgpt.com"];

/** `resourcePath` is the path the client called: `/mcp-agent` or a connection's connector path. */
export async function handleAgentRequest(request: Request, resourcePath: string): Promise<Response> {
  if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: CORS_HEADERS });
  try {
    const requestId = newRequestId();
    const principal = await requirePrincipal(request, { channel: "mcp", requestId, resourcePath });
    if (!originAllowed(request.headers.get("Origin"))) {
      return jsonRpcError(403, -32600, "Requests from this Origin are not accepted.");
    }
    if (request.method !== "POST") {
      return withCors(new Response(null, { status: 405, headers: { Allow: "POST" } }));
    }
    const message = await singleMessage(request);
    if (message instanceof Response) return message;
    if (isToolCall(message)) {
      const limited = takeRateLimit(`tools:${principal.credential.kind}:${principal.credential.id}`, RATE_LIMITS.toolCalls);
      if (!limited.allowed) {
        return jsonRpcError(429, -32000, `Rate limited: at most ${RATE_LIMITS.toolCalls.limit} tool calls a minute. Retry after ${limited.retryAfterSeconds} s.`, {
          "Retry-After": String(limited.retryAfterSeconds),
        });
      }
    }
    const server = buildAgentServer(principal, requestId);
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    await server.connect(transport);
    try {
      return withCors(await transport.handleRequest(request, { parsedBody: message }));
    } finally {
      await server.close();
    }
  } catch (thrown) {
    if (thrown instanceof Response) return withCors(thrown);
    throw thrown;
  }
}

function originAllowed(origin: string | null): boolean {
  if (origin === null) return true;
  if (origin === appEnv().appUrl || WEB_CHAT_ORIGINS.includes(origin)) return true;
  return appEnv().mode === "demo" && /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(origin);
}

function jsonRpcError(status: number, code: number, message: string, headers: Record<string, string> = {}): Response {
  return withCors(
    new Response(JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id: null }), {
      status,
      headers: { "Content-Type": "application/json", ...headers },
    }),
  );
}

/**
 * The request's one JSON-RPC message, parsed once (the edge has already bounded the body's size);
 * the transport checks its shape. Not JSON, or a batch: a JSON-RPC error, and nothing runs.
 */
async function singleMessage(request: Request): Promise<unknown> {
  let body: unknown;
  try {
    body = JSON.parse(await request.text());
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return jsonRpcError(400, -32700, "Parse error: the body must be one JSON-RPC message.");
  }
  if (Array.isArray(body)) {
    return jsonRpcError(400, -32600, "Invalid Request: JSON-RPC batches are not supported (MCP removed them in 2025-06-18). Send one message per request.");
  }
  return body;
}

function isToolCall(message: unknown): boolean {
  return typeof message === "object" && message !== null && "method" in message && message.method === "tools/call";
}

function withCors(response: Response): Response {
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(CORS_HEADERS)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
