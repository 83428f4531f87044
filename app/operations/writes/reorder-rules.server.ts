/** `app.reorderRules.set/clear`: the variant constants of spec/domain.md §8, up to 500 entries per call, applied atomically. */
import { clearReorderRules, ClearReorderRulesInput, ReorderRulesResult, setReorderRules, SetReorderRulesInput } from "../../inventory/index.server";
import type { Operation } from "../registry";
import { writeSurface } from "./define.server";

const rules = writeSurface({
  area: "reorderRules",
  noun: "reorder rule",
  typeName: "ReorderRules",
  document: ReorderRulesResult,
  documentNote: "{ rules: { variantId, locationId, rule }[] }, each rule as it now is, or null where none is left",
});

export const reorderRuleWriteOperations: Operation[] = [
  rules.withInput("set", {
    does: "Set reorder rules: for each `{ variantId, locationId?, min?, max?, target?, reorderPoint? }` in `rules`, creates or updates the rule for that variant (store-wide when `locationId` is omitted) or variant × location. Omitted fields keep their values; `null` clears a field. A rule left with all four fields null is deleted. min ≤ target ≤ max and reorderPoint ≤ max must hold. No inventory effect.",
    input: SetReorderRulesInput,
    errors: ["RULE_ORDER_INVALID", "LOCATION_INACTIVE"],
    run: setReorderRules,
  }),
  rules.withInput("clear", {
    does: "Clear reorder rules: deletes the rule for each `{ variantId, locationId? }` in `rules`. Clearing a rule that does not exist is a no-op.",
    input: ClearReorderRulesInput,
    errors: ["LOCATION_INACTIVE"],
    run: clearReorderRules,
  }),
];
