/**
 * Access: who is calling. API keys and web-chat connections (connection codes, the OAuth 2.1
 * server behind /authorize, /token, /register, /revoke and the discovery documents), the principal
 * every agent and REST request resolves to, rate limits, and the audit log. Secrets are stored as
 * SHA-256 only (db/STORAGE.md). Other rooms import from this file only.
 */
export {
  CreateKeyInput,
  MAX_ACTIVE_KEYS_PER_SHOP,
  createApiKey,
  listApiKeys,
  listKeyNames,
  type TablePage,
  revokeAllApiKeys,
  revokeApiKey,
  type AccessScope,
  type ListedApiKey,
  type StaffActor,
} from "./api-keys.server";
export { listAgentActivity, newRequestId, recordAudit, type AgentActivity } from "./audit.server";
export {
  AGENT_PATH,
  checkCredential,
  credentialTag,
  isPrincipalStillValid,
  requirePrincipal,
  type AccessSurface,
  type Credential,
  type Principal,
} from "./principal.server";
export { RATE_LIMITS, takeRateLimit } from "./rate-limits.server";
export { redactCredentials } from "./redaction";
export { attemptStatus, startConnectionAttempt } from "./connection-attempts.server";
export {
  beginAuthorization,
  decideAuthorization,
  submitConnectionCode,
  type ApprovalPageError,
  type CodeStep,
  type ConfirmStep,
} from "./oauth/authorization.server";
export { disconnectApp, listConnectionNames, listConnections, revokeAllConnections, type ListedConnection } from "./oauth/connections.server";
export { handleRegister, handleRevoke, handleToken, notFoundJson, wellKnownResponse } from "./oauth/http.server";
