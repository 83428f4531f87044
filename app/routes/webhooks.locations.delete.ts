import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { handleLocationDelete } from "~/shopify/index.server";

// Deactivates, never deletes: documents keep naming the location. Repeats are harmless.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, payload } = await authenticate.webhook(request);
  handleLocationDelete(shop, payload);
  return new Response();
};
