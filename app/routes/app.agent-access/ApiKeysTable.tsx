import { IndexTable } from "@shopify/polaris";
import type { ListedApiKey, TablePage } from "~/access/index.server";
import { formatDateTime } from "~/components/dates";
import type { Jsonified } from "~/components/jsonified";
import { LastUsed, PersonCell, RowText, ScopeBadge, StatusBadge, TableCard, TableEmptyState, TrashButton, useRevocation, useTablePagination } from "./cells";

type Page = Omit<TablePage<ListedApiKey>, "rows"> & { rows: Jsonified<ListedApiKey>[] };

export function ApiKeysTable({ page, timezone, renderedAt }: { page: Page; timezone: string; renderedAt: string }) {
  const pagination = useTablePagination("keys", page);
  const revocation = useRevocation("revoke-key", "keyId");
  const keys = page.rows;
  return (
    <TableCard title="Active keys">
      <IndexTable
        resourceName={{ singular: "key", plural: "keys" }}
        itemCount={keys.length}
        selectable={false}
        pagination={pagination}
        emptyState={<TableEmptyState heading="No keys yet">Create a key to connect Claude Desktop, Claude Code, Codex or your own agent.</TableEmptyState>}
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
                {ended ? null : (
                  <TrashButton
                    label={`Revoke ${label} (${key.prefix})`}
                    onClick={() =>
                      revocation.ask({
                        id: key.id,
                        name: label,
                        dialog: {
                          title: "Revoke key?",
                          body: `${label} (${key.prefix}) will stop working on its next request, for the assistant and for the REST API. This cannot be undone.`,
                          confirmLabel: "Revoke key",
                        },
                        doneMessage: `Revoked ${label}`,
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
