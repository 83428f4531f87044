import { IndexTable } from "@shopify/polaris";
import type { ListedConnection, TablePage } from "~/access/index.server";
import { formatDateTime } from "~/components/dates";
import type { Jsonified } from "~/components/jsonified";
import { LastUsed, PersonCell, RowText, ScopeBadge, StatusBadge, TableCard, TableEmptyState, TrashButton, useRevocation, useTablePagination } from "./cells";

type Page = Omit<TablePage<ListedConnection>, "rows"> & { rows: Jsonified<ListedConnection>[] };

export function ConnectedAppsTable({ page, timezone, renderedAt }: { page: Page; timezone: string; renderedAt: string }) {
  const pagination = useTablePagination("apps", page);
  const revocation = useRevocation("disconnect-app", "connectionId");
  const connections = page.rows;
  return (
    <TableCard title="Connected apps">
      <IndexTable
        resourceName={{ singular: "connected app", plural: "connected apps" }}
        itemCount={connections.length}
        selectable={false}
        pagination={pagination}
        emptyState={<TableEmptyState heading="No chat apps connected">Connect claude.ai or ChatGPT with a connection code from the card above.</TableEmptyState>}
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
                  <TrashButton
                    label={`Disconnect ${connection.appName}`}
                    onClick={() =>
                      revocation.ask({
                        id: connection.id,
                        name: connection.appName,
                        dialog: {
                          title: `Disconnect ${connection.appName}?`,
                          body: `${connection.appName} loses access immediately and cannot reconnect without a new connection code. This cannot be undone.`,
                          confirmLabel: "Disconnect",
                        },
                        doneMessage: `Disconnected ${connection.appName}`,
                      })
                    }
                  />
                )}
              </IndexTable.Cell>
            </IndexTable.Row>
          );
        })}
      </IndexTable>
      {revocation.dialog}
    </TableCard>
  );
}
