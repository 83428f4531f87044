/**
 * `read_docs` end to end: the built server, keys made on the Agent Access page, the real MCP client.
 * The pages it answers with are compared with the bundle the build shipped.
 */
import { z } from "zod";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { describe, expect, it } from "vitest";
import { ALL_HELP_PAGES, helpPagesFor } from "../../app/agent/help/pages";
import { createdKey } from "../support/agent-access-page";
import { connectWithKey, jsonOf } from "../support/mcp-client";
import { useTestServer } from "../support/test-server";

const server = useTestServer();

const SearchAnswer = z.object({ pages: z.array(z.object({ id: z.string(), title: z.string(), snippet: z.string() })), hint: z.string().optional() });
const ErrorAnswer = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.object({ page: z.string(), pages: z.array(z.string()) }) }) });
const PageAnswer = z.object({ content: z.array(z.object({ type: z.literal("text"), text: z.string() })).min(1).max(2), isError: z.literal(false).optional() });
const ToolError = z.object({ isError: z.literal(true), content: z.array(z.object({ type: z.literal("text"), text: z.string() })).length(1) });

const WRITE_PAGE_IDS = ALL_HELP_PAGES.filter((page) => page.writes).map((page) => page.id);

async function clientFor(scope: "read" | "read_write", label = `Docs ${scope}`) {
  const key = await createdKey(server.url, { label, scope });
  return { key, client: await connectWithKey(server.url, key.key) };
}

async function search(client: Client, query: string) {
  const answer = await client.callTool({ name: "read_docs", arguments: { query } });
  expect(answer.isError).toBeFalsy();
  return SearchAnswer.parse(jsonOf(answer));
}

/** Reads every part of a page, following the offset each answer names. */
async function readWholePage(client: Client, page: string) {
  const parts: string[] = [];
  let offset: number | null = 0;
  while (offset !== null) {
    const answer = PageAnswer.parse(await client.callTool({ name: "read_docs", arguments: offset === 0 ? { page } : { page, offset } }));
    parts.push(answer.content[0]!.text);
    const next = /Next offset: (\d+)\./.exec(answer.content[1]?.text ?? "");
    offset = next ? Number(next[1]) : null;
  }
  return parts;
}

async function unknownPageError(client: Client, page: string) {
  const answer = await client.callTool({ name: "read_docs", arguments: { page } });
  expect(answer.isError).toBe(true);
  return ErrorAnswer.parse(jsonOf(answer)).error;
}

