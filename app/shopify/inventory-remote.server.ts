/**
 * The Shopify side of a connected store's inventory writes: the `RemoteInventory` port over the
 * Admin GraphQL API (2026-04 rules: every adjustment names `changeFromQuantity`, explicitly null to
 * skip the compare, and carries an `@idempotent` key; a non-`available` quantity needs a
 * `ledgerDocumentUri` that is not a `gid://shopify` URI).
 *
 * Every answer is parsed with zod, and failures are sorted into what the writer must know: stale
 * compare, refused (nothing applied), or unknown (it may have been applied). After a stale compare
 * the writer asks for the levels again, so the mirror holds Shopify's figures before a retry.
 */
import { z } from "zod";
import { RemoteInventoryError, type RemoteAdjustment, type RemoteInventory, type RemoteQuantity } from "../inventory/index.server";
import { parseAnswer, TopLevelErrors, type AdminGraphql } from "./admin-graphql.server";
import { refreshInventoryLevel } from "./store-sync.server";

const AdjustAnswer = z.object({
  data: z
    .object({
      inventoryAdjustQuantities: z
        .object({
          inventoryAdjustmentGroup: z
            .object({
              changes: z.array(z.object({ name: z.string(), delta: z.number().int(), quantityAfterChange: z.number().int().nullable(), item: z.object({ id: z.string() }), location: z.object({ id: z.string() }) })),
            })
            .nullable(),
          userErrors: z.array(z.object({ message: z.string(), code: z.string().nullable().optional() })),
        })
        .nullable(),
    })
    .nullable()
    .optional(),
  errors: TopLevelErrors,
});

const ActivateAnswer = z.object({
  data: z
    .object({ inventoryActivate: z.object({ inventoryLevel: z.object({ id: z.string() }).nullable(), userErrors: z.array(z.object({ message: z.string() })) }).nullable() })
    .nullable()
    .optional(),
  errors: TopLevelErrors,
});

// Keys are inlined into the directive, so only our own UUIDs are accepted.
const IdempotencyKey = z.uuid();

export function shopifyRemoteInventory(shopDomain: string, graphql: AdminGraphql): RemoteInventory {
  return {
    async refreshLevels(levels) {
      for (const level of levels) await refreshInventoryLevel(shopDomain, graphql, level);
    },

    async activate(level, idempotencyKey) {
      const answer = parseAnswer(ActivateAnswer, await graphql(activateMutation(idempotencyKey), level));
      const payload = answer.data?.inventoryActivate;
      if (!payload) throw new RemoteInventoryError("unknown", "Shopify answered inventoryActivate without a result");
      if (payload.userErrors.length) throw new RemoteInventoryError("refused", `stocking ${level.inventoryItemId} at ${level.locationId}: ${payload.userErrors.map((e) => e.message).join("; ")}`);
    },

    async adjust(adjustment) {
      const input = {
        name: adjustment.quantityName,
        reason: adjustment.reason,
        referenceDocumentUri: adjustment.referenceDocumentUri,
        changes: adjustment.changes.map((change) => ({
          inventoryItemId: change.inventoryItemId,
          locationId: change.locationId,
          delta: change.delta,
          changeFromQuantity: change.changeFromQuantity,
          ...(adjustment.quantityName === "available" ? {} : { ledgerDocumentUri: adjustment.referenceDocumentUri }),
        })),
      };
      const answer = parseAnswer(AdjustAnswer, await graphql(adjustMutation(adjustment.idempotencyKey), { input }));
      const payload = answer.data?.inventoryAdjustQuantities;
      if (!payload) throw new RemoteInventoryError("unknown", "Shopify answered inventoryAdjustQuantities without a result");
      const [first] = payload.userErrors;
      if (first) {
        const message = payload.userErrors.map((e) => `${e.code ?? "ERROR"}: ${e.message}`).join("; ");
        if (first.code === "CHANGE_FROM_QUANTITY_STALE") throw new RemoteInventoryError("stale", message);
        if (first.code === "IDEMPOTENCY_CONCURRENT_REQUEST" || first.code === "ADJUST_QUANTITIES_FAILED" || first.code === "SERVICE_UNAVAILABLE") throw new RemoteInventoryError("unknown", message);
        throw new RemoteInventoryError("refused", message);
      }
      return (payload.inventoryAdjustmentGroup?.changes ?? []).flatMap((change): RemoteQuantity[] =>
        change.quantityAfterChange === null ? [] : [{ inventoryItemId: change.item.id, locationId: change.location.id, quantityName: change.name, quantity: change.quantityAfterChange }],
      );
    },
  };
}

function adjustMutation(idempotencyKey: RemoteAdjustment["idempotencyKey"]): string {
  return `mutation AdjustInventory($input: InventoryAdjustQuantitiesInput!) {
  inventoryAdjustQuantities(input: $input) @idempotent(key: ${JSON.stringify(IdempotencyKey.parse(idempotencyKey))}) {
    inventoryAdjustmentGroup { changes { name delta quantityAfterChange item { id } location { id } } }
    userErrors { field message code }
  }
}`;
}

function activateMutation(idempotencyKey: string): string {
  return `mutation ActivateInventory($inventoryItemId: ID!, $locationId: ID!) {
  inventoryActivate(inventoryItemId: $inventoryItemId, locationId: $locationId) @idempotent(key: ${JSON.stringify(IdempotencyKey.parse(idempotencyKey))}) {
    inventoryLevel { id }
    userErrors { field message }
  }
}`;
}

