/**
 * Connection attempts: what staff generate on the Agent Access page to connect a web chat. An
 * attempt has a connector URL (`/connect/<attempt id>/mcp-agent`) and a one-time code, both valid
 * for 10 minutes, bound to the store, the scope and the staff member who generated it. It ends
 * approved, denied, locked (too many wrong codes) or cancelled (a newer code by the same person);
 * after approval its URL stays the connection's permanent address.
 */
import { and, eq, sql } from "drizzle-orm";
import { newId } from "../../db/ids";
import { connectionAttempts, connections, shops } from "../../db/schema";
import { db } from "../db.server";
import type { AccessScope, StaffActor } from "./api-keys.server";
import { recordStaffAction } from "./audit.server";
import { RATE_LIMITS, takeRateLimit } from "./rate-limits.server";
import { formatConnectionCode, generateConnectionCode, hashSecret, normalizeConnectionCode, secretsEqual } from "./secrets";

export const ATTEMPT_LIFETIME_MS = 10 * 60_000;
export const MAX_WRONG_CODES_PER_ATTEMPT = 5;

export function connectorPath(attemptId: string): string {
  return `/connect/${attemptId}/mcp-agent`;
}

export type StartedAttempt = { attemptId: string; code: string; connectorPath: string; expiresAt: Date; scope: AccessScope };

/** A new attempt; any earlier pending attempt of the same staff member in this store is cancelled. */
export function startConnectionAttempt(actor: StaffActor, scope: AccessScope, now = new Date()): StartedAttempt {
  const code = generateConnectionCode();
  const attemptId = newId("att");
  const expiresAt = new Date(now.getTime() + ATTEMPT_LIFETIME_MS);
  db().transaction((tx) => {
    tx.update(connectionAttempts)
      .set({ status: "cancelled", closedAt: now })
      .where(
        and(
          eq(connectionAttempts.shopId, actor.shopId),
          eq(connectionAttempts.createdByStaffId, actor.staff.id),
          eq(connectionAttempts.status, "pending"),
        ),
      )
      .run();
    tx.insert(connectionAttempts)
      .values({
        id: attemptId,
        shopId: actor.shopId,
        scope,
        codeHash: hashSecret(code),
        status: "pending",
        createdByStaffId: actor.staff.id,
        createdByName: actor.staff.name,
        createdByEmail: actor.staff.email,
        createdAt: now,
        expiresAt,
      })
      .run();
    recordStaffAction(actor.shopId, actor.staff, `connection_code.generate scope=${scope} (${attemptId})`);
  });
  return { attemptId, code: formatConnectionCode(code), connectorPath: connectorPath(attemptId), expiresAt, scope };
}

export type AttemptView = {
  status: "pending" | "expired" | "approved" | "denied" | "locked" | "cancelled";
  connection: { id: string; appName: string } | null;
};

/** What the page's card polls: has this staff member's attempt been approved yet? */
export function attemptStatus(shopId: string, attemptId: string, now = new Date()): AttemptView | null {
  const attempt = db()
    .select({ status: connectionAttempts.status, expiresAt: connectionAttempts.expiresAt })
    .from(connectionAttempts)
    .where(and(eq(connectionAttempts.id, attemptId), eq(connectionAttempts.shopId, shopId)))
    .get();
  if (!attempt) return null;
  const connection =
    db()
      .select({ id: connections.id, appName: connections.appName })
      .from(connections)
      .where(and(eq(connections.attemptId, attemptId), eq(connections.shopId, shopId)))
      .get() ?? null;
  const status = attempt.status === "pending" && attempt.expiresAt <= now ? "expired" : attempt.status;
  return { status, connection };
}

export type OpenAttempt = {
  id: string;
  shopId: string;
  shopName: string;
  scope: AccessScope;
  createdByStaffId: string | null;
  createdByName: string;
  createdByEmail: string | null;
  expiresAt: Date;
};
export type ClosedAttemptReason = "unknown" | "expired" | "used" | "locked";

