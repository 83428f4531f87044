import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { NavMenu } from "@shopify/app-bridge-react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { AdminChrome } from "~/components/admin-chrome";
import { DemoStoreFrame } from "~/components/DemoStoreFrame";
import { appEnv } from "~/env.server";
import { SHOPIFY_APP_API_KEY } from "~/shopify.server";
import { requireStaff } from "~/shopify/index.server";

export const NAVIGATION = [
  { to: "/app", label: "Home" },
  { to: "/app/agent-access", label: "LLM / Agent Access" },
] as const;

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, staff } = await requireStaff(request);
  return json({ mode: appEnv().mode, apiKey: SHOPIFY_APP_API_KEY, shopName: shop.name, staff });
};

export default function AppLayout() {
  const { mode, apiKey, shopName, staff } = useLoaderData<typeof loader>();
  if (mode === "demo") {
    return (
      <AppProvider isEmbeddedApp={false} apiKey={apiKey}>
        <AdminChrome chrome="demo">
          <DemoStoreFrame shopName={shopName} staff={staff} navigation={NAVIGATION}>
            <Outlet />
          </DemoStoreFrame>
        </AdminChrome>
      </AppProvider>
    );
  }
  return (
    <AppProvider isEmbeddedApp apiKey={apiKey}>
      <NavMenu>
        {NAVIGATION.map((item, index) => (
          <a key={item.to} href={item.to} rel={index === 0 ? "home" : undefined}>
            {item.label}
          </a>
        ))}
      </NavMenu>
      <AdminChrome chrome="embedded">
        <Outlet />
      </AdminChrome>
    </AppProvider>
  );
}

// Shopify's auth signals redirects and bounces with thrown Responses; these let them through.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
