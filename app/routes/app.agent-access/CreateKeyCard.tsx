import { useEffect, useState } from "react";
import { useBlocker, useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, ChoiceList, Form, FormLayout, InlineStack, Text, TextField } from "@shopify/polaris";
import { useToast } from "~/components/admin-chrome";
import { CopyField } from "~/components/CopyField";
import type { CreateKeyOutcome } from "./keys.server";
import { SCOPE_LABELS, WRITE_SCOPE_EXPLANATION } from "~/components/scope-labels";

export const CREATE_KEY_FETCHER = "create-key";

export function CreateKeyCard({ endpointUrl }: { endpointUrl: string }) {
  const fetcher = useFetcher<CreateKeyOutcome>({ key: CREATE_KEY_FETCHER });
  const [label, setLabel] = useState("");
  const [scope, setScope] = useState<keyof typeof SCOPE_LABELS>("read");
  const failed = fetcher.data && !fetcher.data.ok ? fetcher.data : undefined;
  const busy = fetcher.state !== "idle";
  const toast = useToast();

  function submit() {
    fetcher.submit({ intent: "create-key", label, scope }, { method: "post" });
  }

  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data) return;
    if (fetcher.data.ok) {
      setLabel("");
      toast("Key created");
    } else {
      toast("The key was not created", { isError: true });
    }
  }, [fetcher.state, fetcher.data]);

  return (
    <Card>
      <Form onSubmit={submit}>
        <BlockStack gap="400">
          <Text as="h2" variant="headingMd">
            Create key
          </Text>
          {failed?.formError ? <Banner tone="critical">{failed.formError}</Banner> : null}
          <FormLayout>
            <TextField
              label="Label"
              name="label"
              value={label}
              onChange={setLabel}
              autoComplete="off"
              maxLength={64}
              showCharacterCount
              placeholder="Claude Desktop"
              helpText="Optional. Helps you recognise the key later."
              error={failed?.fieldErrors.label}
            />
            <ChoiceList
              title="Scope"
              selected={[scope]}
              onChange={([value]) => setScope(value === "read_write" ? "read_write" : "read")}
              error={failed?.fieldErrors.scope}
              choices={[
                { label: `${SCOPE_LABELS.read} (recommended)`, value: "read", helpText: "Reads inventory data. Cannot change anything." },
                { label: SCOPE_LABELS.read_write, value: "read_write", helpText: WRITE_SCOPE_EXPLANATION },
              ]}
            />
          </FormLayout>
          <InlineStack align="end">
            <Button variant="primary" submit loading={busy} disabled={busy}>
              Create key
            </Button>
          </InlineStack>
          <BlockStack gap="200">
            <CopyField label="Agent endpoint" value={endpointUrl} />
            <Text as="p" variant="bodySm" tone="subdued">
              Add an MCP server with this URL and the header <code>Authorization: Bearer &lt;your key&gt;</code>.
            </Text>
          </BlockStack>
        </BlockStack>
      </Form>
    </Card>
  );
}

export function CreatedKeyBanner() {
  const fetcher = useFetcher<CreateKeyOutcome>({ key: CREATE_KEY_FETCHER });
  const [dismissedKey, setDismissedKey] = useState<string | null>(null);
  const created = fetcher.data?.ok ? fetcher.data.createdKey : undefined;
  const showing = created !== undefined && created.key !== dismissedKey;
  useConfirmBeforeLeaving(showing);
  if (!created || !showing) return null;
  return (
    <Banner
      tone="success"
      title={`Key created: ${created.label || "Untitled key"} (${SCOPE_LABELS[created.scope as keyof typeof SCOPE_LABELS]})`}
      onDismiss={() => setDismissedKey(created.key)}
    >
      <BlockStack gap="200">
        <Text as="p" fontWeight="semibold">
          Copy this key now. It will not be shown again.
        </Text>
        <CopyField label="API key" labelHidden value={created.key} />
        <InlineStack align="end">
          <Button onClick={() => setDismissedKey(created.key)}>Done</Button>
        </InlineStack>
      </BlockStack>
    </Banner>
  );
}

/**
 * While the key is on screen, leaving the page (reload, close, another page of the app) asks
 * first: the key cannot be shown again.
 */
function useConfirmBeforeLeaving(active: boolean) {
  useEffect(() => {
    if (!active) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [active]);
  useBlocker(({ currentLocation, nextLocation }) => active && currentLocation.pathname !== nextLocation.pathname && !window.confirm("Leave this page? The new key will not be shown again."));
}
