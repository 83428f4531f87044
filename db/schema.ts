/**
 * The Logistified database. Secret-bearing columns and how each is stored are listed in
 * `db/STORAGE.md`; keep that note in step with this file.
 *
 * Conventions: ids are opaque text issued by Logistified (`newId` in `db/ids.ts`); every table but
 * `session` and `shops` carries `shop_id`, and every query filters by it; timestamps are integer
 * milliseconds (Drizzle's `timestamp_ms` mode hands out `Date`); money is an integer amount in minor
 * units beside the currency it is in.
 */
import { sql } from "drizzle-orm";
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { Actor, Address, FieldChange, InventoryEffect, Shipment } from "../app/inventory/values";

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
  /** When the last full sync from Shopify that completed had started; null until one has, and again after an uninstall. */
  lastSyncedAt: integer("last_synced_at", { mode: "timestamp_ms" }),
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
    /** The activity-log entries of the writes the call committed, in order. */
    activityEntryIds: text("activity_entry_ids", { mode: "json" }).$type<string[]>().notNull().$defaultFn(() => []),
    /** An HTTP status, `ok`, or an error code. */
    outcome: text("outcome").notNull(),
    durationMs: integer("duration_ms").notNull(),
  },
  (t) => [index("audit_log_shop_time").on(t.shopId, t.occurredAt)],
);

// ---------------------------------------------------------------------------------------------
// The inventory domain, as mirrored from Shopify and as Logistified keeps it (spec/domain.md §2).
// Status lists are the one source of each document's statuses: the column enum, the zod enums and
// the transition tables in `app/inventory/*/transitions.ts` all read them.
//
// Every document carries `version`, raised by each write and matched by the write's update, so two
// writers that read the same version cannot both commit: the second changes no row and fails.

/** Shared columns of the four documents. */
const documentVersion = () => integer("version").notNull().default(1);
const updatedAt = () => integer("updated_at", { mode: "timestamp_ms" }).notNull();
const stampedAt = (name: string) => integer(name, { mode: "timestamp_ms" });
const addressColumn = (name: string) => text(name, { mode: "json" }).$type<Address>();
const shipmentColumn = () => text("shipment", { mode: "json" }).$type<Shipment>();

/** The list of count reasons per shop (spec §2.1): exactly one is the default. */
export const countReasons = sqliteTable(
  "count_reasons",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull().references(() => shops.id),
    name: text("name").notNull(),
    isDefault: integer("is_default", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index("count_reasons_shop").on(t.shopId, t.createdAt),
    // A partial unique index holds "at most one default" in the database (SQLite and PostgreSQL alike).
    uniqueIndex("count_reasons_one_default").on(t.shopId).where(sql`${t.isDefault}`),
  ],
);

/**
 * Per-store document numbers (`PO-1042`): the last number issued for each document type. A row
 * updated inside the write's transaction hands out numbers without gaps or duplicates.
 */
export const DOCUMENT_TYPES = ["purchase_order", "transfer_order", "stock_take", "supplier_return", "supplier"] as const;

export const documentSequences = sqliteTable(
  "document_sequences",
  {
    shopId: text("shop_id").notNull().references(() => shops.id),
    documentType: text("document_type", { enum: DOCUMENT_TYPES }).notNull(),
    lastNumber: integer("last_number").notNull(),
  },
  (t) => [primaryKey({ columns: [t.shopId, t.documentType] })],
);

export const locations = sqliteTable(
  "locations",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull().references(() => shops.id),
    shopifyId: text("shopify_id").notNull(),
    name: text("name").notNull(),
    nameOverride: text("name_override"),
    address1: text("address1"),
    address2: text("address2"),
    city: text("city"),
    province: text("province"),
    postalCode: text("postal_code"),
    countryCode: text("country_code"),
    phone: text("phone"),
    isPrimary: integer("is_primary", { mode: "boolean" }).notNull().default(false),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    index("locations_shop").on(t.shopId, t.createdAt),
    // The store sync and Shopify's notifications find mirrored rows by Shopify id, one page at a time.
    uniqueIndex("locations_shop_shopify").on(t.shopId, t.shopifyId),
  ],
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
  (t) => [index("products_shop").on(t.shopId, t.createdAt), uniqueIndex("products_shop_shopify").on(t.shopId, t.shopifyId)],
);

