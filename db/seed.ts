/**
 * The demo store: a believable outdoor-goods shop with several locations, a few hundred variants
 * stocked across them, suppliers, and purchase orders, transfers, stock takes and supplier returns
 * in every status, with payments, supplier credits and reorder rules, made through the domain's own
 * operations so that `incoming` and on_hand agree with them by construction. Deterministic (a
 * seeded generator), so every fresh start looks alike.
 *
 * `npm start` runs this file; it seeds only when the demo shop is missing.
 */
import { and, eq, gte } from "drizzle-orm";
import {
  cancelPurchaseOrder,
  confirmPurchaseOrder,
  createPurchaseOrder,
  disputePurchaseOrder,
  holdPurchaseOrder,
  markPurchaseOrderInProgress,
  quickCompletePurchaseOrder,
  receivePurchaseOrder,
  sendPurchaseOrder,
  cancelTransferOrder,
  completeTransferOrder,
  createTransferOrder,
  holdTransferOrder,
  receiveTransferOrder,
  sendTransferOrder,
  type PoStatus,
  type PurchaseOrderDocument,
  type ToStatus,
  type TransferOrderDocument,
  type WriteCall,
} from "../app/inventory/index.server";
import { DEMO_SHOP_DOMAIN, DEMO_SHOP_NAME } from "../app/shopify/demo-store";
import { openDatabase, migrateDatabase, type AppDatabase } from "./client";
import { newId } from "./ids";
import * as schema from "./schema";
import { seedManualCredit, seedPayments, seedReorderRules, seedStockTakes, seedSupplierReturns, type SeedContext } from "./seed-documents";

type SeedOptions = { domain: string; name: string; seed?: number };

const LOCATIONS = [
  { name: "Portland Warehouse", address1: "2150 NW Front Ave", city: "Portland", province: "OR", postalCode: "97209", isPrimary: true },
  { name: "Seattle Flagship", address1: "1420 5th Ave", city: "Seattle", province: "WA", postalCode: "98101", isPrimary: false },
  { name: "Denver Store", address1: "1600 Wazee St", city: "Denver", province: "CO", postalCode: "80202", isPrimary: false },
  { name: "Austin Fulfilment", address1: "9800 N Lamar Blvd", city: "Austin", province: "TX", postalCode: "78753", isPrimary: false },
] as const;

const SUPPLIERS = [
  { name: "Cascade Textile Co.", contactName: "Mira Okafor", email: "orders@cascadetextile.example", city: "Tacoma", country: "US", paymentTerms: "Net 30", currency: "USD" },
  { name: "Summit Gear Manufacturing", contactName: "Jonas Berg", email: "sales@summitgear.example", city: "Salt Lake City", country: "US", paymentTerms: "Net 45", currency: "USD" },
  { name: "Northwind Outdoor Supply", contactName: "Priya Raman", email: "po@northwindoutdoor.example", city: "Vancouver", country: "CA", paymentTerms: "Net 30", currency: "CAD" },
  { name: "Alpine Footwear GmbH", contactName: "Lena Huber", email: "export@alpinefootwear.example", city: "Innsbruck", country: "AT", paymentTerms: "50% upfront", currency: "EUR" },
  { name: "Tidewater Packs", contactName: "Sam Whitaker", email: null, city: "Portland", country: "US", paymentTerms: "Net 15", currency: "USD" },
] as const;

