/**
 * Access: who is calling. API keys (created, listed, revoked by staff), the principal every agent
 * and REST request resolves to, and the audit log. Other rooms import from this file only.
 */
export {
  CreateKeyInput,
  MAX_ACTIVE_KEYS_PER_SHOP,
  createApiKey,
  listApiKeys,
  listKeyNames,
  TABLE_PAGE_SIZE,
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
export {
  ATTEMPT_LIFETIME_MS,
  attemptStatus,
  connectorPath,
  startConnectionAttempt,
  type AttemptView,
  type StartedAttempt,
} from "./connection-attempts.server";
export {
  beginAuthorization,
  decideAuthorization,
  submitConnectionCode,
  type ApprovalPageError,
  type CodeStep,
  type ConfirmStep,
} from "./oauth/authorization.server";
export { registerClient } from "./oauth/clients.server";
export { disconnectApp, listConnectionNames, listConnections, revokeAllConnections, type ListedConnection } from "./oauth/connections.server";
export { OAuthError } from "./oauth/errors";
export { attemptIdFromPath } from "./oauth/resources";
export { exchangeToken, revokeToken } from "./oauth/tokens.server";
export { handleRegister, handleRevoke, handleToken, notFoundJson, wellKnownResponse } from "./oauth/http.server";
