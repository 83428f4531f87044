import { z } from "zod";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

/** The real MCP SDK client over Streamable HTTP, presenting `key` as an assistant's config would. */
export async function connectWithKey(baseUrl: string, key: string): Promise<Client> {
  const client = new Client({ name: "logistified-tests", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL(`${baseUrl}/mcp-agent`), {
    requestInit: { headers: { Authorization: `Bearer ${key}` } },
  });
  await client.connect(transport);
  return client;
}

const TextResult = z.object({ content: z.array(z.object({ type: z.literal("text"), text: z.string() })).min(1) });

/** The JSON a tool answered with, as text content. */
export function jsonOf(result: object): unknown {
  return JSON.parse(TextResult.parse(result).content[0]!.text);
}
