/**
 * Who is using the admin pages. `requireStaff` is the first call of every `/app` loader and action.
 *
 * On Shopify it runs `authenticate.admin` (session token, online session) and reads the staff
 * member from the online session. In the demo store there is no Shopify login: every request is the
 * demo staff member, which is why that mode is loopback-only; a write must also come from the app's
 * own pages (same Origin), so another site open in the same browser cannot post to it.
 */
import { json } from "@remix-run/node";
import { newId } from "../../db/ids";
import { staffMembers } from "../../db/schema";
import { db } from "../db.server";
import { appEnv } from "../env.server";
import { authenticate } from "../shopify.server";
import { DEMO_SHOP_DOMAIN, DEMO_STAFF } from "./demo-store";
import { findShopByDomain, recordInstall, type Shop } from "./shops.server";

export type StaffMember = Pick<typeof staffMembers.$inferSelect, "id" | "name" | "email">;
export type AdminContext = { shop: Shop; staff: StaffMember };

export async function requireStaff(request: Request): Promise<AdminContext> {
  const env = appEnv();
  if (env.mode === "demo") return demoStaff(request, env.appUrl);

  const { session } = await authenticate.admin(request);
  const shop = findShopByDomain(session.shop) ?? recordInstall(session.shop);
  const user = session.onlineAccessInfo?.associated_user;
  const name = [user?.first_name, user?.last_name].filter(Boolean).join(" ") || "Shopify staff";
  return { shop, staff: rememberStaff(shop, user ? String(user.id) : "unknown", name, user?.email ?? null) };
}

function demoStaff(request: Request, appUrl: string): AdminContext {
  const origin = request.headers.get("Origin");
  if (request.method !== "GET" && request.method !== "HEAD" && origin !== null && origin !== appUrl) {
    throw json({ error: "Requests to the demo store's admin must come from its own pages." }, { status: 403 });
  }
  const shop = findShopByDomain(DEMO_SHOP_DOMAIN);
  if (!shop) {
    throw new Error(`The demo store is not in ${appEnv().databasePath}; start the app with \`npm start\`, which seeds it.`);
  }
  return { shop, staff: rememberStaff(shop, DEMO_STAFF.externalId, DEMO_STAFF.name, DEMO_STAFF.email) };
}

function rememberStaff(shop: Shop, externalId: string, name: string, email: string | null): StaffMember {
  const now = new Date();
  return db()
    .insert(staffMembers)
    .values({ id: newId("staff"), shopId: shop.id, externalId, name, email, lastSeenAt: now })
    .onConflictDoUpdate({
      target: [staffMembers.shopId, staffMembers.externalId],
      set: { name, email, lastSeenAt: now },
    })
    .returning({ id: staffMembers.id, name: staffMembers.name, email: staffMembers.email })
    .get();
}
