/**
 * A fake Shopify Admin GraphQL server on loopback: what we do not run, so it is the one thing
 * tests stand in for. It holds quantities per inventory item × location and implements the two
 * mutations our remote sends, with the 2026-04 rules: `@idempotent` key required (same key and
 * input replays the first answer without applying again; same key, other input is refused),
 * `changeFromQuantity` required on every change and compared (null skips the compare), a ledger
 * document required except for `available`, and on_hand following available. It records every
 * call, and can be told to fail an upcoming call.
 *
 * It also answers the store-sync reads (by operation name: `StoreSyncShop`, `StoreSyncLocations`…)
 * from `store`, which tests change as a merchant would in the admin, with cursor pagination capped
 * at `maxPageSize` nodes so that a small store still spans several pages.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { adminGraphqlOverHttp, type AdminGraphql } from "../../app/shopify/admin-graphql.server";
import { shopifyRemoteInventory } from "../../app/shopify/inventory-remote.server";
import { SHOPIFY_QUANTITY_NAMES, type LocationNode, type ProductNode, type VariantNode } from "../../app/shopify/store-mirror";
import type { RemoteInventory } from "../../app/inventory/index.server";
import type { AppDatabase } from "../../db/client";
import { inventoryLevels, locations, variants } from "../../db/schema";

/**
 * - `http_503`: answers 503 without applying anything.
 * - `drop_connection`: closes the connection without applying anything.
 * - `drop_after_apply`: applies the mutation, then closes the connection: the answer is lost.
 * - `throttled`: answers 200 with a THROTTLED error and the bucket's state, applying nothing.
 */
export const FAKE_FAILURES = ["http_503", "drop_connection", "drop_after_apply", "throttled"] as const;
export type FakeFailure = (typeof FAKE_FAILURES)[number];

export type FakeCall = { mutation: "inventoryAdjustQuantities" | "inventoryActivate" | "query" | "other"; idempotencyKey: string | null; variables: unknown; outcome: "applied" | "replayed" | "user_error" | "failed" };

export type FakeStore = {
  shop: { name: string; currencyCode: string; ianaTimezone: string };
  primaryLocationId: string | null;
  /** Inactive ones included: `locations(includeInactive: true)` answers them too. */
  locations: LocationNode[];
  products: (ProductNode & { variants: VariantNode[] })[];
};

export type FakeShopifyAdmin = {
  endpoint: string;
  store: FakeStore;
  /** The most nodes one page answers, whatever `first` asks. */
  maxPageSize: number;
  graphql: AdminGraphql;
  /** The Shopify remote of the mirrored store `shopDomain`, talking to this fake. */
  remoteFor(shopDomain: string): RemoteInventory;
  calls: FakeCall[];
  /** Stocks the item at the location with these quantities (others zero); replaces any it had. */
  stock(inventoryItemId: string, locationId: string, quantities: Partial<Record<QuantityName, number>>): void;
  /** The item is no longer stocked at the location. */
  unstock(inventoryItemId: string, locationId: string): void;
  /** A change made in Shopify by someone else (a sale, a staff edit). */
  moveOutside(inventoryItemId: string, locationId: string, name: QuantityName, delta: number): void;
  quantity(inventoryItemId: string, locationId: string, name: QuantityName): number | undefined;
  /** Every stocked level and its quantities, in a stable order: compare snapshots to prove nothing changed. */
  snapshot(): string;
  /** Fails the call after `skip` more calls (queries included) have gone through normally; queued failures follow one another. */
  failCall(failure: FakeFailure, options?: { skip?: number }): void;
  close(): Promise<void>;
};

type QuantityName = (typeof SHOPIFY_QUANTITY_NAMES)[number];

/** Stocks the fake with every level the shop's mirror holds, so the two start equal. */
export function stockFromMirror(shopify: FakeShopifyAdmin, database: AppDatabase, shopId: string): void {
  const mirrored = database
    .select({ item: variants.inventoryItemShopifyId, location: locations.shopifyId, available: inventoryLevels.available, onHand: inventoryLevels.onHand, incoming: inventoryLevels.incoming })
    .from(inventoryLevels)
    .innerJoin(variants, eq(variants.id, inventoryLevels.variantId))
    .innerJoin(locations, eq(locations.id, inventoryLevels.locationId))
    .where(eq(inventoryLevels.shopId, shopId))
    .all();
  for (const level of mirrored) {
    if (level.item) shopify.stock(level.item, level.location, { available: level.available, on_hand: level.onHand, incoming: level.incoming });
  }
}

