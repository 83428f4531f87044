/**
 * The worker pool. Programs run in `worker_threads` workers so a busy program never stalls the
 * web server's event loop, and with a large native stack so QuickJS's own stack limit always trips
 * before the host's. A bounded queue holds programs waiting for a worker; beyond it they are
 * refused. The parent is the backstop for everything the worker cannot stop itself: a worker that
 * runs past its CPU limit (a long builtin such as a huge sort is not interruptible) or past the
 * wall-clock limit is terminated, and a fresh worker takes its place.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { RunLimits, PoolOptions } from "./limits";
import { PRELUDE_SOURCE, PROGRAM_FILENAME } from "./prelude";
import { WorkerMessage, type WorkerReport } from "./protocol";
import { RunError } from "./results";

/** What the parent answers to a batch of requests: the settlements, or the end of the run. */
export type RequestsReply = { settle: string } | { abort: true };

export type PoolJob = {
  program: string;
  operations: { name: string; positional: readonly string[] }[];
  limits: RunLimits;
  onRequests: (json: string) => Promise<RequestsReply>;
};

export type PoolResult =
  | { kind: "report"; report: WorkerReport; startedAt: number }
  | { kind: "terminated"; reason: "wall" | "cpu" | "crashed"; message: string; startedAt: number; cause?: unknown };

// Reading the result and the log out of the VM after the program ends gets its own small budget.
const FINISH_BUDGET_MS = 250;
// Worker heap for host-side JSON (a page of 1,000 rows is a few hundred KB); WASM memory is separate.
const WORKER_HEAP_MB = 256;
const WORKER_STACK_MB = 16;

type Slot = { worker: Worker; ready: Promise<void>; job: ActiveJob | null; dead: boolean };
type ActiveJob = PoolJob & {
  runId: number;
  startedAt: number;
  finish: (result: PoolResult) => void;
  wallTimer: NodeJS.Timeout | null;
  sliceTimer: NodeJS.Timeout | null;
  cpuSpentMs: number;
  sliceStartedAt: number | null;
};
type Queued = { job: PoolJob; resolve: (result: PoolResult) => void };

