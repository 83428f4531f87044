/**
 * The audit log: one append-only row per use of agent access (each tool call, each REST request)
 * and per change to it (key created or revoked). Never holds a plaintext key, only its prefix:
 * what was called (a URL, a program's text) is stored with every credential in it redacted, since
 * clients put credentials where they should not.
 */
import { and, desc, eq, inArray } from "drizzle-orm";
import { generateRandomString } from "@oslojs/crypto/random";
import { BASE62, newId, secureRandom } from "../../db/ids";
import { auditLog } from "../../db/schema";
import { db } from "../db.server";
import { redactCredentials } from "./redaction";

export type AuditEntry = Omit<typeof auditLog.$inferInsert, "id" | "occurredAt" | "called"> & {
  occurredAt?: Date;
  called: string;
};

const MAX_CALLED_CHARS = 20 * 1024;

export function newRequestId(): string {
  return `req_${generateRandomString(secureRandom, BASE62, 24)}`;
}

export function recordAudit(entry: AuditEntry): void {
  const redacted = redactCredentials(entry.called);
  const called = redacted.length > MAX_CALLED_CHARS ? `${redacted.slice(0, MAX_CALLED_CHARS)}… [truncated]` : redacted;
  db()
    .insert(auditLog)
    .values({ ...entry, called, id: newId("aud"), occurredAt: entry.occurredAt ?? new Date() })
    .run();
}

/**
 * A change staff made to agent access (a key created or revoked, a code generated, a connection
 * approved or ended), tagged `staff:<email>` (the name when Shopify gives no email).
 */
export function recordStaffAction(shopId: string, staff: { id: string | null; name: string; email: string | null }, called: string): void {
  recordAudit({
    shopId,
    tag: `staff:${staff.email ?? staff.name}`,
    principalKind: "staff",
    principalId: staff.id ?? "unknown",
    channel: "admin",
    requestId: newRequestId(),
    called,
    outcome: "ok",
    durationMs: 0,
  });
}

/** The latest agent and REST calls of a shop, optionally of one credential: what staff review. */
export function listAgentActivity(shopId: string, options: { principalId?: string | undefined; limit: number }) {
  const conditions = [eq(auditLog.shopId, shopId), inArray(auditLog.channel, ["mcp", "rest"])];
  if (options.principalId) conditions.push(eq(auditLog.principalId, options.principalId));
  return db()
    .select({
      id: auditLog.id,
      occurredAt: auditLog.occurredAt,
      tag: auditLog.tag,
      principalId: auditLog.principalId,
      channel: auditLog.channel,
      called: auditLog.called,
      operations: auditLog.operations,
      activityEntryIds: auditLog.activityEntryIds,
      outcome: auditLog.outcome,
      durationMs: auditLog.durationMs,
    })
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.occurredAt), desc(auditLog.id))
    .limit(options.limit)
    .all();
}

export type AgentActivity = ReturnType<typeof listAgentActivity>[number];
