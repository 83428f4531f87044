/**
 * A help page's source: a Markdown file in `docs/` that opens with a small front matter block
 *
 *   ---
 *   id: purchase-orders
 *   title: Purchase orders
 *   writes: false
 *   ---
 *
 * `writes: true` marks a page that documents agent write operations; read-only principals never
 * see those (spec/agent-access.md §5.3). Pure: parsing fails loudly, naming the file and field,
 * because a malformed page is a defect of the release, not something to serve around.
 */
import { z } from "zod";

export const HelpPageMeta = z
  .object({
    id: z.string({ error: "is missing" }).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lowercase words joined by hyphens, like purchase-orders"),
    title: z.string({ error: "is missing" }).min(1, "must not be empty").max(120, "must be at most 120 characters"),
    writes: z.enum(["true", "false"], { error: (issue) => (issue.input === undefined ? "is missing" : "must be true or false") }).transform((value) => value === "true"),
  })
  .strict();

export type HelpPage = z.output<typeof HelpPageMeta> & {
  /** The page without its front matter. */
  markdown: string;
};

const FENCE = "---";

export function parseHelpPage(fileName: string, source: string): HelpPage {
  const lines = source.replace(/\r\n/g, "\n").split("\n");
  if (lines[0] !== FENCE) throw new Error(`${fileName}: a help page must open with a front matter block ("${FENCE}" on the first line)`);
  const closing = lines.indexOf(FENCE, 1);
  if (closing === -1) throw new Error(`${fileName}: the front matter block has no closing "${FENCE}"`);

  const fields: Record<string, string> = {};
  for (const line of lines.slice(1, closing)) {
    const match = /^([A-Za-z]+):\s*(.*)$/.exec(line);
    if (!match) throw new Error(`${fileName}: front matter line ${JSON.stringify(line)} is not "name: value"`);
    const [, name = "", value = ""] = match;
    if (name in fields) throw new Error(`${fileName}: front matter field "${name}" appears twice`);
    fields[name] = value.trim();
  }
  const meta = HelpPageMeta.safeParse(fields);
  if (!meta.success) {
    const problems = meta.error.issues.map((issue) => `${issue.path.join(".") || "front matter"} ${issue.message}`);
    throw new Error(`${fileName}: ${problems.join("; ")}`);
  }
  const markdown = lines.slice(closing + 1).join("\n").replace(/^\n+/, "");
  return { ...meta.data, markdown };
}
