/** `app.variants.*`: product variants with their SKUs, barcodes, prices and costs. */
import { z } from "zod";
import { getShop, getVariant, listVariants, type VariantRow } from "../inventory/index.server";
import { listAndGet } from "./lists.server";
import { Id, Money } from "./schemas";

export const Variant = z.object({
  id: Id,
  shopifyId: z.string(),
  productId: Id,
  productTitle: z.string(),
  title: z.string(),
  sku: z.string().nullable(),
  barcode: z.string().nullable(),
  price: Money,
  unitCost: Money.nullable().describe("Shopify's cost per item, if set"),
  inventoryTracked: z.boolean().describe("Only tracked variants can appear on inventory documents"),
});

function presenter(currency: string) {
  return (row: VariantRow): z.input<typeof Variant> => ({
    id: row.id,
    shopifyId: row.shopifyId,
    productId: row.productId,
    productTitle: row.productTitle,
    title: row.title,
    sku: row.sku,
    barcode: row.barcode,
    price: { amount: row.priceAmount, currency },
    unitCost: row.unitCostAmount === null ? null : { amount: row.unitCostAmount, currency },
    inventoryTracked: row.inventoryTracked,
  });
}

function shopCurrency(shopId: string): string {
  const shop = getShop(shopId);
  if (!shop) throw new Error(`shop ${shopId} of an authenticated principal is missing`);
  return shop.currency;
}

const VariantFilters = z.object({
  sku: z.string().min(1).optional(),
  barcode: z.string().min(1).optional(),
  productId: Id.optional(),
  search: z.string().min(1).max(200).optional().describe("Text contained in the title, product title or SKU"),
});

export const variantOperations = listAndGet({
  area: "variants",
  noun: "variant",
  listDescription:
    "List product variants, newest first. Filter by exact `sku`, `barcode` or `productId`, or `search` the variant title, product title and SKU.",
  getDescription: "Get one variant by its id.",
  filters: VariantFilters,
  summary: Variant,
  document: Variant,
  list: (shopId, filters, page, now) => {
    const found = listVariants(shopId, filters, page, now);
    return { ...found, items: found.items.map(presenter(shopCurrency(shopId))) };
  },
  get: (shopId, id) => {
    const row = getVariant(shopId, id);
    return row && presenter(shopCurrency(shopId))(row);
  },
});
