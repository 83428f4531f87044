/**
 * The `read_docs` tool (spec/agent-access.md §6.4): search the help pages bundled with this release,
 * or read one as Markdown, in parts of at most 8,000 characters. Listed for every principal and
 * read-only. The pages a principal may see come from its scope alone, so a write page is, for a
 * read-only principal, exactly as unknown as a page that does not exist.
 */
import { z } from "zod";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { Principal } from "../access/index.server";
import { helpPagePart, HELP_PART_MAX_CHARS, type HelpPagePart } from "./help/parts";
import { helpPagesFor, type HelpPage } from "./help/pages";
import { HELP_SEARCH_MAX_RESULTS, searchHelpPages } from "./help/search";

export const ReadDocsInput = z
  .object({
    query: z.string().trim().min(1, "must hold at least one word").max(200, "must be at most 200 characters").optional().describe("Words to search the help pages for, e.g. \"receive purchase order\""),
    page: z.string().min(1, "must be a page id").max(100, "must be a page id").optional().describe("The id of a page to read, e.g. \"purchase-orders\""),
    offset: z.number().int().min(0).optional().describe("With `page`: where to continue a long page, as the previous answer said"),
  })
  .superRefine((input, context) => {
    if (input.query !== undefined && input.page !== undefined) {
      context.addIssue({ code: "custom", path: ["page"], message: "give either `query` (to search) or `page` (to read), not both" });
    }
    if (input.query === undefined && input.page === undefined) {
      context.addIssue({ code: "custom", path: ["query"], message: "give `query` (words to search for) or `page` (the id of a page to read)" });
    }
    if (input.offset !== undefined && input.page === undefined) {
      context.addIssue({ code: "custom", path: ["offset"], message: "`offset` continues a `page`, so it needs `page`" });
    }
  });

export type ReadDocsInput = z.output<typeof ReadDocsInput>;

/** What `read_docs` may tell its audit row beyond ok or tool error. */
type AuditNotes = { outcome?: string };

/** Runs one tool call under the caller's audit, as every tool of the agent server is. */
export type AuditedCall = (input: unknown, answer: (notes: AuditNotes) => CallToolResult) => Promise<CallToolResult>;

export function registerReadDocs(server: McpServer, principal: Principal, audited: AuditedCall): void {
  const pages = helpPagesFor(principal.scope);
  server.registerTool(
    "read_docs",
    {
      title: "Read Logistified's help pages",
      description: [
        "Search and read Logistified's help pages, which ship with the app: how the store's locations, variants and inventory quantities, purchase orders, transfer orders, stock takes, supplier returns, reorder rules, suppliers and credits work, and how to write programs for `run`.",
        `Give \`query\` (words) to get up to ${HELP_SEARCH_MAX_RESULTS} pages as { id, title, snippet }, best match first, or \`page\` (an id) to read that page as Markdown.`,
        `Pages over ${HELP_PART_MAX_CHARS.toLocaleString("en-US")} characters come in parts: the answer says the \`offset\` to pass with the same \`page\` for the next part. Start with page "overview".`,
      ].join(" "),
      inputSchema: ReadDocsInput,
      annotations: {
        title: "Read Logistified's help pages",
        readOnlyHint: true,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: false,
      },
    },
    async (input) => audited(input, (notes) => answerReadDocs(pages, input, notes)),
  );
}

function answerReadDocs(pages: readonly HelpPage[], input: ReadDocsInput, notes: AuditNotes): CallToolResult {
  if (input.page === undefined) return searchAnswer(pages, input.query ?? "");
  const page = pages.find((candidate) => candidate.id === input.page);
  if (!page) {
    notes.outcome = "NOT_FOUND";
    return errorAnswer("NOT_FOUND", `There is no help page ${JSON.stringify(input.page)}. Pages: ${pages.map((known) => known.id).join(", ")}.`, {
      page: input.page,
      pages: pages.map((known) => known.id),
    });
  }
  const request = helpPagePart(page.markdown, input.offset ?? 0);
  if (!request.ok) {
    notes.outcome = "VALIDATION_FAILED";
    return errorAnswer("VALIDATION_FAILED", `${request.problem}.`, { fields: [{ field: "offset", problem: request.problem }] });
  }
  return partAnswer(page, request.part);
}

function searchAnswer(pages: readonly HelpPage[], query: string): CallToolResult {
  const hits = searchHelpPages(pages, query);
  if (hits.length > 0) return jsonAnswer({ pages: hits });
  return jsonAnswer({
    pages: [],
    hint: `No help page matched ${JSON.stringify(query)}. Read one of these by id: ${pages.map((page) => `${page.id} (${page.title})`).join("; ")}.`,
  });
}

/** The page's Markdown in a block of its own, so parts concatenate exactly; a second block says where to continue. */
function partAnswer(page: HelpPage, part: HelpPagePart): CallToolResult {
  const content: CallToolResult["content"] = [{ type: "text", text: part.markdown }];
  const end = part.offset + part.markdown.length;
  if (part.nextOffset !== null) {
    content.push({
      type: "text",
      text: `Characters ${part.offset}–${end} of ${part.totalChars} of page "${page.id}". Next offset: ${part.nextOffset}. To continue, call read_docs with ${JSON.stringify({ page: page.id, offset: part.nextOffset })}.`,
    });
  } else if (part.offset > 0) {
    content.push({ type: "text", text: `Characters ${part.offset}–${end} of ${part.totalChars} of page "${page.id}": the last part.` });
  }
  return { content };
}

function errorAnswer(code: string, message: string, details: Record<string, unknown>): CallToolResult {
  return { ...jsonAnswer({ error: { code, message, details } }), isError: true };
}

function jsonAnswer(value: unknown): CallToolResult {
  return { content: [{ type: "text", text: JSON.stringify(value, null, 2) }] };
}
