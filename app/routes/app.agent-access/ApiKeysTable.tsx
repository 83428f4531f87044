import { BlockStack, Card, EmptyState, IndexTable, Text } from "@shopify/polaris";
import type { ListedApiKey } from "~/access/index.server";
import { formatDateTime } from "~/components/dates";
import type { Jsonified } from "~/components/jsonified";
import { LastUsed, PersonCell, RevokeButton, RowText, ScopeBadge, StatusBadge } from "./cells";

type Row = Jsonified<ListedApiKey>;

export function ApiKeysTable({ keys, timezone, renderedAt }: { keys: Row[]; timezone: string; renderedAt: string }) {
  return (
    <Card padding="0">
      <BlockStack>
        <div style={{ padding: "var(--p-space-400)" }}>
          <Text as="h2" variant="headingMd">
            Active keys
          </Text>
        </div>
        <IndexTable
          resourceName={{ singular: "key", plural: "keys" }}
          itemCount={keys.length}
          selectable={false}
          emptyState={
            <EmptyState heading="No keys yet" image="">
              <p>Create a key to connect Claude Desktop, Claude Code, Codex or your own agent.</p>
            </EmptyState>
          }
          headings={[
            { title: "Label" },
            { title: "Key" },
            { title: "Scope" },
            { title: "Created by" },
            { title: "Created" },
            { title: "Last used" },
            { title: "Status" },
            { title: "Actions", hidden: true },
          ]}
        >
          {keys.map((key, position) => {
            const ended = key.revokedAt !== null;
            const label = key.label || "Untitled key";
            return (
              <IndexTable.Row key={key.id} id={key.id} position={position} tone={ended ? "subdued" : undefined}>
                <IndexTable.Cell>
                  <RowText ended={ended} strong>
                    {label}
                  </RowText>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <RowText ended={ended}>
                    <code>{key.prefix}…</code>
                  </RowText>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <ScopeBadge scope={key.scope} />
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <PersonCell name={key.createdByName} email={key.createdByEmail} ended={ended} />
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <RowText ended={ended}>{formatDateTime(key.createdAt, timezone)}</RowText>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <LastUsed at={key.lastUsedAt} timezone={timezone} renderedAt={renderedAt} />
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <StatusBadge row={key} timezone={timezone} />
                </IndexTable.Cell>
                <IndexTable.Cell>
                  {ended ? null : <RevokeButton intent="revoke-key" idField="keyId" id={key.id} label={`Revoke ${label} (${key.prefix})`} />}
                </IndexTable.Cell>
              </IndexTable.Row>
            );
          })}
        </IndexTable>
      </BlockStack>
    </Card>
  );
}
