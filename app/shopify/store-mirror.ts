/**
 * What a connected store looks like in Shopify's Admin GraphQL answers (2026-04), and how each
 * node becomes the row values of our mirror (spec/domain.md §2.2–§2.4). No I/O: the queries that
 * fetch these nodes are in `store-queries.ts`, the writes in `store-sync.server.ts`.
 */
import { z } from "zod";
import { PRODUCT_STATUSES, type inventoryLevels, type locations, type products, type variants } from "../../db/schema";

/** The eight quantity names Shopify keeps per inventory level, as the level query asks for them. */
export const SHOPIFY_QUANTITY_NAMES = ["available", "committed", "reserved", "damaged", "safety_stock", "quality_control", "on_hand", "incoming"] as const;

const Money = z.object({ amount: z.string(), currencyCode: z.string() });

export const ShopNode = z.object({ name: z.string(), currencyCode: z.string(), ianaTimezone: z.string() });

export const LocationNode = z.object({
  id: z.string(),
  name: z.string(),
  isActive: z.boolean(),
  createdAt: z.iso.datetime({ offset: true }),
  address: z.object({
    address1: z.string().nullable(),
    address2: z.string().nullable(),
    city: z.string().nullable(),
    provinceCode: z.string().nullable(),
    zip: z.string().nullable(),
    countryCode: z.string().nullable(),
    phone: z.string().nullable(),
  }),
});
export type LocationNode = z.infer<typeof LocationNode>;

// UNLISTED products are sold through direct links only: still on sale, so active for inventory.
const SHOPIFY_PRODUCT_STATUS = { ACTIVE: "active", UNLISTED: "active", DRAFT: "draft", ARCHIVED: "archived" } as const satisfies Record<string, (typeof PRODUCT_STATUSES)[number]>;

export const ProductNode = z.object({
  id: z.string(),
  title: z.string(),
  vendor: z.string().nullable(),
  productType: z.string().nullable(),
  status: z.enum(["ACTIVE", "UNLISTED", "DRAFT", "ARCHIVED"]),
  tags: z.array(z.string()),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type ProductNode = z.infer<typeof ProductNode>;

export const VariantNode = z.object({
  id: z.string(),
  title: z.string(),
  sku: z.string().nullable(),
  barcode: z.string().nullable(),
  price: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
  inventoryItem: z.object({ id: z.string(), tracked: z.boolean(), unitCost: Money.nullable() }),
});
export type VariantNode = z.infer<typeof VariantNode>;

export const QuantityNodes = z.array(z.object({ name: z.string(), quantity: z.number().int() }));

export const PageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });

export type LocationValues = Pick<typeof locations.$inferInsert, "shopifyId" | "name" | "address1" | "address2" | "city" | "province" | "postalCode" | "countryCode" | "phone" | "isPrimary" | "active" | "createdAt">;
export type ProductValues = Pick<typeof products.$inferInsert, "shopifyId" | "title" | "vendor" | "productType" | "status" | "tags" | "createdAt" | "updatedAt">;
export type VariantValues = Pick<typeof variants.$inferInsert, "shopifyId" | "inventoryItemShopifyId" | "title" | "sku" | "barcode" | "priceAmount" | "unitCostAmount" | "inventoryTracked" | "createdAt" | "updatedAt">;
export type LevelQuantities = Pick<typeof inventoryLevels.$inferInsert, "available" | "committed" | "reserved" | "damaged" | "safetyStock" | "qualityControl" | "onHand" | "incoming">;

export function locationValues(node: LocationNode, primaryLocationShopifyId: string | null): LocationValues {
  return {
    shopifyId: node.id,
    name: node.name,
    address1: blankToNull(node.address.address1),
    address2: blankToNull(node.address.address2),
    city: blankToNull(node.address.city),
    province: blankToNull(node.address.provinceCode),
    postalCode: blankToNull(node.address.zip),
    countryCode: blankToNull(node.address.countryCode),
    phone: blankToNull(node.address.phone),
    isPrimary: node.id === primaryLocationShopifyId,
    active: node.isActive,
    createdAt: new Date(node.createdAt),
  };
}

export function productValues(node: ProductNode): ProductValues {
  return {
    shopifyId: node.id,
    title: node.title,
    vendor: node.vendor ?? "",
    productType: node.productType ?? "",
    status: SHOPIFY_PRODUCT_STATUS[node.status],
    tags: node.tags,
    createdAt: new Date(node.createdAt),
    updatedAt: new Date(node.updatedAt),
  };
}

/** Prices are in the shop's currency; a unit cost names its own. */
export function variantValues(node: VariantNode, shopCurrency: string): VariantValues {
  const cost = node.inventoryItem.unitCost;
  return {
    shopifyId: node.id,
    inventoryItemShopifyId: node.inventoryItem.id,
    title: node.title,
    sku: blankToNull(node.sku),
    barcode: blankToNull(node.barcode),
    priceAmount: decimalToMinorUnits(node.price, shopCurrency),
    unitCostAmount: cost ? decimalToMinorUnits(cost.amount, cost.currencyCode) : null,
    inventoryTracked: node.inventoryItem.tracked,
    createdAt: new Date(node.createdAt),
    updatedAt: new Date(node.updatedAt),
  };
}

/** A name Shopify did not answer counts as zero, as it does for a level that never held that state. */
export function levelQuantities(quantities: z.infer<typeof QuantityNodes>): LevelQuantities {
  const of = (name: (typeof SHOPIFY_QUANTITY_NAMES)[number]) => quantities.find((q) => q.name === name)?.quantity ?? 0;
  return {
    available: of("available"),
    committed: of("committed"),
    reserved: of("reserved"),
    damaged: of("damaged"),
    safetyStock: of("safety_stock"),
    qualityControl: of("quality_control"),
    onHand: of("on_hand"),
    incoming: of("incoming"),
  };
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * `"12.50"` in USD → 1250. Digits beyond the currency's minor unit round half away from zero;
 * a currency Intl does not know is taken to have two decimals.
 */
export function decimalToMinorUnits(amount: string, currency: string): number {
  const match = DECIMAL.exec(amount.trim());
  if (!match) throw new Error(`Shopify sent ${JSON.stringify(amount)} where a decimal amount was expected`);
  const [, sign = "", whole = "0", fraction = ""] = match;
  const digits = currencyDecimals(currency);
  const kept = BigInt(whole + fraction.slice(0, digits).padEnd(digits, "0"));
  const roundUp = (fraction[digits] ?? "0") >= "5" ? 1n : 0n;
  const magnitude = Number(kept + roundUp);
  return sign === "-" ? -magnitude : magnitude;
}

// Remembered per currency: building a NumberFormat for each of a store's prices is most of a page's mapping time.
const decimalsByCurrency = new Map<string, number>();

function currencyDecimals(currency: string): number {
  let decimals = decimalsByCurrency.get(currency);
  if (decimals === undefined) {
    decimals = intlCurrencyDecimals(currency);
    decimalsByCurrency.set(currency, decimals);
  }
  return decimals;
}

function intlCurrencyDecimals(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch (error) {
    if (error instanceof RangeError) return 2;
    throw error;
  }
}

/** Shopify webhook payloads name objects by numeric id; GraphQL by GID. */
export function shopifyGid(type: "Product" | "Location" | "InventoryItem", id: string): string {
  return `gid://shopify/${type}/${id}`;
}

/** Shopify sends `""` for an address line or SKU left empty; the mirror stores absence as null. */
function blankToNull(value: string | null): string | null {
  return value === null || value.trim() === "" ? null : value;
}