const ACCESS_TOKEN = "shpat_fake_admin_token";

// As Shopify words it, with the bucket 5 points short of a query costing 10, restoring 100 a second.
const THROTTLED_ANSWER = {
  errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }],
  extensions: { cost: { requestedQueryCost: 10, actualQueryCost: null, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 5, restoreRate: 100 } } },
};

const Body = z.object({ query: z.string(), variables: z.record(z.string(), z.unknown()).default({}) });
const AdjustInput = z.object({
  input: z.object({
    name: z.string(),
    reason: z.string().min(1),
    referenceDocumentUri: z.string().optional(),
    changes: z.array(z.looseObject({ inventoryItemId: z.string(), locationId: z.string(), delta: z.number().int(), ledgerDocumentUri: z.string().optional() })).min(1),
  }),
});
const ActivateInput = z.object({ inventoryItemId: z.string(), locationId: z.string() });
const PageVariables = z.object({ first: z.number().int().positive(), after: z.string().nullable().optional() });
const ZERO_LEVEL: Record<QuantityName, number> = { available: 0, committed: 0, reserved: 0, damaged: 0, safety_stock: 0, quality_control: 0, on_hand: 0, incoming: 0 };

export async function startFakeShopifyAdmin(): Promise<FakeShopifyAdmin> {
  const levels = new Map<string, Record<QuantityName, number>>();
  const answered = new Map<string, { request: string; response: unknown }>();
  const calls: FakeCall[] = [];
  const failures: { failure: FakeFailure; skip: number }[] = [];
  const levelKey = (item: string, location: string) => `${item}|${location}`;
  const store: FakeStore = { shop: { name: "Fake Store", currencyCode: "USD", ianaTimezone: "UTC" }, primaryLocationId: null, locations: [], products: [] };
  const paging = { maxPageSize: 250 };

  function page<Node>(nodes: Node[], variables: unknown) {
    const { first, after } = PageVariables.parse(variables);
    const start = after ? Number(after) : 0;
    const end = Math.min(nodes.length, start + Math.min(first, paging.maxPageSize));
    return { nodes: nodes.slice(start, end), pageInfo: { hasNextPage: end < nodes.length, endCursor: end > start ? String(end) : after ?? null } };
  }

  const quantitiesOf = (level: Record<QuantityName, number>) => SHOPIFY_QUANTITY_NAMES.map((name) => ({ name, quantity: level[name] }));
  const productFields = ({ variants: _variants, ...fields }: FakeStore["products"][number]) => fields;

  function answerQuery(operation: string, variables: Record<string, unknown>): unknown {
    const id = z.object({ id: z.string() }).safeParse(variables).data?.id;
    const primaryLocation = store.primaryLocationId ? { id: store.primaryLocationId } : null;
    switch (operation) {
      case "StoreSyncShop":
        return { data: { shop: store.shop, primaryLocation } };
      case "StoreSyncLocations":
        return { data: { locations: page(store.locations, variables) } };
      case "StoreSyncLocation":
        return { data: { location: store.locations.find((location) => location.id === id) ?? null, primaryLocation } };
      case "StoreSyncProducts":
        return { data: { products: page(store.products.map(productFields), variables) } };
      case "StoreSyncVariants":
        return { data: { productVariants: page(store.products.flatMap((product) => product.variants.map((variant) => ({ ...variant, product: { id: product.id } }))), variables) } };
      case "StoreSyncProduct": {
        const product = store.products.find((candidate) => candidate.id === id);
        return { data: { product: product ? { ...productFields(product), variants: page(product.variants, variables) } : null } };
      }
      case "StoreSyncLevels": {
        const { locationId } = z.object({ locationId: z.string() }).parse(variables);
        if (!store.locations.some((location) => location.id === locationId)) return { data: { location: null } };
        const stocked = [...levels.entries()]
          .filter(([key]) => key.endsWith(`|${locationId}`))
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([key, level]) => ({ item: { id: key.slice(0, key.indexOf("|")) }, quantities: quantitiesOf(level) }));
        return { data: { location: { inventoryLevels: page(stocked, variables) } } };
      }
      case "StoreSyncItemLevels": {
        const stocked = [...levels.entries()]
          .filter(([key]) => key.startsWith(`${id}|`))
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([key, level]) => ({ location: { id: key.slice(key.indexOf("|") + 1) }, quantities: quantitiesOf(level) }));
        const known = stocked.length > 0 || store.products.some((product) => product.variants.some((variant) => variant.inventoryItem.id === id));
        return { data: { inventoryItem: known ? { inventoryLevels: page(stocked, variables) } : null } };
      }
      case "StoreSyncLevel": {
        const { inventoryItemId, locationId } = z.object({ inventoryItemId: z.string(), locationId: z.string() }).parse(variables);
        const level = levels.get(levelKey(inventoryItemId, locationId));
        return { data: { inventoryItem: { inventoryLevel: level ? { quantities: quantitiesOf(level) } : null } } };
      }
      default:
        return { errors: [{ message: `The fake does not know the query ${operation}.` }] };
    }
  }

  function handle(body: z.infer<typeof Body>, call: FakeCall): unknown {
    const mutation = /inventoryAdjustQuantities\s*\(/.test(body.query) ? "inventoryAdjustQuantities" : /inventoryActivate\s*\(/.test(body.query) ? "inventoryActivate" : "other";
    call.mutation = mutation;
    const operation = /^\s*query\s+(\w+)/.exec(body.query)?.[1];
    if (mutation === "other" && operation) {
      call.mutation = "query";
      call.outcome = "applied";
      return answerQuery(operation, body.variables);
    }
    const key = /@idempotent\(key:\s*"([^"]+)"\)/.exec(body.query)?.[1] ?? null;
    call.idempotencyKey = key;
    if (mutation === "other") return { errors: [{ message: "The fake knows only inventoryAdjustQuantities and inventoryActivate." }] };
    if (key === null) return { errors: [{ message: "The @idempotent directive is required for this mutation." }] };
    const request = JSON.stringify([mutation, body.variables]);
    const earlier = answered.get(key);
    if (earlier && earlier.request === request) {
      call.outcome = "replayed";
      return earlier.response;
    }
    if (earlier) return userErrors(mutation, [{ code: "IDEMPOTENCY_KEY_PARAMETER_MISMATCH", message: "The same idempotency key cannot be used with different operation parameters." }], call);
    const response = mutation === "inventoryActivate" ? activate(body.variables, call) : adjust(body.variables, call);
    if (call.outcome === "applied") answered.set(key, { request, response });
    return response;
  }

  function activate(variables: unknown, call: FakeCall): unknown {
    const { inventoryItemId, locationId } = ActivateInput.parse(variables);
    const key = levelKey(inventoryItemId, locationId);
    if (!levels.has(key)) levels.set(key, { ...ZERO_LEVEL });
    call.outcome = "applied";
    return { data: { inventoryActivate: { inventoryLevel: { id: `gid://shopify/InventoryLevel/${key}` }, userErrors: [] } } };
  }

  function adjust(variables: unknown, call: FakeCall): unknown {
    const { input } = AdjustInput.parse(variables);
    if (!["available", "incoming", "on_hand", "damaged", "reserved", "quality_control", "safety_stock"].includes(input.name)) return userErrors("inventoryAdjustQuantities", [{ code: "INVALID_QUANTITY_NAME", message: `Unknown quantity name ${input.name}.` }], call);
    const name = z.enum(["available", "incoming", "on_hand"]).parse(input.name);
    for (const change of input.changes) {
      if (!("changeFromQuantity" in change)) return userErrors("inventoryAdjustQuantities", [{ code: "INVALID_INPUT", message: "changeFromQuantity is required; pass null to skip the compare." }], call);
      if (name === "available" && change.ledgerDocumentUri !== undefined) return userErrors("inventoryAdjustQuantities", [{ code: "INVALID_AVAILABLE_DOCUMENT", message: "A ledger document URI is not allowed when adjusting available." }], call);
      if (name !== "available" && (change.ledgerDocumentUri === undefined || change.ledgerDocumentUri.startsWith("gid://shopify/"))) return userErrors("inventoryAdjustQuantities", [{ code: "INVALID_QUANTITY_DOCUMENT", message: "A ledger document URI is required except when adjusting available." }], call);
      const level = levels.get(levelKey(change.inventoryItemId, change.locationId));
      if (!level) return userErrors("inventoryAdjustQuantities", [{ code: "ITEM_NOT_STOCKED_AT_LOCATION", message: "The inventory item is not stocked at the location." }], call);
      const from = z.number().int().nullable().parse(change["changeFromQuantity"]);
      if (from !== null && from !== level[name]) return userErrors("inventoryAdjustQuantities", [{ code: "CHANGE_FROM_QUANTITY_STALE", message: "The changeFromQuantity argument no longer matches the persisted quantity." }], call);
    }
    const changes = input.changes.flatMap((change) => {
      const level = levels.get(levelKey(change.inventoryItemId, change.locationId))!;
      level[name] += change.delta;
      const item = { id: change.inventoryItemId };
      const location = { id: change.locationId };
      const own = { name, delta: change.delta, quantityAfterChange: level[name], item, location };
      if (name !== "available") return [own];
      level.on_hand += change.delta;
      return [own, { name: "on_hand", delta: change.delta, quantityAfterChange: level.on_hand, item, location }];
    });
    call.outcome = "applied";
    return { data: { inventoryAdjustQuantities: { inventoryAdjustmentGroup: { reason: input.reason, referenceDocumentUri: input.referenceDocumentUri ?? null, changes }, userErrors: [] } } };
  }

  function userErrors(mutation: string, errors: { code: string; message: string }[], call: FakeCall): unknown {
    call.outcome = "user_error";
    return { data: { [mutation]: { inventoryAdjustmentGroup: null, inventoryLevel: null, userErrors: errors.map((error) => ({ field: null, ...error })) } } };
  }

  async function serve(request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(Buffer.from(chunk));
    if (request.headers["x-shopify-access-token"] !== ACCESS_TOKEN) {
      response.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ errors: "[API] Invalid API key or access token" }));
      return;
    }
    const body = Body.parse(JSON.parse(Buffer.concat(chunks).toString("utf8")));
    const call: FakeCall = { mutation: "other", idempotencyKey: null, variables: body.variables, outcome: "failed" };
    calls.push(call);
    const pending = failures[0];
    const failure = pending && pending.skip-- === 0 ? (failures.shift(), pending.failure) : null;
    if (failure === "http_503") return void response.writeHead(503).end("Service Unavailable");
    if (failure === "drop_connection") return void request.socket.destroy();
    if (failure === "throttled") return void response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(THROTTLED_ANSWER));
    const answer = handle(body, call);
    if (failure === "drop_after_apply") return void request.socket.destroy();
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer));
  }

  const server = createServer((request, response) => {
    serve(request, response).catch((error: unknown) => {
      response.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = z.custom<AddressInfo>((value) => typeof value === "object" && value !== null).parse(server.address());
  const endpoint = `http://127.0.0.1:${port}/admin/api/2026-04/graphql.json`;
  const graphql = adminGraphqlOverHttp(endpoint, ACCESS_TOKEN, 2_000);

  return {
    endpoint,
    store,
    get maxPageSize() {
      return paging.maxPageSize;
    },
    set maxPageSize(size: number) {
      paging.maxPageSize = size;
    },
    graphql,
    remoteFor: (shopDomain) => shopifyRemoteInventory(shopDomain, graphql),
    calls,
    stock(item, location, quantities) {
      levels.set(levelKey(item, location), { ...ZERO_LEVEL, ...quantities });
    },
    unstock(item, location) {
      levels.delete(levelKey(item, location));
    },
    moveOutside(item, location, name, delta) {
      const level = levels.get(levelKey(item, location));
      if (!level) throw new Error(`${item} is not stocked at ${location}`);
      level[name] += delta;
      if (name === "available") level.on_hand += delta;
    },
    quantity: (item, location, name) => levels.get(levelKey(item, location))?.[name],
    snapshot: () => JSON.stringify([...levels.entries()].sort(([a], [b]) => (a < b ? -1 : 1))),
    failCall(failure, options = {}) {
      failures.push({ failure, skip: options.skip ?? 0 });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
