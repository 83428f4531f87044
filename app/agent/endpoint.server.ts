/**
 * `/mcp-agent`: MCP over Streamable HTTP, stateless, JSON responses. Order matters: CORS preflight
 * (which carries no credential), then the principal (401 before anything else), then Origin, then
 * the method. A fresh server and transport serve each request: a stateless transport serves one.
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
    if (await callsATool(request)) {
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
      return withCors(await transport.handleRequest(request));
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

/** Whether the JSON-RPC body (one message or a batch) holds a `tools/call`; the transport parses it for real. */
async function callsATool(request: Request): Promise<boolean> {
  try {
    const body: unknown = await request.clone().json();
    const messages = Array.isArray(body) ? body : [body];
    return messages.some((message) => typeof message === "object" && message !== null && "method" in message && message.method === "tools/call");
  } catch (error) {
    // Not JSON: the transport answers the parse error itself.
    if (error instanceof SyntaxError) return false;
    throw error;
  }
}

function withCors(response: Response): Response {
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(CORS_HEADERS)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
