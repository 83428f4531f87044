/**
 * Reorder rules, the variant constants (spec/domain.md §8): `set` and `clear`, each one transaction
 * for up to 500 entries. No inventory effect; each changed rule adds an activity entry on its
 * variant with the location and the values before and after.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { z } from "zod";
import { newId } from "../../../db/ids";
import { locations, reorderRules, variants } from "../../../db/schema";
import { DomainError, notFound } from "../errors";
import type { Transaction } from "../gateway.server";
import { parseInput } from "../input";
import { runWrite, type ActivityNote, type WriteCall, type WriteResult } from "../writes.server";
import { ClearReorderRulesInput, ReorderRulesResult, SetReorderRulesInput, ruleOrderProblems, type ReorderRule, type RuleValues } from "./rules";

type Result = WriteResult<ReorderRulesResult>;
type RuleRow = typeof reorderRules.$inferSelect;
const FIELDS = ["min", "max", "target", "reorderPoint"] as const;

export function setReorderRules(shopId: string, input: z.input<typeof SetReorderRulesInput>, call: WriteCall): Result {
  const parsed = parseInput(SetReorderRulesInput, input, "reorderRules.set");
  refuseRepeats(parsed.rules);
  return runWrite(shopId, call, "reorderRules.set", input, ReorderRulesResult, ({ tx, now, actor }) => {
    const results: ReorderRulesResult["rules"] = [];
    const notes: ActivityNote[] = [];
    for (const entry of parsed.rules) {
      const locationId = entry.locationId ?? null;
      requireTargets(tx, shopId, entry.variantId, locationId);
      const existing = findRule(tx, shopId, entry.variantId, locationId);
      const before: RuleValues = existing ? pick(existing) : { min: null, max: null, target: null, reorderPoint: null };
      const after: RuleValues = { ...before };
      for (const field of FIELDS) if (entry[field] !== undefined) after[field] = entry[field] ?? null;
      const problems = ruleOrderProblems(after);
      if (problems.length) {
        throw new DomainError("RULE_ORDER_INVALID", `The rule for variant ${entry.variantId}${locationId ? ` at ${locationId}` : " (store-wide)"} would have ${problems.join(" and ")}; min ≤ target ≤ max and reorderPoint ≤ max must hold.`, { variantId: entry.variantId, locationId, problems });
      }
      const empty = FIELDS.every((field) => after[field] === null);
      if (existing && empty) tx.delete(reorderRules).where(eq(reorderRules.id, existing.id)).run();
      else if (existing) tx.update(reorderRules).set({ ...after, updatedAt: now, updatedBy: actor }).where(eq(reorderRules.id, existing.id)).run();
      else if (!empty) tx.insert(reorderRules).values({ id: newId("rr"), shopId, variantId: entry.variantId, locationId, ...after, createdAt: now, updatedAt: now, updatedBy: actor }).run();
      const rule: ReorderRule | null = empty ? null : { variantId: entry.variantId, locationId, ...after };
      results.push({ variantId: entry.variantId, locationId, rule });
      const note = changeNote(entry.variantId, locationId, before, after);
      if (note) notes.push(note);
    }
    return { document: { rules: results }, inventoryEffects: [], activity: notes };
  });
}

export function clearReorderRules(shopId: string, input: z.input<typeof ClearReorderRulesInput>, call: WriteCall): Result {
  const parsed = parseInput(ClearReorderRulesInput, input, "reorderRules.clear");
  return runWrite(shopId, call, "reorderRules.clear", input, ReorderRulesResult, ({ tx }) => {
    const notes: ActivityNote[] = [];
    for (const entry of parsed.rules) {
      const locationId = entry.locationId ?? null;
      const existing = findRule(tx, shopId, entry.variantId, locationId);
      // Clearing a rule that does not exist is a no-op (§8.1).
      if (!existing) continue;
      tx.delete(reorderRules).where(eq(reorderRules.id, existing.id)).run();
      const note = changeNote(entry.variantId, locationId, pick(existing), { min: null, max: null, target: null, reorderPoint: null });
      if (note) notes.push(note);
    }
    return { document: { rules: parsed.rules.map((entry) => ({ variantId: entry.variantId, locationId: entry.locationId ?? null, rule: null })) }, inventoryEffects: [], activity: notes };
  });
}

function refuseRepeats(entries: readonly { variantId: string; locationId?: string | undefined }[]): void {
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const key = `${entry.variantId}|${entry.locationId ?? ""}`;
    if (seen.has(key)) {
      const problem = `variant ${entry.variantId}${entry.locationId ? ` at ${entry.locationId}` : " (store-wide)"} appears twice; merge the two entries`;
      throw new DomainError("VALIDATION_FAILED", `Invalid input for reorderRules.set. rules.${index}: ${problem}`, { fields: [{ field: `rules.${index}`, problem }] });
    }
    seen.add(key);
  });
}

function requireTargets(tx: Transaction, shopId: string, variantId: string, locationId: string | null): void {
  if (!tx.select({ id: variants.id }).from(variants).where(and(eq(variants.shopId, shopId), eq(variants.id, variantId))).get()) throw notFound("variant", variantId);
  if (locationId === null) return;
  const location = tx.select({ active: locations.active, name: locations.name }).from(locations).where(and(eq(locations.shopId, shopId), eq(locations.id, locationId))).get();
  if (!location) throw notFound("location", locationId);
  if (!location.active) throw new DomainError("LOCATION_INACTIVE", `Location ${location.name} is deactivated in Shopify; set the rule store-wide or for an active location.`, { locationId });
}

function findRule(tx: Transaction, shopId: string, variantId: string, locationId: string | null): RuleRow | undefined {
  return tx
    .select()
    .from(reorderRules)
    .where(and(eq(reorderRules.shopId, shopId), eq(reorderRules.variantId, variantId), locationId === null ? isNull(reorderRules.locationId) : eq(reorderRules.locationId, locationId)))
    .get();
}

function pick(row: RuleRow): RuleValues {
  return { min: row.min, max: row.max, target: row.target, reorderPoint: row.reorderPoint };
}

function changeNote(variantId: string, locationId: string | null, before: RuleValues, after: RuleValues): ActivityNote | null {
  const changes = FIELDS.filter((field) => before[field] !== after[field]).map((field) => ({ field: locationId ? `${field}@${locationId}` : field, from: before[field], to: after[field] }));
  if (!changes.length) return null;
  return { subjectType: "variant", subjectId: variantId, summary: `Changed the reorder rule ${locationId ? `at location ${locationId}` : "store-wide"}.`, changes };
}
