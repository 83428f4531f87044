/**
 * Access: who is calling. API keys (created, listed, revoked by staff), the principal every agent
 * and REST request resolves to, and the audit log. Other rooms import from this file only.
 */
export {
  CreateKeyInput,
  MAX_ACTIVE_KEYS_PER_SHOP,
  createApiKey,
  listApiKeys,
  revokeAllApiKeys,
  revokeApiKey,
  type AccessScope,
  type ListedApiKey,
  type StaffActor,
} from "./api-keys.server";
export { listAuditEntries, newRequestId, recordAudit } from "./audit.server";
export { checkCredential, isPrincipalStillValid, requirePrincipal, type AccessSurface, type Principal } from "./principal.server";
