/**
 * Searching the catalogue for `search_api`: plain term scoring over names, descriptions and field
 * names. Pure; it sees only the operations it is handed, so it cannot reveal what a scope lacks.
 */
import { z } from "zod";
import type { Operation } from "./registry";
import { describeParameters, renderSignature } from "./signature";

export const SearchInput = z.object({
  query: z.string().max(500).default("").describe("What you want to do or read; empty for an overview of every namespace"),
  limit: z.number().int().min(1).max(20).default(10).describe("How many operations to return, 1–20 (default 10)"),
});

export type OperationSummary = {
  name: string;
  kind: Operation["kind"];
  signature: string;
  description: string;
  parameters: string[];
  errors: readonly string[];
  /** Writes on an existing document: the statuses in which the operation is allowed. */
  allowedIn?: readonly string[];
};

export type SearchResult =
  | { overview: { namespace: string; operations: string[] }[]; hint: string }
  | { matches: OperationSummary[]; hint?: string };

export function searchOperations(operations: readonly Operation[], input: z.output<typeof SearchInput>): SearchResult {
  const terms = tokenize(input.query);
  if (terms.length === 0) return { overview: overviewOf(operations), hint: OVERVIEW_HINT };

  const scored = operations
    .map((operation) => ({ operation, score: scoreOf(operation, terms) }))
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score || a.operation.name.localeCompare(b.operation.name))
    .slice(0, input.limit);
  if (scored.length === 0) {
    return { matches: [], hint: `No operation matched ${JSON.stringify(input.query)}. ${namespacesLine(operations)}` };
  }
  return { matches: scored.map(({ operation }) => summarize(operation)) };
}

const OVERVIEW_HINT =
  "Search again with words from a namespace or task (for example \"variants sku\") to get full signatures.";

function summarize(operation: Operation): OperationSummary {
  return {
    name: `app.${operation.name}`,
    kind: operation.kind,
    signature: renderSignature(operation),
    description: operation.description,
    parameters: describeParameters(operation),
    errors: operation.errors,
    ...(operation.allowedIn ? { allowedIn: operation.allowedIn } : {}),
  };
}

function overviewOf(operations: readonly Operation[]) {
  const namespaces = new Map<string, string[]>();
  for (const operation of operations) {
    const [area, verb] = operation.name.split(".") as [string, string];
    namespaces.set(`app.${area}`, [...(namespaces.get(`app.${area}`) ?? []), verb]);
  }
  return [...namespaces].map(([namespace, verbs]) => ({ namespace, operations: verbs }));
}

function namespacesLine(operations: readonly Operation[]): string {
  return `Namespaces: ${overviewOf(operations).map((n) => n.namespace).join(", ")}.`;
}

function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((term) => term.length > 1 && term !== "app")
    .map((term) => (term.length > 3 && term.endsWith("s") ? term.slice(0, -1) : term));
}

function scoreOf(operation: Operation, terms: string[]): number {
  const name = operation.name.toLowerCase();
  // "supplier" names `suppliers` exactly but only appears in `supplierReturns`: the exact area wins a tie.
  const area = tokenize(name.split(".")[0]!)[0];
  const description = operation.description.toLowerCase();
  const fields = fieldNamesOf(operation).join(" ").toLowerCase();
  return terms.reduce(
    (score, term) => score + (term === area ? 1 : 0) + (name.includes(term) ? 3 : 0) + (fields.includes(term) ? 2 : 0) + (description.includes(term) ? 1 : 0),
    0,
  );
}

type InputSchema = { properties?: Record<string, InputSchema> };

/** The input's field names; for a write, also the fields of its `input` argument (`lines`, `allowOverReceipt`). */
function fieldNamesOf(operation: Operation): string[] {
  const properties = (z.toJSONSchema(operation.input, { unrepresentable: "any" }) as InputSchema).properties ?? {};
  return [...Object.keys(properties), ...Object.keys(properties.input?.properties ?? {})];
}