const PRODUCT_FAMILIES = [
  { type: "Jackets", vendor: "Harbour & Pine", items: ["Rainier Shell Jacket", "Driftwood Down Parka", "Ferry Line Softshell", "Ridgeback Insulated Vest", "Storm Cellar Anorak", "Tidepool Windbreaker"], sizes: ["XS", "S", "M", "L", "XL"], colors: ["Slate", "Moss"], price: 18900 },
  { type: "Fleece", vendor: "Harbour & Pine", items: ["Campfire Fleece Pullover", "Switchback Grid Fleece", "Basecamp Quarter Zip", "Lantern Sherpa Hoodie"], sizes: ["S", "M", "L", "XL"], colors: ["Ember", "Fog", "Pine"], price: 7900 },
  { type: "Footwear", vendor: "Alpine Trail", items: ["Trailhead Hiking Boot", "Scree Runner", "Harbour Deck Shoe", "Canyon Sandal"], sizes: ["8", "9", "10", "11", "12"], colors: ["Brown"], price: 14500 },
  { type: "Packs", vendor: "Tidewater", items: ["Daybreak 24L Pack", "Longhaul 55L Pack", "Cityline Commuter", "Summit Sling"], sizes: ["One size"], colors: ["Black", "Ocean", "Rust"], price: 9800 },
  { type: "Camp", vendor: "Summit Gear", items: ["Two-Person Dome Tent", "Ultralight Bivy", "Down Sleeping Bag 20°F", "Camp Chair Lite", "Titanium Cook Set", "Insulated Sleeping Pad"], sizes: ["Standard", "Long"], colors: ["Olive"], price: 12900 },
  { type: "Accessories", vendor: "Harbour & Pine", items: ["Merino Beanie", "Trail Gloves", "Wool Hiking Socks", "Sun Hat", "Neck Gaiter", "Headlamp 300", "Trekking Poles", "Water Bottle 1L"], sizes: ["S/M", "L/XL"], colors: ["Charcoal", "Heather"], price: 2400 },
  { type: "Kids", vendor: "Harbour & Pine", items: ["Kids Puddle Jacket", "Kids Trail Fleece", "Kids Hiking Boot", "Kids Day Pack", "Kids Sun Hoodie", "Kids Rain Pants"], sizes: ["4", "6", "8", "10", "12"], colors: ["Lime", "Navy"], price: 4900 },
  { type: "Base layers", vendor: "Cascade", items: ["Merino Crew Base Layer", "Merino Bottoms", "Synthetic Tee", "Long Sleeve Sun Shirt"], sizes: ["XS", "S", "M", "L", "XL", "XXL"], colors: ["Black", "Sky"], price: 6500 },
] as const;

const COUNT_REASONS = ["Count correction", "Damaged", "Theft or loss", "Found stock", "Received not recorded"] as const;

const PURCHASE_ORDER_PLAN = [
  { status: "draft", daysAgo: 1 },
  { status: "draft", daysAgo: 3 },
  { status: "sent", daysAgo: 6 },
  { status: "sent", daysAgo: 9 },
  { status: "partially_confirmed", daysAgo: 10 },
  { status: "confirmed", daysAgo: 12 },
  { status: "in_progress", daysAgo: 15 },
  { status: "partially_received", daysAgo: 18 },
  { status: "partially_received", daysAgo: 21 },
  { status: "received", daysAgo: 27 },
  { status: "on_hold", daysAgo: 30 },
  { status: "disputed", daysAgo: 33 },
  { status: "completed", daysAgo: 45 },
  { status: "completed", daysAgo: 60 },
  { status: "cancelled", daysAgo: 40 },
] as const satisfies readonly { status: (typeof schema.PURCHASE_ORDER_STATUSES)[number]; daysAgo: number }[];


