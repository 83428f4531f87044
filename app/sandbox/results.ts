/**
 * What a run answers (spec 6.5). Success: `{ result, logs, reads, writes, durationMs }`. Failure:
 * `{ error: { code, message, details }, logs, reads, writes }`, where the code is one of the run's
 * own codes or the code of an operation error the program did not catch. `reads` is the number of
 * read operations the program called; `writes` lists every committed write (none in `run`), in the
 * order they committed, so an assistant knows the state a failed `run_write` left.
 */
import type { OperationErrorCode } from "../operations/index.server";
import { PROGRAM_FILENAME, PROGRAM_LINE_OFFSET } from "./prelude";

export const RUN_ERROR_CODES = [
  "PROGRAM_ERROR",
  "TIMEOUT",
  "MEMORY_LIMIT",
  "OPERATION_LIMIT",
  "RESULT_TOO_LARGE",
  "UNAUTHORIZED",
  "RATE_LIMITED",
] as const;
export type RunErrorCode = (typeof RUN_ERROR_CODES)[number];

/** A committed write: the document it changed (none when it removed one, or for reorder rules) and its activity entry. */
export type WriteRecord = { operation: string; documentId: string | null; activityEntryId: string | null; replayed: boolean };

export type RunFailureError = { code: RunErrorCode | OperationErrorCode; message: string; details: Record<string, unknown> };

export type RunSuccess = { result: unknown; logs: string[]; reads: number; writes: WriteRecord[]; durationMs: number };
export type RunFailure = { error: RunFailureError; logs: string[]; reads: number; writes: WriteRecord[] };

export type RunOutcome =
  | { ok: true; body: RunSuccess; operations: string[] }
  | { ok: false; body: RunFailure; operations: string[] };

/** A run that ends for one of the run's own reasons. */
export class RunError extends Error {
  constructor(
    readonly code: RunErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "RunError";
  }

  toJSON(): RunFailureError {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/** The program's line (1-based, as the assistant wrote it) of the innermost frame in its own source. */
export function programLineOf(stack: string): number | null {
  const frame = new RegExp(`${PROGRAM_FILENAME.replace(".", "\\.")}:(\\d+)`).exec(stack);
  if (!frame) return null;
  const line = Number(frame[1]) - PROGRAM_LINE_OFFSET;
  return line >= 1 ? line : null;
}

/** The log as the assistant sees it: kept lines, then one marker line saying how many were dropped. */
export function logsWithMarker(lines: readonly string[], dropped: number, maxLogBytes: number): string[] {
  if (dropped === 0) return [...lines];
  const plural = dropped === 1 ? "line" : "lines";
  return [...lines, `[… ${dropped} more log ${plural} dropped: the log is limited to ${formatBytes(maxLogBytes)}]`];
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes.toLocaleString("en-US")} bytes`;
}

export function formatMs(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : `${ms.toLocaleString("en-US")} ms`;
}
