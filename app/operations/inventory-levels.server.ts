/** `app.inventoryLevels.*`: each variant's quantities at each location, in Shopify's names. */
import { z } from "zod";
import { getInventoryLevel, InventoryLevelFilters, listInventoryLevels, type InventoryLevelRow } from "../inventory/index.server";
import { listAndGet } from "./lists.server";
import { Id } from "./schemas";

// Mirrored from Shopify, so a figure may be negative (an oversold `available`).
const Quantity = z.number().int();

export const InventoryLevel = z.object({
  id: Id,
  variantId: Id,
  locationId: Id,
  sku: z.string().nullable().describe("The variant's SKU, for convenience"),
  quantities: z.object({
    available: Quantity.describe("Sellable now"),
    committed: Quantity.describe("Allocated to unfulfilled customer orders"),
    reserved: Quantity.describe("Held for other specific allocations"),
    damaged: Quantity.describe("Present but unsellable because of damage"),
    safety_stock: Quantity.describe("Held back as a buffer"),
    quality_control: Quantity.describe("Awaiting inspection"),
    on_hand: Quantity.describe("Physically present: available + committed + reserved + damaged + safety_stock + quality_control"),
    incoming: Quantity.describe("Expected to arrive (open purchase orders, transfers in transit); not part of on_hand"),
  }),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

function presentLevel(row: InventoryLevelRow): z.input<typeof InventoryLevel> {
  return {
    id: row.id,
    variantId: row.variantId,
    locationId: row.locationId,
    sku: row.sku,
    quantities: {
      available: row.available,
      committed: row.committed,
      reserved: row.reserved,
      damaged: row.damaged,
      safety_stock: row.safetyStock,
      quality_control: row.qualityControl,
      on_hand: row.onHand,
      incoming: row.incoming,
    },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const inventoryLevelOperations = listAndGet({
  area: "inventoryLevels",
  noun: "inventory level",
  listDescription:
    "List inventory levels (one per variant and location: available, committed, reserved, damaged, safety_stock, quality_control, on_hand and incoming stock), newest first. Filter by `variantId`, `locationId`, or exact `sku` to see one variant's stock across locations or a location's stock.",
  getDescription: "Get one inventory level by its id.",
  filters: InventoryLevelFilters,
  summary: InventoryLevel,
  document: InventoryLevel,
  list: (shopId, filters, page, now) => {
    const found = listInventoryLevels(shopId, filters, page, now);
    return { ...found, items: found.items.map(presentLevel) };
  },
  get: (shopId, id) => {
    const row = getInventoryLevel(shopId, id);
    return row && presentLevel(row);
  },
});
