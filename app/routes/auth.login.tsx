import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AppProvider, Button, Card, FormLayout, Page, Text, TextField } from "@shopify/polaris";
import polarisTranslations from "@shopify/polaris/locales/en.json";
import { useState } from "react";
import { login } from "~/shopify.server";

// Shopify installs and opens the app from the admin; this page is only reached with no shop known.
export const loader = async ({ request }: LoaderFunctionArgs) => json({ errors: loginErrors(await login(request)) });
export const action = async ({ request }: ActionFunctionArgs) => json({ errors: loginErrors(await login(request)) });

function loginErrors(result: Awaited<ReturnType<typeof login>>): { shop?: string } {
  if (result?.shop === "MISSING_SHOP") return { shop: "Enter your store's domain to log in." };
  if (result?.shop === "INVALID_SHOP") return { shop: "Enter a valid store domain, such as my-store.myshopify.com." };
  return {};
}

export default function Login() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [shop, setShop] = useState("");
  const errors = actionData?.errors ?? loaderData.errors;
  return (
    <AppProvider i18n={polarisTranslations}>
      <Page>
        <Card>
          <Form method="post">
            <FormLayout>
              <Text variant="headingMd" as="h2">
                Log in to Logistified
              </Text>
              <TextField
                type="text"
                name="shop"
                label="Shop domain"
                helpText="example.myshopify.com"
                value={shop}
                onChange={setShop}
                autoComplete="on"
                error={errors.shop}
              />
              <Button submit>Log in</Button>
            </FormLayout>
          </Form>
        </Card>
      </Page>
    </AppProvider>
  );
}
