import { useSearchParams } from "@remix-run/react";
import { Badge, BlockStack, Card, DataTable, InlineStack, Select, Text } from "@shopify/polaris";
import type { AgentActivity } from "~/access/index.server";
import { formatDateTime } from "~/components/dates";
import type { Jsonified } from "~/components/jsonified";
import { TableEmptyState } from "./cells";

type Credentials = {
  keys: { id: string; label: string; prefix: string }[];
  apps: { id: string; appName: string }[];
};

const CALLED_PREVIEW_CHARS = 90;

/** The latest agent and REST calls, filterable by credential, so staff can see what a key did. */
export function ActivityCard({ entries, credentials, timezone }: { entries: Jsonified<AgentActivity>[]; credentials: Credentials; timezone: string }) {
  const [searchParams, setSearchParams] = useSearchParams();
  const selected = searchParams.get("activity") ?? "";
  const options = [
    { label: "All keys and apps", value: "" },
    ...credentials.keys.map((key) => ({ label: `${key.label || "Untitled key"} (${key.prefix})`, value: key.id })),
    ...credentials.apps.map((app) => ({ label: app.appName, value: app.id })),
  ];
  const choose = (value: string) => {
    const next = new URLSearchParams(searchParams);
    if (value) next.set("activity", value);
    else next.delete("activity");
    setSearchParams(next, { preventScrollReset: true });
  };
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="center" gap="400">
          <Text as="h2" variant="headingMd">
            Activity
          </Text>
          <div style={{ minWidth: 260 }}>
            <Select label="Credential" labelInline options={options} value={selected} onChange={choose} />
          </div>
        </InlineStack>
        {entries.length === 0 ? (
          <TableEmptyState heading="No calls yet">Every call an assistant or an integration makes with a key or connected app appears here.</TableEmptyState>
        ) : (
          <DataTable
            columnContentTypes={["text", "text", "text", "text", "numeric", "text", "numeric"]}
            headings={["When", "Credential", "Called", "Operations", "Writes", "Outcome", "Duration"]}
            rows={entries.map((entry) => [
              formatDateTime(entry.occurredAt, timezone),
              entry.tag,
              <code key="called" title={entry.called}>
                {entry.called.length > CALLED_PREVIEW_CHARS ? `${entry.called.slice(0, CALLED_PREVIEW_CHARS)}…` : entry.called}
              </code>,
              entry.operations.length ? entry.operations.join(", ") : "—",
              // Each committed write left an entry in its document's activity log.
              entry.activityEntryIds.length || "—",
              <Badge key="outcome" tone={isSuccess(entry.outcome) ? "success" : "critical"}>
                {entry.outcome}
              </Badge>,
              `${entry.durationMs} ms`,
            ])}
          />
        )}
      </BlockStack>
    </Card>
  );
}

function isSuccess(outcome: string): boolean {
  return outcome === "ok" || /^2\d\d$/.test(outcome);
}
