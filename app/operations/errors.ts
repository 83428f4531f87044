/**
 * Refusals an operation sends back to its caller: a code from a closed set, a message that says
 * what to change, and details for the program or the audit row. A refused write carries the
 * domain's own code, message and details. Anything else an operation throws is a defect and
 * surfaces as an internal error.
 */
import type { z } from "zod";
import { DOMAIN_ERROR_CODES } from "../inventory/index.server";

/** A write's refusal keeps the domain's code (spec/domain.md §3–§8), which holds NOT_FOUND and VALIDATION_FAILED too. */
export const OPERATION_ERROR_CODES = ["UNKNOWN_OPERATION", ...DOMAIN_ERROR_CODES] as const;
export type OperationErrorCode = (typeof OPERATION_ERROR_CODES)[number];

export type FieldProblem = { field: string; problem: string };

export class OperationError extends Error {
  constructor(
    readonly code: OperationErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "OperationError";
  }

  toJSON() {
    return { code: this.code, message: this.message, details: this.details };
  }
}

export function validationFailed(operation: string, issues: readonly z.core.$ZodIssue[]): OperationError {
  const fields: FieldProblem[] = issues.map((issue) => ({
    field: issue.path.length ? issue.path.map(String).join(".") : "(input)",
    problem: issue.message,
  }));
  const summary = fields.map((f) => `${f.field}: ${f.problem}`).join("; ");
  return new OperationError("VALIDATION_FAILED", `Invalid input for ${operation}. ${summary}`, { fields });
}

export function notFound(what: string, id: string): OperationError {
  return new OperationError("NOT_FOUND", `No ${what} with id ${JSON.stringify(id)} in this store.`, { id });
}
