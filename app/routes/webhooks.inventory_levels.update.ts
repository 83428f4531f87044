import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { handleInventoryLevelUpdate } from "~/shopify/index.server";

// The payload carries only `available`; the handler reads all eight quantities again.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, payload } = await authenticate.webhook(request);
  await handleInventoryLevelUpdate(shop, payload);
  return new Response();
};
