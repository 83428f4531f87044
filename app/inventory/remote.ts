/**
 * The port through which a connected store's inventory changes reach Shopify (spec/domain.md §3
 * rule 3). It is implemented in `app/shopify/`; the inventory room only describes what it needs.
 *
 * Ids here are Shopify GIDs (inventory items and locations), not Logistified ids. Every mutation
 * carries an idempotency key chosen by the caller, so sending the same mutation again with the same
 * key never applies it twice: that is what lets a writer find out, after a lost answer or a crash,
 * whether a change landed.
 */
import { z } from "zod";

export const REMOTE_QUANTITY_NAMES = ["available", "incoming"] as const;

export const RemoteLevel = z.object({ inventoryItemId: z.string(), locationId: z.string() });
export type RemoteLevel = z.infer<typeof RemoteLevel>;

/** One `inventoryAdjustQuantities` call: deltas of one quantity name, applied all or none. */
export const RemoteAdjustment = z.object({
  idempotencyKey: z.string(),
  quantityName: z.enum(REMOTE_QUANTITY_NAMES),
  reason: z.string(),
  /** Names the document in Shopify's inventory history. */
  referenceDocumentUri: z.string(),
  changes: z.array(
    RemoteLevel.extend({
      delta: z.number().int(),
      /** The quantity this change expects to replace; null applies the delta whatever the quantity is. */
      changeFromQuantity: z.number().int().nullable(),
    }),
  ),
});
export type RemoteAdjustment = z.infer<typeof RemoteAdjustment>;

export type RemoteQuantity = RemoteLevel & { quantityName: string; quantity: number };

export interface RemoteInventory {
  /** Stocks the item at the location, from zero (a no-op where it already is). */
  activate(level: RemoteLevel, idempotencyKey: string): Promise<void>;
  /** Applies the adjustment and answers each changed quantity's value after it. */
  adjust(adjustment: RemoteAdjustment): Promise<RemoteQuantity[]>;
  /** Reads the levels' quantities from Shopify into the mirror (after a stale compare). */
  refreshLevels(levels: readonly RemoteLevel[]): Promise<void>;
}

/**
 * Why Shopify did not apply a mutation, as far as the writer needs to know:
 * - `stale`: a compare quantity no longer matched; nothing was applied.
 * - `refused`: Shopify answered with another error; nothing was applied.
 * - `unknown`: no usable answer (network error, timeout, 5xx, throttled); it may have been applied.
 */
export const REMOTE_FAILURE_KINDS = ["stale", "refused", "unknown"] as const;

export class RemoteInventoryError extends Error {
  constructor(
    readonly kind: (typeof REMOTE_FAILURE_KINDS)[number],
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "RemoteInventoryError";
  }
}
