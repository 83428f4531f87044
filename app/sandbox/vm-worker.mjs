/**
 * The sandbox worker: hosts QuickJS for one program at a time and nothing else. It is plain
 * JavaScript loaded by `new Worker(...)` at runtime, outside the Remix bundle, so that the same
 * file serves the built server and the tests. It touches no database and no credential: every
 * operation request is posted to the parent, which decides and answers.
 *
 * Per run: a fresh WebAssembly instance (from the module compiled once per worker) over a memory
 * with a hard maximum, one runtime, one context. The instance is never reused and never disposed:
 * disposing after an out-of-memory or an interrupt can abort the module, and dropping every
 * reference frees the same memory.
 *
 * Messages in:  {type:"run", runId, program, operations, limits} | {type:"settle", runId, json} | {type:"abort", runId}
 * Messages out: {type:"requests", runId, json} | {type:"done", runId, report} | {type:"crashed", runId, message}
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { parentPort, workerData } from "node:worker_threads";
import { newQuickJSWASMModuleFromVariant, newVariant } from "quickjs-emscripten-core";
import RELEASE_SYNC from "@jitl/quickjs-wasmfile-release-sync";

const { preludeSource, programFilename, finishBudgetMs } = workerData;
const require = createRequire(import.meta.url);
const WASM_PAGE_BYTES = 64 * 1024;
const MB = 1024 * 1024;
// Headroom above the program's memory limit: the guard trips first, and the report can still be built.
const HARD_CAP_EXTRA_MB = 32;
// QuickJS refuses any single allocation above this, such as `new Uint8Array(1e9)`.
const SINGLE_ALLOCATION_LIMIT_MB = 64;
// Per operation call, so that at most (calls × this) of requests ever reach the parent's thread.
const MAX_ARGUMENT_CHARS = 16 * 1024;

const wasmModule = await WebAssembly.compile(await readFile(require.resolve("@jitl/quickjs-wasmfile-release-sync/wasm")));

const inbox = [];
let waiter = null;
parentPort.on("message", (message) => {
  if (waiter) {
    const resolve = waiter;
    waiter = null;
    resolve(message);
  } else {
    inbox.push(message);
  }
});
function nextMessage() {
  if (inbox.length > 0) return Promise.resolve(inbox.shift());
  return new Promise((resolve) => (waiter = resolve));
}

parentPort.postMessage({ type: "ready" });
for (;;) {
  const message = await nextMessage();
  if (message.type !== "run") continue;
  try {
    const report = await runProgram(message);
    parentPort.postMessage({ type: "done", runId: message.runId, report });
  } catch (error) {
    // A host-side exception leaves emscripten's state unknown: report it and let the parent start a new worker.
    parentPort.postMessage({ type: "crashed", runId: message.runId, message: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
}

async function runProgram({ runId, program, operations, limits }) {
  const hardCapMb = limits.memoryMb + HARD_CAP_EXTRA_MB;
  const memory = new WebAssembly.Memory({ initial: 256, maximum: (hardCapMb * MB) / WASM_PAGE_BYTES });
  const guardBytes = limits.memoryMb * MB;
  const quickjs = await newQuickJSWASMModuleFromVariant(newVariant(RELEASE_SYNC, { wasmModule, wasmMemory: memory }));
  const runtime = quickjs.newRuntime();
  runtime.setMemoryLimit(Math.min(SINGLE_ALLOCATION_LIMIT_MB, limits.memoryMb) * MB);
  runtime.setMaxStackSize(limits.guestStackBytes);

  let cpuMs = 0;
  let sliceDeadline = 0;
  let tripped = null;
  runtime.setInterruptHandler(() => {
    if (memory.buffer.byteLength > guardBytes) tripped ??= "memory";
    else if (performance.now() > sliceDeadline) tripped ??= "cpu";
    return tripped !== null;
  });
  // Only time spent executing inside the VM counts against the CPU limit.
  const slice = (work) => {
    const started = performance.now();
    sliceDeadline = started + Math.max(0, limits.cpuMs - cpuMs);
    try {
      return work();
    } finally {
      cpuMs += performance.now() - started;
    }
  };

  const context = runtime.newContext();
  const controls = slice(() => {
    const prelude = context.unwrapResult(context.evalCode(preludeSource, "prelude.js", { type: "global", strict: true }));
    const operationsArg = context.newString(JSON.stringify(operations));
    const limitsArg = context.newString(
      JSON.stringify({
        maxLogChars: limits.maxLogBytes,
        maxLogLines: limits.maxLogLines,
        maxQueuedCalls: limits.maxOperationCalls,
        maxArgumentChars: MAX_ARGUMENT_CHARS,
      }),
    );
    return context.unwrapResult(context.callFunction(prelude, context.undefined, operationsArg, limitsArg));
  });
  const control = (name) => context.getProp(controls, name);
  const drain = control("drain");
  const settle = control("settle");

  let outcome = null;
  let settled = null;
  const evaluated = slice(() => context.evalCode(`(async () => {\n${program}\n})()`, programFilename, { type: "global", strict: true }));
  if (evaluated.error) settled = { type: "rejected", error: evaluated.error };
  const promise = evaluated.error ? null : evaluated.value;

  while (!settled && !tripped) {
    slice(() => runtime.executePendingJobs(-1));
    if (tripped) break;
    const state = context.getPromiseState(promise);
    if (state.type !== "pending") {
      settled = state;
      break;
    }
    const requests = slice(() => context.getString(context.unwrapResult(context.callFunction(drain, context.undefined))));
    if (tripped) break;
    if (requests === "") {
      outcome = { kind: "never_settled" };
      break;
    }
    parentPort.postMessage({ type: "requests", runId, json: requests });
    let reply = await nextMessage();
    while (reply.runId !== runId) reply = await nextMessage();
    if (reply.type === "abort") {
      outcome = { kind: "aborted" };
      break;
    }
    slice(() => {
      const json = context.newString(reply.json);
      context.unwrapResult(context.callFunction(settle, context.undefined, json));
    });
  }

  // A fresh, short budget for reading the result and the log out, with no memory guard: after a
  // limit trips, the handler above would interrupt these calls too.
  let finishDeadline = performance.now() + finishBudgetMs;
  runtime.setInterruptHandler(() => performance.now() > finishDeadline);
  const callControl = (name, ...args) => {
    finishDeadline = performance.now() + finishBudgetMs;
    const result = context.callFunction(control(name), context.undefined, ...args);
    if (result.error) return null;
    return context.getString(result.value);
  };

  if (tripped === "memory") outcome = { kind: "memory_exceeded" };
  else if (tripped === "cpu") outcome = { kind: "cpu_exceeded" };
  else if (!outcome && settled.type === "fulfilled") {
    const described = callControl("describeResult", settled.value, context.newNumber(limits.maxResultBytes));
    outcome = described === null ? { kind: "result_unreadable" } : { kind: "returned", described };
  } else if (!outcome) {
    // `throw null` and an error QuickJS had no room to allocate look alike; memory tells them apart.
    const nothing = settled.error === undefined || isNullish(context, settled.error);
    if (nothing && memory.buffer.byteLength >= guardBytes) outcome = { kind: "memory_exceeded" };
    else outcome = { kind: "threw", described: settled.error === undefined ? null : callControl("describeError", settled.error) };
  }
  const logs = callControl("logs");
  return { outcome, logs, cpuMs: Math.round(cpuMs), memoryBytes: memory.buffer.byteLength };
}

function isNullish(context, handle) {
  // Compared, never dumped: dumping an object could run the program's getters.
  return context.typeof(handle) === "undefined" || context.sameValue(handle, context.null);
}
