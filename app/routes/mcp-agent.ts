import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { AGENT_PATH } from "~/access/index.server";
import { handleAgentRequest } from "~/agent/index.server";

// API keys' endpoint. GET, HEAD and OPTIONS arrive at the loader; the endpoint authenticates
// before it refuses a method.
export const loader = ({ request }: LoaderFunctionArgs) => handleAgentRequest(request, AGENT_PATH);
export const action = ({ request }: ActionFunctionArgs) => handleAgentRequest(request, AGENT_PATH);
