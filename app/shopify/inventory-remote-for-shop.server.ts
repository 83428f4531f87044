/**
 * Which `RemoteInventory` a shop's writes go through: none for the demo store (its Shopify side is
 * offline), else Shopify's Admin GraphQL API with the shop's offline session. The session comes
 * from the library (which refreshes an expiring token); the calls go through our own client, whose
 * failures (timeout, dropped connection, 5xx, throttling) are sorted the way the writer needs.
 */
import { DomainError, type RemoteInventory } from "../inventory/index.server";
import { appEnv } from "../env.server";
import { SHOPIFY_API_VERSION, unauthenticated } from "../shopify.server";
import { adminGraphqlOverHttp, shopifyRemoteInventory } from "./inventory-remote.server";

export async function remoteInventoryForShop(shopDomain: string): Promise<RemoteInventory | null> {
  if (appEnv().mode === "demo") return null;
  const { session } = await unauthenticated.admin(shopDomain);
  if (!session.accessToken) {
    throw new DomainError("SHOPIFY_UNAVAILABLE", `Logistified holds no Shopify access for ${shopDomain}; nothing changed. Open the app from the Shopify admin once to reconnect it, then retry.`);
  }
  return shopifyRemoteInventory(adminGraphqlOverHttp(`https://${session.shop}/admin/api/${SHOPIFY_API_VERSION}/graphql.json`, session.accessToken));
}
