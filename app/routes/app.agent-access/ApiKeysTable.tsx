import { useFetcher } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, EmptyState, IndexTable, Text } from "@shopify/polaris";
import { DeleteIcon } from "@shopify/polaris-icons";
import type { ListedApiKey } from "~/access/index.server";
import { formatDateTime, formatRelative } from "~/components/dates";
import { SCOPE_LABELS } from "./scope-labels";

type Jsonified<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };
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
          {keys.map((key, position) => (
            <KeyRow key={key.id} apiKey={key} position={position} timezone={timezone} renderedAt={renderedAt} />
          ))}
        </IndexTable>
      </BlockStack>
    </Card>
  );
}

function KeyRow({ apiKey, position, timezone, renderedAt }: { apiKey: Row; position: number; timezone: string; renderedAt: string }) {
  const revoke = useFetcher();
  const revoked = apiKey.revokedAt !== null;
  const struck = revoked ? ("line-through" as const) : undefined;
  const tone = revoked ? ("subdued" as const) : undefined;
  return (
    <IndexTable.Row id={apiKey.id} position={position} tone={tone}>
      <IndexTable.Cell>
        <Text as="span" tone={tone} textDecorationLine={struck} fontWeight="semibold">
          {apiKey.label || "Untitled key"}
        </Text>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <Text as="span" tone={tone} textDecorationLine={struck}>
          <code>{apiKey.prefix}…</code>
        </Text>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <Badge tone={apiKey.scope === "read_write" ? "attention" : undefined}>{SCOPE_LABELS[apiKey.scope]}</Badge>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <BlockStack>
          <Text as="span" tone={tone}>
            {apiKey.createdByName}
          </Text>
          {apiKey.createdByEmail ? (
            <Text as="span" variant="bodySm" tone="subdued">
              {apiKey.createdByEmail}
            </Text>
          ) : null}
        </BlockStack>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <Text as="span" tone={tone}>
          {formatDateTime(apiKey.createdAt, timezone)}
        </Text>
      </IndexTable.Cell>
      <IndexTable.Cell>
        {apiKey.lastUsedAt ? (
          <span title={formatDateTime(apiKey.lastUsedAt, timezone)}>{formatRelative(apiKey.lastUsedAt, renderedAt)}</span>
        ) : (
          "Never"
        )}
      </IndexTable.Cell>
      <IndexTable.Cell>
        {revoked ? (
          <span title={`Revoked ${formatDateTime(apiKey.revokedAt!, timezone)} by ${apiKey.revokedByName ?? "unknown"}`}>
            <Badge tone="critical">Revoked</Badge>
          </span>
        ) : (
          <Badge tone="success">Active</Badge>
        )}
      </IndexTable.Cell>
      <IndexTable.Cell>
        {revoked ? null : (
          <revoke.Form method="post">
            <input type="hidden" name="intent" value="revoke-key" />
            <input type="hidden" name="keyId" value={apiKey.id} />
            <Button
              variant="plain"
              tone="critical"
              icon={DeleteIcon}
              submit
              loading={revoke.state !== "idle"}
              accessibilityLabel={`Revoke ${apiKey.label || "Untitled key"} (${apiKey.prefix})`}
            />
          </revoke.Form>
        )}
      </IndexTable.Cell>
    </IndexTable.Row>
  );
}
