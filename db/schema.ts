/**
 * The Logistified database. Secret-bearing columns and how each is stored are listed in
 * `db/STORAGE.md`; keep that note in step with this file.
 *
 * Conventions: ids are opaque text issued by Logistified (`newId` in `db/ids.ts`); every table but
 * `session` and `shops` carries `shop_id`, and every query filters by it; timestamps are integer
 * milliseconds (Drizzle's `timestamp_ms` mode hands out `Date`); money is an integer amount in minor
 * units beside the currency it is in.
 */
import { blob, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

// Defaults are computed in the application, not in SQL, so the schema moves to PostgreSQL as it is.
const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .$defaultFn(() => new Date());

// ---------------------------------------------------------------------------------------------
// Shopify sessions: the column names are the ones `@shopify/shopify-app-session-storage-drizzle`
// reads and writes, so they stay camelCase.
export const sessionTable = sqliteTable("session", {
  id: text("id").primaryKey(),
  shop: text("shop").notNull(),
  state: text("state").notNull(),
  isOnline: integer("isOnline", { mode: "boolean" }).notNull().default(false),
  scope: text("scope"),
  expires: text("expires"),
  accessToken: text("accessToken").notNull(),
  userId: blob("userId", { mode: "bigint" }),
  firstName: text("firstName"),
  lastName: text("lastName"),
  email: text("email"),
  accountOwner: integer("accountOwner", { mode: "boolean" }),
  locale: text("locale"),
  collaborator: integer("collaborator", { mode: "boolean" }),
  emailVerified: integer("emailVerified", { mode: "boolean" }),
  refreshToken: text("refreshToken"),
  refreshTokenExpires: text("refreshTokenExpires"),
});

// ---------------------------------------------------------------------------------------------
// Shops and the people who act in them.
export const shops = sqliteTable("shops", {
  id: text("id").primaryKey(),
  shopifyDomain: text("shopify_domain").notNull().unique(),
  name: text("name").notNull(),
  currency: text("currency").notNull(),
  timezone: text("timezone").notNull(),
  emailSendingConfigured: integer("email_sending_configured", { mode: "boolean" }).notNull().default(false),
  installedAt: integer("installed_at", { mode: "timestamp_ms" }).notNull(),
  uninstalledAt: integer("uninstalled_at", { mode: "timestamp_ms" }),
  createdAt: createdAt(),
});

/** A staff member as last seen in an admin session; records keep their own name/email snapshot. */
export const staffMembers = sqliteTable(
  "staff_members",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull().references(() => shops.id),
    /** Shopify's user id, or `demo` for the demo store's staff member. */
    externalId: text("external_id").notNull(),
    name: text("name").notNull(),
    email: text("email"),
    lastSeenAt: integer("last_seen_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("staff_members_shop_external").on(t.shopId, t.externalId)],
);

// ---------------------------------------------------------------------------------------------
// Agent access.
export const ACCESS_SCOPES = ["read", "read_write"] as const;

export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull().references(() => shops.id),
    label: text("label").notNull(),
    /** `lstk_` and the first 8 random characters: what staff see, unique across stores. */
    prefix: text("prefix").notNull().unique(),
    /** SHA-256 of the whole key, lower-case hex. The key itself is never stored. */
    keyHash: text("key_hash").notNull().unique(),
    scope: text("scope", { enum: ACCESS_SCOPES }).notNull(),
    createdByStaffId: text("created_by_staff_id").references(() => staffMembers.id),
    createdByName: text("created_by_name").notNull(),
    createdByEmail: text("created_by_email"),
    createdAt: createdAt(),
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    revokedByName: text("revoked_by_name"),
    revokedByEmail: text("revoked_by_email"),
  },
  (t) => [index("api_keys_shop_created").on(t.shopId, t.createdAt)],
);

export const AUDIT_CHANNELS = ["mcp", "rest", "admin"] as const;
export const PRINCIPAL_KINDS = ["api_key", "connected_app", "staff"] as const;

/** Every use of agent access and every change to it. Append-only. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull().references(() => shops.id),
    occurredAt: integer("occurred_at", { mode: "timestamp_ms" }).notNull(),
    /** `mcp:<key prefix>`, `rest:<key prefix>`, `staff:<email>`… */
    tag: text("tag").notNull(),
    principalKind: text("principal_kind", { enum: PRINCIPAL_KINDS }).notNull(),
    principalId: text("principal_id").notNull(),
    channel: text("channel", { enum: AUDIT_CHANNELS }).notNull(),
    requestId: text("request_id").notNull(),
    /** The tool with its input, the method and path, or the staff action; truncated at 20 KB. */
    called: text("called").notNull(),
    operations: text("operations", { mode: "json" }).$type<string[]>().notNull().$defaultFn(() => []),
    /** An HTTP status, `ok`, or an error code. */
    outcome: text("outcome").notNull(),
    durationMs: integer("duration_ms").notNull(),
  },
  (t) => [index("audit_log_shop_time").on(t.shopId, t.occurredAt)],
);

