import { describe, expect, it } from "vitest";
import { parseHelpPage } from "../../app/agent/help/front-matter";

const page = (frontMatter: string, body = "# Title\n\nBody.\n") => `---\n${frontMatter}\n---\n${body}`;

describe("a help page's front matter", () => {
  it("gives the id, the title, whether the page documents writes, and the Markdown after it", () => {
    expect(parseHelpPage("run-write.md", page("id: run-write\ntitle: Writing with run_write: the rules\nwrites: true", "\n# Writing\n\nText.\n"))).toEqual({
      id: "run-write",
      title: "Writing with run_write: the rules",
      writes: true,
      markdown: "# Writing\n\nText.\n",
    });
  });

  it("reads Windows line endings like Unix ones", () => {
    const parsed = parseHelpPage("overview.md", page("id: overview\ntitle: Overview\nwrites: false").replace(/\n/g, "\r\n"));
    expect(parsed).toMatchObject({ id: "overview", writes: false, markdown: "# Title\n\nBody.\n" });
  });

  it.each([
    ["no front matter", "# Title\n", "must open with a front matter block"],
    ["an unclosed block", "---\nid: x\ntitle: X\nwrites: false\n# Title\n", 'has no closing "---"'],
    ["a line that is not name: value", page("id: x\ntitle: X\nwrites false"), 'front matter line "writes false" is not "name: value"'],
    ["a field given twice", page("id: x\nid: y\ntitle: X\nwrites: false"), 'field "id" appears twice'],
    ["a missing title", page("id: x\nwrites: false"), "title is missing"],
    ["an id that is not a slug", page("id: Purchase Orders\ntitle: X\nwrites: false"), "id must be lowercase words joined by hyphens"],
    ["writes that is not a boolean", page("id: x\ntitle: X\nwrites: yes"), "writes must be true or false"],
    ["a missing writes flag", page("id: x\ntitle: X"), "writes is missing"],
    ["an unknown field", page("id: x\ntitle: X\nwrites: false\nauthor: me"), 'Unrecognized key: "author"'],
  ])("refuses %s, naming the file and the problem", (_case, source, problem) => {
    expect(() => parseHelpPage("broken.md", source)).toThrow(/^broken\.md: /);
    expect(() => parseHelpPage("broken.md", source)).toThrow(problem);
  });
});
