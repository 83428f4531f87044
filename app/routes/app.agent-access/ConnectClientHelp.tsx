import { useState } from "react";
import { BlockStack, Card, Tabs, Text } from "@shopify/polaris";
import { CopyField, CopySnippet } from "~/components/CopyField";

/** How to point Claude Code, Claude Desktop or Codex at this store's endpoint with a key. */
export function ConnectClientHelp({ endpointUrl }: { endpointUrl: string }) {
  const [selected, setSelected] = useState(0);
  const clients = [
    {
      id: "claude-code",
      content: "Claude Code",
      label: "Command",
      snippet: `claude mcp add --transport http logistified ${endpointUrl} \\\n  --header "Authorization: Bearer lstk_…"`,
      note: "Run in a terminal, with your key in place of lstk_….",
    },
    {
      id: "claude-desktop",
      content: "Claude Desktop",
      label: "claude_desktop_config.json",
      snippet: JSON.stringify(
        {
          mcpServers: {
            logistified: {
              command: "npx",
              args: ["-y", "mcp-remote", endpointUrl, "--header", "Authorization:${AUTH_HEADER}"],
              env: { AUTH_HEADER: "Bearer lstk_…" },
            },
          },
        },
        null,
        2,
      ),
      note: "Claude Desktop reaches remote servers with a key through the mcp-remote bridge. Add this to its configuration file (Settings › Developer › Edit config), then restart it.",
    },
    {
      id: "codex",
      content: "Codex",
      label: "Commands",
      snippet: `export LOGISTIFIED_KEY=lstk_…\ncodex mcp add logistified --url ${endpointUrl} --bearer-token-env-var LOGISTIFIED_KEY`,
      note: "Codex reads the key from the environment variable you name.",
    },
  ];
  const client = clients[selected]!;
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Connect a desktop or CLI client
        </Text>
        <CopyField label="Agent endpoint" value={endpointUrl} />
        <Tabs tabs={clients.map(({ id, content }) => ({ id, content }))} selected={selected} onSelect={setSelected}>
          <BlockStack gap="200">
            <Text as="p" tone="subdued">
              {client.note}
            </Text>
            <CopySnippet label={client.label} value={client.snippet} />
          </BlockStack>
        </Tabs>
      </BlockStack>
    </Card>
  );
}
