/** The demo store's fixed identity: the seed creates this shop, and the admin signs in as this person. */
export const DEMO_SHOP_DOMAIN = "logistified-demo.myshopify.com";
export const DEMO_SHOP_NAME = "Harbour & Pine Outfitters";
export const DEMO_STAFF = { externalId: "demo", name: "Dana Whitfield", email: "dana@harbourandpine.example" } as const;
