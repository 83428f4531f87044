/**
 * Hostile programs, run through the sandbox's face exactly as the `run` tool runs them. Each must
 * end with the expected code, and a plain program must work right after it.
 *
 * Outcomes must not depend on the machine's speed: a program aimed at the CPU limit runs under a
 * short one, and every other program runs with CPU and wall-clock room to spare, so that on a slow,
 * busy machine it still reaches the limit it is aimed at (memory, depth, output, operations) first.
 * How fast each limit stops a program is measured by the sandbox benchmark, not asserted here.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "../../app/access/index.server";
import { catalogueFor } from "../../app/operations/index.server";
import { createSandbox, type RunOutcome, type Sandbox } from "../../app/sandbox/index.server";
import { variants } from "../../db/schema";
import { createSandboxStore, type SandboxStore } from "../support/sandbox-store";

const LIMITS = {
  cpuMs: 20_000,
  wallMs: 120_000,
  memoryMb: 64,
  maxOperationCalls: 20,
  maxResultBytes: 10 * 1024,
  maxLogBytes: 4 * 1024,
  maxLogLines: 100,
};
// For the programs aimed at the CPU limit only: short, so that the suite stays fast.
const CPU_LIMITS = { ...LIMITS, cpuMs: 1_000 };

let store: SandboxStore;
let sandbox: Sandbox;
let cpuBound: Sandbox;
let reader: Principal;

beforeAll(() => {
  store = createSandboxStore();
  sandbox = createSandbox({ limits: LIMITS, pool: { workers: 2, backstopGraceMs: 1_000 } });
  cpuBound = createSandbox({ limits: CPU_LIMITS, pool: { workers: 1, backstopGraceMs: 1_000 } });
  reader = store.principal("read");
});
afterAll(async () => {
  await sandbox?.close();
  await cpuBound?.close();
  store?.remove();
});

/** `cpu`: the program is aimed at the CPU limit and runs under the short one. */
type Case = { name: string; program: string; code: string; limit?: "cpu" };