export const variants = sqliteTable(
  "variants",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull().references(() => shops.id),
    productId: text("product_id").notNull().references(() => products.id),
    shopifyId: text("shopify_id").notNull(),
    /** The variant's Shopify InventoryItem GID: what Shopify's inventory mutations name. */
    inventoryItemShopifyId: text("inventory_item_shopify_id"),
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
    uniqueIndex("variants_shop_shopify").on(t.shopId, t.shopifyId),
    // Inventory levels name the inventory item, not the variant; one item per variant.
    uniqueIndex("variants_shop_inventory_item").on(t.shopId, t.inventoryItemShopifyId),
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
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("inventory_levels_variant_location").on(t.variantId, t.locationId),
    index("inventory_levels_shop_location").on(t.shopId, t.locationId),
    // Lists page newest first; without it every page sorts all of the shop's levels.
    index("inventory_levels_shop_created").on(t.shopId, t.createdAt),
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
    /** Entered by staff; percent ×100 like the tax rate. */
    onTimeDeliveryRateBasisPoints: integer("on_time_delivery_rate_basis_points"),
    /** In the supplier's currency, minor units. */
    creditLimitAmount: integer("credit_limit_amount"),
    archived: integer("archived", { mode: "boolean" }).notNull().default(false),
    /** The shop's Default supplier: never deleted or archived (spec §2.5). */
    isDefault: integer("is_default", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("suppliers_shop_number").on(t.shopId, t.number),
    uniqueIndex("suppliers_one_default").on(t.shopId).where(sql`${t.isDefault}`),
  ],
);

/** One per supplier × variant; each variant has exactly one primary link (spec §2.6). */
export const supplierVariants = sqliteTable(
  "supplier_variants",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull().references(() => shops.id),
    supplierId: text("supplier_id").notNull().references(() => suppliers.id),
    variantId: text("variant_id").notNull().references(() => variants.id),
    supplierSku: text("supplier_sku"),
    supplierProductName: text("supplier_product_name"),
    productUrl: text("product_url"),
    notes: text("notes"),
    barcode: text("barcode"),
    /** In the supplier's currency, minor units. */
    costAmount: integer("cost_amount"),
    moq: integer("moq"),
    maxOrderQuantity: integer("max_order_quantity"),
    packSize: integer("pack_size"),
    leadTimeDays: integer("lead_time_days"),
    primary: integer("primary", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("supplier_variants_supplier_variant").on(t.supplierId, t.variantId),
    index("supplier_variants_shop_variant").on(t.shopId, t.variantId),
    uniqueIndex("supplier_variants_one_primary").on(t.variantId).where(sql`${t.primary}`),
  ],
);

// Purchase orders (spec §2.8, §4). ------------------------------------------------------------
export const PURCHASE_ORDER_STATUSES = [
  "draft",
  "sent",
  "partially_confirmed",
  "confirmed",
  "in_progress",
  "partially_received",
  "received",
  "on_hold",
  "disputed",
  "completed",
  "cancelled",
] as const;
export const PO_SEND_METHODS = ["email", "manual"] as const;

export const purchaseOrders = sqliteTable(
  "purchase_orders",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull().references(() => shops.id),
    number: text("number").notNull(),
    name: text("name"),
    supplierId: text("supplier_id").notNull().references(() => suppliers.id),
    locationId: text("location_id").notNull().references(() => locations.id),
    status: text("status", { enum: PURCHASE_ORDER_STATUSES }).notNull(),
    /** The status `hold` or `dispute` left, to which `resume` returns. */
    statusBeforeHold: text("status_before_hold", { enum: PURCHASE_ORDER_STATUSES }),
    currency: text("currency").notNull(),
    taxRateBasisPoints: integer("tax_rate_basis_points").notNull().default(0),
    shippingCostAmount: integer("shipping_cost_amount").notNull().default(0),
    notes: text("notes").notNull().default(""),
    orderDate: text("order_date"),
    expectedDeliveryDate: text("expected_delivery_date"),
    sendMethod: text("send_method", { enum: PO_SEND_METHODS }),
    /** Staff's own flag; never derived from payments. */
    markedAsPaid: integer("marked_as_paid", { mode: "boolean" }).notNull().default(false),
    billingAddress: addressColumn("billing_address"),
    shippingAddress: addressColumn("shipping_address"),
    shipment: shipmentColumn(),
    sentAt: stampedAt("sent_at"),
    confirmedAt: stampedAt("confirmed_at"),
    receivedAt: stampedAt("received_at"),
    completedAt: stampedAt("completed_at"),
    cancelledAt: stampedAt("cancelled_at"),
    version: documentVersion(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("purchase_orders_shop_number").on(t.shopId, t.number),
    index("purchase_orders_shop_created").on(t.shopId, t.createdAt),
    index("purchase_orders_shop_status").on(t.shopId, t.status, t.createdAt),
    index("purchase_orders_shop_supplier").on(t.shopId, t.supplierId, t.createdAt),
    index("purchase_orders_shop_location").on(t.shopId, t.locationId, t.createdAt),
  ],
);

