import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleRestRequest } from "~/rest/index.server";

// Every method arrives at one handler, which authenticates before it refuses anything but GET.
export const loader = ({ request }: LoaderFunctionArgs) => handleRestRequest(request);
export const action = ({ request }: ActionFunctionArgs) => handleRestRequest(request);
