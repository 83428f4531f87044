import { describe, expect, it } from "vitest";
import { migrateDatabase, openDatabase } from "../../db/client";
import { auditLog, shops } from "../../db/schema";
import { assertNoIssuedSecretLeaked, rememberSecret } from "../support/issued-secrets";

describe("the leak check every test server runs when it stops", () => {
  it("finds an issued secret in any text column, and in the server's output", () => {
    const db = openDatabase(":memory:");
    migrateDatabase(db);
    const secret = "lgat_ThisIsAnIssuedSecretForTheLeakCheckTest123";
    rememberSecret(secret);
    expect(() => assertNoIssuedSecretLeaked(db, "nothing here")).not.toThrow();
    expect(() => assertNoIssuedSecretLeaked(db, `GET /?token=${secret}`)).toThrow(/server output/);
    db.insert(shops).values({ id: "shop_1", shopifyDomain: "a.myshopify.com", name: "A", currency: "USD", timezone: "UTC", installedAt: new Date() }).run();
    db.insert(auditLog)
      .values({ id: "aud_1", shopId: "shop_1", occurredAt: new Date(), tag: "t", principalKind: "api_key", principalId: "k", channel: "mcp", requestId: "r", called: `run ${secret}`, outcome: "ok", durationMs: 1 })
      .run();
    expect(() => assertNoIssuedSecretLeaked(db, "")).toThrow(/audit_log\.called/);
  });
});