export const purchaseOrderLines = sqliteTable(
  "purchase_order_lines",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull().references(() => shops.id),
    purchaseOrderId: text("purchase_order_id").notNull().references(() => purchaseOrders.id),
    /** Null for a custom line, which has a `customTitle` and never touches inventory. */
    variantId: text("variant_id").references(() => variants.id),
    customTitle: text("custom_title"),
    ordered: integer("ordered").notNull(),
    /** Null until the supplier confirms the line. */
    confirmed: integer("confirmed"),
    received: integer("received").notNull().default(0),
    cancelled: integer("cancelled").notNull().default(0),
    rejected: integer("rejected").notNull().default(0),
    /** In the PO's currency, minor units. */
    unitCostAmount: integer("unit_cost_amount").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("purchase_order_lines_po_variant").on(t.purchaseOrderId, t.variantId),
    index("purchase_order_lines_shop_variant").on(t.shopId, t.variantId),
  ],
);

export const PAYMENT_METHODS = ["wire", "check", "credit", "cash", "other"] as const;

export const purchaseOrderPayments = sqliteTable(
  "purchase_order_payments",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull().references(() => shops.id),
    purchaseOrderId: text("purchase_order_id").notNull().references(() => purchaseOrders.id),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    /** Decimal string, up to 6 places, to the PO's currency; null when the currencies match. */
    exchangeRate: text("exchange_rate"),
    paidOn: text("paid_on").notNull(),
    method: text("method", { enum: PAYMENT_METHODS }).notNull(),
    reference: text("reference"),
    notes: text("notes"),
    createdAt: createdAt(),
  },
  (t) => [index("purchase_order_payments_po").on(t.purchaseOrderId, t.createdAt)],
);

// Transfer orders (spec §2.9, §5). ------------------------------------------------------------
export const TRANSFER_ORDER_STATUSES = ["draft", "sent", "partially_received", "received", "on_hold", "completed", "cancelled"] as const;

export const transferOrders = sqliteTable(
  "transfer_orders",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull().references(() => shops.id),
    number: text("number").notNull(),
    originLocationId: text("origin_location_id").notNull().references(() => locations.id),
    destinationLocationId: text("destination_location_id").notNull().references(() => locations.id),
    status: text("status", { enum: TRANSFER_ORDER_STATUSES }).notNull(),
    statusBeforeHold: text("status_before_hold", { enum: TRANSFER_ORDER_STATUSES }),
    notes: text("notes").notNull().default(""),
    expectedArrivalOn: text("expected_arrival_on"),
    shipment: shipmentColumn(),
    originAddress: addressColumn("origin_address"),
    destinationAddress: addressColumn("destination_address"),
    sentAt: stampedAt("sent_at"),
    receivedAt: stampedAt("received_at"),
    completedAt: stampedAt("completed_at"),
    cancelledAt: stampedAt("cancelled_at"),
    version: documentVersion(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("transfer_orders_shop_number").on(t.shopId, t.number),
    index("transfer_orders_shop_created").on(t.shopId, t.createdAt),
    index("transfer_orders_shop_status").on(t.shopId, t.status, t.createdAt),
    index("transfer_orders_shop_destination").on(t.shopId, t.destinationLocationId, t.status),
  ],
);

export const transferOrderLines = sqliteTable(
  "transfer_order_lines",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull().references(() => shops.id),
    transferOrderId: text("transfer_order_id").notNull().references(() => transferOrders.id),
    variantId: text("variant_id").notNull().references(() => variants.id),
    planned: integer("planned").notNull(),
    received: integer("received").notNull().default(0),
    /** Un-received units written off when the transfer was completed short. */
    shortfall: integer("shortfall"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("transfer_order_lines_to_variant").on(t.transferOrderId, t.variantId),
    index("transfer_order_lines_shop_variant").on(t.shopId, t.variantId),
  ],
);

