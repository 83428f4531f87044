import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BlockStack, Card, Layout, Page, Text } from "@shopify/polaris";
import { requireStaff } from "~/shopify/index.server";

export const meta: MetaFunction = () => [{ title: "Logistified" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, staff } = await requireStaff(request);
  return json({ shopName: shop.name, staffName: staff.name });
};

export default function Home() {
  const { shopName, staffName } = useLoaderData<typeof loader>();
  return (
    <Page title="Logistified">
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Welcome, {staffName}
              </Text>
              <Text as="p">
                Logistified keeps {shopName}'s purchase orders, transfers, stock takes, supplier returns and reorder rules.
              </Text>
              <Text as="p">
                To let an AI assistant such as Claude or ChatGPT read this store's inventory data, open{" "}
                <Link to="/app/agent-access">LLM / Agent Access</Link> and create a key.
              </Text>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
