/**
 * What an operation is: a name (`locations.list`), whether it reads or writes, zod schemas for its
 * input and result, the error codes it may answer, and a handler that receives the principal.
 * MCP tools, the REST API and the sandbox's `app` object are views over these definitions.
 */
import type { z } from "zod";
import type { Principal } from "../access/index.server";

export type OperationKind = "read" | "write";

export type OperationContext = { principal: Principal; requestId: string; now: Date };

export type Operation<Input extends z.ZodType = z.ZodType, Output extends z.ZodType = z.ZodType> = {
  name: `${string}.${string}`;
  kind: OperationKind;
  description: string;
  input: Input;
  output: Output;
  /** Input fields a program passes as leading arguments, in order: `get(id)` rather than `get({ id })`. */
  positional?: readonly string[];
  errors: readonly string[];
  /**
   * Writes on an existing document: the document statuses in which the operation is allowed, as
   * `search_api` shows them. Absent where no document status applies (create, reorder rules).
   */
  allowedIn?: readonly string[];
  handler: (context: OperationContext, input: z.output<Input>) => z.input<Output> | Promise<z.input<Output>>;
};

/** Keeps each definition's input and output types tied to its own schemas. */
export function defineOperation<Input extends z.ZodType, Output extends z.ZodType>(
  operation: Operation<Input, Output>,
): Operation<Input, Output> {
  return operation;
}
