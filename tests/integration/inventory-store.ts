/**
 * A store for inventory tests: a temporary, migrated SQLite file with the demo store seeded, its
 * own connection passed to every domain call (so several connections can share the file), and a
 * full dump of every table to prove that a refused call changed nothing.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, asc, eq } from "drizzle-orm";
import { expect } from "vitest";
import { z } from "zod";
import { DomainError, type WriteCall } from "../../app/inventory/index.server";
import { migrateDatabase, openDatabase, type AppDatabase } from "../../db/client";
import { seedDemoStore } from "../../db/seed";
import { inventoryLevels, locations, variants } from "../../db/schema";

export type InventoryStore = {
  path: string;
  database: AppDatabase;
  shopId: string;
  /** The demo shop's Shopify domain. */
  domain: string;
  call: WriteCall;
  /** Active locations of the demo shop, oldest first. */
  locationIds: string[];
  /** Tracked variants of the demo shop, oldest first. */
  variantIds: string[];
  level: (variantId: string, locationId: string) => Level;
  dump: () => string;
  /** Asserts that `run` is refused with `code` and a message, and that no table changed. */
  expectRefused: (run: () => unknown, code: DomainError["code"]) => DomainError;
  remove: () => void;
};

export type Level = Omit<typeof inventoryLevels.$inferSelect, "createdAt" | "updatedAt" | "id" | "shopId" | "variantId" | "locationId">;

export function createInventoryStore(): InventoryStore {
  const dir = mkdtempSync(join(tmpdir(), "logistified-inventory-"));
  const path = join(dir, "inventory.sqlite");
  // The app's own `db()` opens this file if anything reaches for it; every call here passes its connection.
  process.env.DATABASE_PATH = path;
  // Catalogue writes ask the app's environment whether the store has a Shopify side: this one has not.
  process.env.LOGISTIFIED_DEMO_STORE = "1";
  const database = openDatabase(path);
  migrateDatabase(database);
  const domain = "inventory-test.myshopify.com";
  const shopId = seedDemoStore(database, { domain, name: "Inventory Test" });
  seedDemoStore(database, { domain: "other-inventory.myshopify.com", name: "Other", seed: 7 });
  const locationIds = database.select({ id: locations.id }).from(locations).where(and(eq(locations.shopId, shopId), eq(locations.active, true))).orderBy(asc(locations.createdAt)).all().map((r) => r.id);
  const variantIds = database.select({ id: variants.id }).from(variants).where(and(eq(variants.shopId, shopId), eq(variants.inventoryTracked, true))).orderBy(asc(variants.createdAt)).all().map((r) => r.id);
  const tables = z.array(z.object({ name: z.string() })).parse(database.$client.prepare("select name from sqlite_master where type = 'table' order by name").all());
  const dumpStatements = tables.map(({ name }) => ({ name, statement: database.$client.prepare(`select * from "${name}" order by rowid`).raw(true) }));
  const dump = () => dumpStatements.map(({ name, statement }) => `${name}:${JSON.stringify(statement.all())}`).join("\n");
  return {
    path,
    database,
    shopId,
    domain,
    call: { actor: { type: "staff", name: "Test Staff", email: "staff@example.com" }, database },
    locationIds,
    variantIds,
    level: (variantId, locationId) => {
      const row = database
        .select({
          available: inventoryLevels.available,
          committed: inventoryLevels.committed,
          reserved: inventoryLevels.reserved,
          damaged: inventoryLevels.damaged,
          safetyStock: inventoryLevels.safetyStock,
          qualityControl: inventoryLevels.qualityControl,
          onHand: inventoryLevels.onHand,
          incoming: inventoryLevels.incoming,
        })
        .from(inventoryLevels)
        .where(and(eq(inventoryLevels.variantId, variantId), eq(inventoryLevels.locationId, locationId)))
        .get();
      return row ?? { available: 0, committed: 0, reserved: 0, damaged: 0, safetyStock: 0, qualityControl: 0, onHand: 0, incoming: 0 };
    },
    dump,
    expectRefused: (run, code) => {
      const before = dump();
      const refusal = refusalOf(run);
      expect(refusal.code).toBe(code);
      expect(refusal.message.length).toBeGreaterThan(20);
      expect(dump()).toBe(before);
      return refusal;
    },
    remove: () => {
      database.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The domain refusal `run` throws; anything else thrown, or nothing thrown, fails the test. */
export function refusalOf(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

/** For every level of the shop: on_hand is the sum of its parts, incoming is what open POs and transfers in transit still bring, available is not negative. */
export function levelProblems(database: AppDatabase, shopId: string): string[] {
  const rows = z
    .array(z.object({ variant_id: z.string(), location_id: z.string(), on_hand: z.number(), parts: z.number(), incoming: z.number(), expected: z.number(), available: z.number() }))
    .parse(
      database.$client
        .prepare(
          `select l.variant_id, l.location_id, l.on_hand, l.available + l.committed + l.reserved + l.damaged + l.safety_stock + l.quality_control as parts,
                  l.incoming, l.available,
                  coalesce((select sum(max(0, coalesce(pl.confirmed, pl.ordered) - pl.received - pl.cancelled - pl.rejected))
                              from purchase_order_lines pl join purchase_orders po on po.id = pl.purchase_order_id
                             where po.shop_id = l.shop_id and po.location_id = l.location_id and pl.variant_id = l.variant_id
                               and po.status not in ('draft', 'completed', 'cancelled')), 0)
                  + coalesce((select sum(tl.planned - tl.received)
                                from transfer_order_lines tl join transfer_orders t on t.id = tl.transfer_order_id
                               where t.shop_id = l.shop_id and t.destination_location_id = l.location_id and tl.variant_id = l.variant_id
                                 and t.status in ('sent', 'partially_received', 'received', 'on_hold')), 0) as expected
             from inventory_levels l where l.shop_id = ?`,
        )
        .all(shopId),
    );
  return rows.flatMap((row) => [
    ...(row.on_hand !== row.parts ? [`${row.variant_id}@${row.location_id}: on_hand ${row.on_hand} ≠ parts ${row.parts}`] : []),
    ...(row.incoming !== row.expected ? [`${row.variant_id}@${row.location_id}: incoming ${row.incoming} ≠ open POs and transfers ${row.expected}`] : []),
    ...(row.available < 0 ? [`${row.variant_id}@${row.location_id}: available ${row.available} < 0`] : []),
  ]);
}
