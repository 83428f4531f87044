import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Layout, Page } from "@shopify/polaris";
import { listApiKeys, listConnections } from "~/access/index.server";
import { appEnv } from "~/env.server";
import { requireStaff } from "~/shopify/index.server";
import { ApiKeysTable } from "./ApiKeysTable";
import { CreateKeyCard, CreatedKeyBanner } from "./CreateKeyCard";
import { ConnectedAppsTable } from "./ConnectedAppsTable";
import { ConnectWebChatCard } from "./ConnectWebChatCard";
import { disconnectFromForm, startConnectionFromForm } from "./connections.server";
import { createKeyFromForm, revokeKeyFromForm } from "./keys.server";

export const meta: MetaFunction = () => [{ title: "LLM / Agent Access · Logistified" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireStaff(request);
  return json({
    endpointUrl: `${appEnv().appUrl}/mcp-agent`,
    timezone: shop.timezone,
    renderedAt: new Date().toISOString(),
    keys: listApiKeys(shop.id),
    connections: listConnections(shop.id),
  });
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, staff } = await requireStaff(request);
  const actor = { shopId: shop.id, staff };
  const form = await request.formData();
  switch (form.get("intent")) {
    case "create-key": {
      const outcome = createKeyFromForm(actor, form);
      return json(outcome, { status: outcome.ok ? 200 : 400, headers: { "Cache-Control": "no-store" } });
    }
    case "revoke-key": {
      const outcome = revokeKeyFromForm(actor, form);
      return json(outcome, { status: outcome.ok ? 200 : 404 });
    }
    case "start-connection": {
      const outcome = startConnectionFromForm(actor, form, appEnv().appUrl);
      return json(outcome, { status: outcome.ok ? 200 : 400, headers: { "Cache-Control": "no-store" } });
    }
    case "disconnect-app": {
      const outcome = disconnectFromForm(actor, form);
      return json(outcome, { status: outcome.ok ? 200 : 404 });
    }
    default:
      return json({ intent: null, ok: false, formError: "Unknown action." }, { status: 400 });
  }
};

export default function AgentAccessPage() {
  const { endpointUrl, timezone, renderedAt, keys, connections } = useLoaderData<typeof loader>();
  return (
    <Page title="LLM / Agent Access" subtitle="Let an AI assistant read this store's inventory data, and act only when you allow it.">
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <CreatedKeyBanner />
            <CreateKeyCard endpointUrl={endpointUrl} />
            <ApiKeysTable keys={keys} timezone={timezone} renderedAt={renderedAt} />
            <ConnectWebChatCard />
            <ConnectedAppsTable connections={connections} timezone={timezone} renderedAt={renderedAt} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
