/**
 * Turning the VM's request queue into operation calls. The queue is data the program could have
 * shaped (it runs in the same VM as the prelude), so every entry is parsed and looked up here, and
 * a bad entry is refused on its own rather than trusted or allowed to stop the host.
 */
import { z } from "zod";
import type { Operation } from "../operations/index.server";
import { QueuedCall } from "./protocol";

export type RequestRefusal = { code: "UNKNOWN_OPERATION" | "VALIDATION_FAILED"; message: string; details: Record<string, unknown> };

export type ParsedRequest =
  | { id: number; ok: true; operation: Operation; input: Record<string, unknown> }
  | { id: number; ok: false; refusal: RequestRefusal };

/** A drained queue: `null` when it is not even a JSON array, so no entry can be answered. */
export function parseQueuedCalls(json: string, allowed: ReadonlyMap<string, Operation>): ParsedRequest[] | null {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return null;
  }
  if (!Array.isArray(raw)) return null;
  const requests: ParsedRequest[] = [];
  for (const entry of raw) {
    const call = QueuedCall.safeParse(entry);
    if (!call.success) {
      // Without a usable id the entry cannot be answered; the promise it forged belongs to nobody.
      const id = z.object({ id: z.number().int().positive() }).safeParse(entry);
      if (id.success) requests.push({ id: id.data.id, ok: false, refusal: malformed(call.error.issues) });
      continue;
    }
    requests.push(resolveCall(call.data, allowed));
  }
  return requests;
}

function resolveCall(call: QueuedCall, allowed: ReadonlyMap<string, Operation>): ParsedRequest {
  const operation = allowed.get(call.op);
  if (!operation) {
    const available = [...allowed.keys()].map((name) => `app.${name}`);
    return {
      id: call.id,
      ok: false,
      refusal: {
        code: "UNKNOWN_OPERATION",
        message: `There is no operation ${JSON.stringify(`app.${call.op}`)} in run. Available: ${available.join(", ")}.`,
        details: { operation: `app.${call.op}`, available },
      },
    };
  }
  const input = inputFromArguments(operation, call.args);
  return input.ok ? { id: call.id, ok: true, operation, input: input.input } : { id: call.id, ok: false, refusal: input.refusal };
}

/**
 * `app.variants.get(id, params?)` → `{ ...params, id }`; `app.variants.list(params?)` → `params`.
 * Positional arguments win over the same field in the params object.
 */
export function inputFromArguments(
  operation: Pick<Operation, "name" | "positional">,
  args: readonly unknown[],
): { ok: true; input: Record<string, unknown> } | { ok: false; refusal: RequestRefusal } {
  const positional = operation.positional ?? [];
  const usage = `app.${operation.name}(${[...positional, "params?"].join(", ")})`;
  if (args.length > positional.length + 1) {
    return refuse(`${usage} takes at most ${positional.length + 1} arguments; it was given ${args.length}.`, "(arguments)");
  }
  const params = args[positional.length];
  if (params !== undefined && params !== null && (typeof params !== "object" || Array.isArray(params))) {
    return refuse(`The last argument of ${usage} must be an object of parameters.`, "params");
  }
  const input: Record<string, unknown> = { ...(params as Record<string, unknown> | null | undefined) };
  positional.forEach((field, index) => {
    if (index < args.length) input[field] = args[index];
  });
  return { ok: true, input };
}

function refuse(message: string, field: string): { ok: false; refusal: RequestRefusal } {
  return { ok: false, refusal: { code: "VALIDATION_FAILED", message, details: { fields: [{ field, problem: message }] } } };
}

function malformed(issues: readonly z.core.$ZodIssue[]): RequestRefusal {
  const problems = issues.map((issue) => `${issue.path.map(String).join(".") || "(entry)"}: ${issue.message}`);
  return { code: "VALIDATION_FAILED", message: `A malformed operation request was refused (${problems.join("; ")}).`, details: { problems } };
}
