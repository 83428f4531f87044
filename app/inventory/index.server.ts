/**
 * The inventory domain: reads (and, as the domain grows, the documents and their state machines).
 * Every function takes the shop id first and filters by it. Other rooms import this file only.
 */
export { InvalidCursorError, type Page, type PageRequest } from "./page.server";
export { getLocation, listLocations, type LocationFilters, type LocationRow } from "./locations.server";
export { getVariant, listVariants, type VariantFilters, type VariantRow } from "./variants.server";
export { getShop } from "./shops.server";
