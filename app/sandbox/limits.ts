/**
 * The limits one program runs under, and the pool's size. Defaults are the product's limits for
 * `run` and `run_write` (spec 6.5); the environment may lower or raise them (tests use small ones), and is parsed
 * once, here, so a typo in a variable fails at start-up instead of silently meaning "no limit".
 */
import { z } from "zod";

export const RUN_PROGRAM_MAX_BYTES = 50 * 1024;

export const RunLimits = z.object({
  /** Time spent executing the program inside the VM; waiting for operations does not count. */
  cpuMs: z.number().int().min(50).max(60_000).default(5_000),
  /** From the start of the run to its end, operation calls included. */
  wallMs: z.number().int().min(100).max(300_000).default(30_000),
  /** The same for `run_write`, whose operation calls may wait on Shopify. */
  writeWallMs: z.number().int().min(100).max(600_000).default(60_000),
  /** The program's heap. The WebAssembly memory is capped a little above it, so the guard trips first. */
  memoryMb: z.number().int().min(24).max(1024).default(128),
  maxOperationCalls: z.number().int().min(0).max(10_000).default(300),
  maxResultBytes: z.number().int().min(16).max(10 * 1024 * 1024).default(100 * 1024),
  /** Counted inside the VM in UTF-16 code units, which equal bytes for ASCII logs. */
  maxLogBytes: z.number().int().min(0).max(10 * 1024 * 1024).default(64 * 1024),
  maxLogLines: z.number().int().min(0).max(100_000).default(1_000),
  maxConcurrentPerPrincipal: z.number().int().min(1).max(100).default(4),
  /** QuickJS's own stack: small enough that a guest overflow never reaches the worker's native stack. */
  guestStackBytes: z.number().int().min(64 * 1024).max(1024 * 1024).default(256 * 1024),
});
export type RunLimits = z.infer<typeof RunLimits>;

export const PoolOptions = z.object({
  workers: z.number().int().min(1).max(64).default(2),
  /** Programs waiting for a worker beyond this are refused as RATE_LIMITED rather than piling up. */
  maxQueued: z.number().int().min(0).max(10_000).default(32),
  /** How long past its CPU limit a busy worker may run before the parent terminates it. */
  backstopGraceMs: z.number().int().min(100).max(60_000).default(1_500),
});
export type PoolOptions = z.infer<typeof PoolOptions>;

export const SandboxOptions = z.object({ limits: RunLimits.prefault({}), pool: PoolOptions.prefault({}) });
export type SandboxOptions = z.infer<typeof SandboxOptions>;
export type SandboxOptionsInput = z.input<typeof SandboxOptions>;

const ENV_VARIABLES = {
  SANDBOX_CPU_MS: ["limits", "cpuMs"],
  SANDBOX_WALL_MS: ["limits", "wallMs"],
  SANDBOX_WRITE_WALL_MS: ["limits", "writeWallMs"],
  SANDBOX_MEMORY_MB: ["limits", "memoryMb"],
  SANDBOX_MAX_OPERATION_CALLS: ["limits", "maxOperationCalls"],
  SANDBOX_MAX_RESULT_BYTES: ["limits", "maxResultBytes"],
  SANDBOX_MAX_LOG_BYTES: ["limits", "maxLogBytes"],
  SANDBOX_MAX_CONCURRENT_PER_PRINCIPAL: ["limits", "maxConcurrentPerPrincipal"],
  SANDBOX_WORKERS: ["pool", "workers"],
  SANDBOX_MAX_QUEUED: ["pool", "maxQueued"],
} as const;

const WholeNumber = z.string().regex(/^\d+$/, "must be a whole number").transform(Number);

/** Reads the `SANDBOX_*` variables that are set; every other limit keeps its default. */
export function sandboxOptionsFromEnv(env: Record<string, string | undefined>): SandboxOptions {
  const limits: Record<string, number> = {};
  const pool: Record<string, number> = {};
  for (const [variable, [group, field]] of Object.entries(ENV_VARIABLES)) {
    const raw = env[variable];
    if (raw === undefined || raw === "") continue;
    const parsed = WholeNumber.safeParse(raw.trim());
    if (!parsed.success) throw new Error(`${variable} must be a whole number, not ${JSON.stringify(raw)}.`);
    (group === "limits" ? limits : pool)[field] = parsed.data;
  }
  const options = SandboxOptions.safeParse({ limits, pool });
  if (!options.success) {
    const problems = options.error.issues.map((issue) => `${variableFor(issue.path)}: ${issue.message}`);
    throw new Error(`Invalid sandbox settings. ${problems.join("; ")}`);
  }
  return options.data;
}

function variableFor(path: readonly PropertyKey[]): string {
  const found = Object.entries(ENV_VARIABLES).find(([, [group, field]]) => group === path[0] && field === path[1]);
  return found ? found[0] : path.map(String).join(".");
}
