/**
 * Which redirect URIs a chat app may register, and how a requested one matches. Pure.
 *
 * Registered: the known web-chat callbacks (claude.ai, claude.com, ChatGPT), and loopback
 * addresses for desktop and CLI clients. At `/authorize` the URI must equal a registered one,
 * except that a loopback port may differ (RFC 8252: native apps pick a free port each time).
 */
const EXACT_HTTPS = new Set([
  "https://claude.ai/api/mcp/auth_callback",
  "https://claude.com/api/mcp/auth_callback",
  "https://chatgpt.com/connector_platform_oauth_redirect",
]);
const CHATGPT_CONNECTOR_PREFIX = "https://chatgpt.com/connector/oauth/";
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function isRegistrableRedirectUri(candidate: string): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (url.username || url.password || url.hash || candidate.includes("#")) return false;
  if (url.protocol === "http:") return LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== "https:" || url.port !== "") return false;
  if (EXACT_HTTPS.has(candidate)) return true;
  return (
    candidate.startsWith(CHATGPT_CONNECTOR_PREFIX) &&
    /^[A-Za-z0-9_-]+$/.test(candidate.slice(CHATGPT_CONNECTOR_PREFIX.length)) &&
    url.search === ""
  );
}

/**
 * Only a URI that could be registered today counts, on either side: a client row stored before a
 * check was tightened can never send a code anywhere the check now refuses.
 */
export function redirectUriMatches(registered: readonly string[], requested: string): boolean {
  if (!isRegistrableRedirectUri(requested)) return false;
  const acceptable = registered.filter(isRegistrableRedirectUri);
  if (acceptable.includes(requested)) return true;
  const asked = new URL(requested);
  if (asked.protocol !== "http:") return false;
  return acceptable.some((uri) => {
    const known = new URL(uri);
    return known.protocol === "http:" && known.hostname === asked.hostname && known.pathname === asked.pathname && known.search === asked.search;
  });
}

export function redirectHost(uri: string): string {
  return new URL(uri).host;
}
