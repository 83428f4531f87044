/** `app.variants.*`: product variants with their SKUs, barcodes, prices and costs. */
import { z } from "zod";
import { getShop, getVariant, listVariants, type VariantRow } from "../inventory/index.server";
import { notFound } from "./errors";
import { withCursorErrors } from "./lists.server";
import { defineOperation } from "./registry";
import { GetById, Id, Money, pageOf, pageParams } from "./schemas";

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

export const variantOperations = [
  defineOperation({
    name: "variants.list",
    kind: "read",
    description:
      "List product variants, newest first. Filter by exact `sku`, `barcode` or `productId`, or `search` the variant title, product title and SKU.",
    input: z.object({
      sku: z.string().min(1).optional(),
      barcode: z.string().min(1).optional(),
      productId: Id.optional(),
      search: z.string().min(1).max(200).optional().describe("Text contained in the title, product title or SKU"),
      ...pageParams,
    }),
    output: pageOf(Variant),
    errors: ["VALIDATION_FAILED"],
    handler: ({ principal, now }, { limit, cursor, ...filters }) => {
      const page = withCursorErrors(() => listVariants(principal.shop.id, filters, { limit, cursor }, now));
      return { ...page, items: page.items.map(presenter(shopCurrency(principal.shop.id))) };
    },
  }),
  defineOperation({
    name: "variants.get",
    kind: "read",
    description: "Get one variant by its id.",
    input: GetById,
    positional: ["id"],
    output: Variant,
    errors: ["NOT_FOUND", "VALIDATION_FAILED"],
    handler: ({ principal }, { id }) => {
      const row = getVariant(principal.shop.id, id);
      if (!row) throw notFound("variant", id);
      return presenter(shopCurrency(principal.shop.id))(row);
    },
  }),
];
