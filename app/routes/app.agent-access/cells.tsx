/** Cells the keys table and the connected-apps table share: a revoked row reads the same in both. */
import type { ReactNode } from "react";
import { useFetcher } from "@remix-run/react";
import { Badge, BlockStack, Button, Text } from "@shopify/polaris";
import { DeleteIcon } from "@shopify/polaris-icons";
import { formatDateTime, formatRelative } from "~/components/dates";
import { SCOPE_LABELS } from "~/components/scope-labels";

export type Ended = { revokedAt: string | null; revokedByName: string | null; expired?: boolean };

/** Text drawn subdued and struck through once the credential has ended. */
export function RowText({ ended, children, strong }: { ended: boolean; children: ReactNode; strong?: boolean }) {
  return (
    <Text as="span" tone={ended ? "subdued" : undefined} textDecorationLine={ended ? "line-through" : undefined} fontWeight={strong ? "semibold" : undefined}>
      {children}
    </Text>
  );
}

export function ScopeBadge({ scope }: { scope: keyof typeof SCOPE_LABELS }) {
  return <Badge tone={scope === "read_write" ? "attention" : undefined}>{SCOPE_LABELS[scope]}</Badge>;
}

export function PersonCell({ name, email, ended }: { name: string; email: string | null; ended: boolean }) {
  return (
    <BlockStack>
      <RowText ended={ended}>{name}</RowText>
      {email ? (
        <Text as="span" variant="bodySm" tone="subdued">
          {email}
        </Text>
      ) : null}
    </BlockStack>
  );
}

export function LastUsed({ at, timezone, renderedAt }: { at: string | null; timezone: string; renderedAt: string }) {
  if (!at) return <>Never</>;
  return <span title={formatDateTime(at, timezone)}>{formatRelative(at, renderedAt)}</span>;
}

export function StatusBadge({ row, timezone }: { row: Ended; timezone: string }) {
  if (row.revokedAt) {
    return (
      <span title={`Revoked ${formatDateTime(row.revokedAt, timezone)} by ${row.revokedByName ?? "unknown"}`}>
        <Badge tone="critical">Revoked</Badge>
      </span>
    );
  }
  if (row.expired) return <Badge tone="warning">Expired</Badge>;
  return <Badge tone="success">Active</Badge>;
}

/** The trash icon of a live row; posts `intent` with the row's id under `idField`. */
export function RevokeButton({ intent, idField, id, label }: { intent: string; idField: string; id: string; label: string }) {
  const fetcher = useFetcher();
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name={idField} value={id} />
      <Button variant="plain" tone="critical" icon={DeleteIcon} submit loading={fetcher.state !== "idle"} accessibilityLabel={label} />
    </fetcher.Form>
  );
}
