/**
 * What Shopify's webhooks do to our data. Each handler is idempotent: Shopify repeats deliveries
 * and may deliver after the uninstall, when no session exists any more.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import * as schema from "../../db/schema";
import { revokeAllApiKeys, revokeAllConnections } from "../access/index.server";
import { db } from "../db.server";
import { findShopByDomain } from "./shops.server";

/**
 * Sessions go, agent credentials are revoked; the shop's data stays until `shop/redact`. Its mirror
 * misses Shopify's notifications from now on, so a reinstall starts with a full sync.
 */
export function handleAppUninstalled(shopDomain: string): void {
  db().transaction((tx) => {
    tx.delete(schema.sessionTable).where(eq(schema.sessionTable.shop, shopDomain)).run();
    const shop = findShopByDomain(shopDomain);
    if (!shop) return;
    if (!shop.uninstalledAt) {
      tx.update(schema.shops).set({ uninstalledAt: new Date(), lastSyncedAt: null }).where(eq(schema.shops.id, shop.id)).run();
    }
    revokeAllApiKeys(shop.id, "Shopify (app uninstalled)");
    revokeAllConnections(shop.id);
  });
}

const ScopesUpdatePayload = z.object({ current: z.array(z.string()) });

export function handleScopesUpdate(shopDomain: string, payload: unknown): void {
  const { current } = ScopesUpdatePayload.parse(payload);
  db().update(schema.sessionTable).set({ scope: current.join(",") }).where(eq(schema.sessionTable.shop, shopDomain)).run();
}

/**
 * `shop/redact`, 48 hours after uninstall: everything we hold for the shop goes, children before
 * parents so foreign keys hold throughout.
 */
export function eraseShop(shopDomain: string): void {
  const shop = findShopByDomain(shopDomain);
  db().transaction((tx) => {
    tx.delete(schema.sessionTable).where(eq(schema.sessionTable.shop, shopDomain)).run();
    if (!shop) return;
    const connectionIds = tx.select({ id: schema.connections.id }).from(schema.connections).where(eq(schema.connections.shopId, shop.id)).all();
    for (const { id } of connectionIds) tx.delete(schema.oauthTokens).where(eq(schema.oauthTokens.connectionId, id)).run();
    const attemptIds = tx.select({ id: schema.connectionAttempts.id }).from(schema.connectionAttempts).where(eq(schema.connectionAttempts.shopId, shop.id)).all();
    for (const { id } of attemptIds) tx.delete(schema.oauthAuthorizationRequests).where(eq(schema.oauthAuthorizationRequests.attemptId, id)).run();
    const byShop = [
      schema.activityLog,
      schema.idempotencyKeys,
      schema.inventoryWriteLocks,
      schema.supplierCreditApplications,
      schema.supplierCredits,
      schema.supplierReturnLines,
      schema.supplierReturns,
      schema.supplierEmails,
      schema.purchaseOrderPayments,
      schema.purchaseOrderLines,
      schema.purchaseOrders,
      schema.transferOrderLines,
      schema.transferOrders,
      schema.stockTakeLines,
      schema.stockTakes,
      schema.countReasons,
      schema.reorderRules,
      schema.documentSequences,
      schema.supplierVariants,
      schema.inventoryLevels,
      schema.variants,
      schema.products,
      schema.suppliers,
      schema.locations,
      schema.auditLog,
      schema.connections,
      schema.connectionAttempts,
      schema.apiKeys,
      schema.staffMembers,
    ] as const;
    for (const table of byShop) tx.delete(table).where(eq(table.shopId, shop.id)).run();
    tx.delete(schema.shops).where(eq(schema.shops.id, shop.id)).run();
  });
}
