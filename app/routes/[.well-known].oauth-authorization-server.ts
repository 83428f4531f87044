import type { LoaderFunctionArgs } from "@remix-run/node";
import { wellKnownResponse } from "~/access/index.server";

export const loader = ({ request }: LoaderFunctionArgs) => wellKnownResponse(request, "authorization-server");
