/** `app.locations.*`: the store's locations. */
import { z } from "zod";
import { getLocation, listLocations, type LocationRow } from "../inventory/index.server";
import { listAndGet } from "./lists.server";
import { Id } from "./schemas";

export const Location = z.object({
  id: Id,
  shopifyId: z.string(),
  name: z.string().describe("The name in Shopify"),
  nameOverride: z.string().nullable().describe("A name set in Logistified, if any"),
  displayName: z.string().describe("nameOverride if set, else name"),
  address: z.object({
    address1: z.string().nullable(),
    city: z.string().nullable(),
    province: z.string().nullable(),
    postalCode: z.string().nullable(),
    countryCode: z.string().nullable(),
  }),
  isPrimary: z.boolean(),
  active: z.boolean().describe("False once deactivated in Shopify; new documents cannot use it"),
});

function presentLocation(row: LocationRow): z.input<typeof Location> {
  return {
    id: row.id,
    shopifyId: row.shopifyId,
    name: row.name,
    nameOverride: row.nameOverride,
    displayName: row.nameOverride ?? row.name,
    address: {
      address1: row.address1,
      city: row.city,
      province: row.province,
      postalCode: row.postalCode,
      countryCode: row.countryCode,
    },
    isPrimary: row.isPrimary,
    active: row.active,
  };
}

const LocationFilters = z.object({ active: z.boolean().optional().describe("Only active (true) or deactivated (false) locations") });

export const locationOperations = listAndGet({
  area: "locations",
  noun: "location",
  listDescription: "List the store's locations (warehouses, shops, fulfilment centres), newest first.",
  getDescription: "Get one location by its id.",
  filters: LocationFilters,
  summary: Location,
  document: Location,
  list: (shopId, filters, page, now) => {
    const found = listLocations(shopId, filters, page, now);
    return { ...found, items: found.items.map(presentLocation) };
  },
  get: (shopId, id) => {
    const row = getLocation(shopId, id);
    return row && presentLocation(row);
  },
});
