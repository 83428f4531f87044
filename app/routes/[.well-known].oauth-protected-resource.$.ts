import type { LoaderFunctionArgs } from "@remix-run/node";
import { wellKnownResponse } from "~/access/index.server";

export const loader = ({ request, params }: LoaderFunctionArgs) =>
  wellKnownResponse(request, "protected-resource", `/${params["*"] ?? ""}`);
