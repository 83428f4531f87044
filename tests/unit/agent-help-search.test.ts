import { describe, expect, it } from "vitest";
import type { HelpPage } from "../../app/agent/help/front-matter";
import { helpPagesFor } from "../../app/agent/help/pages";
import { searchHelpPages, termsOf } from "../../app/agent/help/search";

const topIds = (pages: readonly HelpPage[], query: string, count = 1) => searchHelpPages(pages, query).slice(0, count).map((hit) => hit.id);

describe("search terms", () => {
  it.each([
    ["Receive, receives, received, receiving", ["receiv", "receiv", "receiv", "receiv"]],
    ["cancelled shipped transferred", ["cancel", "ship", "transfer"]],
    ["app.purchaseOrders.receive", ["app", "purchas", "order", "receiv"]],
    ["INSUFFICIENT_AVAILABLE on_hand", ["insufficient", "availabl", "hand"]],
    ["How do I complete a stock take?", ["complet", "stock", "tak"]],
    ["status address quantities PO-1042", ["status", "address", "quantity", "po", "1042"]],
  ])("%j become %j", (text, terms) => {
    expect(termsOf(text)).toEqual(terms);
  });
});

describe("ranking the bundled help pages", () => {
  const readPages = helpPagesFor("read");
  const allPages = helpPagesFor("read_write");

  it.each([
    ["read", readPages],
    ["read & write", allPages],
  ] as const)("puts the purchase-order page first for \"receive purchase order\" with %s scope", (_scope, pages) => {
    expect(topIds(pages, "receive purchase order")).toEqual(["purchase-orders"]);
    expect(topIds(pages, "receiving a PO")).toEqual(["purchase-orders"]);
  });

  it.each([
    ["send a transfer to another location", "transfer-orders"],
    ["stock take count variance", "stock-takes"],
    ["on_hand available committed incoming", "inventory-quantities"],
    ["supplier credit balance", "suppliers-and-credits"],
    ["RMA credit resolve", "supplier-returns"],
    ["reorder point min max", "reorder-rules"],
    ["cursor paging limit", "writing-programs"],
    ["late purchase orders example", "program-examples"],
  ])("answers %j with %s first", (query, id) => {
    expect(topIds(readPages, query)).toEqual([id]);
    expect(topIds(allPages, query)).toEqual([id]);
  });

  it.each([
    ["idempotency key retry", "run-write"],
    ["run_write not a transaction", "run-write"],
    ["INSUFFICIENT_AVAILABLE what to do", "write-errors"],
    ["OVER_RECEIPT", "write-errors"],
  ])("answers a writer's %j with %s first", (query, id) => {
    expect(topIds(allPages, query)).toEqual([id]);
  });

  it("returns at most ten pages, each with its title and a snippet holding the match", () => {
    const hits = searchHelpPages(allPages, "purchase order location supplier status available incoming");
    expect(hits).toHaveLength(10);
    for (const hit of hits) {
      expect(hit.title).toBe(allPages.find((page) => page.id === hit.id)!.title);
      expect(hit.snippet.length).toBeGreaterThan(0);
      expect(hit.snippet.length).toBeLessThanOrEqual(242);
    }
    const [first] = searchHelpPages(allPages, "shortfall");
    expect(first).toMatchObject({ id: "transfer-orders" });
    expect(first!.snippet.toLowerCase()).toContain("shortfall");
  });

  it("finds nothing for words no page holds, or for stop words alone", () => {
    expect(searchHelpPages(allPages, "zebra giraffe")).toEqual([]);
    expect(searchHelpPages(allPages, "how do I")).toEqual([]);
  });

  it("never returns a page it was not handed", () => {
    const readIds = new Set(readPages.map((page) => page.id));
    for (const query of ["idempotency key", "run_write", "write errors", "receive purchase order example"]) {
      for (const hit of searchHelpPages(readPages, query)) expect(readIds.has(hit.id)).toBe(true);
    }
  });
});

describe("ranking on small pages", () => {
  const page = (id: string, title: string, markdown: string): HelpPage => ({ id, title, writes: false, markdown });

  it("prefers a page whose title the query names over one that only mentions the words", () => {
    const pages = [
      page("recipes", "Recipes for many tasks", "Receive a purchase order. Receive a purchase order again. Send a purchase order."),
      page("purchase-orders", "Purchase orders", "Statuses and receiving."),
    ];
    expect(topIds(pages, "receive purchase order")).toEqual(["purchase-orders"]);
  });

  it("prefers a page holding every query word over one holding a single word many times", () => {
    const pages = [page("a", "A", "credit credit credit credit credit"), page("b", "B", "supplier credit")];
    expect(topIds(pages, "supplier credit")).toEqual(["b"]);
  });
});
