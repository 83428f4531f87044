/**
 * Sandbox: runs an assistant's JavaScript program (the body of an async function) against the
 * principal's read operations (`run`), or its read and write operations (`run_write`), and answers
 * with the result shapes of spec 6.5. A program is not a transaction: each write commits on its own,
 * and the outcome lists every committed write. Calls still pending when the program returns are not
 * run. Other rooms import
 * from this file only.
 *
 * Contract:
 * - The program runs in QuickJS compiled to WebAssembly, in a fresh instance per run, inside a
 *   worker thread. It receives no host function: the global `app` (one async method per read
 *   operation of the principal's catalogue, e.g. `app.variants.get(id)`) and `console` are
 *   defined by a prelude inside the VM. Operation calls leave the VM as JSON, are validated and run
 *   here in the parent (which owns the database), and their JSON results are written back.
 * - Before every operation call the credential is checked again; a revoked one ends the run with
 *   UNAUTHORIZED at that call.
 * - Limits (CPU, wall clock, memory, operation calls, result and log size, concurrent runs per
 *   credential, queue length) come from `limits.ts`; `SANDBOX_*` variables may change them.
 * - `runProgram` never throws for anything the program does: a failure is `{ ok: false, body }`
 *   with `body.error.code` from RUN_ERROR_CODES or an uncaught operation error's code.
 */
import type { Principal } from "../access/index.server";
import { SandboxOptions, sandboxOptionsFromEnv, type SandboxOptionsInput } from "./limits";
import { SandboxRunner, type RunContext } from "./runner.server";
import type { RunOutcome } from "./results";

export { RUN_PROGRAM_MAX_BYTES, type RunLimits, type SandboxOptionsInput } from "./limits";
export { RUN_ERROR_CODES, type RunErrorCode, type RunFailure, type RunOutcome, type RunSuccess, type WriteRecord } from "./results";

export type Sandbox = {
  run(principal: Principal, program: string, context: RunContext): Promise<RunOutcome>;
  runWrite(principal: Principal, program: string, context: RunContext): Promise<RunOutcome>;
  close(): Promise<void>;
};

/** A sandbox with its own worker pool; tests and benchmarks make their own with small limits. */
export function createSandbox(options: SandboxOptionsInput = {}): Sandbox {
  return new SandboxRunner(SandboxOptions.parse(options));
}

let shared: Sandbox | undefined;

function sharedSandbox(): Sandbox {
  shared ??= new SandboxRunner(sandboxOptionsFromEnv(process.env));
  return shared;
}

/** Runs a read-only program in the process's sandbox, configured from the environment on first use. */
export function runProgram(principal: Principal, program: string, context: RunContext): Promise<RunOutcome> {
  return sharedSandbox().run(principal, program, context);
}

/** Runs a program that may also call write operations (`run_write`; Read & write principals only). */
export function runWriteProgram(principal: Principal, program: string, context: RunContext): Promise<RunOutcome> {
  return sharedSandbox().runWrite(principal, program, context);
}
