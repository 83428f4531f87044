/**
 * A full store sync against the fake Shopify Admin server on loopback: a store of 1,000 products
 * with 5 variants each, stocked at 4 locations (20,000 levels), read in Shopify's pages of 100.
 * The first sync writes everything; the second finds nothing changed. Shopify's own latency and
 * rate limits come on top in production; this measures our share and the heap it needs.
 */
import { recordInstall } from "../../app/shopify/shops.server";
import { syncStoreFromShopify } from "../../app/shopify/store-sync.server";
import { createInventoryStore } from "../integration/inventory-store";
import { startFakeShopifyAdmin, type FakeShopifyAdmin } from "../support/fake-shopify-admin";

const PRODUCTS = 1_000;
const VARIANTS_PER_PRODUCT = 5;
const LOCATIONS = 4;

export async function bench() {
  const store = createInventoryStore();
  const shopify = await startFakeShopifyAdmin();
  stockLargeStore(shopify);
  recordInstall("bench-sync.myshopify.com");

  for (const label of ["first sync (all new)", "second sync (unchanged)"]) {
    const callsBefore = shopify.calls.length;
    let peakHeap = 0;
    const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 5);
    const started = performance.now();
    const summary = await syncStoreFromShopify("bench-sync.myshopify.com", shopify.graphql);
    const elapsed = performance.now() - started;
    clearInterval(sampler);
    console.log(`${label.padEnd(26)} ${(elapsed / 1000).toFixed(1)} s, ${shopify.calls.length - callsBefore} Shopify reads, ${summary.variants} variants, ${summary.levels} levels, peak heap ${(peakHeap / 2 ** 20).toFixed(0)} MB`);
  }
  await shopify.close();
  store.remove();
}

function stockLargeStore(shopify: FakeShopifyAdmin): void {
  const locationIds = Array.from({ length: LOCATIONS }, (_, l) => `gid://shopify/Location/${90_000 + l}`);
  shopify.store.primaryLocationId = locationIds[0]!;
  shopify.store.locations = locationIds.map((id, l) => ({
    id,
    name: `Location ${l}`,
    isActive: true,
    createdAt: "2025-01-01T00:00:00Z",
    address: { address1: `${l} Main St`, address2: null, city: "Dublin", provinceCode: "D", zip: null, countryCode: "IE", phone: null },
  }));
  shopify.store.products = Array.from({ length: PRODUCTS }, (_, p) => ({
    id: `gid://shopify/Product/${1_000_000 + p}`,
    title: `Product ${p}`,
    vendor: "Bench",
    productType: "Things",
    status: "ACTIVE" as const,
    tags: ["bench"],
    createdAt: "2026-01-01T00:00:00Z",
    updatedAt: "2026-01-02T00:00:00Z",
    variants: Array.from({ length: VARIANTS_PER_PRODUCT }, (_, v) => {
      const n = p * VARIANTS_PER_PRODUCT + v;
      return {
        id: `gid://shopify/ProductVariant/${2_000_000 + n}`,
        title: `Variant ${v}`,
        sku: `SKU-${n}`,
        barcode: null,
        price: "19.99",
        createdAt: "2026-01-01T00:00:00Z",
        updatedAt: "2026-01-02T00:00:00Z",
        inventoryItem: { id: `gid://shopify/InventoryItem/${3_000_000 + n}`, tracked: true, unitCost: { amount: "8.25", currencyCode: "USD" } },
      };
    }),
  }));
  for (const product of shopify.store.products) {
    for (const variant of product.variants) {
      for (const locationId of locationIds) shopify.stock(variant.inventoryItem.id, locationId, { available: 10, committed: 2, on_hand: 12, incoming: 5 });
    }
  }
  shopify.maxPageSize = 100;
}
