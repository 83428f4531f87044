/** `app.products.*`: products as mirrored from Shopify, with their variants' ids. */
import { z } from "zod";
import { getProduct, listProducts, ProductFilters, ProductStatus, type ProductRow } from "../inventory/index.server";
import { listAndGet } from "./lists.server";
import { Id } from "./schemas";

export const Product = z.object({
  id: Id,
  shopifyId: z.string(),
  title: z.string(),
  vendor: z.string().describe("Shopify's free-text vendor (empty if unset); unrelated to suppliers"),
  productType: z.string().describe("Shopify's product type (empty if unset)"),
  status: ProductStatus,
  tags: z.array(z.string()),
  variantIds: z.array(Id).describe("Its variants, oldest first; read them with app.variants.get(id) or app.variants.list({ productId })"),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

function presentProduct(row: ProductRow): z.input<typeof Product> {
  return {
    id: row.id,
    shopifyId: row.shopifyId,
    title: row.title,
    vendor: row.vendor,
    productType: row.productType,
    status: row.status,
    tags: row.tags,
    variantIds: row.variantIds,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const productOperations = listAndGet({
  area: "products",
  noun: "product",
  listDescription:
    "List products, newest first, each with its variant ids. `search` matches text in the title, vendor or product type, or in the SKU of one of its variants; `vendor` is an exact match; `status` takes one or more of active, draft, archived; `updatedSince` keeps products updated at or after a date-time, or a date (the start of that day in the store's timezone).",
  getDescription: "Get one product by its id, with its variant ids.",
  filters: ProductFilters,
  summary: Product,
  document: Product,
  list: (shopId, filters, page, now) => {
    const found = listProducts(shopId, filters, page, now);
    return { ...found, items: found.items.map(presentProduct) };
  },
  get: (shopId, id) => {
    const row = getProduct(shopId, id);
    return row && presentProduct(row);
  },
});