export function seedDemoStore(db: AppDatabase, options: SeedOptions): string {
  const random = seededRandom(options.seed ?? 20261126);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;
  const now = Date.now();
  const daysAgo = (days: number, jitterHours = 0) => new Date(now - days * 86_400_000 - jitterHours * 3_600_000);
  const shopId = newId("shop");

  db.transaction((tx) => {
    tx.insert(schema.shops)
      .values({ id: shopId, shopifyDomain: options.domain, name: options.name, currency: "USD", timezone: "America/Los_Angeles", installedAt: daysAgo(400) })
      .run();

    const locationIds = LOCATIONS.map((location, index) => {
      const id = newId("loc");
      tx.insert(schema.locations)
        .values({ id, shopId, shopifyId: `gid://shopify/Location/${7_100_000 + index}`, countryCode: "US", createdAt: daysAgo(400 - index * 30), ...location })
        .run();
      return id;
    });

    const supplierRows = [{ name: "Default supplier", contactName: null, email: null, city: null, country: null, paymentTerms: null, currency: "USD", isDefault: true }, ...SUPPLIERS.map((s) => ({ ...s, isDefault: false }))].map(
      (supplier, index) => {
        const id = newId("sup");
        tx.insert(schema.suppliers)
          .values({ id, shopId, number: index + 1, taxRateBasisPoints: supplier.isDefault ? 0 : pick([0, 500, 825]), createdAt: daysAgo(390 - index), ...supplier })
          .run();
        return { id, currency: supplier.currency, isDefault: supplier.isDefault };
      },
    );
    tx.insert(schema.documentSequences).values({ shopId, documentType: "supplier", lastNumber: supplierRows.length }).run();
    const countReasonIds = COUNT_REASONS.map((name, index) => {
      const id = newId("rsn");
      tx.insert(schema.countReasons).values({ id, shopId, name, isDefault: index === 0, createdAt: daysAgo(400, -index) }).run();
      return id;
    });

    const variantRows: { id: string; cost: number; tracked: boolean; supplierId: string }[] = [];
    let productNumber = 0;
    let variantNumber = 0;
    for (const family of PRODUCT_FAMILIES) {
      for (const title of family.items) {
        productNumber += 1;
        const productId = newId("prod");
        const createdAt = daysAgo(380 - productNumber * 4);
        tx.insert(schema.products)
          .values({ id: productId, shopId, shopifyId: `gid://shopify/Product/${8_800_000 + productNumber}`, title, vendor: family.vendor, productType: family.type, status: productNumber % 17 === 0 ? "draft" : "active", tags: [family.type.toLowerCase()], createdAt, updatedAt: createdAt })
          .run();
        const price = family.price + int(-4, 6) * 500;
        for (const color of family.colors) {
          for (const size of family.sizes) {
            variantNumber += 1;
            const id = newId("var");
            const cost = Math.round(price * (0.38 + random() * 0.12));
            const sku = `${family.type.slice(0, 3).toUpperCase()}-${String(productNumber).padStart(3, "0")}-${color.slice(0, 3).toUpperCase()}-${size.replace(/[^A-Za-z0-9]/g, "")}`;
            tx.insert(schema.variants)
              .values({ id, shopId, productId, shopifyId: `gid://shopify/ProductVariant/${44_000_000 + variantNumber}`, inventoryItemShopifyId: `gid://shopify/InventoryItem/${46_000_000 + variantNumber}`, title: family.sizes.length > 1 ? `${color} / ${size}` : color, sku, barcode: String(8_400_000_000_000 + variantNumber * 7), priceAmount: price, unitCostAmount: variantNumber % 23 === 0 ? null : cost, inventoryTracked: variantNumber % 41 !== 0, createdAt: new Date(createdAt.getTime() + variantNumber), updatedAt: createdAt })
              .run();
            // Every variant has one primary supplier; each eleventh stays with the Default supplier.
            const supplier = variantNumber % 11 === 0 ? supplierRows[0]! : supplierRows[1 + (productNumber % SUPPLIERS.length)]!;
            variantRows.push({ id, cost, tracked: variantNumber % 41 !== 0, supplierId: supplier.id });
            tx.insert(schema.supplierVariants)
              .values({ id: newId("sv"), shopId, supplierId: supplier.id, variantId: id, supplierSku: `${supplier.isDefault ? "" : "S"}${sku}`, costAmount: supplier.currency === "USD" ? cost : null, moq: supplier.isDefault ? null : 6, packSize: supplier.isDefault ? null : 6, leadTimeDays: supplier.isDefault ? null : 14 + (productNumber % 4) * 7, primary: true, createdAt })
              .run();
          }
        }
      }
    }

    // Only tracked variants can be on inventory documents.
    const trackedVariants = variantRows.filter((variant) => variant.tracked);
    const poPlan = PURCHASE_ORDER_PLAN.map((plan, index) => {
      const supplier = supplierRows[1 + (index % SUPPLIERS.length)]!;
      const locationIndex = index % 3 === 0 ? 1 + (index % (LOCATIONS.length - 1)) : 0;
      const lines = Array.from({ length: int(3, 9) }, () => pick(trackedVariants)).filter((v, i, all) => all.findIndex((w) => w.id === v.id) === i);
      return { ...plan, number: `PO-${1001 + index}`, supplier, locationId: locationIds[locationIndex]!, lines: lines.map((variant) => ({ variant, ordered: int(2, 12) * 6 })) };
    });

    // Stock: the warehouse holds most; stores carry a subset. on_hand is the sum of its parts.
    // Incoming starts at zero: the purchase orders below add theirs as they are sent.
    const levelTime = daysAgo(0, 2);
    for (const variant of variantRows) {
      locationIds.forEach((locationId, index) => {
        const stocked = index === 0 || random() < 0.7;
        if (!stocked) return;
        const available = index === 0 ? int(0, 140) : int(0, 35);
        const committed = int(0, 4);
        const damaged = random() < 0.05 ? int(1, 3) : 0;
        const safetyStock = index === 0 ? 5 : 0;
        tx.insert(schema.inventoryLevels)
          .values({ id: newId("lvl"), shopId, variantId: variant.id, locationId, available, committed, reserved: 0, damaged, safetyStock, qualityControl: 0, onHand: available + committed + damaged + safetyStock, incoming: 0, createdAt: levelTime, updatedAt: levelTime })
          .run();
      });
    }

    // Purchase orders go through the domain's own operations, so every status is reached the way
    // staff would reach it and the levels (incoming, and on_hand for receipts) agree by construction.
    const purchaseOrders: SeedContext["purchaseOrders"] = [];
    for (const po of poPlan) {
      const created = daysAgo(po.daysAgo, int(0, 8));
      const at = (hoursLater: number) => ({ actor: SEED_ACTOR, database: db, now: new Date(created.getTime() + hoursLater * 3_600_000) });
      const order = createPurchaseOrder(
        shopId,
        {
          locationId: po.locationId,
          supplierId: po.supplier.id,
          number: po.number,
          notes: po.status === "on_hold" ? "Waiting on revised pricing from the supplier." : po.status === "disputed" ? "Two cartons arrived crushed; claim opened with the carrier." : "",
          orderDate: po.status === "draft" ? null : created.toISOString().slice(0, 10),
          expectedDeliveryDate: new Date(created.getTime() + 21 * 86_400_000).toISOString().slice(0, 10),
          lines: po.lines.map((line) => ({ variantId: line.variant.id, ordered: line.ordered, unitCost: line.variant.cost })),
        },
        at(0),
      ).document;
      driveToStatus(shopId, order, po.status, at);
      purchaseOrders.push({ id: order.id, supplierId: po.supplier.id, status: po.status });
    }
    tx.insert(schema.documentSequences).values({ shopId, documentType: "purchase_order", lastNumber: 1000 + poPlan.length }).run();

    // Transfers from the warehouse, of variants it holds enough of, through the domain as well.
    const warehouseStock = tx
      .select({ variantId: schema.inventoryLevels.variantId })
      .from(schema.inventoryLevels)
      .where(and(eq(schema.inventoryLevels.shopId, shopId), eq(schema.inventoryLevels.locationId, locationIds[0]!), gte(schema.inventoryLevels.available, 60)))
      .all()
      .filter((row) => trackedVariants.some((variant) => variant.id === row.variantId));
    TRANSFER_PLAN.forEach((plan, index) => {
      const created = daysAgo(plan.daysAgo, int(0, 8));
      const at = (hoursLater: number) => ({ actor: SEED_ACTOR, database: db, now: new Date(created.getTime() + hoursLater * 3_600_000) });
      const lines = Array.from({ length: int(2, 5) }, () => pick(warehouseStock).variantId).filter((v, i, all) => all.indexOf(v) === i);
      const transfer = createTransferOrder(
        shopId,
        { originLocationId: locationIds[0]!, destinationLocationId: locationIds[1 + (index % (LOCATIONS.length - 1))]!, lines: lines.map((variantId) => ({ variantId, planned: int(2, 10) })) },
        at(0),
      ).document;
      driveTransferToStatus(shopId, transfer, plan.status, at);
    });

    const context: SeedContext = {
      db,
      shopId,
      locationIds,
      trackedVariants,
      suppliers: supplierRows,
      purchaseOrders,
      countReasonIds: { damaged: countReasonIds[COUNT_REASONS.indexOf("Damaged")]!, found: countReasonIds[COUNT_REASONS.indexOf("Found stock")]! },
      int,
      pick,
      daysAgo,
      callAt: (start, hoursLater) => ({ actor: SEED_ACTOR, database: db, now: new Date(start.getTime() + hoursLater * 3_600_000) }),
    };
    seedStockTakes(context);
    seedSupplierReturns(context);
    seedManualCredit(context);
    seedPayments(context);
    seedReorderRules(context);
  });
  return shopId;
}

