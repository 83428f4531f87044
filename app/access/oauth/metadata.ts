/**
 * The discovery documents: protected-resource metadata (RFC 9728) per resource path, and the
 * authorization server's metadata (RFC 8414). The issuer is the app origin with no path and no
 * trailing slash, byte for byte the same in both. Pure.
 */
export const OAUTH_SCOPES = ["mcp:read", "mcp:write"];

export function protectedResourceMetadata(appUrl: string, resourcePath: string) {
  return {
    resource: `${appUrl}${resourcePath}`,
    authorization_servers: [appUrl],
    scopes_supported: OAUTH_SCOPES,
    bearer_methods_supported: ["header"],
    resource_name: "Logistified agent",
  };
}

export function authorizationServerMetadata(appUrl: string) {
  return {
    issuer: appUrl,
    authorization_endpoint: `${appUrl}/authorize`,
    token_endpoint: `${appUrl}/token`,
    registration_endpoint: `${appUrl}/register`,
    revocation_endpoint: `${appUrl}/revoke`,
    response_types_supported: ["code"],
    grant_types_supported: ["authorization_code", "refresh_token"],
    code_challenge_methods_supported: ["S256"],
    token_endpoint_auth_methods_supported: ["none", "client_secret_post", "client_secret_basic"],
    revocation_endpoint_auth_methods_supported: ["none", "client_secret_post", "client_secret_basic"],
    scopes_supported: OAUTH_SCOPES,
    authorization_response_iss_parameter_supported: true,
  };
}

export function protectedResourceMetadataUrl(appUrl: string, resourcePath: string): string {
  return `${appUrl}/.well-known/oauth-protected-resource${resourcePath}`;
}
