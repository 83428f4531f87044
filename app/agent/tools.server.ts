/**
 * The MCP server a principal sees: built per request, holding only the tools the principal's
 * scope allows. Every tool call is audited with what was called, the outcome and the duration.
 */
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { recordAudit, type Principal } from "../access/index.server";
import { catalogueFor, OperationError, SearchInput, searchOperations } from "../operations/index.server";

export const SERVER_INSTRUCTIONS = [
  "Logistified holds this Shopify store's inventory and purchasing data: locations, products and variants, inventory levels, suppliers, purchase orders, transfers, stock takes, supplier returns and reorder rules.",
  "Use `search_api` to find the operations you may call and their exact signatures (an empty query lists every namespace).",
  "Everything you can see belongs to one store, fixed by your credential.",
].join(" ");

export function buildAgentServer(principal: Principal, requestId: string): McpServer {
  const server = new McpServer({ name: "Logistified", version: "1.0.0" }, { instructions: SERVER_INSTRUCTIONS });
  const catalogue = catalogueFor(principal);

  server.registerTool(
    "search_api",
    {
      title: "Search the Logistified API",
      description:
        "Search the operations this credential may use. Returns each match's full name (app.<area>.<operation>), kind (read or write), TypeScript-style signature, description, parameters and error codes. An empty query returns an overview of every namespace.",
      inputSchema: SearchInput,
      annotations: {
        title: "Search the Logistified API",
        readOnlyHint: true,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: false,
      },
    },
    async (input) =>
      audited(principal, requestId, "search_api", input, () => jsonResult(searchOperations(catalogue.operations, input))),
  );

  return server;
}

async function audited(
  principal: Principal,
  requestId: string,
  tool: string,
  input: unknown,
  run: () => CallToolResult | Promise<CallToolResult>,
): Promise<CallToolResult> {
  const started = performance.now();
  let outcome = "error";
  try {
    const result = await run();
    outcome = result.isError ? "tool_error" : "ok";
    return result;
  } catch (error) {
    if (!(error instanceof OperationError)) throw error;
    outcome = error.code;
    return { ...jsonResult({ error: error.toJSON() }), isError: true };
  } finally {
    recordAudit({
      shopId: principal.shop.id,
      tag: `mcp:${principal.credential.prefix}`,
      principalKind: principal.credential.kind,
      principalId: principal.credential.id,
      channel: "mcp",
      requestId,
      called: `${tool} ${JSON.stringify(input)}`,
      outcome,
      durationMs: Math.round(performance.now() - started),
    });
  }
}

function jsonResult(value: unknown): CallToolResult {
  return { content: [{ type: "text", text: JSON.stringify(value, null, 2) }] };
}
