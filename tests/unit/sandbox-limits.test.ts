import { describe, expect, it } from "vitest";
import { sandboxOptionsFromEnv } from "../../app/sandbox/limits";

describe("sandbox limits from the environment", () => {
  it("are the product's limits when nothing is set", () => {
    expect(sandboxOptionsFromEnv({})).toEqual({
      limits: {
        cpuMs: 5_000,
        wallMs: 30_000,
        writeWallMs: 60_000,
        memoryMb: 128,
        maxOperationCalls: 300,
        maxResultBytes: 102_400,
        maxLogBytes: 65_536,
        maxLogLines: 1_000,
        maxConcurrentPerPrincipal: 4,
        guestStackBytes: 262_144,
      },
      pool: { workers: 2, maxQueued: 32, backstopGraceMs: 1_500 },
    });
  });

  it.each([
    [{ SANDBOX_CPU_MS: "1000" }, "limits", { cpuMs: 1_000 }],
    [{ SANDBOX_WALL_MS: " 2500 " }, "limits", { wallMs: 2_500 }],
    [{ SANDBOX_MEMORY_MB: "64", SANDBOX_MAX_RESULT_BYTES: "2048" }, "limits", { memoryMb: 64, maxResultBytes: 2_048 }],
    [{ SANDBOX_MAX_CONCURRENT_PER_PRINCIPAL: "2" }, "limits", { maxConcurrentPerPrincipal: 2 }],
    [{ SANDBOX_WORKERS: "4", SANDBOX_MAX_QUEUED: "0" }, "pool", { workers: 4, maxQueued: 0 }],
    [{ SANDBOX_CPU_MS: "" }, "limits", { cpuMs: 5_000 }],
  ] as const)("%o sets %s %o", (env, group, expected) => {
    expect(sandboxOptionsFromEnv(env)[group]).toMatchObject(expected);
  });

  it.each([
    [{ SANDBOX_CPU_MS: "5s" }, "SANDBOX_CPU_MS must be a whole number, not \"5s\"."],
    [{ SANDBOX_CPU_MS: "-1" }, "SANDBOX_CPU_MS must be a whole number"],
    [{ SANDBOX_MEMORY_MB: "8" }, "SANDBOX_MEMORY_MB: Too small"],
    [{ SANDBOX_WORKERS: "0" }, "SANDBOX_WORKERS: Too small"],
  ])("%o is refused at start-up", (env, message) => {
    expect(() => sandboxOptionsFromEnv(env)).toThrow(message);
  });
});
