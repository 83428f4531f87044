/** `app.supplierVariantLinks.*`: which supplier sells which variant, with the supplier's SKU, cost and order terms. */
import { z } from "zod";
import { getSupplierVariantLink, listSupplierVariantLinks, type SupplierVariantLinkRow } from "../inventory/index.server";
import { listAndGet } from "./lists.server";
import { Id, Money } from "./schemas";

const Count = z.number().int().nullable();

export const SupplierVariantLink = z.object({
  id: Id,
  supplierId: Id,
  variantId: Id,
  supplierSku: z.string().nullable().describe("The supplier's own code for the item"),
  supplierProductName: z.string().nullable(),
  productUrl: z.string().nullable(),
  notes: z.string().nullable(),
  barcode: z.string().nullable(),
  cost: Money.nullable().describe("Unit cost in the supplier's currency; the default unit cost of purchase-order lines. Null when not set"),
  moq: Count.describe("Minimum order quantity"),
  maxOrderQuantity: Count,
  packSize: Count.describe("Units per pack the supplier sells in"),
  leadTimeDays: Count.describe("Days from ordering to delivery"),
  primary: z.boolean().describe("The variant's primary supplier; each variant has exactly one primary link"),
  createdAt: z.iso.datetime(),
});

function presentLink(row: SupplierVariantLinkRow): z.input<typeof SupplierVariantLink> {
  return {
    id: row.id,
    supplierId: row.supplierId,
    variantId: row.variantId,
    supplierSku: row.supplierSku,
    supplierProductName: row.supplierProductName,
    productUrl: row.productUrl,
    notes: row.notes,
    barcode: row.barcode,
    cost: row.costAmount === null ? null : { amount: row.costAmount, currency: row.supplierCurrency },
    moq: row.moq,
    maxOrderQuantity: row.maxOrderQuantity,
    packSize: row.packSize,
    leadTimeDays: row.leadTimeDays,
    primary: row.primary,
    createdAt: row.createdAt.toISOString(),
  };
}

const SupplierVariantLinkFilters = z.object({
  supplierId: Id.optional().describe("Only the links of this supplier: what it sells"),
  variantId: Id.optional().describe("Only the links of this variant: who sells it"),
  primary: z.boolean().optional().describe("Only primary links (true) or only secondary ones (false)"),
});

export const supplierVariantLinkOperations = listAndGet({
  area: "supplierVariantLinks",
  noun: "supplier-variant link",
  listDescription:
    "List supplier-variant links (one per supplier × variant: the supplier's own item code, cost in the supplier's currency, MOQ, pack size, lead time, primary flag), newest first. Filter with `supplierId` (what a supplier sells), `variantId` (who sells a variant) and `primary`.",
  getDescription: "Get one supplier-variant link by its id.",
  filters: SupplierVariantLinkFilters,
  summary: SupplierVariantLink,
  document: SupplierVariantLink,
  list: (shopId, filters, page, now) => {
    const found = listSupplierVariantLinks(shopId, filters, page, { now });
    return { ...found, items: found.items.map(presentLink) };
  },
  get: (shopId, id) => {
    const row = getSupplierVariantLink(shopId, id);
    return row && presentLink(row);
  },
});
