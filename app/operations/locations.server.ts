/** `app.locations.*`: the store's locations. */
import { z } from "zod";
import { getLocation, listLocations, type LocationRow } from "../inventory/index.server";
import { notFound } from "./errors";
import { defineOperation } from "./registry";
import { GetById, Id, pageOf, pageParams } from "./schemas";
import { withCursorErrors } from "./lists.server";

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

export const locationOperations = [
  defineOperation({
    name: "locations.list",
    kind: "read",
    description: "List the store's locations (warehouses, shops, fulfilment centres), newest first.",
    input: z.object({ active: z.boolean().optional().describe("Only active (true) or deactivated (false) locations"), ...pageParams }),
    output: pageOf(Location),
    errors: ["VALIDATION_FAILED"],
    handler: ({ principal, now }, { limit, cursor, ...filters }) => {
      const page = withCursorErrors(() => listLocations(principal.shop.id, filters, { limit, cursor }, now));
      return { ...page, items: page.items.map(presentLocation) };
    },
  }),
  defineOperation({
    name: "locations.get",
    kind: "read",
    description: "Get one location by its id.",
    input: GetById,
    positional: ["id"],
    output: Location,
    errors: ["NOT_FOUND", "VALIDATION_FAILED"],
    handler: ({ principal }, { id }) => {
      const row = getLocation(principal.shop.id, id);
      if (!row) throw notFound("location", id);
      return presentLocation(row);
    },
  }),
];
