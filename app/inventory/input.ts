/** Parsing an operation's input: a zod failure becomes VALIDATION_FAILED listing each field's problem. Pure. */
import type { z } from "zod";
import { DomainError } from "./errors";

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, operation: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => ({ field: issue.path.length ? issue.path.map(String).join(".") : "(input)", problem: issue.message }));
  throw new DomainError("VALIDATION_FAILED", `Invalid input for ${operation}. ${fields.map((f) => `${f.field}: ${f.problem}`).join("; ")}`, { fields });
}
