/**
 * The three argument shapes of a write (spec/agent-access.md §6.3), built the same way for every
 * surface: `(id, input, options?)` on an existing document, `(id, options?)` for a move that
 * takes no input, and `(input, options?)` for `create` and the reorder rules. Each runs its domain
 * function through `performWrite` and answers `WriteResult<Document>` with the document schema the
 * reads use.
 */
import { z } from "zod";
import { InventoryEffect, type DomainErrorCode, type WriteCall, type WriteResult } from "../../inventory/index.server";
import { defineOperation, type Operation } from "../registry";
import { Id } from "../schemas";
import { performWrite, WriteOptions } from "./perform.server";

/** What any write may answer (spec/domain.md §3), besides its own guardrails. */
export const COMMON_WRITE_ERRORS = [
  "NOT_FOUND",
  "VALIDATION_FAILED",
  "IDEMPOTENCY_KEY_REUSED",
  "CONFLICT_IN_PROGRESS",
  "CONCURRENT_UPDATE",
] as const satisfies readonly DomainErrorCode[];

/**
 * What a write that changes inventory may also answer from the store's gateway (§3 rule 3). A write
 * that can lower `available` lists INSUFFICIENT_AVAILABLE (§3 rule 4) itself.
 */
export const GATEWAY_ERRORS = ["SHOPIFY_UNAVAILABLE", "INVENTORY_CONFLICT"] as const satisfies readonly DomainErrorCode[];

type Surface<Document extends z.ZodType> = {
  /** `purchaseOrders` */
  area: string;
  /** How descriptions name one document: "purchase order". */
  noun: string;
  /** How signatures name the document type: `WriteResult<PurchaseOrder>`. */
  typeName: string;
  document: Document;
  /** What `document` holds, for descriptions; by default the document as `app.<area>.get` returns it. */
  documentNote?: string;
};

type WriteSpec = {
  /** What the operation does, in the spec's words. */
  does: string;
  /** Its guardrails; the common errors are added. */
  errors: readonly DomainErrorCode[];
  allowedIn?: readonly string[];
};

export function writeSurface<Document extends z.ZodType>(surface: Surface<Document>) {
  type Result = WriteResult<z.input<Document>>;
  const output = z
    .object({
      document: surface.document,
      inventoryEffects: z.array(InventoryEffect),
      activityEntryId: z.string().nullable(),
      replayed: z.boolean(),
    })
    .meta({ title: `WriteResult<${surface.typeName}>` });
  const documentId = Id.describe(`The ${surface.noun}'s id`);
  const optionsArgument = WriteOptions.optional().describe(
    "{ idempotencyKey }: 1–128 characters, unique per intended change. Repeating a call with the same key and input returns the stored result (replayed: true) and changes nothing",
  );
  const documentNote = surface.documentNote ?? `the ${surface.noun} as app.${surface.area}.get returns it`;

  function common(verb: string, spec: WriteSpec) {
    return {
      name: `${surface.area}.${verb}` as const,
      kind: "write" as const,
      description:
        `${spec.does} Resolves to { document, inventoryEffects, activityEntryId, replayed }, where document is ${documentNote}. ` +
        "Always pass options.idempotencyKey, so that a repeated call returns the first result instead of writing twice.",
      errors: [...new Set([...COMMON_WRITE_ERRORS, ...spec.errors])],
      ...(spec.allowedIn ? { allowedIn: spec.allowedIn } : {}),
    };
  }

  return {
    /** `app.<area>.<verb>(id, input, options?)` */
    onDocument<Input extends z.ZodObject>(
      verb: string,
      spec: WriteSpec & { input: Input; run: (shopId: string, id: string, input: z.output<Input>, call: WriteCall) => Result },
    ): Operation {
      return erased(
        defineOperation({
          ...common(verb, spec),
          input: z.object({ id: documentId, input: spec.input, options: optionsArgument }).strict(),
          positional: ["id", "input", "options"],
          output,
          handler: (context, args) => {
            // The catalogue parsed `args` with this very schema; the cast only names the generic's parts.
            const { id, input, options } = args as { id: string; input: z.output<Input>; options?: WriteOptions };
            return performWrite(context, options, (shopId, call) => spec.run(shopId, id, input, call));
          },
        }),
      );
    },

    /** `app.<area>.<verb>(id, options?)`, for a move that takes nothing but the document. */
    onDocumentWithoutInput(verb: string, spec: WriteSpec & { run: (shopId: string, id: string, input: Record<string, never>, call: WriteCall) => Result }): Operation {
      return erased(
        defineOperation({
          ...common(verb, spec),
          input: z.object({ id: documentId, options: optionsArgument }).strict(),
          positional: ["id", "options"],
          output,
          handler: (context, args) => performWrite(context, args.options, (shopId, call) => spec.run(shopId, args.id, {}, call)),
        }),
      );
    },

    /** `app.<area>.<verb>(input, options?)`, for `create` and the reorder rules. */
    withInput<Input extends z.ZodObject>(
      verb: string,
      spec: WriteSpec & { input: Input; run: (shopId: string, input: z.output<Input>, call: WriteCall) => Result },
    ): Operation {
      return erased(
        defineOperation({
          ...common(verb, spec),
          input: z.object({ input: spec.input, options: optionsArgument }).strict(),
          positional: ["input", "options"],
          output,
          handler: (context, args) => {
            // As in `onDocument`: parsed with this very schema, the cast only names the generic's parts.
            const { input, options } = args as { input: z.output<Input>; options?: WriteOptions };
            return performWrite(context, options, (shopId, call) => spec.run(shopId, input, call));
          },
        }),
      );
    },
  };
}

/** The catalogue holds operations of many schemas side by side; each was type-checked against its own when defined. */
function erased<Input extends z.ZodType, Output extends z.ZodType>(operation: Operation<Input, Output>): Operation {
  return operation as Operation;
}
