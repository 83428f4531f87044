/** What every area's `list` and `get` share: cursor errors as field errors, and the pair itself. */
import { z } from "zod";
import { InvalidCursorError, type Page, type PageRequest } from "../inventory/index.server";
import { notFound, OperationError } from "./errors";
import { defineOperation, type Operation } from "./registry";
import { GetById, pageOf, pageParams } from "./schemas";

/** A list with an unusable cursor is a validation failure of the `cursor` field. */
export function withCursorErrors<T>(list: () => T): T {
  try {
    return list();
  } catch (error) {
    if (!(error instanceof InvalidCursorError)) throw error;
    throw new OperationError("VALIDATION_FAILED", error.message, {
      fields: [{ field: "cursor", problem: error.message }],
      cursorProblem: error.problem,
    });
  }
}

type ReadArea<Filters extends z.ZodObject, Summary extends z.ZodType, Document extends z.ZodType> = {
  area: string;
  /** How one item is named in messages: "purchase order". */
  noun: string;
  listDescription: string;
  getDescription: string;
  filters: Filters;
  summary: Summary;
  document: Document;
  list: (shopId: string, filters: z.output<Filters>, page: PageRequest, now: Date) => Page<z.input<Summary>>;
  get: (shopId: string, id: string) => z.input<Document> | undefined;
};

/** `app.<area>.list(params)` and `app.<area>.get(id)` over a domain read, scoped by the principal's shop. */
export function listAndGet<Filters extends z.ZodObject, Summary extends z.ZodType, Document extends z.ZodType>(
  read: ReadArea<Filters, Summary, Document>,
): Operation[] {
  const list = defineOperation({
    name: `${read.area}.list`,
    kind: "read",
    description: read.listDescription,
    input: read.filters.extend(pageParams),
    output: pageOf(read.summary),
    errors: ["VALIDATION_FAILED"],
    handler: ({ principal, now }, input) => {
      // The catalogue parsed `input` with this very schema; the cast only names the generic's parts.
      const { limit, cursor, ...filters } = input as z.output<Filters> & { limit: number; cursor?: string };
      return withCursorErrors(() => read.list(principal.shop.id, filters as z.output<Filters>, { limit, cursor }, now));
    },
  });
  const get = defineOperation({
    name: `${read.area}.get`,
    kind: "read",
    description: read.getDescription,
    input: GetById,
    positional: ["id"],
    output: read.document,
    errors: ["NOT_FOUND", "VALIDATION_FAILED"],
    handler: ({ principal }, { id }) => {
      const document = read.get(principal.shop.id, id);
      if (document === undefined) throw notFound(read.noun, id);
      return document;
    },
  });
  return [list, get] as Operation[];
}
