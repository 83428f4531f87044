/**
 * The audit log: one append-only row per use of agent access (each tool call, each REST request)
 * and per change to it (key created or revoked). Never holds a plaintext key, only its prefix.
 */
import { and, desc, eq } from "drizzle-orm";
import { generateRandomString } from "@oslojs/crypto/random";
import { BASE62, newId, secureRandom } from "../../db/ids";
import { auditLog } from "../../db/schema";
import { db } from "../db.server";

export type AuditEntry = Omit<typeof auditLog.$inferInsert, "id" | "occurredAt" | "called"> & {
  occurredAt?: Date;
  called: string;
};

const MAX_CALLED_CHARS = 20 * 1024;

export function newRequestId(): string {
  return `req_${generateRandomString(secureRandom, BASE62, 24)}`;
}

export function recordAudit(entry: AuditEntry): void {
  const called =
    entry.called.length > MAX_CALLED_CHARS ? `${entry.called.slice(0, MAX_CALLED_CHARS)}… [truncated]` : entry.called;
  db()
    .insert(auditLog)
    .values({ ...entry, called, id: newId("aud"), occurredAt: entry.occurredAt ?? new Date() })
    .run();
}

export function listAuditEntries(shopId: string, options: { principalId?: string; limit: number }) {
  return db()
    .select()
    .from(auditLog)
    .where(
      options.principalId
        ? and(eq(auditLog.shopId, shopId), eq(auditLog.principalId, options.principalId))
        : eq(auditLog.shopId, shopId),
    )
    .orderBy(desc(auditLog.occurredAt), desc(auditLog.id))
    .limit(options.limit)
    .all();
}