// Stock takes (spec §2.10, §6). ---------------------------------------------------------------
export const STOCK_TAKE_STATUSES = ["draft", "counting", "completed", "cancelled"] as const;

export const stockTakes = sqliteTable(
  "stock_takes",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull().references(() => shops.id),
    number: text("number").notNull(),
    name: text("name"),
    locationId: text("location_id").notNull().references(() => locations.id),
    status: text("status", { enum: STOCK_TAKE_STATUSES }).notNull(),
    notes: text("notes").notNull().default(""),
    countingStartedAt: stampedAt("counting_started_at"),
    completedAt: stampedAt("completed_at"),
    cancelledAt: stampedAt("cancelled_at"),
    version: documentVersion(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("stock_takes_shop_number").on(t.shopId, t.number),
    index("stock_takes_shop_created").on(t.shopId, t.createdAt),
    index("stock_takes_shop_location_status").on(t.shopId, t.locationId, t.status),
  ],
);

export const stockTakeLines = sqliteTable(
  "stock_take_lines",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull().references(() => shops.id),
    stockTakeId: text("stock_take_id").notNull().references(() => stockTakes.id),
    variantId: text("variant_id").notNull().references(() => variants.id),
    /** The on_hand snapshot taken when counting starts (or when the line joins a count). */
    expected: integer("expected"),
    /** Shop currency, snapshotted with `expected`; zero when unknown (then `costMissing`). */
    unitCostAmount: integer("unit_cost_amount"),
    costMissing: integer("cost_missing", { mode: "boolean" }).notNull().default(false),
    counted: integer("counted"),
    /** Null means the shop's default reason. */
    reasonId: text("reason_id").references(() => countReasons.id),
    appliedDelta: integer("applied_delta"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("stock_take_lines_st_variant").on(t.stockTakeId, t.variantId),
    index("stock_take_lines_shop_variant").on(t.shopId, t.variantId),
  ],
);

// Supplier returns and supplier credits (spec §2.7, §2.11, §7). -------------------------------
export const SUPPLIER_RETURN_STATUSES = [
  "draft",
  "pending_approval",
  "approved",
  "in_transit",
  "received_by_supplier",
  "inspection_complete",
  "resolved",
  "closed",
  "on_hold",
  "rejected",
  "cancelled",
] as const;
export const RETURN_DISPOSITIONS = ["restock", "scrap", "repair"] as const;

export const supplierReturns = sqliteTable(
  "supplier_returns",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull().references(() => shops.id),
    number: text("number").notNull(),
    supplierId: text("supplier_id").notNull().references(() => suppliers.id),
    locationId: text("location_id").notNull().references(() => locations.id),
    purchaseOrderId: text("purchase_order_id").references(() => purchaseOrders.id),
    status: text("status", { enum: SUPPLIER_RETURN_STATUSES }).notNull(),
    statusBeforeHold: text("status_before_hold", { enum: SUPPLIER_RETURN_STATUSES }),
    /** Where `stepBack` from Closed returns to. */
    closedFromStatus: text("closed_from_status", { enum: SUPPLIER_RETURN_STATUSES }),
    reason: text("reason"),
    notes: text("notes").notNull().default(""),
    shipment: shipmentColumn(),
    fromAddress: addressColumn("from_address"),
    toAddress: addressColumn("to_address"),
    /**
     * The credit recorded on resolution. No foreign key: the credit already points here through
     * `supplier_credits.supplier_return_id`, and a cycle of keys would make erasing a shop order-dependent.
     */
    creditId: text("credit_id"),
    submittedAt: stampedAt("submitted_at"),
    approvedAt: stampedAt("approved_at"),
    shippedAt: stampedAt("shipped_at"),
    receivedBySupplierAt: stampedAt("received_by_supplier_at"),
    inspectedAt: stampedAt("inspected_at"),
    resolvedAt: stampedAt("resolved_at"),
    closedAt: stampedAt("closed_at"),
    rejectedAt: stampedAt("rejected_at"),
    cancelledAt: stampedAt("cancelled_at"),
    version: documentVersion(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("supplier_returns_shop_number").on(t.shopId, t.number),
    index("supplier_returns_shop_created").on(t.shopId, t.createdAt),
    index("supplier_returns_shop_status").on(t.shopId, t.status, t.createdAt),
    index("supplier_returns_po").on(t.purchaseOrderId),
  ],
);