const SEED_ACTOR = { type: "system" } as const;

const TRANSFER_PLAN = [
  { status: "draft", daysAgo: 1 },
  { status: "sent", daysAgo: 3 },
  { status: "partially_received", daysAgo: 5 },
  { status: "received", daysAgo: 7 },
  { status: "on_hold", daysAgo: 8 },
  { status: "completed", daysAgo: 20 },
  { status: "cancelled", daysAgo: 14 },
] as const satisfies readonly { status: ToStatus; daysAgo: number }[];

/** Walks a new draft to `status` the way staff would: send, confirm, receive, hold… */
function driveToStatus(shopId: string, order: PurchaseOrderDocument, status: PoStatus, at: (hoursLater: number) => WriteCall): void {
  if (status === "draft") return;
  const id = order.id;
  sendPurchaseOrder(shopId, id, { method: "manual" }, at(1));
  const half = order.lines.map((line) => ({ lineId: line.id, received: line.ordered / 2 }));
  switch (status) {
    case "sent":
      return;
    case "partially_confirmed":
      confirmPurchaseOrder(shopId, id, { lines: [{ lineId: order.lines[0]!.id, confirmed: order.lines[0]!.ordered }] }, at(20));
      return;
    case "confirmed":
      confirmPurchaseOrder(shopId, id, { all: true }, at(20));
      return;
    case "in_progress":
      markPurchaseOrderInProgress(shopId, id, {}, at(30));
      return;
    case "partially_received":
      receivePurchaseOrder(shopId, id, { lines: half }, at(120));
      return;
    case "received":
      receivePurchaseOrder(shopId, id, { lines: order.lines.map((line) => ({ lineId: line.id, received: line.ordered })) }, at(120));
      return;
    case "on_hold":
      holdPurchaseOrder(shopId, id, {}, at(40));
      return;
    case "disputed":
      receivePurchaseOrder(shopId, id, { lines: half }, at(120));
      disputePurchaseOrder(shopId, id, {}, at(130));
      return;
    case "completed":
      quickCompletePurchaseOrder(shopId, id, {}, at(150));
      return;
    case "cancelled":
      cancelPurchaseOrder(shopId, id, {}, at(48));
      return;
  }
}

