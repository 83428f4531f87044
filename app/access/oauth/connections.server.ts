/** Connected apps as staff see and end them on the Agent Access page. */
import { and, asc, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { connections, oauthTokens } from "../../../db/schema";
import { db } from "../../db.server";
import { tablePageWindow, toTablePage, type StaffActor, type TablePage } from "../api-keys.server";
import { recordStaffAction } from "../audit.server";
import { revokeConnectionTree } from "./tokens.server";

export type ListedConnection = {
  id: string;
  appName: string;
  scope: (typeof connections.$inferSelect)["scope"];
  approvedByName: string;
  approvedByEmail: string | null;
  approvedAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  revokedByName: string | null;
  /** No live access or refresh token is left: the app must be connected again. */
  expired: boolean;
};

/** Live connections first, newest first; then ended ones, most recently ended first. */
export function listConnections(shopId: string, page = 1, now = new Date()): TablePage<ListedConnection> {
  const liveTokens = db()
    .select({ connectionId: oauthTokens.connectionId })
    .from(oauthTokens)
    .where(and(isNull(oauthTokens.revokedAt), isNull(oauthTokens.usedAt), gt(oauthTokens.expiresAt, now), sql`${oauthTokens.kind} in ('access', 'refresh')`))
    .all();
  const live = new Set(liveTokens.map((row) => row.connectionId));
  const rows = db()
    .select({
      id: connections.id,
      appName: connections.appName,
      scope: connections.scope,
      approvedByName: connections.approvedByName,
      approvedByEmail: connections.approvedByEmail,
      approvedAt: connections.approvedAt,
      lastUsedAt: connections.lastUsedAt,
      revokedAt: connections.revokedAt,
      revokedByName: connections.revokedByName,
    })
    .from(connections)
    .where(eq(connections.shopId, shopId))
    .orderBy(asc(sql`${connections.revokedAt} is not null`), desc(connections.revokedAt), desc(connections.approvedAt), desc(connections.id))
    .limit(tablePageWindow(page).limit)
    .offset(tablePageWindow(page).offset)
    .all()
    .map((row) => ({ ...row, expired: row.revokedAt === null && !live.has(row.id) }));
  return toTablePage(rows, page);
}

/** Every connection of the shop by app name, for the activity filter. */
export function listConnectionNames(shopId: string) {
  return db()
    .select({ id: connections.id, appName: connections.appName, approvedAt: connections.approvedAt })
    .from(connections)
    .where(eq(connections.shopId, shopId))
    .orderBy(desc(connections.approvedAt))
    .all();
}

export type DisconnectResult = { ok: true; appName: string } | { ok: false; reason: "not_found" | "already_revoked" };

export function disconnectApp(actor: StaffActor, connectionId: string, now = new Date()): DisconnectResult {
  const connection = db()
    .select({ appName: connections.appName, revokedAt: connections.revokedAt })
    .from(connections)
    .where(and(eq(connections.id, connectionId), eq(connections.shopId, actor.shopId)))
    .get();
  if (!connection) return { ok: false, reason: "not_found" };
  if (!revokeConnectionTree(connectionId, "disconnected_by_staff", now, actor.staff)) return { ok: false, reason: "already_revoked" };
  recordStaffAction(actor.shopId, actor.staff, `connection.disconnect app=${JSON.stringify(connection.appName)} (${connectionId})`);
  return { ok: true, appName: connection.appName };
}

/** Uninstall: every connection of the shop ends, with its tokens. */
export function revokeAllConnections(shopId: string, now = new Date()): number {
  const live = db()
    .select({ id: connections.id })
    .from(connections)
    .where(and(eq(connections.shopId, shopId), isNull(connections.revokedAt)))
    .all();
  for (const { id } of live) revokeConnectionTree(id, "uninstalled", now, { name: "Shopify (app uninstalled)", email: null });
  return live.length;
}

const LAST_USED_RESOLUTION_MS = 60_000;

export function touchConnection(connectionId: string, now: Date): void {
  db()
    .update(connections)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(connections.id, connectionId),
        sql`(${connections.lastUsedAt} is null or ${connections.lastUsedAt} < ${now.getTime() - LAST_USED_RESOLUTION_MS})`,
      ),
    )
    .run();
}
