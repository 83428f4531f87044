/**
 * Shopify, configured once. Routes take Shopify from here and nowhere else.
 *
 * In the demo store the Shopify side is offline: the same configuration is built with the demo
 * app URL and a per-process random secret, so nothing signed by anyone else (webhooks, session
 * tokens) can ever verify, and the admin pages sign in through `app/shopify/staff.server.ts`.
 */
import "@shopify/shopify-app-remix/adapters/node";
import { ApiVersion, AppDistribution, shopifyApp } from "@shopify/shopify-app-remix/server";
import { DrizzleSessionStorageSQLite } from "@shopify/shopify-app-session-storage-drizzle";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { sessionTable } from "../db/schema";
import { db } from "./db.server";
import { appEnv } from "./env.server";
import { recordInstall } from "./shopify/shops.server";
import { startStoreSync } from "./shopify/store-sync-runs.server";

export const SHOPIFY_API_VERSION = ApiVersion.April26;

function credentials() {
  const env = appEnv();
  if (env.mode === "shopify") return env.shopify;
  return {
    apiKey: "logistified-demo",
    apiSecret: encodeHexLowerCase(crypto.getRandomValues(new Uint8Array(32))),
    scopes: ["read_products", "read_inventory", "write_inventory", "read_locations"],
  };
}

const { apiKey, apiSecret, scopes } = credentials();

const shopify = shopifyApp({
  apiKey,
  apiSecretKey: apiSecret,
  apiVersion: SHOPIFY_API_VERSION,
  scopes,
  appUrl: appEnv().appUrl,
  authPathPrefix: "/auth",
  sessionStorage: new DrizzleSessionStorageSQLite(db(), sessionTable),
  distribution: AppDistribution.AppStore,
  // Online sessions carry the staff member's name and email, which keys and audit rows record.
  useOnlineTokens: true,
  future: { unstable_newEmbeddedAuthStrategy: true, expiringOfflineAccessTokens: true },
  hooks: {
    afterAuth: async ({ session }) => {
      recordInstall(session.shop);
      // Not awaited: a large store's first sync takes minutes, and the admin page must not wait.
      startStoreSync(session.shop);
    },
  },
});

export const SHOPIFY_APP_API_KEY = apiKey;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const sessionStorage = shopify.sessionStorage;
