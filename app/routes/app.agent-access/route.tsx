import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { isRouteErrorResponse, useLoaderData, useRouteError } from "@remix-run/react";
import { Banner, BlockStack, Layout, Page } from "@shopify/polaris";
import { listAgentActivity, listApiKeys, listConnectionNames, listConnections, listKeyNames } from "~/access/index.server";
import { appEnv } from "~/env.server";
import { requireStaff } from "~/shopify/index.server";
import { ActivityCard } from "./ActivityCard";
import { ApiKeysTable } from "./ApiKeysTable";
import { ConnectClientHelp } from "./ConnectClientHelp";
import { ConnectedAppsTable } from "./ConnectedAppsTable";
import { ConnectWebChatCard } from "./ConnectWebChatCard";
import { CreateKeyCard, CreatedKeyBanner } from "./CreateKeyCard";
import { disconnectFromForm, startConnectionFromForm } from "./connections.server";
import { createKeyFromForm, revokeKeyFromForm } from "./keys.server";
import { pageQuery } from "./page-query";

export const meta: MetaFunction = () => [{ title: "LLM / Agent Access · Logistified" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireStaff(request);
  const query = pageQuery(new URL(request.url).searchParams);
  return json({
    endpointUrl: `${appEnv().appUrl}/mcp-agent`,
    timezone: shop.timezone,
    renderedAt: new Date().toISOString(),
    keys: listApiKeys(shop.id, query.keys),
    connections: listConnections(shop.id, query.apps),
    activity: listAgentActivity(shop.id, { principalId: query.activity, limit: 25 }),
    credentials: { keys: listKeyNames(shop.id), apps: listConnectionNames(shop.id) },
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
  const { endpointUrl, timezone, renderedAt, keys, connections, activity, credentials } = useLoaderData<typeof loader>();
  return (
    <Page title="LLM / Agent Access" subtitle="Let an AI assistant read this store's inventory data, and act only when you allow it.">
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <CreatedKeyBanner />
            <section aria-label="Create key">
              <CreateKeyCard endpointUrl={endpointUrl} />
            </section>
            <section aria-label="Active keys">
              <ApiKeysTable page={keys} timezone={timezone} renderedAt={renderedAt} />
            </section>
            <section aria-label="Connect a web chat">
              <ConnectWebChatCard />
            </section>
            <section aria-label="Connected apps">
              <ConnectedAppsTable page={connections} timezone={timezone} renderedAt={renderedAt} />
            </section>
            <section aria-label="Connect a desktop or CLI client">
              <ConnectClientHelp endpointUrl={endpointUrl} />
            </section>
            <section aria-label="Activity">
              <ActivityCard entries={activity} credentials={credentials} timezone={timezone} />
            </section>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const detail = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : "An unexpected error occurred.";
  return (
    <Page title="LLM / Agent Access">
      <Banner tone="critical" title="This page could not be loaded">
        <p>{detail} Reload the page; if it keeps failing, your keys and connections are unaffected.</p>
      </Banner>
    </Page>
  );
}
