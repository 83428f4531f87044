import type { ReactNode } from "react";
import { NavLink } from "@remix-run/react";
import { Badge, Box, InlineStack, Text } from "@shopify/polaris";

type Props = {
  shopName: string;
  staff: { name: string; email: string | null };
  navigation: readonly { to: string; label: string }[];
  children: ReactNode;
};

/**
 * Stands in for the Shopify admin's chrome in the demo store: the store name, who is signed in
 * and the app's navigation, which App Bridge's NavMenu draws when the app is embedded.
 */
export function DemoStoreFrame({ shopName, staff, navigation, children }: Props) {
  return (
    <div style={{ minHeight: "100vh", background: "var(--p-color-bg)" }}>
      <Box background="bg-surface-inverse" paddingBlock="300" paddingInline="400">
        <InlineStack align="space-between" blockAlign="center" gap="400">
          <InlineStack gap="300" blockAlign="center">
            <Text as="span" variant="headingSm" tone="text-inverse">
              {shopName}
            </Text>
            <Badge tone="info">Demo store</Badge>
          </InlineStack>
          <Text as="span" variant="bodySm" tone="text-inverse">
            Signed in as {staff.name}
            {staff.email ? ` (${staff.email})` : ""}
          </Text>
        </InlineStack>
      </Box>
      <Box background="bg-surface" borderBlockEndWidth="025" borderColor="border" paddingInline="400">
        <nav aria-label="Logistified">
          <InlineStack gap="400">
            {navigation.map((item) => (
              <NavLink key={item.to} to={item.to} end style={{ textDecoration: "none" }}>
                {({ isActive }) => (
                  <Box paddingBlock="300" borderBlockEndWidth={isActive ? "050" : "0"} borderColor="border-emphasis">
                    <Text as="span" variant="bodyMd" fontWeight={isActive ? "semibold" : "regular"}>
                      {item.label}
                    </Text>
                  </Box>
                )}
              </NavLink>
            ))}
          </InlineStack>
        </nav>
      </Box>
      {children}
    </div>
  );
}
