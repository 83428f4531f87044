/**
 * The MCP server a principal sees: built per request, holding only the tools the principal's
 * scope allows. Every tool call is audited with what was called, the outcome and the duration.
 */
import { z } from "zod";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { credentialTag, recordAudit, type Principal } from "../access/index.server";
import { catalogueFor, OperationError, SearchInput, searchOperations } from "../operations/index.server";
import { RUN_PROGRAM_MAX_BYTES, runProgram, runWriteProgram, type RunOutcome } from "../sandbox/index.server";
import { registerReadDocs } from "./docs.server";

export const SERVER_INSTRUCTIONS = [
  "Logistified holds this Shopify store's inventory and purchasing data: locations, products and variants, inventory levels, suppliers, purchase orders, transfers, stock takes, supplier returns and reorder rules.",
  "Use `read_docs` for how Logistified works: statuses, inventory effects, and how to write programs.",
  "Use `search_api` to find the operations you may call and their exact signatures (an empty query lists every namespace).",
  "Then use `run` to execute a JavaScript program that calls them through `app` and returns what you need.",
  "If your credential may write, `run_write` runs a program that may also operate purchase orders, transfers, stock takes, supplier returns and reorder rules; pass an idempotency key to every write.",
  "Everything you can see belongs to one store, fixed by your credential.",
].join(" ");

const PROGRAM_INPUT = { program: z.string().min(1).max(RUN_PROGRAM_MAX_BYTES).describe("The body of an async function") };

export function buildAgentServer(principal: Principal, requestId: string): McpServer {
  const server = new McpServer({ name: "Logistified", version: "1.0.0" }, { instructions: SERVER_INSTRUCTIONS });
  const catalogue = catalogueFor(principal);

  server.registerTool(
    "search_api",
    {
      title: "Search the Logistified API",
      description:
        "Search the operations this credential may use. Returns each match's full name (app.<area>.<operation>), kind (read or write), TypeScript-style signature, description, parameters and error codes. An empty query returns an overview of every namespace.",
      inputSchema: SearchInput,
      annotations: {
        title: "Search the Logistified API",
        readOnlyHint: true,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: false,
      },
    },
    async (input) =>
      audited(principal, requestId, "search_api", input, () => jsonResult(searchOperations(catalogue.operations, input))),
  );

  registerReadDocs(server, principal, (input, answer) => audited(principal, requestId, "read_docs", input, answer));

  server.registerTool(
    "run",
    {
      title: "Run a read-only program",
      description: [
        "Run a JavaScript program (the body of an async function, ES2022, up to 50 KB) against this store's data. `await` works, and the value you `return` is the result (JSON, up to 100 KB).",
        "The global `app` has one async method per read operation, e.g. `await app.variants.list({ limit: 1000 })` returns `{ items, totalCount, cursor }` (pass `cursor` back for the next page; null on the last) and `await app.locations.get(id)`. Use `search_api` for the exact names, parameters and result types.",
        "A refused call throws an error with `code`, `message` and `details` (e.g. NOT_FOUND), which the program may catch. `console.log` output is returned as `logs` (64 KB).",
        "There is no network, filesystem, timers, `require` or `process`. Limits: 5 s CPU, 30 s in total, 128 MiB memory, 300 operation calls. Aggregate inside the program and return only what you need.",
      ].join(" "),
      inputSchema: PROGRAM_INPUT,
      annotations: {
        title: "Run a read-only program",
        readOnlyHint: true,
        destructiveHint: false,
        idempotentHint: false,
        openWorldHint: false,
      },
    },
    async ({ program }) => audited(principal, requestId, "run", program, async (record) => programResult(record, await runProgram(principal, program, { requestId }))),
  );

  // A read-only principal has no run_write at all: calling it is an unknown tool (spec 5.3).
  if (principal.scope === "read_write") {
    server.registerTool(
      "run_write",
      {
        title: "Run a program that may write",
        description: [
          "Run a JavaScript program like `run`, whose `app` also has the write operations: purchase orders, transfer orders, stock takes, supplier returns and reorder rules (find them with `search_api`), e.g. `await app.purchaseOrders.receive(id, { lines: [{ lineId, received: 6 }] }, { idempotencyKey: \"receive-PO-1042-1\" })`.",
          "Each write is atomic on its own and commits at once; the program is NOT a transaction, so writes done before a later failure stay done. Always pass `options.idempotencyKey` (1–128 characters, unique per intended change): repeating a program with the same keys returns the first results (`replayed: true`) instead of writing twice.",
          "A refused write throws `{ code, message, details }` (e.g. INVALID_TRANSITION, INSUFFICIENT_AVAILABLE), which the program may catch. Await every call: calls still pending when the program returns are not run.",
          "The answer lists every committed write as `writes` (operation, documentId, activityEntryId, replayed), also when the program fails. Limits as for `run`, but 60 s in total.",
        ].join(" "),
        inputSchema: PROGRAM_INPUT,
        annotations: {
          title: "Run a program that may write",
          readOnlyHint: false,
          destructiveHint: true,
          idempotentHint: false,
          openWorldHint: false,
        },
      },
      async ({ program }) =>
        audited(principal, requestId, "run_write", program, async (record) => programResult(record, await runWriteProgram(principal, program, { requestId }))),
    );
  }

  return server;
}

function programResult(record: AuditNotes, outcome: RunOutcome): CallToolResult {
  record.operations = outcome.operations;
  record.activityEntryIds = outcome.body.writes.flatMap((write) => (write.activityEntryId === null ? [] : [write.activityEntryId]));
  if (!outcome.ok) record.outcome = outcome.body.error.code;
  return outcome.ok ? jsonResult(outcome.body) : { ...jsonResult(outcome.body), isError: true };
}

/** What a tool may add to its audit row: the operations it invoked, its writes' activity entries, a more precise outcome. */
type AuditNotes = { operations: string[]; activityEntryIds: string[]; outcome?: string };

async function audited(
  principal: Principal,
  requestId: string,
  tool: string,
  input: unknown,
  run: (record: AuditNotes) => CallToolResult | Promise<CallToolResult>,
): Promise<CallToolResult> {
  const started = performance.now();
  const notes: AuditNotes = { operations: [], activityEntryIds: [] };
  let outcome = "error";
  try {
    const result = await run(notes);
    outcome = notes.outcome ?? (result.isError ? "tool_error" : "ok");
    return result;
  } catch (error) {
    if (!(error instanceof OperationError)) throw error;
    outcome = error.code;
    return { ...jsonResult({ error: error.toJSON() }), isError: true };
  } finally {
    recordAudit({
      shopId: principal.shop.id,
      tag: credentialTag("mcp", principal.credential),
      principalKind: principal.credential.kind,
      principalId: principal.credential.id,
      channel: "mcp",
      requestId,
      called: `${tool} ${typeof input === "string" ? input : JSON.stringify(input)}`,
      operations: notes.operations,
      activityEntryIds: notes.activityEntryIds,
      outcome,
      durationMs: Math.round(performance.now() - started),
    });
  }
}

function jsonResult(value: unknown): CallToolResult {
  return { content: [{ type: "text", text: JSON.stringify(value, null, 2) }] };
}
