import type { LoaderFunctionArgs } from "@remix-run/node";
import { wellKnownResponse } from "~/access/index.server";

// The root form names the API-key endpoint; connector URLs have their own path-inserted documents.
export const loader = ({ request }: LoaderFunctionArgs) => wellKnownResponse(request, "protected-resource");
