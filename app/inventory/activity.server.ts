/**
 * The activity a document's get-by-id shows (spec/agent-access.md §7.3): its most recent entries,
 * oldest first, and how many there are in all. Capped so that a purchase order received line by
 * line for months cannot make one read arbitrarily large.
 */
import { and, count, desc, eq, sql } from "drizzle-orm";
import { activityLog } from "../../db/schema";
import type { Transaction } from "./gateway.server";
import { ACTIVITY_ENTRIES_ON_GET, type ActivityEntry } from "./values";
import type { SubjectType } from "./writes.server";

export type RecentActivity = { activity: ActivityEntry[]; activityCount: number };

export function recentActivity(tx: Transaction, shopId: string, subjectType: SubjectType, subjectId: string): RecentActivity {
  const subject = and(eq(activityLog.shopId, shopId), eq(activityLog.subjectType, subjectType), eq(activityLog.subjectId, subjectId));
  const newestFirst = tx
    .select({
      id: activityLog.id,
      occurredAt: activityLog.occurredAt,
      actor: activityLog.actor,
      operation: activityLog.operation,
      summary: activityLog.summary,
      changes: activityLog.changes,
      inventoryEffects: activityLog.inventoryEffects,
      requestId: activityLog.requestId,
      idempotencyKey: activityLog.idempotencyKey,
    })
    .from(activityLog)
    .where(subject)
    // Writes in the same millisecond keep the order they were made in.
    .orderBy(desc(activityLog.occurredAt), desc(sql`${activityLog}.rowid`))
    .limit(ACTIVITY_ENTRIES_ON_GET)
    .all();
  const activityCount = newestFirst.length < ACTIVITY_ENTRIES_ON_GET ? newestFirst.length : (tx.select({ n: count() }).from(activityLog).where(subject).get()?.n ?? 0);
  return {
    activity: newestFirst.reverse().map((entry) => ({ ...entry, occurredAt: entry.occurredAt.toISOString() })),
    activityCount,
  };
}
