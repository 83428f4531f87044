import { describe, expect, it } from "vitest";
import { helpPagePart, HELP_PART_MAX_CHARS, type HelpPagePart } from "../../app/agent/help/parts";

function readAllParts(markdown: string, maxChars?: number): HelpPagePart[] {
  const parts: HelpPagePart[] = [];
  let offset: number | null = 0;
  while (offset !== null) {
    const request = helpPagePart(markdown, offset, maxChars);
    if (!request.ok) throw new Error(request.problem);
    parts.push(request.part);
    offset = request.part.nextOffset;
  }
  return parts;
}

const LONG_PAGE = Array.from({ length: 700 }, (_, row) => `| row ${row} | ${"é😀 ".repeat(row % 9)}value ${row * 7} |`).join("\n");

describe("reading a help page in parts", () => {
  it("answers a page of at most 8,000 characters in one part with no next offset", () => {
    const markdown = "x".repeat(HELP_PART_MAX_CHARS);
    expect(helpPagePart(markdown, 0)).toEqual({ ok: true, part: { markdown, offset: 0, nextOffset: null, totalChars: HELP_PART_MAX_CHARS } });
  });

  it("splits a long page into parts of at most 8,000 characters that rebuild it exactly", () => {
    expect(LONG_PAGE.length).toBeGreaterThan(3 * HELP_PART_MAX_CHARS);
    const parts = readAllParts(LONG_PAGE);
    expect(parts.length).toBeGreaterThanOrEqual(4);
    expect(parts.map((part) => part.markdown).join("")).toBe(LONG_PAGE);
    for (const part of parts) {
      expect(part.markdown.length).toBeLessThanOrEqual(HELP_PART_MAX_CHARS);
      expect(part.totalChars).toBe(LONG_PAGE.length);
    }
    expect(parts.at(-1)!.nextOffset).toBeNull();
  });

  it("ends each part but the last at a line break, so no table row is cut", () => {
    const parts = readAllParts(LONG_PAGE);
    for (const part of parts.slice(0, -1)) expect(part.markdown.endsWith("\n")).toBe(true);
    expect(parts[1]!.offset).toBe(parts[0]!.nextOffset);
  });

  it("cuts a page without line breaks at the limit, never inside a surrogate pair", () => {
    const markdown = `${"a".repeat(9)}${"😀".repeat(20)}`;
    const parts = readAllParts(markdown, 10);
    expect(parts.map((part) => part.markdown).join("")).toBe(markdown);
    expect(parts[0]!.markdown).toBe("a".repeat(9));
    for (const part of parts) expect(part.markdown).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
  });

  it("continues from any offset inside the page", () => {
    expect(helpPagePart("abcdef", 4)).toEqual({ ok: true, part: { markdown: "ef", offset: 4, nextOffset: null, totalChars: 6 } });
  });

  it.each([
    [6, "offset must be a whole number from 0 to 5 for this page (6 characters)"],
    [-1, "offset must be a whole number from 0 to 5 for this page (6 characters)"],
    [1.5, "offset must be a whole number from 0 to 5 for this page (6 characters)"],
  ])("refuses offset %s, saying which offsets the page has", (offset, problem) => {
    expect(helpPagePart("abcdef", offset)).toEqual({ ok: false, problem });
  });
});
