/** Cells the keys table and the connected-apps table share: a revoked row reads the same in both. */
import { useEffect, useState, type ReactNode } from "react";
import { useFetcher, useSearchParams } from "@remix-run/react";
import { Badge, BlockStack, Box, Button, Card, Text } from "@shopify/polaris";
import { DeleteIcon } from "@shopify/polaris-icons";
import { ConfirmDialog, useToast } from "~/components/admin-chrome";
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

type RevocationTarget = { id: string; name: string; dialog: { title: string; body: string; confirmLabel: string }; doneMessage: string };

/**
 * Revoking from a table: one confirmation dialog for the table, naming what ends and what follows.
 * It lives beside the table rather than in the row, because the row it was opened from changes
 * (and loses its trash icon) as soon as the revocation lands.
 */
export function useRevocation(intent: string, idField: string) {
  const fetcher = useFetcher<{ ok: boolean; formError?: string }>({ key: intent });
  const [target, setTarget] = useState<RevocationTarget | null>(null);
  const [pendingToast, setPendingToast] = useState<string | null>(null);
  const toast = useToast();
  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data || pendingToast === null) return;
    if (fetcher.data.ok) toast(pendingToast);
    else toast(fetcher.data.formError ?? "That did not work. Try again.", { isError: true });
    setPendingToast(null);
    setTarget(null);
  }, [fetcher.state, fetcher.data, pendingToast, toast]);
  const dialog = (
    <ConfirmDialog
      id={`confirm-${intent}`}
      open={target !== null}
      title={target?.dialog.title ?? ""}
      body={target?.dialog.body ?? ""}
      confirmLabel={target?.dialog.confirmLabel ?? ""}
      busy={fetcher.state !== "idle"}
      onClose={() => setTarget(null)}
      onConfirm={() => {
        if (!target) return;
        setPendingToast(target.doneMessage);
        fetcher.submit({ intent, [idField]: target.id }, { method: "post" });
      }}
    />
  );
  return { ask: setTarget, dialog };
}

/** The trash icon of a live row. */
export function TrashButton({ label, onClick }: { label: string; onClick: () => void }) {
  return <Button variant="plain" tone="critical" icon={DeleteIcon} onClick={onClick} accessibilityLabel={label} />;
}

/** Previous / next page of a staff table, kept in the URL (`?keys=2`) so a reload stays put. */
export function useTablePagination(param: string, page: { page: number; hasNext: boolean }) {
  const [searchParams, setSearchParams] = useSearchParams();
  const go = (to: number) => {
    const next = new URLSearchParams(searchParams);
    if (to <= 1) next.delete(param);
    else next.set(param, String(to));
    setSearchParams(next, { preventScrollReset: true });
  };
  // No controls at all while everything fits on one page.
  if (page.page <= 1 && !page.hasNext) return undefined;
  return {
    hasPrevious: page.page > 1,
    hasNext: page.hasNext,
    onPrevious: () => go(page.page - 1),
    onNext: () => go(page.page + 1),
  };
}

/** What an empty table is for, in one or two lines: no illustration, no reserved height. */
export function TableEmptyState({ heading, children }: { heading: string; children: ReactNode }) {
  return (
    <Box padding="600">
      <BlockStack gap="100" inlineAlign="center">
        <Text as="p" fontWeight="semibold">
          {heading}
        </Text>
        <Text as="p" tone="subdued" alignment="center">
          {children}
        </Text>
      </BlockStack>
    </Box>
  );
}

/** A table card: its heading, then the table edge to edge. */
export function TableCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card padding="0">
      <Box padding="400">
        <Text as="h2" variant="headingMd">
          {title}
        </Text>
      </Box>
      {children}
    </Card>
  );
}
