import { useEffect, useState } from "react";
import { useFetcher, useRevalidator } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, ChoiceList, InlineStack, List, Text } from "@shopify/polaris";
import { useToast } from "~/components/admin-chrome";
import { CopyField } from "~/components/CopyField";
import { SCOPE_LABELS, WRITE_SCOPE_EXPLANATION } from "~/components/scope-labels";
import type { StartConnectionOutcome } from "./connections.server";

const POLL_INTERVAL_MS = 3000;
const CODE_LIFETIME_SECONDS = 600;

type AttemptStatus = { status: string; connection: { appName: string } | null };

export function ConnectWebChatCard() {
  const start = useFetcher<StartConnectionOutcome>({ key: "start-connection" });
  const [scope, setScope] = useState<keyof typeof SCOPE_LABELS>("read");
  const attempt = start.data?.ok ? start.data.attempt : undefined;
  const secondsLeft = useSecondsUntil(attempt?.expiresAt);
  const status = useAttemptStatus(attempt && secondsLeft > 0 ? attempt.id : undefined);
  const busy = start.state !== "idle";
  const toast = useToast();
  const generate = () => start.submit({ intent: "start-connection", scope }, { method: "post" });
  useEffect(() => {
    if (start.state !== "idle" || !start.data) return;
    toast(start.data.ok ? "Connection code ready" : start.data.formError, { isError: !start.data.ok });
  }, [start.state, start.data, toast]);

  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Connect a web chat
        </Text>
        <Text as="p" tone="subdued">
          Connect claude.ai or ChatGPT in the browser: they sign in with a one-time code instead of a key.
        </Text>
        <ChoiceList
          title="Scope"
          selected={[scope]}
          onChange={([value]) => setScope(value === "read_write" ? "read_write" : "read")}
          choices={[
            { label: `${SCOPE_LABELS.read} (recommended)`, value: "read", helpText: "Reads inventory data. Cannot change anything." },
            { label: SCOPE_LABELS.read_write, value: "read_write", helpText: WRITE_SCOPE_EXPLANATION },
          ]}
        />
        {start.data && !start.data.ok ? <Banner tone="critical">{start.data.formError}</Banner> : null}
        {status?.connection ? (
          <Banner tone="success" title={`Connected: ${status.connection.appName}`}>
            The app appears under Connected apps below.
          </Banner>
        ) : attempt && secondsLeft > 0 ? (
          <BlockStack gap="300">
            <CopyField label="Connector URL" value={attempt.connectorUrl} />
            <CopyField label="Connection code" value={attempt.code} />
            <Text as="p" fontWeight="semibold">
              Expires in {formatCountdown(secondsLeft)} · {SCOPE_LABELS[attempt.scope as keyof typeof SCOPE_LABELS]}
            </Text>
            <List type="number">
              <List.Item>In claude.ai (Settings › Connectors) or ChatGPT (Settings › Connectors), add a custom connector and paste the connector URL.</List.Item>
              <List.Item>When the sign-in tab opens, enter the connection code and approve.</List.Item>
            </List>
          </BlockStack>
        ) : attempt ? (
          <Banner tone="warning">This code has expired.</Banner>
        ) : null}
        <InlineStack align="end">
          <Button variant="primary" onClick={generate} loading={busy}>
            {attempt && (secondsLeft === 0 || status?.connection) ? "Generate a new code" : "Connect ChatGPT / Claude"}
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

/** Whole seconds until `iso` by a clock that ticks once a second; 0 once it has passed. */
function useSecondsUntil(iso: string | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!iso) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [iso]);
  if (!iso) return 0;
  return Math.max(0, Math.ceil((new Date(iso).getTime() - now) / 1000));
}

/** Polls the attempt while its code is displayed; refreshes the page's tables once it is approved. */
function useAttemptStatus(attemptId: string | undefined): AttemptStatus | undefined {
  // One fetcher per attempt, so a new code never shows the previous code's outcome.
  const poll = useFetcher<AttemptStatus>({ key: `connection-attempt-${attemptId ?? "none"}` });
  const { revalidate } = useRevalidator();
  const approved = Boolean(poll.data?.connection);
  useEffect(() => {
    if (!attemptId || approved) return;
    const timer = setInterval(() => poll.load(`/app/agent-access/attempts/${attemptId}`), POLL_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [attemptId, approved]);
  useEffect(() => {
    if (approved) revalidate();
  }, [approved]);
  return attemptId ? poll.data : undefined;
}

/** m:ss, never above the code's lifetime (the first render may read a clock from before the code). */
function formatCountdown(seconds: number): string {
  const shown = Math.min(seconds, CODE_LIFETIME_SECONDS);
  return `${Math.floor(shown / 60)}:${String(shown % 60).padStart(2, "0")}`;
}
