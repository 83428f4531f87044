import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleAgentRequest } from "~/agent/index.server";

// GET, HEAD and OPTIONS arrive here; the endpoint authenticates before refusing the method.
export const loader = ({ request }: LoaderFunctionArgs) => handleAgentRequest(request);
export const action = ({ request }: ActionFunctionArgs) => handleAgentRequest(request);
