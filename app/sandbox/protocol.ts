/**
 * What crosses between the parent and a sandbox worker, and between the VM and the worker. The
 * worker and everything the VM produced are untrusted: the parent parses each message with these
 * schemas and treats anything else as a broken worker.
 */
import { z } from "zod";

export const WorkerMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ready") }),
  z.object({ type: z.literal("requests"), runId: z.number().int(), json: z.string() }),
  z.object({ type: z.literal("crashed"), runId: z.number().int(), message: z.string() }),
  z.object({
    type: z.literal("done"),
    runId: z.number().int(),
    report: z.object({
      outcome: z.discriminatedUnion("kind", [
        z.object({ kind: z.literal("returned"), described: z.string() }),
        z.object({ kind: z.literal("result_unreadable") }),
        z.object({ kind: z.literal("threw"), described: z.string().nullable() }),
        z.object({ kind: z.literal("never_settled") }),
        z.object({ kind: z.literal("aborted") }),
        z.object({ kind: z.literal("cpu_exceeded") }),
        z.object({ kind: z.literal("memory_exceeded") }),
      ]),
      logs: z.string().nullable(),
      cpuMs: z.number(),
      memoryBytes: z.number(),
    }),
  }),
]);
export type WorkerMessage = z.infer<typeof WorkerMessage>;
export type WorkerReport = Extract<WorkerMessage, { type: "done" }>["report"];

/** `describeResult` in the prelude. */
export const DescribedResult = z.union([
  z.object({ json: z.string() }),
  z.object({ tooLargeChars: z.number().int() }),
  z.object({ notJson: z.string() }),
]);

/** `describeError` in the prelude. */
export const DescribedError = z.union([
  z.object({ operationCallId: z.number().int() }),
  z.object({ name: z.string(), message: z.string(), stack: z.string() }),
]);

/** `logs` in the prelude. */
export const DescribedLogs = z.object({ lines: z.array(z.string()), dropped: z.number().int().min(0) });

/** One entry of the VM's request queue, as the prelude writes it. */
export const QueuedCall = z.object({ id: z.number().int().positive(), op: z.string().max(200), args: z.array(z.unknown()) });
export type QueuedCall = z.infer<typeof QueuedCall>;

export type Settlement = { id: number; value: unknown } | { id: number; error: { code: string; message: string; details: unknown } };
