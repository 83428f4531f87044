/** `app.reorderRules.list/get`: the variant constants (min, max, target, reorder point), store-wide or per location. */
import { z } from "zod";
import { Actor, getReorderRule, listReorderRules, ReorderRule as ReorderRuleValues, type ReorderRuleRow } from "../inventory/index.server";
import { listAndGet } from "./lists.server";
import { Id } from "./schemas";

export const ReorderRule = ReorderRuleValues.extend({
  id: Id,
  sku: z.string().nullable().describe("The variant's SKU, for convenience"),
  locationId: Id.nullable().describe("Null: the variant's store-wide rule. A location's own rule replaces the store-wide rule there as a whole"),
  updatedAt: z.iso.datetime(),
  updatedBy: Actor.describe("Who last changed the rule"),
});

function presentRule(row: ReorderRuleRow): z.input<typeof ReorderRule> {
  return {
    id: row.id,
    variantId: row.variantId,
    sku: row.sku,
    locationId: row.locationId,
    min: row.min,
    max: row.max,
    target: row.target,
    reorderPoint: row.reorderPoint,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedBy,
  };
}

const ReorderRuleFilters = z.object({
  variantId: Id.optional().describe("Only this variant's rules (its store-wide rule and its location rules)"),
  locationId: Id.optional().describe("Only rules for this location; store-wide rules (locationId null) are not included"),
  sku: z.string().min(1).max(255).optional().describe("Only rules of the variant with exactly this SKU"),
});

export const reorderRuleOperations = listAndGet({
  area: "reorderRules",
  noun: "reorder rule",
  listDescription:
    "List reorder rules (min, max, target and static reorder point per variant, store-wide or for one location), newest first. Filter by `variantId`, `locationId` (that location's own rules) and `sku`. At a location, the variant's location rule replaces its store-wide rule as a whole; with no location rule, the store-wide rule applies.",
  getDescription: "Get one reorder rule by its id.",
  filters: ReorderRuleFilters,
  summary: ReorderRule,
  document: ReorderRule,
  list: (shopId, filters, page, now) => {
    const found = listReorderRules(shopId, filters, page, { now });
    return { ...found, items: found.items.map(presentRule) };
  },
  get: (shopId, id) => {
    const row = getReorderRule(shopId, id);
    return row && presentRule(row);
  },
});