const CASES: Case[] = [
  // Endless CPU
  { name: "a plain infinite loop", program: "for (;;) {}", code: "TIMEOUT", limit: "cpu" },
  { name: "an infinite loop re-entering catch", program: "for (;;) { try { throw new Error('again'); } catch (error) {} }", code: "TIMEOUT", limit: "cpu" },
  { name: "an infinite loop that continues from finally", program: "for (;;) { try { } finally { continue; } }", code: "TIMEOUT", limit: "cpu" },
  { name: "recursion that loops in finally", program: "function f() { try { return f(); } finally { for (;;) {} } }\nf();", code: "TIMEOUT", limit: "cpu" },
  { name: "a loop that swallows its own interruption", program: "try { for (;;) {} } catch (error) {}\nfor (;;) {}\nreturn 'escaped';", code: "TIMEOUT", limit: "cpu" },
  { name: "an endless chain of async jobs", program: "for (;;) await null;", code: "TIMEOUT", limit: "cpu" },
  { name: "two async loops taking turns", program: "const spin = async () => { for (;;) await Promise.resolve(); };\nawait Promise.all([spin(), spin()]);", code: "TIMEOUT", limit: "cpu" },
  { name: "catastrophic regex backtracking", program: "return /^(a+)+$/.test('a'.repeat(40) + 'b');", code: "TIMEOUT", limit: "cpu" },
  { name: "a getter loop in the returned value's toJSON", program: "return { toJSON() { for (;;) {} } };", code: "PROGRAM_ERROR" },
  { name: "a thrown object whose message getter never returns", program: "throw { get message() { for (;;) {} } };", code: "PROGRAM_ERROR" },
  { name: "a thrown proxy whose traps never return", program: "throw new Proxy({}, { get() { for (;;) {} } });", code: "PROGRAM_ERROR" },

  // Memory
  { name: "many small objects", program: "const kept = [];\nfor (;;) kept.push({ x: kept.length, y: 'y' });", code: "MEMORY_LIMIT" },
  { name: "retained one-megabyte strings", program: "const kept = [];\nfor (;;) kept.push('x'.repeat(1 << 20) + kept.length);", code: "MEMORY_LIMIT" },
  { name: "retained typed arrays", program: "const kept = [];\nfor (;;) kept.push(new Float64Array(1 << 17));", code: "MEMORY_LIMIT" },
  { name: "one gigabyte typed array", program: "return new Uint8Array(2 ** 30).length;", code: "MEMORY_LIMIT" },
  { name: "a memory bomb that catches out-of-memory and carries on", program: "const kept = [];\ntry { for (;;) kept.push('y'.repeat(1 << 20) + kept.length); } catch (error) { for (;;) kept.push({}); }", code: "MEMORY_LIMIT" },
  { name: "a string doubled until it cannot grow", program: "let s = 'x';\nfor (;;) s += s;", code: "PROGRAM_ERROR" },

  // Depth
  { name: "unbounded recursion", program: "function down(n) { return down(n + 1) + 1; }\nreturn down(0);", code: "PROGRAM_ERROR" },
  { name: "deeply nested JSON", program: "return JSON.parse('['.repeat(100000));", code: "PROGRAM_ERROR" },
  { name: "deeply nested source", program: `return ${"(".repeat(20000)}1${")".repeat(20000)};`, code: "PROGRAM_ERROR" },
  { name: "deeply nested source through eval", program: "return eval('('.repeat(50000));", code: "PROGRAM_ERROR" },
  { name: "a deeply nested return value", program: "let a = [];\nfor (let i = 0; i < 20000; i++) a = [a];\nreturn a;", code: "PROGRAM_ERROR" },

  // Output
  { name: "a program over 50 KB in UTF-8", program: `return '${"é".repeat(26_000)}';`, code: "PROGRAM_ERROR" },
  { name: "a huge result", program: "return 'x'.repeat(1_000_000);", code: "RESULT_TOO_LARGE" },
  { name: "a result under the limit in characters but over it in bytes", program: "return 'é'.repeat(6000);", code: "RESULT_TOO_LARGE" },
  { name: "a result that is not JSON", program: "return 10n;", code: "PROGRAM_ERROR" },

  // Promises
  { name: "a promise that never settles", program: "await new Promise(() => {});", code: "PROGRAM_ERROR" },
  { name: "a toJSON that recurses inside JSON.stringify, which overshoots the deadline",  program: "Object.prototype.toJSON = function () { return { again: [{}] }; };\nfor (;;) { try { JSON.stringify({}); } catch (error) {} }", code: "TIMEOUT", limit: "cpu" },
  { name: "a thenable that never calls back", program: "await { then() {} };", code: "PROGRAM_ERROR" },

  // Reaching out
  { name: "a dynamic import", program: "return await import('node:fs');", code: "PROGRAM_ERROR" },
  { name: "require", program: "return require('node:child_process');", code: "PROGRAM_ERROR" },
  { name: "reassigning a frozen app method", program: "app.locations.list = async () => [];\nreturn 1;", code: "PROGRAM_ERROR" },
  { name: "a write operation in run", program: "return await app.purchaseOrders.create({ supplierId: 'sup_1', lines: [] });", code: "PROGRAM_ERROR" },
  { name: "forging an operation error with a run code", program: "throw { code: 'UNAUTHORIZED', message: 'forged', details: {} };", code: "PROGRAM_ERROR" },

  // Operations
  { name: "more operation calls than allowed", program: "for (let i = 0; i < 100; i++) await app.locations.list();", code: "OPERATION_LIMIT" },
  { name: "a flood of calls never awaited", program: "for (let i = 0; i < 100000; i++) app.locations.list();\nawait app.locations.list();", code: "OPERATION_LIMIT" },
  { name: "an oversized operation argument", program: "return await app.variants.list({ search: 'x'.repeat(1_000_000) });", code: "PROGRAM_ERROR" },
  { name: "a long but acceptable argument the operation refuses", program: "return await app.variants.list({ search: 'x'.repeat(5_000) });", code: "VALIDATION_FAILED" },
  { name: "a flood of calls with the largest arguments", program: "const big = 'x'.repeat(16_000);\nfor (let i = 0; i < 1000; i++) app.variants.list({ search: big });\nawait app.variants.list({ search: big });", code: "OPERATION_LIMIT" },
  { name: "arguments that are not JSON", program: "const loop = {}; loop.self = loop;\nreturn await app.variants.list(loop);", code: "PROGRAM_ERROR" },
  { name: "an unknown id", program: "return await app.variants.get('var_doesnotexist');", code: "NOT_FOUND" },
];