export const supplierReturnLines = sqliteTable(
  "supplier_return_lines",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull().references(() => shops.id),
    supplierReturnId: text("supplier_return_id").notNull().references(() => supplierReturns.id),
    variantId: text("variant_id").notNull().references(() => variants.id),
    quantity: integer("quantity").notNull(),
    reason: text("reason"),
    condition: text("condition"),
    /** Informational only: no inventory effect. */
    disposition: text("disposition", { enum: RETURN_DISPOSITIONS }),
    notes: text("notes"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("supplier_return_lines_rma_variant").on(t.supplierReturnId, t.variantId),
    index("supplier_return_lines_shop_variant").on(t.shopId, t.variantId),
  ],
);

export const CREDIT_ORIGINS = ["supplier_return", "manual"] as const;
export const CREDIT_STATUSES = ["active", "voided"] as const;

export const supplierCredits = sqliteTable(
  "supplier_credits",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull().references(() => shops.id),
    supplierId: text("supplier_id").notNull().references(() => suppliers.id),
    /** The credit-memo number, unique in the store. */
    number: text("number").notNull(),
    amount: integer("amount").notNull(),
    availableBalance: integer("available_balance").notNull(),
    currency: text("currency").notNull(),
    origin: text("origin", { enum: CREDIT_ORIGINS }).notNull(),
    supplierReturnId: text("supplier_return_id").references(() => supplierReturns.id),
    status: text("status", { enum: CREDIT_STATUSES }).notNull(),
    issuedOn: text("issued_on").notNull(),
    version: documentVersion(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("supplier_credits_shop_number").on(t.shopId, t.number),
    index("supplier_credits_supplier").on(t.shopId, t.supplierId, t.status),
  ],
);

/** A credit drawn on by a purchase order; reversing keeps the row and stamps `reversedAt`. */
export const supplierCreditApplications = sqliteTable(
  "supplier_credit_applications",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull().references(() => shops.id),
    creditId: text("credit_id").notNull().references(() => supplierCredits.id),
    purchaseOrderId: text("purchase_order_id").notNull().references(() => purchaseOrders.id),
    /** In the credit's currency. */
    amount: integer("amount").notNull(),
    /** Credit currency to PO currency, a decimal string; "1" when they match. */
    exchangeRate: text("exchange_rate").notNull(),
    amountInPoCurrency: integer("amount_in_po_currency").notNull(),
    appliedAt: integer("applied_at", { mode: "timestamp_ms" }).notNull(),
    reversedAt: stampedAt("reversed_at"),
  },
  (t) => [index("supplier_credit_applications_po").on(t.purchaseOrderId), index("supplier_credit_applications_credit").on(t.creditId)],
);

// Supplier emails: the outbox of purchase orders sent by email (spec §4.3, §4.6). ----------------
/** `withdrawn`: the order was cancelled before its email went out. */
export const SUPPLIER_EMAIL_STATUSES = ["queued", "sent", "failed", "withdrawn"] as const;

/**
 * One email per email send, queued in the send's transaction and delivered later by
 * `deliverQueuedEmails`. The message and its PDF are stored as sent, so later changes to the order
 * never change what the supplier received. A delivery run claims a row by raising `attempts` and
 * pushing `next_attempt_at` past its lease in one conditional update, so two servers never send it twice.
 */
export const supplierEmails = sqliteTable(
  "supplier_emails",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull().references(() => shops.id),
    purchaseOrderId: text("purchase_order_id").notNull().references(() => purchaseOrders.id),
    recipient: text("recipient").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    pdfFileName: text("pdf_file_name").notNull(),
    pdf: blob("pdf", { mode: "buffer" }).notNull(),
    status: text("status", { enum: SUPPLIER_EMAIL_STATUSES }).notNull(),
    /** Delivery attempts started, including one in flight. */
    attempts: integer("attempts").notNull().default(0),
    /** When the next attempt is due; while an attempt is in flight, when its claim lapses. */
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }).notNull(),
    lastError: text("last_error"),
    sentAt: stampedAt("sent_at"),
    failedAt: stampedAt("failed_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("supplier_emails_due").on(t.status, t.nextAttemptAt), index("supplier_emails_shop_po").on(t.shopId, t.purchaseOrderId, t.createdAt)],
);

