import { InvalidCursorError } from "../inventory/index.server";
import { OperationError } from "./errors";

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
