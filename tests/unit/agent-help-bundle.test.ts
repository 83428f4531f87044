import { describe, expect, it } from "vitest";
import { ALL_HELP_PAGES, helpPagesFor } from "../../app/agent/help/pages";
import { HELP_PAGE_SOURCES } from "../../app/agent/help/pages.generated";
import { readDocsSources, renderHelpBundle } from "../../docs/bundle";

describe("the help pages shipped with the app", () => {
  it("are exactly docs/ as it is now (run npm run docs:bundle after editing a page)", () => {
    expect(HELP_PAGE_SOURCES).toEqual(readDocsSources());
    expect(renderHelpBundle(HELP_PAGE_SOURCES)).toBe(renderHelpBundle(readDocsSources()));
  });

  it("are 8 to 14 pages, each named after its id and opening with a heading", () => {
    expect(ALL_HELP_PAGES.length).toBeGreaterThanOrEqual(8);
    expect(ALL_HELP_PAGES.length).toBeLessThanOrEqual(14);
    ALL_HELP_PAGES.forEach((page, index) => {
      expect(HELP_PAGE_SOURCES[index]!.file).toBe(`${page.id}.md`);
      expect(page.markdown).toMatch(/^# /);
    });
  });

  it("flag the pages that document writes, and a read-only scope sees none of them", () => {
    const writePages = ALL_HELP_PAGES.filter((page) => page.writes).map((page) => page.id);
    expect(writePages.sort()).toEqual(["run-write", "write-errors", "write-examples"]);
    expect(helpPagesFor("read").map((page) => page.id)).toEqual(ALL_HELP_PAGES.filter((page) => !page.writes).map((page) => page.id));
    expect(helpPagesFor("read_write")).toEqual(ALL_HELP_PAGES);
  });

  it("keep write calls off the pages a read-only scope sees", () => {
    for (const page of helpPagesFor("read")) {
      expect(page.markdown, page.id).not.toMatch(/idempotencyKey|app\.(purchaseOrders|transferOrders|stockTakes|supplierReturns|reorderRules)\.(?!list|get)\w+\(/);
    }
  });
});
