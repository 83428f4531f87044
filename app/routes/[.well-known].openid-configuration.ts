import type { LoaderFunctionArgs } from "@remix-run/node";
import { wellKnownResponse } from "~/access/index.server";

// Some clients look for OpenID discovery first; it mirrors the authorization server's metadata.
export const loader = ({ request }: LoaderFunctionArgs) => wellKnownResponse(request, "authorization-server");
