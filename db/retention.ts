/**
 * How long records outlive their use, and the sweep that removes the rest. Every app server runs
 * the sweep (server/index.ts); it is idempotent, so several servers sweeping one database is fine.
 *
 * - Idempotency results: until their `expires_at` (24 hours, spec/domain.md §3 rule 6).
 * - Rate-limit hits: a day. Every window in `RATE_LIMITS` is an hour or less and each bucket prunes
 *   its own old hits when hit again; the sweep catches buckets never hit again (one-off addresses).
 * - Audit log: 365 days per store (spec/agent-access.md §8).
 * - Authorization requests: a day past their expiry. Nothing can complete them by then, and the
 *   connection they led to keeps its own record.
 */
import { and, eq, lt } from "drizzle-orm";
import type { AppDatabase } from "./client";
import { auditLog, idempotencyKeys, oauthAuthorizationRequests, rateLimitHits, shops } from "./schema";

const DAY_MS = 24 * 60 * 60 * 1000;
export const AUDIT_RETENTION_MS = 365 * DAY_MS;
export const RATE_LIMIT_HIT_RETENTION_MS = DAY_MS;
export const AUTHORIZATION_REQUEST_GRACE_MS = DAY_MS;
export const RETENTION_SWEEP_INTERVAL_MS = 15 * 60 * 1000;

export type PrunedCounts = { idempotencyKeys: number; rateLimitHits: number; auditEntries: number; authorizationRequests: number };

export function pruneExpiredRecords(database: AppDatabase, now: Date = new Date()): PrunedCounts {
  const before = (ms: number) => new Date(now.getTime() - ms);
  return database.transaction((tx) => {
    const idempotency = tx.delete(idempotencyKeys).where(lt(idempotencyKeys.expiresAt, now)).run();
    const hits = tx.delete(rateLimitHits).where(lt(rateLimitHits.occurredAt, before(RATE_LIMIT_HIT_RETENTION_MS))).run();
    // Per shop, so each delete walks the (shop, time) index instead of the whole log.
    let auditEntries = 0;
    for (const { id } of tx.select({ id: shops.id }).from(shops).all()) {
      auditEntries += tx.delete(auditLog).where(and(eq(auditLog.shopId, id), lt(auditLog.occurredAt, before(AUDIT_RETENTION_MS)))).run().changes;
    }
    const requests = tx.delete(oauthAuthorizationRequests).where(lt(oauthAuthorizationRequests.expiresAt, before(AUTHORIZATION_REQUEST_GRACE_MS))).run();
    return { idempotencyKeys: idempotency.changes, rateLimitHits: hits.changes, auditEntries, authorizationRequests: requests.changes };
  });
}
