import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { attemptStatus } from "~/access/index.server";
import { requireStaff } from "~/shopify/index.server";

// Polled by the Connect a web chat card while its code is displayed.
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireStaff(request);
  const status = attemptStatus(shop.id, params.attemptId ?? "");
  return status ? json(status, { headers: { "Cache-Control": "no-store" } }) : json({ error: "No such connection attempt." }, { status: 404 });
};
