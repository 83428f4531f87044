/**
 * The Admin GraphQL (2026-04) reads that mirror a store, with the zod shape of each answer. Page
 * sizes keep each query's requested cost well under Shopify's single-query limit (1,000 points).
 */
import { z } from "zod";
import { LocationNode, PageInfo, ProductNode, QuantityNodes, ShopNode, SHOPIFY_QUANTITY_NAMES, VariantNode } from "./store-mirror";

export const LOCATIONS_PAGE_SIZE = 100;
export const PRODUCTS_PAGE_SIZE = 100;
export const VARIANTS_PAGE_SIZE = 100;
export const LEVELS_PAGE_SIZE = 100;

const LOCATION_FIELDS = `id name isActive createdAt address { address1 address2 city provinceCode zip countryCode phone }`;
const PRODUCT_FIELDS = `id title vendor productType status tags createdAt updatedAt`;
const VARIANT_FIELDS = `id title sku barcode price createdAt updatedAt inventoryItem { id tracked unitCost { amount currencyCode } }`;
const QUANTITY_NAMES = JSON.stringify(SHOPIFY_QUANTITY_NAMES);

const TopLevelErrors = z.array(z.object({ message: z.string(), extensions: z.object({ code: z.string().optional() }).optional() })).optional();
const answer = <Data extends z.ZodType>(data: Data) => z.object({ data: data.nullable().optional(), errors: TopLevelErrors });

// `location` without an id is the shop's primary location.
export const SHOP_QUERY = `query StoreSyncShop {
  shop { name currencyCode ianaTimezone }
  primaryLocation: location { id }
}`;
export const ShopAnswer = answer(z.object({ shop: ShopNode, primaryLocation: z.object({ id: z.string() }).nullable() }));

export const LOCATIONS_QUERY = `query StoreSyncLocations($first: Int!, $after: String) {
  locations(first: $first, after: $after, includeInactive: true) { nodes { ${LOCATION_FIELDS} } pageInfo { hasNextPage endCursor } }
}`;
export const LocationsAnswer = answer(z.object({ locations: z.object({ nodes: z.array(LocationNode), pageInfo: PageInfo }) }));

export const LOCATION_QUERY = `query StoreSyncLocation($id: ID!) {
  location(id: $id) { ${LOCATION_FIELDS} }
  primaryLocation: location { id }
}`;
export const LocationAnswer = answer(z.object({ location: LocationNode.nullable(), primaryLocation: z.object({ id: z.string() }).nullable() }));

export const PRODUCTS_QUERY = `query StoreSyncProducts($first: Int!, $after: String) {
  products(first: $first, after: $after) { nodes { ${PRODUCT_FIELDS} } pageInfo { hasNextPage endCursor } }
}`;
export const ProductsAnswer = answer(z.object({ products: z.object({ nodes: z.array(ProductNode), pageInfo: PageInfo }) }));

export const VARIANTS_QUERY = `query StoreSyncVariants($first: Int!, $after: String) {
  productVariants(first: $first, after: $after) { nodes { ${VARIANT_FIELDS} product { id } } pageInfo { hasNextPage endCursor } }
}`;
export const VariantsAnswer = answer(
  z.object({ productVariants: z.object({ nodes: z.array(VariantNode.extend({ product: z.object({ id: z.string() }) })), pageInfo: PageInfo }) }),
);

export const PRODUCT_QUERY = `query StoreSyncProduct($id: ID!, $first: Int!, $after: String) {
  product(id: $id) { ${PRODUCT_FIELDS} variants(first: $first, after: $after) { nodes { ${VARIANT_FIELDS} } pageInfo { hasNextPage endCursor } } }
}`;
export const ProductAnswer = answer(z.object({ product: ProductNode.extend({ variants: z.object({ nodes: z.array(VariantNode), pageInfo: PageInfo }) }).nullable() }));

export const LEVELS_QUERY = `query StoreSyncLevels($locationId: ID!, $first: Int!, $after: String) {
  location(id: $locationId) {
    inventoryLevels(first: $first, after: $after) { nodes { item { id } quantities(names: ${QUANTITY_NAMES}) { name quantity } } pageInfo { hasNextPage endCursor } }
  }
}`;
export const LevelsAnswer = answer(
  z.object({
    location: z.object({ inventoryLevels: z.object({ nodes: z.array(z.object({ item: z.object({ id: z.string() }), quantities: QuantityNodes })), pageInfo: PageInfo }) }).nullable(),
  }),
);

export const LEVEL_QUERY = `query StoreSyncLevel($inventoryItemId: ID!, $locationId: ID!) {
  inventoryItem(id: $inventoryItemId) { inventoryLevel(locationId: $locationId) { quantities(names: ${QUANTITY_NAMES}) { name quantity } } }
}`;
export const LevelAnswer = answer(z.object({ inventoryItem: z.object({ inventoryLevel: z.object({ quantities: QuantityNodes }).nullable() }).nullable() }));

export const ITEM_LEVELS_QUERY = `query StoreSyncItemLevels($id: ID!, $first: Int!, $after: String) {
  inventoryItem(id: $id) {
    inventoryLevels(first: $first, after: $after) { nodes { location { id } quantities(names: ${QUANTITY_NAMES}) { name quantity } } pageInfo { hasNextPage endCursor } }
  }
}`;
export const ItemLevelsAnswer = answer(
  z.object({
    inventoryItem: z.object({ inventoryLevels: z.object({ nodes: z.array(z.object({ location: z.object({ id: z.string() }), quantities: QuantityNodes })), pageInfo: PageInfo }) }).nullable(),
  }),
);

const ThrottledAnswer = z.object({
  errors: z.array(z.object({ extensions: z.object({ code: z.literal("THROTTLED") }) })).nonempty(),
  extensions: z
    .object({ cost: z.object({ requestedQueryCost: z.number(), throttleStatus: z.object({ currentlyAvailable: z.number(), restoreRate: z.number().positive() }) }) })
    .optional(),
});

/**
 * How long to wait before asking again, when Shopify answered THROTTLED: until its bucket has
 * restored the query's cost, as its answer states; `fallbackMs` when it does not say. Null when the
 * answer is not a throttle.
 */
export function throttledRetryDelayMs(body: unknown, fallbackMs: number): number | null {
  const throttled = ThrottledAnswer.safeParse(body);
  if (!throttled.success) return null;
  const cost = throttled.data.extensions?.cost;
  if (!cost) return fallbackMs;
  const missing = Math.max(0, cost.requestedQueryCost - cost.throttleStatus.currentlyAvailable);
  return Math.ceil((missing / cost.throttleStatus.restoreRate) * 1000) + 100;
}
