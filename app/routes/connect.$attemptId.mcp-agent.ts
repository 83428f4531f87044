import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleAgentRequest } from "~/agent/index.server";

// A connected app's endpoint: the connector URL shown with its connection code. Only that
// connection's access tokens are accepted here.
const resourcePath = (attemptId: string | undefined) => `/connect/${attemptId ?? ""}/mcp-agent`;

export const loader = ({ request, params }: LoaderFunctionArgs) => handleAgentRequest(request, resourcePath(params.attemptId));
export const action = ({ request, params }: ActionFunctionArgs) => handleAgentRequest(request, resourcePath(params.attemptId));
