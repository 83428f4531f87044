/**
 * One program, from the parent's side: admission (concurrency per principal), the operation
 * calls the worker forwards (credential re-checked before each, counted, validated, executed
 * through the catalogue), and the answer built from what the worker reported.
 */
import { z } from "zod";
import { isPrincipalStillValid, type Principal } from "../access/index.server";
import { catalogueFor, OperationError, type Catalogue, type Operation } from "../operations/index.server";
import { RUN_PROGRAM_MAX_BYTES, type RunLimits, type SandboxOptions } from "./limits";
import { SandboxPool, type PoolResult, type RequestsReply } from "./pool.server";
import { DescribedError, DescribedLogs, DescribedResult, type Settlement } from "./protocol";
import { parseQueuedCalls } from "./requests";
import { RunError, formatBytes, formatMs, logsWithMarker, programLineOf, type RunFailureError, type RunOutcome, type WriteRecord } from "./results";

export type RunContext = { requestId: string };

/** What a program may call and under which limits: `run` and `run_write` differ only in these. */
type ProgramSurface = { tool: "run" | "run_write"; catalogue: Catalogue; operations: readonly Operation[]; limits: RunLimits };

export class SandboxRunner {
  private readonly pool: SandboxPool;
  private readonly runningByCredential = new Map<string, number>();

  constructor(private readonly options: SandboxOptions) {
    this.pool = new SandboxPool(options.pool);
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  /** Runs `program` with the principal's read operations. Never throws for anything the program did. */
  run(principal: Principal, program: string, context: RunContext): Promise<RunOutcome> {
    // `run` reads only, for every principal; writes belong to `runWrite`.
    const catalogue = catalogueFor(principal);
    const operations = catalogue.operations.filter((operation) => operation.kind === "read");
    return this.admit(principal, program, () => this.execute(principal, program, context, { tool: "run", catalogue, operations, limits: this.options.limits }));
  }

  /**
   * Runs `program` with the principal's read and write operations (a Read & write principal only).
   * Each write commits on its own; the outcome lists every committed write, failure or not.
   */
  runWrite(principal: Principal, program: string, context: RunContext): Promise<RunOutcome> {
    if (principal.scope !== "read_write") throw new Error("runWrite needs a Read & write principal; the tool is not offered to others");
    const catalogue = catalogueFor(principal);
    const limits = { ...this.options.limits, wallMs: this.options.limits.writeWallMs };
    return this.admit(principal, program, () => this.execute(principal, program, context, { tool: "run_write", catalogue, operations: catalogue.operations, limits }));
  }

  /** Size and concurrency checks before a program gets a worker. */
  private async admit(principal: Principal, program: string, execute: () => Promise<RunOutcome>): Promise<RunOutcome> {
    const limits = this.options.limits;
    const programBytes = Buffer.byteLength(program);
    if (programBytes > RUN_PROGRAM_MAX_BYTES) {
      return refused(
        new RunError("PROGRAM_ERROR", `The program is ${formatBytes(programBytes)}; the limit is ${formatBytes(RUN_PROGRAM_MAX_BYTES)}. Shorten it.`, {
          bytes: programBytes,
          limit: RUN_PROGRAM_MAX_BYTES,
        }),
      );
    }
    const credentialId = principal.credential.id;
    const running = this.runningByCredential.get(credentialId) ?? 0;
    if (running >= limits.maxConcurrentPerPrincipal) {
      return refused(
        new RunError(
          "RATE_LIMITED",
          `${running} programs are already running for this credential, the most allowed at once. Wait for one to finish, then retry.`,
          { running, limit: limits.maxConcurrentPerPrincipal },
        ),
      );
    }
    this.runningByCredential.set(credentialId, running + 1);
    try {
      return await execute();
    } catch (error) {
      if (error instanceof RunError) return refused(error);
      throw error;
    } finally {
      const left = (this.runningByCredential.get(credentialId) ?? 1) - 1;
      if (left > 0) this.runningByCredential.set(credentialId, left);
      else this.runningByCredential.delete(credentialId);
    }
  }

  private async execute(principal: Principal, program: string, context: RunContext, { tool, catalogue, operations, limits }: ProgramSurface): Promise<RunOutcome> {
    const allowed = new Map<string, Operation>(operations.map((operation) => [operation.name, operation]));
    const calls = new CallLedger();

    const onRequests = async (json: string): Promise<RequestsReply> => {
      const requests = parseQueuedCalls(json, allowed);
      if (requests === null) {
        calls.end(new RunError("PROGRAM_ERROR", "The sandbox received an unreadable operation request; the run was stopped."));
        return { abort: true };
      }
      const settlements: Settlement[] = [];
      for (const request of requests) {
        if (calls.count >= limits.maxOperationCalls) {
          calls.end(
            new RunError(
              "OPERATION_LIMIT",
              `The program called more than ${limits.maxOperationCalls} operations. Fetch larger pages (list operations take a limit up to 1000), narrow lists with their filters, or split the work over several runs.`,
              { limit: limits.maxOperationCalls },
            ),
          );
          return { abort: true };
        }
        calls.count += 1;
        const operationName = request.ok ? `app.${request.operation.name}` : null;
        if (!isPrincipalStillValid(principal)) {
          calls.end(
            new RunError(
              "UNAUTHORIZED",
              `The credential was revoked (or the store uninstalled) while the program ran, so ${operationName ?? "the next operation"} was not run. Ask the merchant for a valid credential.`,
              operationName ? { operation: operationName } : {},
            ),
          );
          return { abort: true };
        }
        if (!request.ok) {
          settlements.push({ id: request.id, error: request.refusal });
          calls.failed.set(request.id, { ...request.refusal, details: { ...request.refusal.details } });
          continue;
        }
        calls.invoked(request.operation);
        try {
          const value = await catalogue.call(request.operation.name, request.input, { principal, requestId: context.requestId, now: new Date() });
          if (request.operation.kind === "write") calls.committed(request.operation.name, value);
          settlements.push({ id: request.id, value });
        } catch (error) {
          if (!(error instanceof OperationError)) throw error;
          const failure = error.toJSON();
          settlements.push({ id: request.id, error: failure });
          calls.failed.set(request.id, { ...failure, details: { ...failure.details, operation: operationName } });
        }
      }
      return { settle: JSON.stringify(settlements) };
    };

    const result = await this.pool.run({
      program,
      operations: operations.map((operation) => ({ name: operation.name, positional: operation.positional ?? [] })),
      limits,
      onRequests,
    });
    if (result.kind === "terminated" && result.cause !== undefined) throw result.cause;
    return shapeOutcome(result, calls, limits, operations, program, tool);
  }
}

/** What the parent learned about a run's operation calls. */
class CallLedger {
  count = 0;
  reads = 0;
  readonly failed = new Map<number, RunFailureError>();
  readonly names: string[] = [];
  readonly writes: WriteRecord[] = [];
  ending: RunError | null = null;