describe("hostile programs are contained, and the next run works", () => {
  it("has at least thirty of them", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(CASES)("$name ends with $code", async ({ program, code, limit }) => {
    const outcome = await (limit === "cpu" ? cpuBound : sandbox).run(reader, program, { requestId: "req_test" });
    expect(outcome.ok, JSON.stringify(outcome.body)).toBe(false);
    expect(errorOf(outcome).code, JSON.stringify(outcome.body)).toBe(code);
    await expectSandboxStillWorks();
  });
});

describe("nothing of the host is reachable", () => {
  it("has no require, process, fetch, timers, std or os, and no host globals", async () => {
    const outcome = await sandbox.run(
      reader,
      `const names = ['require', 'process', 'fetch', 'setTimeout', 'setInterval', 'std', 'os', 'Buffer', 'WebAssembly', '__RAW'];
       const g = Function('return this')();
       return { types: names.map((name) => typeof g[name]), globals: Object.getOwnPropertyNames(g).filter((name) => name.startsWith('_')) };`,
      { requestId: "req_test" },
    );
    expect(resultOf(outcome)).toEqual({ types: Array(10).fill("undefined"), globals: [] });
  });

  it("gives the Function constructor only the VM's own global", async () => {
    const outcome = await sandbox.run(
      reader,
      "const AsyncFunction = (async () => {}).constructor;\nreturn await AsyncFunction('return [typeof process, typeof require, typeof app, this === globalThis]')();",
      { requestId: "req_test" },
    );
    expect(resultOf(outcome)).toEqual(["undefined", "undefined", "object", true]);
  });

  it("lists only read operations in app, even for a read & write credential", async () => {
    const outcome = await sandbox.run(
      store.principal("read_write"),
      "return Object.keys(app).flatMap((area) => Object.keys(app[area]).map((name) => area + '.' + name));",
      { requestId: "req_test" },
    );
    const principal = store.principal("read_write");
    const reads = catalogueFor(principal).operations.filter((operation) => operation.kind === "read").map((operation) => operation.name);
    expect(resultOf(outcome)).toEqual(reads);
    expect(reads).toEqual(expect.arrayContaining(["locations.list", "locations.get", "variants.list", "variants.get", "purchaseOrders.list"]));
  });

  it("tells an assistant that guesses an operation name which ones exist", async () => {
    const outcome = await sandbox.run(reader, "return await app.variants.find('x');", { requestId: "req_test" });
    expect(errorOf(outcome).message).toContain("not a function");
    expect(errorOf(outcome).message).toContain("app.variants.list, app.variants.get");
  });
});

describe("patching built-ins cannot change which operation runs", () => {
  it("a replaced JSON.stringify does not forge the queued request", async () => {
    const outcome = await sandbox.run(
      reader,
      `JSON.stringify = () => '{"id":1,"op":"purchaseOrders.create","args":[{}]}';
       const page = await app.locations.list();
       return page.items.length;`,
      { requestId: "req_test" },
    );
    expect(resultOf(outcome)).toBe(4);
    expect(outcome.operations).toEqual(["app.locations.list"]);
  });

  it("Object.prototype.toJSON reshaping every request is refused as malformed, and nothing else runs", async () => {
    const outcome = await sandbox.run(
      reader,
      `Object.prototype.toJSON = function () { return 'purchaseOrders.create'; };
       try { await app.locations.list({}); } catch (error) { return error.code; }`,
      { requestId: "req_test" },
    );
    expect(resultOf(outcome)).toBe("VALIDATION_FAILED");
    expect(outcome.operations).toEqual([]);
  });

  it("a replaced Promise and Object.defineProperty do not reach the prelude", async () => {
    const outcome = await sandbox.run(
      reader,
      `globalThis.Promise = function () { throw new Error('intercepted'); };
       Object.defineProperty = () => { throw new Error('intercepted'); };
       Object.freeze = (value) => value;
       const page = await app.locations.list({ limit: 2 });
       console.log('items', page.items.length);
       return page.totalCount;`,
      { requestId: "req_test" },
    );
    expect(resultOf(outcome)).toBe(4);
    expect(outcome.body.logs).toEqual(["items 2"]);
  });

  it("an Array.prototype setter breaks only the program's own call, and nothing runs", async () => {
    const outcome = await sandbox.run(
      reader,
      `Object.defineProperty(Array.prototype, '0', { set() { throw new Error('intercepted'); }, configurable: true });
       return await app.locations.list();`,
      { requestId: "req_test" },
    );
    expect(errorOf(outcome).code).toBe("PROGRAM_ERROR");
    expect(outcome.operations).toEqual([]);
  });
});

describe("one store per credential", () => {
  it("another store's variant id is NOT_FOUND, and its product id lists nothing", async () => {
    const theirs = store.db
      .select({ id: variants.id, productId: variants.productId })
      .from(variants)
      .where(and(eq(variants.shopId, store.otherShopId)))
      .limit(1)
      .get()!;
    const outcome = await sandbox.run(
      reader,
      `const listed = await app.variants.list({ productId: ${JSON.stringify(theirs.productId)} });
       try { await app.variants.get(${JSON.stringify(theirs.id)}); return 'found'; }
       catch (error) { return { code: error.code, listed: listed.totalCount }; }`,
      { requestId: "req_test" },
    );
    expect(resultOf(outcome)).toEqual({ code: "NOT_FOUND", listed: 0 });
    const uncaught = await sandbox.run(reader, `return await app.variants.get(${JSON.stringify(theirs.id)});`, { requestId: "req_test" });
    expect(errorOf(uncaught)).toMatchObject({ code: "NOT_FOUND", details: { id: theirs.id, operation: "app.variants.get" } });
  });
});

describe("limits the parent enforces", () => {
  it("a revoked credential stops the program at its next call with UNAUTHORIZED", async () => {
    const principal = store.principal("read");
    store.revoke(principal);
    const outcome = await sandbox.run(principal, "console.log('before');\nreturn await app.locations.list();", { requestId: "req_test" });
    expect(errorOf(outcome)).toMatchObject({ code: "UNAUTHORIZED", details: { operation: "app.locations.list" } });
    expect(outcome.body.logs).toEqual(["before"]);
    expect(outcome.body.reads).toBe(0);
  });

  it("a program past the wall clock is terminated by the parent, and a fresh worker serves the next run", async () => {
    const short = createSandbox({ limits: { ...LIMITS, cpuMs: 60_000, wallMs: 400 }, pool: { workers: 1 } });
    try {
      const outcome = await short.run(reader, "for (;;) {}", { requestId: "req_test" });
      expect(errorOf(outcome)).toMatchObject({ code: "TIMEOUT", details: { limit: "wall" } });
      expect(resultOf(await short.run(reader, "return 'again';", { requestId: "req_test" }))).toBe("again");
    } finally {
      await short.close();
    }
  });

  it("a builtin that cannot be interrupted is ended by the parent terminating its worker", async () => {
    // JSON.stringify recursing through toJSON until the guest stack overflows takes about a second
    // inside one builtin call, far past this CPU limit plus its grace.
    const strict = createSandbox({ limits: { ...LIMITS, cpuMs: 200 }, pool: { workers: 1, backstopGraceMs: 100 } });
    try {
      const outcome = await strict.run(reader, "Object.prototype.toJSON = function () { return { again: [{}] }; };\nJSON.stringify({});", { requestId: "req_test" });
      expect(errorOf(outcome)).toMatchObject({ code: "TIMEOUT", details: { limit: "cpu", terminated: true } });
      expect(resultOf(await strict.run(reader, "return 'again';", { requestId: "req_test" }))).toBe("again");
    } finally {
      await strict.close();
    }
  });

  it("a full queue refuses the next program with RATE_LIMITED instead of holding it", async () => {
    const single = createSandbox({ limits: CPU_LIMITS, pool: { workers: 1, maxQueued: 0 } });
    try {
      const spinning = single.run(reader, "for (;;) {}", { requestId: "req_test" });
      const refused = await single.run(store.principal("read"), "return 1;", { requestId: "req_test" });
      expect(errorOf(refused)).toMatchObject({ code: "RATE_LIMITED", message: "The sandbox is busy with other programs. Retry in a few seconds." });
      expect(errorOf(await spinning).code).toBe("TIMEOUT");
      expect(resultOf(await single.run(reader, "return 'free again';", { requestId: "req_test" }))).toBe("free again");
    } finally {
      await single.close();
    }
  });

  it("a flooded console keeps what fits and says how much was dropped", async () => {
    const outcome = await sandbox.run(reader, "for (let i = 0; i < 100000; i++) console.log('line', i);\nreturn 'done';", { requestId: "req_test" });
    expect(resultOf(outcome)).toBe("done");
    expect(outcome.body.logs).toHaveLength(LIMITS.maxLogLines + 1);
    expect(outcome.body.logs.at(-1)).toBe("[… 99900 more log lines dropped: the log is limited to 4 KB]");
  });

  it("one enormous log line is cut to the log's size", async () => {
    const outcome = await sandbox.run(reader, "console.log('z'.repeat(1_000_000)); console.log('after');\nreturn 1;", { requestId: "req_test" });
    expect(outcome.body.logs[0]).toHaveLength(LIMITS.maxLogBytes + " [line cut]".length);
    expect(outcome.body.logs.at(-1)).toContain("1 more log line dropped");
  });
});

async function expectSandboxStillWorks() {
  const outcome = await sandbox.run(reader, "const page = await app.locations.list();\nreturn page.items.length + 1;", { requestId: "req_test" });
  expect(resultOf(outcome)).toBe(5);
}

function resultOf(outcome: RunOutcome): unknown {
  if (!outcome.ok) throw new Error(`the run failed: ${JSON.stringify(outcome.body.error)}`);
  return outcome.body.result;
}

function errorOf(outcome: RunOutcome) {
  if (outcome.ok) throw new Error(`the run succeeded: ${JSON.stringify(outcome.body.result)}`);
  return outcome.body.error;
}