// Reorder rules: the variant constants (spec §2.12, §8). --------------------------------------
export const reorderRules = sqliteTable(
  "reorder_rules",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull().references(() => shops.id),
    variantId: text("variant_id").notNull().references(() => variants.id),
    /** Null: the variant's store-wide rule. A location rule replaces it as a whole there. */
    locationId: text("location_id").references(() => locations.id),
    min: integer("min"),
    max: integer("max"),
    target: integer("target"),
    reorderPoint: integer("reorder_point"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    updatedBy: text("updated_by", { mode: "json" }).$type<Actor>().notNull(),
  },
  (t) => [
    // Two partial indexes, because a unique index treats NULL locations as distinct.
    uniqueIndex("reorder_rules_variant_location").on(t.variantId, t.locationId).where(sql`${t.locationId} is not null`),
    uniqueIndex("reorder_rules_variant_store_wide").on(t.variantId).where(sql`${t.locationId} is null`),
    index("reorder_rules_shop").on(t.shopId, t.createdAt),
  ],
);

// The activity log and idempotency (spec §2.13, §3 rules 5 and 6). ------------------------------
export const ACTIVITY_SUBJECT_TYPES = ["purchase_order", "transfer_order", "stock_take", "supplier_return", "variant"] as const;

/** Immutable entries, one per successful write per affected document (or variant). */
export const activityLog = sqliteTable(
  "activity_log",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull().references(() => shops.id),
    subjectType: text("subject_type", { enum: ACTIVITY_SUBJECT_TYPES }).notNull(),
    subjectId: text("subject_id").notNull(),
    occurredAt: integer("occurred_at", { mode: "timestamp_ms" }).notNull(),
    actor: text("actor", { mode: "json" }).$type<Actor>().notNull(),
    operation: text("operation").notNull(),
    summary: text("summary").notNull(),
    changes: text("changes", { mode: "json" }).$type<FieldChange[]>().notNull(),
    inventoryEffects: text("inventory_effects", { mode: "json" }).$type<InventoryEffect[]>().notNull(),
    requestId: text("request_id"),
    idempotencyKey: text("idempotency_key"),
  },
  (t) => [index("activity_log_subject").on(t.shopId, t.subjectType, t.subjectId, t.occurredAt)],
);

export const IDEMPOTENCY_STATUSES = ["in_progress", "done"] as const;

/**
 * Results of writes called with an idempotency key, kept 24 hours per store. Refused calls are
 * never stored. `in_progress` marks a call still running (a gateway that waits on Shopify).
 */
export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    shopId: text("shop_id").notNull().references(() => shops.id),
    key: text("key").notNull(),
    operation: text("operation").notNull(),
    /** SHA-256 of the canonical JSON input, lower-case hex. */
    inputHash: text("input_hash").notNull(),
    status: text("status", { enum: IDEMPOTENCY_STATUSES }).notNull(),
    result: text("result", { mode: "json" }).$type<unknown>(),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.shopId, t.key] }), index("idempotency_keys_expires").on(t.expiresAt)],
);

/**
 * One row per document whose inventory change is being applied in Shopify (spec §3 rules 3 and 7):
 * the write lock that spans the wait on Shopify, which a SQLite transaction cannot. `holder_id` is
 * the writer's random token; `idempotency_key` is its caller's key, so the same call arriving twice
 * is told it is still running. `pending_changes` holds the Shopify mutations (with their
 * idempotency keys) sent or about to be sent; a row that expired with them set means its writer
 * died before committing, and the next writer of the document reverses them in Shopify first.
 */
export const inventoryWriteLocks = sqliteTable(
  "inventory_write_locks",
  {
    shopId: text("shop_id").notNull().references(() => shops.id),
    subjectType: text("subject_type", { enum: ACTIVITY_SUBJECT_TYPES }).notNull(),
    subjectId: text("subject_id").notNull(),
    holderId: text("holder_id").notNull(),
    idempotencyKey: text("idempotency_key"),
    pendingChanges: text("pending_changes", { mode: "json" }).$type<unknown>(),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.shopId, t.subjectType, t.subjectId] }), index("inventory_write_locks_key").on(t.shopId, t.idempotencyKey)],
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
