/**
 * The help pages this release ships (bundled from `docs/` at build time, so serving them reads no
 * file and makes no request), and which of them a principal may see: a read-only principal never
 * sees a page that documents writes, in search results or by id (spec/agent-access.md §5.3).
 */
import type { Principal } from "../../access/index.server";
import { parseHelpPage, type HelpPage } from "./front-matter";
import { HELP_PAGE_SOURCES } from "./pages.generated";

export type { HelpPage } from "./front-matter";

export const ALL_HELP_PAGES: readonly HelpPage[] = withUniqueIds(HELP_PAGE_SOURCES.map(({ file, source }) => parseHelpPage(file, source)));

const PAGES_BY_SCOPE: Record<Principal["scope"], readonly HelpPage[]> = {
  read: ALL_HELP_PAGES.filter((page) => !page.writes),
  read_write: ALL_HELP_PAGES,
};

/** The same array for every call with a scope, so search can keep its index per scope. */
export function helpPagesFor(scope: Principal["scope"]): readonly HelpPage[] {
  return PAGES_BY_SCOPE[scope];
}

function withUniqueIds(pages: HelpPage[]): HelpPage[] {
  const seen = new Set<string>();
  for (const page of pages) {
    if (seen.has(page.id)) throw new Error(`help page id ${page.id} is used twice`);
    seen.add(page.id);
  }
  return pages;
}
