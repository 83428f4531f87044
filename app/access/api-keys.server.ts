/**
 * API keys: created by staff on the Agent Access page, shown once, stored as SHA-256 + prefix,
 * revoked by staff. Validity is read from the database on every request; nothing caches it.
 */
import { and, asc, count, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import { newId } from "../../db/ids";
import { ACCESS_SCOPES, apiKeys } from "../../db/schema";
import { db } from "../db.server";
import { recordStaffAction } from "./audit.server";
import { generateApiKey } from "./key-format";

export type AccessScope = (typeof ACCESS_SCOPES)[number];
export type StaffActor = { shopId: string; staff: { id: string; name: string; email: string | null } };

export const MAX_ACTIVE_KEYS_PER_SHOP = 50;
const LAST_USED_RESOLUTION_MS = 60_000;

export const CreateKeyInput = z.object({
  label: z
    .string()
    .trim()
    .max(64, "Use at most 64 characters for the label.")
    .default(""),
  scope: z.enum(ACCESS_SCOPES, "Choose Read only or Read & write."),
});
export type CreateKeyInput = z.infer<typeof CreateKeyInput>;

/** What staff may see of a key: everything but its hash. */
const listedColumns = {
  id: apiKeys.id,
  label: apiKeys.label,
  prefix: apiKeys.prefix,
  scope: apiKeys.scope,
  createdByName: apiKeys.createdByName,
  createdByEmail: apiKeys.createdByEmail,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
  revokedByName: apiKeys.revokedByName,
};
export type ListedApiKey = { [K in keyof typeof listedColumns]: (typeof apiKeys.$inferSelect)[K] };

export type CreateKeyResult =
  | { ok: true; key: string; apiKey: ListedApiKey }
  | { ok: false; reason: "limit_reached" };

export function createApiKey(actor: StaffActor, input: CreateKeyInput): CreateKeyResult {
  return db().transaction((tx) => {
    const active = tx
      .select({ n: count() })
      .from(apiKeys)
      .where(and(eq(apiKeys.shopId, actor.shopId), isNull(apiKeys.revokedAt)))
      .get();
    if ((active?.n ?? 0) >= MAX_ACTIVE_KEYS_PER_SHOP) return { ok: false, reason: "limit_reached" } as const;

    const generated = uniqueKey((prefix) =>
      Boolean(tx.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.prefix, prefix)).get()),
    );
    const apiKey = tx
      .insert(apiKeys)
      .values({
        id: newId("key"),
        shopId: actor.shopId,
        label: input.label,
        prefix: generated.prefix,
        keyHash: generated.keyHash,
        scope: input.scope,
        createdByStaffId: actor.staff.id,
        createdByName: actor.staff.name,
        createdByEmail: actor.staff.email,
      })
      .returning(listedColumns)
      .get();
    recordStaffAction(actor.shopId, actor.staff, `api_key.create ${apiKey.prefix} scope=${apiKey.scope} (${apiKey.id})`);
    return { ok: true, key: generated.key, apiKey } as const;
  });
}

/** Regenerates until the display prefix is unused, so a prefix names exactly one key. */
function uniqueKey(prefixTaken: (prefix: string) => boolean) {
  for (;;) {
    const candidate = generateApiKey();
    if (!prefixTaken(candidate.prefix)) return candidate;
  }
}

/** A numbered page of a staff table: these lists are short, so plain offsets serve them. */
export type TablePage<T> = { rows: T[]; page: number; hasNext: boolean };
export const TABLE_PAGE_SIZE = 25;

/** The rows to fetch for `page`: one more than a page, to know whether another follows. */
export function tablePageWindow(page: number) {
  return { limit: TABLE_PAGE_SIZE + 1, offset: (page - 1) * TABLE_PAGE_SIZE };
}

export function toTablePage<T>(rows: T[], page: number): TablePage<T> {
  return { rows: rows.slice(0, TABLE_PAGE_SIZE), page, hasNext: rows.length > TABLE_PAGE_SIZE };
}

/** Active keys first, newest first; then revoked keys, most recently revoked first. */
export function listApiKeys(shopId: string, page = 1): TablePage<ListedApiKey> {
  const rows = db()
    .select(listedColumns)
    .from(apiKeys)
    .where(eq(apiKeys.shopId, shopId))
    .orderBy(
      asc(sql`${apiKeys.revokedAt} is not null`),
      desc(apiKeys.revokedAt),
      desc(apiKeys.createdAt),
      desc(apiKeys.id),
    )
    .limit(tablePageWindow(page).limit)
    .offset(tablePageWindow(page).offset)
    .all();
  return toTablePage(rows, page);
}

/** Every key of the shop by label and prefix, for the activity filter. */
export function listKeyNames(shopId: string) {
  return db()
    .select({ id: apiKeys.id, label: apiKeys.label, prefix: apiKeys.prefix })
    .from(apiKeys)
    .where(eq(apiKeys.shopId, shopId))
    .orderBy(desc(apiKeys.createdAt))
    .all();
}

export type RevokeKeyResult = { ok: true; apiKey: ListedApiKey } | { ok: false; reason: "not_found" | "already_revoked" };

export function revokeApiKey(actor: StaffActor, keyId: string): RevokeKeyResult {
  return db().transaction((tx) => {
    const existing = tx
      .select({ revokedAt: apiKeys.revokedAt })
      .from(apiKeys)
      .where(and(eq(apiKeys.id, keyId), eq(apiKeys.shopId, actor.shopId)))
      .get();
    if (!existing) return { ok: false, reason: "not_found" } as const;
    if (existing.revokedAt) return { ok: false, reason: "already_revoked" } as const;
    const apiKey = tx
      .update(apiKeys)
      .set({ revokedAt: new Date(), revokedByName: actor.staff.name, revokedByEmail: actor.staff.email })
      .where(and(eq(apiKeys.id, keyId), eq(apiKeys.shopId, actor.shopId), isNull(apiKeys.revokedAt)))
      .returning(listedColumns)
      .get();
    if (!apiKey) return { ok: false, reason: "already_revoked" } as const;
    recordStaffAction(actor.shopId, actor.staff, `api_key.revoke ${apiKey.prefix} (${apiKey.id})`);
    return { ok: true, apiKey } as const;
  });
}

/** Uninstall: every key of the shop stops working. Idempotent. */
export function revokeAllApiKeys(shopId: string, revokedByName: string): number {
  return db()
    .update(apiKeys)
    .set({ revokedAt: new Date(), revokedByName })
    .where(and(eq(apiKeys.shopId, shopId), isNull(apiKeys.revokedAt)))
    .run().changes;
}

/** The key row for a presented key's hash, revoked or not; the caller decides what revoked means. */
export function findApiKeyByHash(keyHash: string) {
  return db()
    .select({
      id: apiKeys.id,
      shopId: apiKeys.shopId,
      label: apiKeys.label,
      prefix: apiKeys.prefix,
      keyHash: apiKeys.keyHash,
      scope: apiKeys.scope,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.keyHash, keyHash))
    .get();
}

/** Records use at most once a minute per key; the condition in the update needs no memory. */
export function touchApiKey(keyId: string, now: Date): void {
  db()
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiKeys.id, keyId),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, new Date(now.getTime() - LAST_USED_RESOLUTION_MS))),
      ),
    )
    .run();
}
