import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleRestRequest } from "~/rest/index.server";

// Every method arrives at one handler, which authenticates before it refuses anything but GET.
export const loader = ({ request, params }: LoaderFunctionArgs) => handleRestRequest(request, params["*"] ?? "");
export const action = ({ request, params }: ActionFunctionArgs) => handleRestRequest(request, params["*"] ?? "");
