/** The agent endpoint: MCP tools over the operation catalogue. Other rooms import this file only. */
export { handleAgentRequest } from "./endpoint.server";
