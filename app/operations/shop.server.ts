/** `app.shop.get()`: the store the credential belongs to, with the settings documents depend on. */
import { z } from "zod";
import { getShopSettings, type ShopSettings } from "../inventory/index.server";
import { defineOperation, type Operation } from "./registry";
import { Id } from "./schemas";

export const Shop = z.object({
  id: Id,
  shopifyDomain: z.string().describe("The store's myshopify.com domain"),
  name: z.string(),
  currency: z.string().length(3).describe("ISO 4217; documents' values and variant prices are in it"),
  timezone: z.string().describe("IANA timezone; calendar dates (…On, …Date) and date-only filters are in it"),
  primaryLocationId: Id.nullable().describe("The location Shopify marks primary, or null"),
  emailSendingConfigured: z.boolean().describe("Whether Logistified can email purchase orders to suppliers"),
  countReasons: z
    .array(z.object({ id: Id, name: z.string(), isDefault: z.boolean() }))
    .describe("Reasons a stock-take line can be counted under; a line without one uses the default"),
});

function presentShop(shop: ShopSettings): z.input<typeof Shop> {
  return {
    id: shop.id,
    shopifyDomain: shop.shopifyDomain,
    name: shop.name,
    currency: shop.currency,
    timezone: shop.timezone,
    primaryLocationId: shop.primaryLocationId,
    emailSendingConfigured: shop.emailSendingConfigured,
    countReasons: shop.countReasons,
  };
}

export const shopOperations = [
  defineOperation({
    name: "shop.get",
    kind: "read",
    description:
      "Get the store itself: its name, domain, currency, timezone, primary location, whether supplier email is set up, and the count reasons stock takes use. Takes no parameters.",
    input: z.strictObject(
      {},
      { error: (issue) => `app.shop.get() takes no parameters${issue.code === "unrecognized_keys" ? `; remove ${issue.keys.join(", ")}` : ""}` },
    ),
    output: Shop,
    errors: ["VALIDATION_FAILED"],
    handler: ({ principal }) => {
      const shop = getShopSettings(principal.shop.id);
      if (!shop) throw new Error(`shop ${principal.shop.id} of an authenticated principal is missing`);
      return presentShop(shop);
    },
  }),
] as Operation[];