describe("read_docs through the agent endpoint", () => {
  it("is listed for a read key as a read-only tool that takes a query or a page", async () => {
    const { client } = await clientFor("read");
    const { tools } = await client.listTools();
    await client.close();
    expect(tools.map((tool) => tool.name)).toEqual(["search_api", "read_docs", "run"]);
    const readDocs = tools.find((tool) => tool.name === "read_docs")!;
    expect(readDocs.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false, openWorldHint: false });
    expect(Object.keys(readDocs.inputSchema.properties ?? {})).toEqual(["query", "page", "offset"]);
    expect(client.getInstructions()).toContain("read_docs");
  });

  it("answers a query with up to ten pages, best match first, each with its id, title and a snippet", async () => {
    const { client } = await clientFor("read");
    const found = await search(client, "receive purchase order");
    await client.close();
    expect(found.pages.length).toBeGreaterThan(1);
    expect(found.pages.length).toBeLessThanOrEqual(10);
    expect(found.pages[0]).toMatchObject({ id: "purchase-orders", title: "Purchase orders (PO)" });
    expect(found.pages[0]!.snippet).toMatch(/purchase order/i);
  });

  it("says which pages exist when a query matches none", async () => {
    const { client } = await clientFor("read");
    const found = await search(client, "zebra");
    await client.close();
    expect(found.pages).toEqual([]);
    expect(found.hint).toContain("overview (How Logistified works)");
  });

  it("reads a short page back whole, and a long one in parts that rebuild it exactly", async () => {
    const { client } = await clientFor("read");
    const overview = await readWholePage(client, "overview");
    const purchaseOrders = await readWholePage(client, "purchase-orders");
    await client.close();

    const shipped = (id: string) => ALL_HELP_PAGES.find((page) => page.id === id)!.markdown;
    expect(overview).toEqual([shipped("overview")]);
    expect(shipped("purchase-orders").length).toBeGreaterThan(8_000);
    expect(purchaseOrders.length).toBe(Math.ceil(shipped("purchase-orders").length / 8_000));
    expect(purchaseOrders.join("")).toBe(shipped("purchase-orders"));
    for (const part of purchaseOrders) expect(part.length).toBeLessThanOrEqual(8_000);
  });

  it("never shows a read key the pages that document writes, in results or by id", async () => {
    const { client } = await clientFor("read");
    const results = await Promise.all(["idempotency key", "run_write", "write error codes", "receive purchase order example"].map((query) => search(client, query)));
    const asWritePage = await unknownPageError(client, "run-write");
    const missing = await unknownPageError(client, "no-such-page");
    await client.close();

    for (const found of results) for (const page of found.pages) expect(WRITE_PAGE_IDS).not.toContain(page.id);
    expect(asWritePage).toEqual({
      ...missing,
      message: missing.message.replace('"no-such-page"', '"run-write"'),
      details: { ...missing.details, page: "run-write" },
    });
    expect(missing.code).toBe("NOT_FOUND");
    expect(missing.details.pages).toEqual(helpPagesFor("read").map((page) => page.id));
    expect(missing.message).toContain(`Pages: ${helpPagesFor("read").map((page) => page.id).join(", ")}.`);
  });

  it("shows a read & write key the write pages too", async () => {
    const { client } = await clientFor("read_write");
    const found = await search(client, "idempotency key retry");
    const runWrite = await readWholePage(client, "run-write");
    const missing = await unknownPageError(client, "no-such-page");
    await client.close();

    expect(found.pages[0]!.id).toBe("run-write");
    expect(runWrite.join("")).toBe(ALL_HELP_PAGES.find((page) => page.id === "run-write")!.markdown);
    expect(missing.details.pages).toEqual(ALL_HELP_PAGES.map((page) => page.id));
  });

  it.each([
    ["both query and page", { query: "transfer", page: "transfer-orders" }, ["query", "page", "not both"]],
    ["neither query nor page", {}, ["query", "page"]],
    ["an offset with a query", { query: "transfer", offset: 10 }, ["offset", "page"]],
    ["a negative offset", { page: "transfer-orders", offset: -1 }, ["offset"]],
  ])("refuses %s as invalid params naming the field", async (_case, args, named) => {
    const { client } = await clientFor("read");
    const answer = ToolError.parse(await client.callTool({ name: "read_docs", arguments: args }));
    await client.close();
    expect(answer.content[0]!.text).toContain("Input validation error");
    for (const word of named) expect(answer.content[0]!.text).toContain(word);
  });

  it("refuses an offset past the end of the page, saying which offsets it has", async () => {
    const { client } = await clientFor("read");
    const answer = await client.callTool({ name: "read_docs", arguments: { page: "overview", offset: 1_000_000 } });
    await client.close();
    expect(answer.isError).toBe(true);
    expect(JSON.stringify(jsonOf(answer))).toMatch(/offset must be a whole number from 0 to \d+ for this page/);
  });

  it("audits every call like the other tools: what was asked and the outcome", async () => {
    const { key, client } = await clientFor("read", "Docs audit");
    await client.callTool({ name: "read_docs", arguments: { query: "stock take" } });
    await client.callTool({ name: "read_docs", arguments: { page: "stock-takes" } });
    await client.callTool({ name: "read_docs", arguments: { page: "write-examples" } });
    await client.close();

    const rows = server.auditRows(`mcp:${key.prefix}`);
    expect(rows.map((row) => [row.called, row.outcome, row.channel])).toEqual([
      ['read_docs {"query":"stock take"}', "ok", "mcp"],
      ['read_docs {"page":"stock-takes"}', "ok", "mcp"],
      ['read_docs {"page":"write-examples"}', "NOT_FOUND", "mcp"],
    ]);
    for (const row of rows) expect(row.requestId).toMatch(/^req_/);
  });
});
