/**
 * A shop's way into Shopify's Admin GraphQL API. Writes: which `RemoteInventory` they go through,
 * none for the demo store (its Shopify side is offline), else Shopify's with the shop's offline
 * session. Reads (the store mirror): the same client, or null when no offline session is held.
 * The session comes from the library (which refreshes an expiring token); the calls go through
 * our own client, whose failures (timeout, dropped connection, 5xx, throttling) are sorted the way
 * the writer needs.
 */
import { SessionNotFoundError, type Session } from "@shopify/shopify-app-remix/server";
import { DomainError, type RemoteInventory } from "../inventory/index.server";
import { appEnv } from "../env.server";
import { SHOPIFY_API_VERSION, unauthenticated } from "../shopify.server";
import { adminGraphqlOverHttp, type AdminGraphql } from "./admin-graphql.server";
import { shopifyRemoteInventory } from "./inventory-remote.server";

export async function remoteInventoryForShop(shopDomain: string): Promise<RemoteInventory | null> {
  if (appEnv().mode === "demo") return null;
  const { session } = await unauthenticated.admin(shopDomain);
  if (!session.accessToken) {
    throw new DomainError("SHOPIFY_UNAVAILABLE", `Logistified holds no Shopify access for ${shopDomain}; nothing changed. Open the app from the Shopify admin once to reconnect it, then retry.`);
  }
  return shopifyRemoteInventory(session.shop, graphqlFor(session, session.accessToken));
}

/** Null in the demo store, and for a shop whose offline session is gone (uninstalled, or never installed). */
export async function adminGraphqlForShop(shopDomain: string): Promise<AdminGraphql | null> {
  if (appEnv().mode === "demo") return null;
  let session: Session;
  try {
    ({ session } = await unauthenticated.admin(shopDomain));
  } catch (error) {
    if (error instanceof SessionNotFoundError) return null;
    throw error;
  }
  return session.accessToken ? graphqlFor(session, session.accessToken) : null;
}

function graphqlFor(session: Session, accessToken: string): AdminGraphql {
  return adminGraphqlOverHttp(`https://${session.shop}/admin/api/${SHOPIFY_API_VERSION}/graphql.json`, accessToken);
}
