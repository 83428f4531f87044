import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { handleProductDelete } from "~/shopify/index.server";

// Archives, never deletes: documents keep naming the product's variants. Repeats are harmless.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, payload } = await authenticate.webhook(request);
  handleProductDelete(shop, payload);
  return new Response();
};
