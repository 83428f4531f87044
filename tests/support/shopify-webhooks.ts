/** A webhook delivery as Shopify makes it: JSON body, topic and shop headers, HMAC-SHA256 of the raw body keyed with the app secret. */
import { createHmac } from "node:crypto";
import { DEMO_SHOP_DOMAIN } from "../../app/shopify/demo-store";
import { TEST_SHOPIFY_APP } from "./test-server";

export function postWebhook(serverUrl: string, topic: string, payload: object, options: { shop?: string; secret?: string } = {}): Promise<Response> {
  const body = JSON.stringify(payload);
  return fetch(`${serverUrl}/webhooks/${topic}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": topic,
      "X-Shopify-Shop-Domain": options.shop ?? DEMO_SHOP_DOMAIN,
      "X-Shopify-API-Version": "2026-04",
      "X-Shopify-Webhook-Id": `wh-${crypto.randomUUID()}`,
      "X-Shopify-Hmac-Sha256": createHmac("sha256", options.secret ?? TEST_SHOPIFY_APP.apiSecret).update(body).digest("base64"),
    },
    body,
  });
}
