/** Reorder-rule inputs and the ordering check of spec/domain.md §8.2. Pure. */
import { z } from "zod";

const Id = z.string().min(1).max(64);
const Value = z.number().int().min(0).max(1_000_000_000).nullable().optional();

export const SetReorderRulesInput = z
  .object({ rules: z.array(z.object({ variantId: Id, locationId: Id.optional(), min: Value, max: Value, target: Value, reorderPoint: Value }).strict()).min(1).max(500) })
  .strict();
export const ClearReorderRulesInput = z.object({ rules: z.array(z.object({ variantId: Id, locationId: Id.optional() }).strict()).min(1).max(500) }).strict();

export const ReorderRule = z.object({
  variantId: z.string(),
  locationId: z.string().nullable(),
  min: z.number().int().nullable(),
  max: z.number().int().nullable(),
  target: z.number().int().nullable(),
  reorderPoint: z.number().int().nullable(),
});
export type ReorderRule = z.infer<typeof ReorderRule>;
/** What `set` and `clear` return: each rule as it now is, or null where none is left. */
export const ReorderRulesResult = z.object({ rules: z.array(z.object({ variantId: z.string(), locationId: z.string().nullable(), rule: ReorderRule.nullable() })) });
export type ReorderRulesResult = z.infer<typeof ReorderRulesResult>;

export type RuleValues = Pick<ReorderRule, "min" | "max" | "target" | "reorderPoint">;

/** The problems with a rule's values, in words; empty when min ≤ target ≤ max and reorderPoint ≤ max hold for the set ones. */
export function ruleOrderProblems(rule: RuleValues): string[] {
  const problems: string[] = [];
  const { min, max, target, reorderPoint } = rule;
  if (min !== null && target !== null && min > target) problems.push(`min (${min}) is above target (${target})`);
  if (target !== null && max !== null && target > max) problems.push(`target (${target}) is above max (${max})`);
  if (min !== null && max !== null && min > max) problems.push(`min (${min}) is above max (${max})`);
  if (reorderPoint !== null && max !== null && reorderPoint > max) problems.push(`reorderPoint (${reorderPoint}) is above max (${max})`);
  return problems;
}