export class SandboxPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Queued[] = [];
  private nextRunId = 1;
  private closed = false;

  constructor(
    private readonly options: PoolOptions,
    private readonly workerScript: string = findWorkerScript(),
  ) {}

  /** Runs a program on the next free worker; refuses with RATE_LIMITED when the queue is full. */
  run(job: PoolJob): Promise<PoolResult> {
    if (this.closed) throw new Error("the sandbox pool is closed");
    const canStartNow = this.idleSlot() !== undefined || this.slots.length < this.options.workers;
    if (!canStartNow && this.queue.length >= this.options.maxQueued) {
      throw new RunError("RATE_LIMITED", "The sandbox is busy with other programs. Retry in a few seconds.", {
        queued: this.queue.length,
      });
    }
    return new Promise((resolvePromise) => {
      this.queue.push({ job, resolve: resolvePromise });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
    this.slots.length = 0;
  }

  private idleSlot(): Slot | undefined {
    return this.slots.find((slot) => !slot.dead && slot.job === null);
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.idleSlot();
      if (!slot && this.slots.length < this.options.workers) slot = this.spawn();
      if (!slot) return;
      const next = this.queue.shift()!;
      this.start(slot, next);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.workerScript, {
      workerData: { preludeSource: PRELUDE_SOURCE, programFilename: PROGRAM_FILENAME, finishBudgetMs: FINISH_BUDGET_MS },
      resourceLimits: { stackSizeMb: WORKER_STACK_MB, maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    // Idle workers must not keep the process alive; a running program's timers do.
    worker.unref();
    let markReady!: () => void;
    const slot: Slot = { worker, ready: new Promise((done) => (markReady = done)), job: null, dead: false };
    worker.on("message", (raw: unknown) => {
      const message = WorkerMessage.safeParse(raw);
      if (!message.success) return this.retire(slot, "crashed", "The sandbox worker sent a message it should not have.");
      if (message.data.type === "ready") return markReady();
      this.onMessage(slot, message.data);
    });
    worker.on("error", (error) => this.retire(slot, "crashed", error.message));
    worker.on("exit", () => this.retire(slot, "crashed", "The sandbox worker stopped."));
    this.slots.push(slot);
    return slot;
  }

  private start(slot: Slot, { job, resolve: resolveJob }: Queued): void {
    const runId = this.nextRunId++;
    const active: ActiveJob = {
      ...job,
      runId,
      startedAt: performance.now(),
      wallTimer: null,
      sliceTimer: null,
      cpuSpentMs: 0,
      sliceStartedAt: null,
      finish: (result) => {
        if (active.wallTimer) clearTimeout(active.wallTimer);
        if (active.sliceTimer) clearTimeout(active.sliceTimer);
        if (slot.job === active) slot.job = null;
        resolveJob(result);
        this.dispatch();
      },
    };
    slot.job = active;
    void slot.ready.then(() => {
      if (slot.job !== active) return;
      active.startedAt = performance.now();
      active.wallTimer = setTimeout(() => this.terminate(slot, "wall"), job.limits.wallMs);
      slot.worker.postMessage({ type: "run", runId, program: job.program, operations: job.operations, limits: job.limits });
      this.startSlice(slot, active);
    });
  }

  /** The worker computes from now until it next posts: the CPU backstop covers exactly that time. */
  private startSlice(slot: Slot, job: ActiveJob): void {
    job.sliceStartedAt = performance.now();
    const remainingMs = Math.max(0, job.limits.cpuMs - job.cpuSpentMs) + this.options.backstopGraceMs;
    job.sliceTimer = setTimeout(() => this.terminate(slot, "cpu"), remainingMs);
  }

  private endSlice(job: ActiveJob): void {
    if (job.sliceStartedAt !== null) job.cpuSpentMs += performance.now() - job.sliceStartedAt;
    job.sliceStartedAt = null;
    if (job.sliceTimer) clearTimeout(job.sliceTimer);
    job.sliceTimer = null;
  }

  private onMessage(slot: Slot, message: Exclude<WorkerMessage, { type: "ready" }>): void {
    const job = slot.job;
    if (!job || message.runId !== job.runId) return;
    this.endSlice(job);
    if (message.type === "done") return job.finish({ kind: "report", report: message.report, startedAt: job.startedAt });
    if (message.type === "crashed") return this.retire(slot, "crashed", message.message);
    job.onRequests(message.json).then(
      (reply) => {
        if (slot.job !== job) return;
        if ("abort" in reply) slot.worker.postMessage({ type: "abort", runId: job.runId });
        else slot.worker.postMessage({ type: "settle", runId: job.runId, json: reply.settle });
        this.startSlice(slot, job);
      },
      (error: unknown) => {
        // A defect while executing an operation: the run ends, and the caller rethrows the cause.
        if (slot.job === job) this.retire(slot, "crashed", error instanceof Error ? error.message : String(error), error);
      },
    );
  }

  private terminate(slot: Slot, reason: "wall" | "cpu"): void {
    this.retire(slot, reason, reason === "wall" ? "wall-clock limit" : "CPU limit");
  }

  /** Takes a worker out of service, ending its current run, if any, with `reason`. */
  private retire(slot: Slot, reason: "wall" | "cpu" | "crashed", message: string, cause?: unknown): void {
    const job = slot.job;
    slot.job = null;
    if (!slot.dead) {
      slot.dead = true;
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots.splice(index, 1);
      void slot.worker.terminate();
    }
    if (job) job.finish({ kind: "terminated", reason, message, startedAt: job.startedAt, ...(cause === undefined ? {} : { cause }) });
    else if (!this.closed) this.dispatch();
  }
}

/**
 * The worker is a plain `.mjs` file beside this one. From source (tests) it sits next to this
 * module; from the built server this module is inlined into `build/index.js`, so it is found
 * from the working directory, which the server already relies on for `public/`.
 */
function findWorkerScript(): string {
  const candidates = [fileURLToPath(new URL("./vm-worker.mjs", import.meta.url)), resolve(process.cwd(), "app/sandbox/vm-worker.mjs")];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`The sandbox worker script is missing; looked in ${candidates.join(" and ")}.`);
  return found;
}
