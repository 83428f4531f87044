/**
 * What applying inventory changes in Shopify first adds to a write: purchase-order receipts of one
 * unit through the local (demo) gateway, then through `writeThroughRemote` against the fake Shopify
 * Admin server on loopback (plan, lock, two adjustments, commit). Shopify's own latency comes on
 * top in production; this measures our share of it.
 */
import { and, eq } from "drizzle-orm";
import { createPurchaseOrder, receivePurchaseOrder, sendPurchaseOrder, writeThroughRemote, type WriteCall } from "../../app/inventory/index.server";
import { inventoryLevels } from "../../db/schema";
import { createInventoryStore, type InventoryStore } from "../integration/inventory-store";
import { startFakeShopifyAdmin, stockFromMirror } from "../support/fake-shopify-admin";

const RECEIPTS = 300;

export async function bench() {
  const store = createInventoryStore();
  const shopify = await startFakeShopifyAdmin();
  stockFromMirror(shopify, store.database, store.shopId);
  const [remoteVariant, localVariant] = stockedVariants(store, 2);
  const locationId = store.locationIds[1]!;
  const remote = shopify.remoteFor(store.domain);

  const remoteDraft = draftOrder(store, remoteVariant!, locationId);
  const remoteOrder = await writeThroughRemote(store.shopId, store.call, remote, (call) => sendPurchaseOrder(store.shopId, remoteDraft, { method: "manual" }, call));
  const remoteLine = remoteOrder.document.lines[0]!.id;
  const callsBefore = shopify.calls.length;
  const throughShopify = await timeEach(RECEIPTS, () => writeThroughRemote(store.shopId, store.call, remote, (call: WriteCall) => receivePurchaseOrder(store.shopId, remoteOrder.document.id, { lines: [{ lineId: remoteLine, received: 1 }] }, call)));
  const callsPerWrite = (shopify.calls.length - callsBefore) / RECEIPTS;

  const localOrder = sendPurchaseOrder(store.shopId, draftOrder(store, localVariant!, locationId), { method: "manual" }, store.call);
  const localLine = localOrder.document.lines[0]!.id;
  const local = await timeEach(RECEIPTS, async () => receivePurchaseOrder(store.shopId, localOrder.document.id, { lines: [{ lineId: localLine, received: 1 }] }, store.call));

  console.log(`receipt of 1 unit, ${RECEIPTS} each, ms    p50     p99`);
  console.log(`  local gateway                  ${fmt(local.p50)}  ${fmt(local.p99)}`);
  console.log(`  Shopify first (loopback fake)  ${fmt(throughShopify.p50)}  ${fmt(throughShopify.p99)}`);
  console.log(`  added per write                ${fmt(throughShopify.p50 - local.p50)}  ${fmt(throughShopify.p99 - local.p99)}   (${callsPerWrite} Shopify calls per write)`);
  await shopify.close();
  store.remove();
}

function draftOrder(store: InventoryStore, variantId: string, locationId: string): string {
  return createPurchaseOrder(store.shopId, { locationId, lines: [{ variantId, ordered: RECEIPTS * 2 }] }, store.call).document.id;
}

function stockedVariants(store: InventoryStore, count: number): string[] {
  return store.variantIds.filter((variantId) => store.database.select({ id: inventoryLevels.id }).from(inventoryLevels).where(and(eq(inventoryLevels.variantId, variantId), eq(inventoryLevels.locationId, store.locationIds[1]!))).get()).slice(0, count);
}

async function timeEach(times: number, run: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: samples[Math.floor(times * 0.5)]!, p99: samples[Math.floor(times * 0.99)]! };
}

function fmt(ms: number): string {
  return ms.toFixed(2).padStart(6);
}
