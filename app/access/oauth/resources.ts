/**
 * Protected resources and their canonical URLs (RFC 8707). `/mcp-agent` takes API keys; each
 * connection's `/connect/<attempt id>/mcp-agent` takes that connection's access tokens. Pure.
 */
const CONNECTOR_PATH = /^\/connect\/(att_[0-9A-Za-z]{20})\/mcp-agent$/;

/** The attempt id a connector path names, or null for any other path. */
export function attemptIdFromPath(pathname: string): string | null {
  return CONNECTOR_PATH.exec(pathname)?.[1] ?? null;
}

/**
 * The attempt id named by a `resource` parameter, after the normalisation clients need: scheme
 * and host case, and a trailing slash. A fragment, another origin or another path: null.
 */
export function attemptIdFromResource(resource: string | null, appUrl: string): string | null {
  if (!resource) return null;
  let url: URL;
  try {
    url = new URL(resource);
  } catch {
    return null;
  }
  if (url.hash || resource.includes("#") || url.search || url.origin !== new URL(appUrl).origin) return null;
  return attemptIdFromPath(url.pathname.replace(/\/+$/, ""));
}