/** An attempt that can still start or continue an authorization, or why it cannot. */
export function findOpenAttempt(attemptId: string, now = new Date()): { ok: true; attempt: OpenAttempt } | { ok: false; reason: ClosedAttemptReason } {
  const row = db()
    .select({
      id: connectionAttempts.id,
      shopId: connectionAttempts.shopId,
      shopName: shops.name,
      shopUninstalledAt: shops.uninstalledAt,
      scope: connectionAttempts.scope,
      status: connectionAttempts.status,
      createdByStaffId: connectionAttempts.createdByStaffId,
      createdByName: connectionAttempts.createdByName,
      createdByEmail: connectionAttempts.createdByEmail,
      expiresAt: connectionAttempts.expiresAt,
    })
    .from(connectionAttempts)
    .innerJoin(shops, eq(shops.id, connectionAttempts.shopId))
    .where(eq(connectionAttempts.id, attemptId))
    .get();
  if (!row || row.shopUninstalledAt) return { ok: false, reason: "unknown" };
  if (row.status === "locked") return { ok: false, reason: "locked" };
  if (row.status !== "pending") return { ok: false, reason: row.status === "cancelled" ? "expired" : "used" };
  if (row.expiresAt <= now) return { ok: false, reason: "expired" };
  const { status: _status, shopUninstalledAt: _uninstalled, ...attempt } = row;
  return { ok: true, attempt };
}

export type CodeCheck =
  | { ok: true; attempt: OpenAttempt }
  | { ok: false; reason: "wrong"; triesLeft: number }
  | { ok: false; reason: ClosedAttemptReason | "locked" | "address_limited"; retryAfterSeconds?: number };

/**
 * Checks a typed code against its attempt. Wrong codes count against the attempt (locked at the
 * fifth); every submission counts against the network address.
 *
 * Each lockout stays within what the guesser holds: the attempt whose connector URL they have, and
 * their own address. There is no store-wide count of wrong codes: it would let whoever holds one
 * connector URL (or a few) lock every other web-chat approval of the store, right codes included,
 * while buying nothing, since five guesses at one of 31^8 codes are all any attempt ever takes.
 */
export function checkConnectionCode(attemptId: string, typed: string, clientAddress: string, now = new Date()): CodeCheck {
  const perAddress = takeRateLimit(`code:address:${clientAddress}`, RATE_LIMITS.codeSubmissionsPerAddress, now);
  if (!perAddress.allowed) return { ok: false, reason: "address_limited", retryAfterSeconds: perAddress.retryAfterSeconds };
  const open = findOpenAttempt(attemptId, now);
  if (!open.ok) return open;

  const normalized = normalizeConnectionCode(typed);
  const stored = db()
    .select({ codeHash: connectionAttempts.codeHash })
    .from(connectionAttempts)
    .where(eq(connectionAttempts.id, attemptId))
    .get();
  if (normalized !== null && stored && secretsEqual(stored.codeHash, hashSecret(normalized))) return { ok: true, attempt: open.attempt };

  const failed = db()
    .update(connectionAttempts)
    .set({ failedTries: sql`${connectionAttempts.failedTries} + 1` })
    .where(and(eq(connectionAttempts.id, attemptId), eq(connectionAttempts.status, "pending")))
    .returning({ failedTries: connectionAttempts.failedTries })
    .get();
  const tries = failed?.failedTries ?? MAX_WRONG_CODES_PER_ATTEMPT;
  if (tries >= MAX_WRONG_CODES_PER_ATTEMPT) {
    closeAttempt(attemptId, "locked", now);
    return { ok: false, reason: "locked" };
  }
  return { ok: false, reason: "wrong", triesLeft: MAX_WRONG_CODES_PER_ATTEMPT - tries };
}

/** Ends a pending attempt; false when it had already ended (another tab approved or denied it). */
export function closeAttempt(attemptId: string, status: "approved" | "denied" | "locked", now = new Date()): boolean {
  return (
    db()
      .update(connectionAttempts)
      .set({ status, closedAt: now })
      .where(and(eq(connectionAttempts.id, attemptId), eq(connectionAttempts.status, "pending")))
      .run().changes === 1
  );
}