  invoked(operation: Operation): void {
    if (operation.kind === "read") this.reads += 1;
    const full = `app.${operation.name}`;
    if (!this.names.includes(full)) this.names.push(full);
  }

  /** A write the catalogue answered: it is committed, whatever happens to the program next. */
  committed(name: string, result: unknown): void {
    const written = CommittedWrite.parse(result);
    this.writes.push({ operation: `app.${name}`, documentId: written.document?.id ?? null, activityEntryId: written.activityEntryId, replayed: written.replayed });
  }

  end(error: RunError): void {
    this.ending ??= error;
  }
}

function refused(error: RunError): RunOutcome {
  return { ok: false, body: { error: error.toJSON(), logs: [], reads: 0, writes: [] }, operations: [] };
}

/** What every write operation answers, as far as the run's `writes` list needs it. */
const CommittedWrite = z.object({
  document: z.looseObject({ id: z.string().optional() }).nullable().optional(),
  activityEntryId: z.string().nullable(),
  replayed: z.boolean(),
});

function shapeOutcome(result: PoolResult, calls: CallLedger, limits: RunLimits, operations: readonly Operation[], program: string, tool: ProgramSurface["tool"]): RunOutcome {
  const durationMs = Math.round(performance.now() - result.startedAt);
  const logs = result.kind === "report" ? readLogs(result.report.logs, limits) : [];
  const fail = (error: RunFailureError): RunOutcome => ({
    ok: false,
    body: { error, logs, reads: calls.reads, writes: calls.writes },
    operations: calls.names,
  });

  if (calls.ending) return fail(calls.ending.toJSON());
  if (result.kind === "terminated") {
    if (result.reason === "wall") return fail(wallTimeout(limits));
    if (result.reason === "cpu") return fail(cpuTimeout(limits, true));
    return fail(new RunError("PROGRAM_ERROR", `The sandbox stopped while running the program (${result.message}). Simplify the program and retry.`).toJSON());
  }

  const outcome = result.report.outcome;
  switch (outcome.kind) {
    case "cpu_exceeded":
      return fail(cpuTimeout(limits, false));
    case "memory_exceeded":
      return fail(memoryExceeded(limits));
    case "never_settled":
      return fail(
        new RunError(
          "PROGRAM_ERROR",
          "The program never finished: it awaits a promise that nothing will ever settle. Only app.* calls settle on their own; there are no timers, events or network in the sandbox.",
        ).toJSON(),
      );
    case "aborted":
    case "result_unreadable":
      return fail(new RunError("PROGRAM_ERROR", "The program's result could not be read out of the sandbox in time (a toJSON or getter that runs too long?).").toJSON());
    case "threw":
      return fail(thrownError(outcome.described, { calls, limits, operations, program, tool }));
    case "returned": {
      const described = parseJson(outcome.described, DescribedResult);
      if (!described) return fail(new RunError("PROGRAM_ERROR", "The program's result could not be read.").toJSON());
      if ("notJson" in described) {
        return fail(new RunError("PROGRAM_ERROR", `The returned value cannot be converted to JSON (${described.notJson}). Return plain objects, arrays, strings, numbers, booleans or null.`).toJSON());
      }
      const bytes = "json" in described ? Buffer.byteLength(described.json) : described.tooLargeChars;
      if (!("json" in described) || bytes > limits.maxResultBytes) return fail(resultTooLarge(bytes, limits));
      return { ok: true, body: { result: JSON.parse(described.json), logs, reads: calls.reads, writes: calls.writes, durationMs }, operations: calls.names };
    }
  }
}

type FailureContext = { calls: CallLedger; limits: RunLimits; operations: readonly Operation[]; program: string; tool: ProgramSurface["tool"] };

function thrownError(described: string | null, { calls, limits, operations, program, tool }: FailureContext): RunFailureError {
  const error = described === null ? null : parseJson(described, DescribedError);
  if (error && "operationCallId" in error) {
    const failure = calls.failed.get(error.operationCallId);
    if (failure) return failure;
  }
  if (!error || "operationCallId" in error) {
    return new RunError(
      "PROGRAM_ERROR",
      "The program threw a value that could not be read in time (a getter or proxy that runs too long?). Throw an Error with a message instead.",
    ).toJSON();
  }
  if (error.name === "InternalError" && /out of memory/i.test(error.message)) return memoryExceeded(limits);
  const line = programLineOf(error.stack);
  const where = line === null ? "" : ` (line ${line})`;
  // An assistant guessing an operation name gets the real ones, from the same list `app` was built from.
  const hint = error.name === "TypeError" && /not a function|cannot read property/i.test(error.message) && /\bapp\s*\./.test(program)
    ? ` The operations available to ${tool} are: ${operations.map((operation) => `app.${operation.name}`).join(", ")}.${tool === "run" ? " Writes exist only in run_write." : ""}`
    : /stack overflow/i.test(error.message)
      ? " Recursion or nesting is too deep; use a loop or a flatter structure."
      : "";
  const label = error.name === "Uncaught value" ? "Uncaught value" : error.name;
  return new RunError("PROGRAM_ERROR", `${label}: ${error.message}${where}.${hint}`, {
    name: error.name,
    line,
    ...(error.stack ? { stack: error.stack } : {}),
  }).toJSON();
}

function cpuTimeout(limits: RunLimits, terminated: boolean): RunFailureError {
  return new RunError(
    "TIMEOUT",
    `The program used more than ${formatMs(limits.cpuMs)} of CPU time and was stopped. Do less work per run: filter with list parameters, avoid nested loops over large arrays, or split the job over several runs.`,
    { limit: "cpu", cpuMs: limits.cpuMs, ...(terminated ? { terminated: true } : {}) },
  ).toJSON();
}

function wallTimeout(limits: RunLimits): RunFailureError {
  return new RunError(
    "TIMEOUT",
    `The program ran for more than ${formatMs(limits.wallMs)} of wall-clock time, operation calls included, and was stopped. Make fewer operation calls (larger pages) or split the job over several runs.`,
    { limit: "wall", wallMs: limits.wallMs },
  ).toJSON();
}

function memoryExceeded(limits: RunLimits): RunFailureError {
  return new RunError(
    "MEMORY_LIMIT",
    `The program used more than ${limits.memoryMb} MiB of memory and was stopped. Keep fewer rows in memory: aggregate page by page and keep only the fields you need.`,
    { limitMb: limits.memoryMb },
  ).toJSON();
}

function resultTooLarge(bytes: number, limits: RunLimits): RunFailureError {
  return new RunError(
    "RESULT_TOO_LARGE",
    `The returned value is ${formatBytes(bytes)} of JSON; the limit is ${formatBytes(limits.maxResultBytes)}. Return an aggregate, fewer rows, or fewer fields per row.`,
    { bytes, limit: limits.maxResultBytes },
  ).toJSON();
}

function readLogs(raw: string | null, limits: RunLimits): string[] {
  const logs = raw === null ? null : parseJson(raw, DescribedLogs);
  if (!logs) return [];
  return logsWithMarker(logs.lines, logs.dropped, limits.maxLogBytes);
}

function parseJson<T>(text: string, schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return null;
  }
}
