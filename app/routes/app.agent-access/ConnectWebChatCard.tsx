import { useEffect, useState } from "react";
import { useFetcher, useRevalidator } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, ChoiceList, InlineStack, List, Text } from "@shopify/polaris";
import { CopyField } from "~/components/CopyField";
import { SCOPE_LABELS, WRITE_SCOPE_EXPLANATION } from "~/components/scope-labels";
import type { StartConnectionOutcome } from "./connections.server";

const POLL_INTERVAL_MS = 3000;

type AttemptStatus = { status: string; connection: { appName: string } | null };

export function ConnectWebChatCard() {
  const start = useFetcher<StartConnectionOutcome>({ key: "start-connection" });
  const [scope, setScope] = useState<keyof typeof SCOPE_LABELS>("read");
  const attempt = start.data?.ok ? start.data.attempt : undefined;
  const secondsLeft = useSecondsUntil(attempt?.expiresAt);
  const status = useAttemptStatus(attempt && secondsLeft > 0 ? attempt.id : undefined);
  const busy = start.state !== "idle";
  const generate = () => start.submit({ intent: "start-connection", scope }, { method: "post" });

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
              Expires in {Math.floor(secondsLeft / 60)}:{String(secondsLeft % 60).padStart(2, "0")} · {SCOPE_LABELS[attempt.scope as keyof typeof SCOPE_LABELS]}
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

/** Whole seconds until `iso`, ticking once a second; 0 once it has passed. */
function useSecondsUntil(iso: string | undefined): number {
  const compute = () => (iso ? Math.max(0, Math.ceil((new Date(iso).getTime() - Date.now()) / 1000)) : 0);
  const [seconds, setSeconds] = useState(compute);
  useEffect(() => {
    setSeconds(compute());
    if (!iso) return;
    const timer = setInterval(() => setSeconds(compute()), 1000);
    return () => clearInterval(timer);
  }, [iso]);
  return seconds;
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