// ---------------------------------------------------------------------------------------------
// The inventory domain, as mirrored from Shopify and as Logistified keeps it.
export const locations = sqliteTable(
  "locations",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull().references(() => shops.id),
    shopifyId: text("shopify_id").notNull(),
    name: text("name").notNull(),
    nameOverride: text("name_override"),
    address1: text("address1"),
    city: text("city"),
    province: text("province"),
    postalCode: text("postal_code"),
    countryCode: text("country_code"),
    isPrimary: integer("is_primary", { mode: "boolean" }).notNull().default(false),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index("locations_shop").on(t.shopId, t.createdAt)],
);

export const PRODUCT_STATUSES = ["active", "draft", "archived"] as const;

export const products = sqliteTable(
  "products",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull().references(() => shops.id),
    shopifyId: text("shopify_id").notNull(),
    title: text("title").notNull(),
    vendor: text("vendor").notNull().default(""),
    productType: text("product_type").notNull().default(""),
    status: text("status", { enum: PRODUCT_STATUSES }).notNull(),
    tags: text("tags", { mode: "json" }).$type<string[]>().notNull().$defaultFn(() => []),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("products_shop").on(t.shopId, t.createdAt)],
);

export const variants = sqliteTable(
  "variants",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull().references(() => shops.id),
    productId: text("product_id").notNull().references(() => products.id),
    shopifyId: text("shopify_id").notNull(),
    title: text("title").notNull(),
    sku: text("sku"),
    barcode: text("barcode"),
    /** In the shop's currency, minor units. */
    priceAmount: integer("price_amount").notNull(),
    unitCostAmount: integer("unit_cost_amount"),
    inventoryTracked: integer("inventory_tracked", { mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("variants_shop").on(t.shopId, t.createdAt),
    index("variants_shop_sku").on(t.shopId, t.sku),
    index("variants_product").on(t.productId),
  ],
);

/** One row per variant × location; the eight Shopify quantity names, each its own column. */
export const inventoryLevels = sqliteTable(
  "inventory_levels",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull().references(() => shops.id),
    variantId: text("variant_id").notNull().references(() => variants.id),
    locationId: text("location_id").notNull().references(() => locations.id),
    available: integer("available").notNull().default(0),
    committed: integer("committed").notNull().default(0),
    reserved: integer("reserved").notNull().default(0),
    damaged: integer("damaged").notNull().default(0),
    safetyStock: integer("safety_stock").notNull().default(0),
    qualityControl: integer("quality_control").notNull().default(0),
    onHand: integer("on_hand").notNull().default(0),
    incoming: integer("incoming").notNull().default(0),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("inventory_levels_variant_location").on(t.variantId, t.locationId),
    index("inventory_levels_shop_location").on(t.shopId, t.locationId),
  ],
);

export const suppliers = sqliteTable(
  "suppliers",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull().references(() => shops.id),
    number: integer("number").notNull(),
    name: text("name").notNull(),
    contactName: text("contact_name"),
    email: text("email"),
    phone: text("phone"),
    website: text("website"),
    city: text("city"),
    country: text("country"),
    paymentTerms: text("payment_terms"),
    currency: text("currency").notNull(),
    /** Percent with up to two decimals, stored ×100 (825 = 8.25 %). */
    taxRateBasisPoints: integer("tax_rate_basis_points").notNull().default(0),
    archived: integer("archived", { mode: "boolean" }).notNull().default(false),
    isDefault: integer("is_default", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("suppliers_shop_number").on(t.shopId, t.number)],
);

export const PURCHASE_ORDER_STATUSES = [
  "draft",
  "sent",
  "confirmed",
  "partially_received",
  "received",
  "on_hold",
  "disputed",
  "completed",
  "cancelled",
] as const;

export const purchaseOrders = sqliteTable(
  "purchase_orders",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull().references(() => shops.id),
    number: text("number").notNull(),
    supplierId: text("supplier_id").notNull().references(() => suppliers.id),
    locationId: text("location_id").notNull().references(() => locations.id),
    status: text("status", { enum: PURCHASE_ORDER_STATUSES }).notNull(),
    currency: text("currency").notNull(),
    notes: text("notes").notNull().default(""),
    orderDate: text("order_date"),
    expectedDeliveryDate: text("expected_delivery_date"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("purchase_orders_shop_number").on(t.shopId, t.number),
    index("purchase_orders_shop_created").on(t.shopId, t.createdAt),
  ],
);

export const purchaseOrderLines = sqliteTable(
  "purchase_order_lines",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull().references(() => shops.id),
    purchaseOrderId: text("purchase_order_id").notNull().references(() => purchaseOrders.id),
    variantId: text("variant_id").references(() => variants.id),
    ordered: integer("ordered").notNull(),
    received: integer("received").notNull().default(0),
    unitCostAmount: integer("unit_cost_amount").notNull().default(0),
  },
  (t) => [uniqueIndex("purchase_order_lines_po_variant").on(t.purchaseOrderId, t.variantId)],
);

