/**
 * Value shapes the documents store as JSON (addresses, shipments, actors, activity changes and
 * inventory effects), and the activity entry reads show. Pure: `db/schema.ts` types its JSON
 * columns from these, and the domain parses stored JSON with them, so a shape is written down once.
 */
import { z } from "zod";

export const Address = z.object({
  name: z.string().max(255).nullable().default(null),
  company: z.string().max(255).nullable().default(null),
  address1: z.string().max(255).nullable().default(null),
  address2: z.string().max(255).nullable().default(null),
  city: z.string().max(255).nullable().default(null),
  province: z.string().max(255).nullable().default(null),
  postalCode: z.string().max(32).nullable().default(null),
  countryCode: z.string().length(2).nullable().default(null),
  phone: z.string().max(64).nullable().default(null),
});
export type Address = z.infer<typeof Address>;

const CalendarDate = z.iso.date();

/** The single shipment of a purchase order, transfer or supplier return. */
export const Shipment = z.object({
  carrier: z.string().max(255).nullable().default(null),
  trackingNumber: z.string().max(255).nullable().default(null),
  trackingUrl: z.url().max(2048).nullable().default(null),
  shippedOn: CalendarDate.nullable().default(null),
  expectedArrivalOn: CalendarDate.nullable().default(null),
});
export type Shipment = z.infer<typeof Shipment>;

export const Actor = z.discriminatedUnion("type", [
  z.object({ type: z.literal("staff"), name: z.string(), email: z.string().nullable() }),
  z.object({ type: z.literal("api_key"), label: z.string(), prefix: z.string() }),
  z.object({ type: z.literal("connected_app"), appName: z.string(), connectionId: z.string() }),
  z.object({ type: z.literal("system") }),
]);
export type Actor = z.infer<typeof Actor>;

/** The quantity names Logistified operations change; the other five are Shopify's alone. */
export const CHANGED_QUANTITY_NAMES = ["available", "on_hand", "incoming"] as const;

export const InventoryEffect = z.object({
  variantId: z.string(),
  locationId: z.string(),
  quantityName: z.enum(CHANGED_QUANTITY_NAMES),
  delta: z.number().int(),
});
export type InventoryEffect = z.infer<typeof InventoryEffect>;

export const FieldChange = z.object({ field: z.string(), from: z.unknown(), to: z.unknown() });
export type FieldChange = z.infer<typeof FieldChange>;

/** Get-by-id shows at most this many of a document's entries, the most recent ones. */
export const ACTIVITY_ENTRIES_ON_GET = 100;

/** One activity-log entry as reads show it (spec/domain.md §2.13); the subject is the document it sits on. */
export const ActivityEntry = z.object({
  id: z.string(),
  occurredAt: z.iso.datetime(),
  actor: Actor,
  operation: z.string(),
  summary: z.string(),
  changes: z.array(FieldChange),
  inventoryEffects: z.array(InventoryEffect),
  requestId: z.string().nullable(),
  idempotencyKey: z.string().nullable(),
});
export type ActivityEntry = z.infer<typeof ActivityEntry>;

/**
 * A document as get-by-id returns it: with its most recent activity, oldest first, and the total.
 * Write results and stored replays keep the plain document, so a write never carries its history.
 */
export function withActivity<Shape extends z.ZodRawShape>(document: z.ZodObject<Shape>) {
  return document.extend({
    activity: z.array(ActivityEntry).describe(`The most recent entries (up to ${ACTIVITY_ENTRIES_ON_GET}), oldest first`),
    activityCount: z.number().int().describe("All entries on the document; more than `activity` holds when it was capped"),
  });
}
