import { BlockStack, Card, EmptyState, IndexTable, Text } from "@shopify/polaris";
import type { ListedConnection } from "~/access/index.server";
import { formatDateTime } from "~/components/dates";
import type { Jsonified } from "~/components/jsonified";
import { LastUsed, PersonCell, RevokeButton, RowText, ScopeBadge, StatusBadge } from "./cells";

type Row = Jsonified<ListedConnection>;

export function ConnectedAppsTable({ connections, timezone, renderedAt }: { connections: Row[]; timezone: string; renderedAt: string }) {
  return (
    <Card padding="0">
      <BlockStack>
        <div style={{ padding: "var(--p-space-400)" }}>
          <Text as="h2" variant="headingMd">
            Connected apps
          </Text>
        </div>
        <IndexTable
          resourceName={{ singular: "connected app", plural: "connected apps" }}
          itemCount={connections.length}
          selectable={false}
          emptyState={
            <EmptyState heading="No chat apps connected" image="">
              <p>Connect claude.ai or ChatGPT with a connection code from the card above.</p>
            </EmptyState>
          }
          headings={[
            { title: "App" },
            { title: "Approved by" },
            { title: "Approved at" },
            { title: "Scope" },
            { title: "Last used" },
            { title: "Status" },
            { title: "Actions", hidden: true },
          ]}
        >
          {connections.map((connection, position) => {
            const ended = connection.revokedAt !== null || connection.expired;
            return (
              <IndexTable.Row key={connection.id} id={connection.id} position={position} tone={ended ? "subdued" : undefined}>
                <IndexTable.Cell>
                  <RowText ended={ended} strong>
                    {connection.appName}
                  </RowText>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <PersonCell name={connection.approvedByName} email={connection.approvedByEmail} ended={ended} />
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <RowText ended={ended}>{formatDateTime(connection.approvedAt, timezone)}</RowText>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <ScopeBadge scope={connection.scope} />
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <LastUsed at={connection.lastUsedAt} timezone={timezone} renderedAt={renderedAt} />
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <StatusBadge row={connection} timezone={timezone} />
                </IndexTable.Cell>
                <IndexTable.Cell>
                  {connection.revokedAt ? null : (
                    <RevokeButton intent="disconnect-app" idField="connectionId" id={connection.id} label={`Disconnect ${connection.appName}`} />
                  )}
                </IndexTable.Cell>
              </IndexTable.Row>
            );
          })}
        </IndexTable>
      </BlockStack>
    </Card>
  );
}
