import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError, createPurchaseOrder, getPurchaseOrder, localInventoryGateway, receivePurchaseOrder, sendPurchaseOrder, type InventoryGateway } from "../../app/inventory/index.server";
import { purchaseOrders } from "../../db/schema";
import { createInventoryStore, levelProblems, type InventoryStore } from "./inventory-store";

const WRITER = fileURLToPath(new URL("./inventory-concurrent-writer.ts", import.meta.url));
const RECEIPTS_PER_WRITER = 40;

let store: InventoryStore;

beforeAll(() => {
  store = createInventoryStore();
});
afterAll(() => store.remove());

describe("two writers on the same purchase order", () => {
  it("in two processes with their own connections, lose no update: every receipt lands once, in order", async () => {
    const order = sentOrder(2 * RECEIPTS_PER_WRITER);
    const line = order.lines[0]!;
    const before = store.level(line.variantId!, order.locationId);
    const writers = [startWriter(order.id, line.id), startWriter(order.id, line.id)];
    await Promise.all(writers.map((w) => w.ready));
    for (const writer of writers) writer.go();
    expect(await Promise.all(writers.map((w) => w.finished))).toEqual([`done ${RECEIPTS_PER_WRITER}`, `done ${RECEIPTS_PER_WRITER}`]);

    const after = getPurchaseOrder(store.shopId, order.id, { database: store.database })!;
    expect(after.lines[0]).toMatchObject({ received: 2 * RECEIPTS_PER_WRITER, outstanding: 0 });
    expect(after.status).toBe("received");
    expect(after.version).toBe(order.version + 2 * RECEIPTS_PER_WRITER);
    const level = store.level(line.variantId!, order.locationId);
    expect(level.onHand - before.onHand).toBe(2 * RECEIPTS_PER_WRITER);
    expect(level.incoming - before.incoming).toBe(-2 * RECEIPTS_PER_WRITER);
    const receipts = store.database.$client
      .prepare("select request_id from activity_log where subject_id = ? and operation = 'purchaseOrders.receive' order by occurred_at, rowid")
      .all(order.id)
      .map((row) => z.object({ request_id: z.string() }).parse(row).request_id.split("-")[0]);
    expect(receipts).toHaveLength(2 * RECEIPTS_PER_WRITER);
    // The writers really ran at the same time: their receipts interleave rather than one batch after the other.
    expect(receipts.lastIndexOf(receipts[0]!)).toBeGreaterThan(receipts.indexOf(receipts.at(-1)!));
    expect(levelProblems(store.database, store.shopId)).toEqual([]);
  }, 60_000);

  it("fail cleanly when the version moved under a write: CONCURRENT_UPDATE, and nothing changes", () => {
    const order = sentOrder(10);
    // Stands in for a writer that commits between this write's read and its update (possible on a database without SQLite's write lock).
    const interleaving: InventoryGateway = {
      applyBatch(tx, batch) {
        localInventoryGateway.applyBatch(tx, batch);
        tx.update(purchaseOrders).set({ version: sql`${purchaseOrders.version} + 1` }).where(sql`${purchaseOrders.id} = ${order.id}`).run();
      },
    };
    const dump = store.dump();
    let refusal: unknown;
    try {
      receivePurchaseOrder(store.shopId, order.id, { lines: [{ lineId: order.lines[0]!.id, received: 3 }] }, { ...store.call, gateway: interleaving });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ code: "CONCURRENT_UPDATE" });
    expect(store.dump()).toBe(dump);
  });
});

function sentOrder(ordered: number) {
  const created = createPurchaseOrder(store.shopId, { locationId: store.locationIds[0]!, lines: [{ variantId: store.variantIds[5]!, ordered }] }, store.call).document;
  return sendPurchaseOrder(store.shopId, created.id, { method: "manual" }, store.call).document;
}

function startWriter(orderId: string, lineId: string) {
  const child = spawn(process.execPath, ["--import", "tsx", WRITER, store.path, store.shopId, orderId, lineId, String(RECEIPTS_PER_WRITER)], { stdio: ["pipe", "pipe", "pipe"] });
  let out = "";
  let err = "";
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString();
    if (out.startsWith("ready\n")) markReady();
  });
  child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const finished = new Promise<string>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(out.replace("ready\n", "").trim()) : reject(new Error(`writer exited with ${code}: ${err}`))));
  });
  return { ready, finished, go: () => child.stdin.end("go\n") };
}
