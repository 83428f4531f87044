/**
 * Sliding-window rate limits kept in the database, so that every app server counts the same hits.
 * A refused request is not counted: a client that waits for `retryAfterSeconds` gets through.
 */
import { and, asc, count, eq, gte, lt } from "drizzle-orm";
import { rateLimitHits } from "../../db/schema";
import { db } from "../db.server";

export type RateLimit = { limit: number; windowMs: number };
export type RateLimitOutcome = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export const RATE_LIMITS = {
  /** Agent tool calls per principal (spec 6.1). */
  toolCalls: { limit: 60, windowMs: 60_000 },
  /** REST requests per key (spec 7.5). */
  restRequests: { limit: 120, windowMs: 60_000 },
  /** Connection-code submissions per network address (spec 4.3). */
  codeSubmissionsPerAddress: { limit: 20, windowMs: 10 * 60_000 },
  /**
   * Client registrations per network address. Generous: web chats register from their provider's
   * shared cloud addresses, on behalf of many merchants at once.
   */
  registrationsPerAddress: { limit: 300, windowMs: 60 * 60_000 },
  /** Token endpoint calls per network address; shared cloud addresses again, so generous. */
  tokenRequestsPerAddress: { limit: 600, windowMs: 60_000 },
} as const satisfies Record<string, RateLimit>;

/** Counts one hit against `bucket` if the window has room; otherwise says how long to wait. */
export function takeRateLimit(bucket: string, rule: RateLimit, now: Date = new Date()): RateLimitOutcome {
  const windowStart = new Date(now.getTime() - rule.windowMs);
  return db().transaction((tx) => {
    tx.delete(rateLimitHits).where(and(eq(rateLimitHits.bucket, bucket), lt(rateLimitHits.occurredAt, windowStart))).run();
    const used = tx.select({ n: count() }).from(rateLimitHits).where(eq(rateLimitHits.bucket, bucket)).get()?.n ?? 0;
    if (used >= rule.limit) {
      const oldest = tx
        .select({ at: rateLimitHits.occurredAt })
        .from(rateLimitHits)
        .where(eq(rateLimitHits.bucket, bucket))
        .orderBy(asc(rateLimitHits.occurredAt))
        .limit(1)
        .get();
      const waitMs = (oldest?.at.getTime() ?? now.getTime()) + rule.windowMs - now.getTime();
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) } as const;
    }
    tx.insert(rateLimitHits).values({ bucket, occurredAt: now }).run();
    return { allowed: true } as const;
  });
}

/** How many hits `bucket` holds in the window, without counting one. */
export function rateLimitUsage(bucket: string, rule: RateLimit, now: Date = new Date()): number {
  const windowStart = new Date(now.getTime() - rule.windowMs);
  return (
    db()
      .select({ n: count() })
      .from(rateLimitHits)
      .where(and(eq(rateLimitHits.bucket, bucket), gte(rateLimitHits.occurredAt, windowStart)))
      .get()?.n ?? 0
  );
}
