/**
 * What the HTTP edge accepts before the app sees a request: which methods exist at all, how large a
 * body each kind of path may send, and what the app's pages take. Pure: a table and the function
 * that reads it, so a reviewer can audit the whole front door in one place.
 *
 * - API paths (the agent endpoint, REST, the OAuth endpoints, webhooks, discovery) answer their own
 *   methods after authenticating, as the spec orders; the edge only refuses methods HTTP tooling
 *   cannot even represent (TRACE, CONNECT, made-up ones).
 * - Pages (the admin, the approval page, Shopify's auth pages) take GET and HEAD, and POST of a
 *   url-encoded form: every action of ours reads one, so anything else is refused here rather than
 *   failing inside a route.
 * - Every body has a ceiling, checked against Content-Length before a byte is read and counted
 *   while it streams, so no request makes the server hold more than its ceiling.
 */

const KIB = 1024;
const MIB = 1024 * KIB;

export const KNOWN_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export const PAGE_METHODS = ["GET", "HEAD", "POST"] as const;
// Our forms and Shopify's login form post url-encoded fields; nothing of ours uploads a file.
const FORM_TYPE = /^\s*application\/x-www-form-urlencoded\s*(;|$)/i;

type PathRule = { test: (path: string) => boolean; kind: "api" | "page"; maxBodyBytes: number };

/** First match wins. An agent program may be 50 KB, which JSON escaping can grow several times. */
const RULES: readonly PathRule[] = [
  { test: (path) => path === "/mcp-agent" || /^\/connect\/[^/]+\/mcp-agent$/.test(path), kind: "api", maxBodyBytes: 1 * MIB },
  { test: (path) => path.startsWith("/api/"), kind: "api", maxBodyBytes: 16 * KIB },
  { test: (path) => path === "/register" || path === "/token" || path === "/revoke", kind: "api", maxBodyBytes: 16 * KIB },
  { test: (path) => path.startsWith("/.well-known/"), kind: "api", maxBodyBytes: 16 * KIB },
  // Shopify sends whole products (every variant) on products/update.
  { test: (path) => path.startsWith("/webhooks/"), kind: "api", maxBodyBytes: 5 * MIB },
  { test: (path) => path === "/authorize" || path.startsWith("/auth/") || path === "/auth", kind: "page", maxBodyBytes: 16 * KIB },
  { test: () => true, kind: "page", maxBodyBytes: 64 * KIB },
];

export type EdgeRule = Pick<PathRule, "kind" | "maxBodyBytes">;

export function edgeRuleFor(path: string): EdgeRule {
  const rule = RULES.find((candidate) => candidate.test(path))!;
  return { kind: rule.kind, maxBodyBytes: rule.maxBodyBytes };
}

export type EdgeRefusal = { status: 400 | 405 | 413 | 415 | 421; message: string; allow?: readonly string[] };

export type EdgeRequest = { method: string; path: string; host: string | undefined; contentType: string | undefined; contentLength: string | undefined };

/**
 * Everything the edge can decide from the request line and headers alone; null lets it through.
 * `allowedHostnames` (null: any) are the names the server answers for, whatever the port: a page of
 * ours read under a host name we do not answer to is how DNS rebinding would reach a loopback server.
 */
export function refuseAtEdge(request: EdgeRequest, allowedHostnames: readonly string[] | null): EdgeRefusal | null {
  if (allowedHostnames && !allowedHostnames.includes(hostnameOf(request.host))) {
    return { status: 421, message: "This server does not answer for that host name." };
  }
  const method = request.method.toUpperCase();
  if (!(KNOWN_METHODS as readonly string[]).includes(method)) {
    return { status: 405, message: `The ${clip(request.method)} method is not supported.`, allow: KNOWN_METHODS };
  }
  if (!decodes(request.path)) return { status: 400, message: "The path has a percent sign that does not decode (write a literal % as %25)." };
  const rule = edgeRuleFor(request.path);
  if (rule.kind === "page") {
    if (!(PAGE_METHODS as readonly string[]).includes(method)) {
      return { status: 405, message: `Pages take GET and form POSTs, not ${method}.`, allow: PAGE_METHODS };
    }
    if (method === "POST" && !FORM_TYPE.test(request.contentType ?? "")) {
      return { status: 415, message: "Pages take forms: send application/x-www-form-urlencoded." };
    }
  }
  if (request.contentLength !== undefined) {
    const length = /^\d{1,15}$/.test(request.contentLength) ? Number(request.contentLength) : Number.NaN;
    if (Number.isNaN(length)) return { status: 400, message: "Content-Length must be a number of bytes." };
    if (length > rule.maxBodyBytes) return tooLarge(rule.maxBodyBytes);
  }
  return null;
}

export function tooLarge(maxBodyBytes: number): EdgeRefusal {
  return { status: 413, message: `The body is larger than this path accepts (${formatBytes(maxBodyBytes)}).` };
}

function hostnameOf(host: string | undefined): string {
  return (host ?? "").replace(/:\d*$/, "").toLowerCase();
}

function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch (error) {
    if (error instanceof URIError) return false;
    throw error;
  }
}

function formatBytes(bytes: number): string {
  return bytes >= MIB ? `${bytes / MIB} MB` : `${bytes / KIB} KB`;
}

function clip(text: string): string {
  return text.length > 20 ? `${text.slice(0, 20)}…` : text;
}
