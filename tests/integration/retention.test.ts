import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { newId } from "../../db/ids";
import { AUDIT_RETENTION_MS, pruneExpiredRecords } from "../../db/retention";
import { auditLog, connectionAttempts, idempotencyKeys, oauthAuthorizationRequests, oauthClients, rateLimitHits } from "../../db/schema";
import { createInventoryStore } from "./inventory-store";

const store = createInventoryStore();
afterAll(() => store.remove());

const now = new Date("2026-11-26T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

describe("the retention sweep", () => {
  it("removes what outlived its use and keeps everything still in use", () => {
    const { database, shopId } = store;
    database.insert(idempotencyKeys).values([
      { shopId, key: "expired", operation: "purchaseOrders.send", inputHash: "x", status: "done", result: {}, createdAt: ago(25 * HOUR), expiresAt: ago(HOUR) },
      { shopId, key: "live", operation: "purchaseOrders.send", inputHash: "x", status: "done", result: {}, createdAt: ago(HOUR), expiresAt: new Date(now.getTime() + 23 * HOUR) },
    ]).run();
    database.insert(rateLimitHits).values([
      { bucket: "address:203.0.113.9", occurredAt: ago(2 * DAY) },
      { bucket: "rest:key", occurredAt: ago(30_000) },
    ]).run();
    const audit = (id: string, occurredAt: Date) => ({ id, shopId, occurredAt, tag: "rest:lstk_x", principalKind: "api_key" as const, principalId: "key", channel: "rest" as const, requestId: "req", called: "GET /api/v1/shop", outcome: "200", durationMs: 1 });
    database.insert(auditLog).values([audit("aud_old", ago(AUDIT_RETENTION_MS + DAY)), audit("aud_kept", ago(AUDIT_RETENTION_MS - DAY))]).run();
    const attemptId = newId("att");
    database.insert(connectionAttempts).values({ id: attemptId, shopId, scope: "read", codeHash: "h", status: "pending", createdByName: "Staff", createdAt: ago(3 * DAY), expiresAt: ago(3 * DAY - 600_000) }).run();
    database.insert(oauthClients).values({ id: "client", name: "Claude", redirectUris: ["https://claude.ai/api/mcp/auth_callback"], tokenEndpointAuthMethod: "none", createdAt: ago(3 * DAY) }).run();
    const request = (id: string, expiresAt: Date) => ({ id, attemptId, clientId: "client", redirectUri: "https://claude.ai/api/mcp/auth_callback", codeChallenge: "c", csrfHash: "h", createdAt: ago(3 * DAY), expiresAt });
    database.insert(oauthAuthorizationRequests).values([request("req_old", ago(2 * DAY)), request("req_recent", ago(HOUR))]).run();

    const pruned = pruneExpiredRecords(database, now);

    expect(pruned).toEqual({ idempotencyKeys: 1, rateLimitHits: 1, auditEntries: 1, authorizationRequests: 1 });
    expect(database.select({ key: idempotencyKeys.key }).from(idempotencyKeys).where(eq(idempotencyKeys.shopId, shopId)).all()).toEqual([{ key: "live" }]);
    expect(database.select({ bucket: rateLimitHits.bucket }).from(rateLimitHits).all()).toEqual([{ bucket: "rest:key" }]);
    expect(database.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.shopId, shopId)).all()).toEqual([{ id: "aud_kept" }]);
    expect(database.select({ id: oauthAuthorizationRequests.id }).from(oauthAuthorizationRequests).all()).toEqual([{ id: "req_recent" }]);
  });

  it("finds nothing more to remove when run again", () => {
    expect(pruneExpiredRecords(store.database, now)).toEqual({ idempotencyKeys: 0, rateLimitHits: 0, auditEntries: 0, authorizationRequests: 0 });
  });
});