// ---------------------------------------------------------------------------------------------
// Web-chat connections: a connection attempt (connector URL + one-time code) generated by staff,
// an OAuth 2.1 authorization server for the chat app, and one grant per approval.
export const ATTEMPT_STATUSES = ["pending", "approved", "denied", "locked", "cancelled"] as const;

export const connectionAttempts = sqliteTable(
  "connection_attempts",
  {
    /** Part of the connector URL: `<app origin>/connect/<id>/mcp-agent`. */
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull().references(() => shops.id),
    scope: text("scope", { enum: ACCESS_SCOPES }).notNull(),
    /** SHA-256 of the normalised code (upper case, no hyphen). */
    codeHash: text("code_hash").notNull(),
    status: text("status", { enum: ATTEMPT_STATUSES }).notNull(),
    failedTries: integer("failed_tries").notNull().default(0),
    createdByStaffId: text("created_by_staff_id").references(() => staffMembers.id),
    createdByName: text("created_by_name").notNull(),
    createdByEmail: text("created_by_email"),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    closedAt: integer("closed_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("connection_attempts_shop_staff").on(t.shopId, t.createdByStaffId, t.status)],
);

export const TOKEN_AUTH_METHODS = ["none", "client_secret_post", "client_secret_basic"] as const;

/** Registered by chat apps themselves (dynamic client registration); grants nothing on its own. */
export const oauthClients = sqliteTable("oauth_clients", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  redirectUris: text("redirect_uris", { mode: "json" }).$type<string[]>().notNull(),
  tokenEndpointAuthMethod: text("token_endpoint_auth_method", { enum: TOKEN_AUTH_METHODS }).notNull(),
  /** SHA-256 of the client secret; null for public clients. */
  secretHash: text("secret_hash"),
  createdAt: createdAt(),
});

/**
 * An authorization in progress: created when the approval page is shown, it carries the OAuth
 * request to the approval, and the CSRF token (hashed) that the page's forms must return.
 */
export const oauthAuthorizationRequests = sqliteTable("oauth_authorization_requests", {
  id: text("id").primaryKey(),
  attemptId: text("attempt_id").notNull().references(() => connectionAttempts.id),
  clientId: text("client_id").notNull().references(() => oauthClients.id),
  redirectUri: text("redirect_uri").notNull(),
  state: text("state"),
  codeChallenge: text("code_challenge").notNull(),
  csrfHash: text("csrf_hash").notNull(),
  /** Set once the right connection code was entered: the second step (Approve / Deny) may follow. */
  codeAcceptedAt: integer("code_accepted_at", { mode: "timestamp_ms" }),
  createdAt: createdAt(),
  expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  completedAt: integer("completed_at", { mode: "timestamp_ms" }),
});

/** One approval: one Connected apps row. Revoking it kills every token issued under it. */
export const connections = sqliteTable(
  "connections",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull().references(() => shops.id),
    attemptId: text("attempt_id").notNull().unique().references(() => connectionAttempts.id),
    clientId: text("client_id").notNull().references(() => oauthClients.id),
    appName: text("app_name").notNull(),
    scope: text("scope", { enum: ACCESS_SCOPES }).notNull(),
    approvedByStaffId: text("approved_by_staff_id").references(() => staffMembers.id),
    approvedByName: text("approved_by_name").notNull(),
    approvedByEmail: text("approved_by_email"),
    approvedAt: integer("approved_at", { mode: "timestamp_ms" }).notNull(),
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    revokedByName: text("revoked_by_name"),
    revokedByEmail: text("revoked_by_email"),
    /** Why it ended when nobody on staff ended it: `code_replayed`, `refresh_token_reused`, `uninstalled`… */
    revokedReason: text("revoked_reason"),
  },
  (t) => [index("connections_shop").on(t.shopId, t.approvedAt)],
);

export const OAUTH_TOKEN_KINDS = ["authorization_code", "access", "refresh"] as const;

/** Authorization codes, access tokens and refresh tokens: opaque, stored as SHA-256 only. */
export const oauthTokens = sqliteTable(
  "oauth_tokens",
  {
    id: text("id").primaryKey(),
    connectionId: text("connection_id").notNull().references(() => connections.id),
    kind: text("kind", { enum: OAUTH_TOKEN_KINDS }).notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    /** For authorization codes: the PKCE S256 challenge and the redirect URI they were issued to. */
    codeChallenge: text("code_challenge"),
    redirectUri: text("redirect_uri"),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    /** A code exchanged or a refresh token rotated: any later use is a replay. */
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("oauth_tokens_connection").on(t.connectionId, t.kind)],
);

/** Sliding-window rate limits, kept in the database so every app server sees the same counts. */
export const rateLimitHits = sqliteTable(
  "rate_limit_hits",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    bucket: text("bucket").notNull(),
    occurredAt: integer("occurred_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("rate_limit_hits_bucket_time").on(t.bucket, t.occurredAt)],
);