function driveTransferToStatus(shopId: string, transfer: TransferOrderDocument, status: ToStatus, at: (hoursLater: number) => WriteCall): void {
  if (status === "draft") return;
  const id = transfer.id;
  sendTransferOrder(shopId, id, {}, at(2));
  const firstHalf = [{ lineId: transfer.lines[0]!.id, received: Math.ceil(transfer.lines[0]!.planned / 2) }];
  const all = transfer.lines.map((line) => ({ lineId: line.id, received: line.planned }));
  if (status === "partially_received") receiveTransferOrder(shopId, id, { lines: firstHalf }, at(30));
  if (status === "received" || status === "completed") receiveTransferOrder(shopId, id, { lines: all }, at(30));
  if (status === "completed") completeTransferOrder(shopId, id, {}, at(32));
  if (status === "on_hold") holdTransferOrder(shopId, id, {}, at(10));
  if (status === "cancelled") cancelTransferOrder(shopId, id, {}, at(12));
}

/** mulberry32: small, fast, and good enough to make demo data; never for anything secret. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Seeds the demo shop into `DATABASE_PATH` unless it is already there. */
function main() {
  const path = process.env.DATABASE_PATH ?? "data/logistified.sqlite";
  const db = openDatabase(path);
  migrateDatabase(db);
  const existing = db.select({ id: schema.shops.id }).from(schema.shops).where(eq(schema.shops.shopifyDomain, DEMO_SHOP_DOMAIN)).get();
  if (existing) {
    console.log(`Demo store already seeded in ${path}.`);
  } else {
    seedDemoStore(db, { domain: DEMO_SHOP_DOMAIN, name: DEMO_SHOP_NAME });
    console.log(`Seeded the demo store "${DEMO_SHOP_NAME}" into ${path}.`);
  }
  db.$client.close();
}

if (import.meta.url === `file://${process.argv[1]}`) main();
