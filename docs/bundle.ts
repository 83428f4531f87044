/**
 * Bundles `docs/*.md` into `app/agent/help/pages.generated.ts`, so the help pages travel inside the
 * server build and `read_docs` never reads a file or the network at runtime. Runs before every
 * `remix build`; a unit test fails when the committed bundle differs from `docs/`.
 *
 *   npm run docs:bundle
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const DOCS_DIR = fileURLToPath(new URL("./", import.meta.url));
export const BUNDLE_PATH = fileURLToPath(new URL("../app/agent/help/pages.generated.ts", import.meta.url));

export function readDocsSources(dir: string = DOCS_DIR): { file: string; source: string }[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith(".md"))
    .sort()
    .map((file) => ({ file, source: readFileSync(`${dir}/${file}`, "utf8") }));
}

export function renderHelpBundle(sources: readonly { file: string; source: string }[]): string {
  const entries = sources.map(({ file, source }) => `  { file: ${JSON.stringify(file)}, source: ${JSON.stringify(source)} },`);
  return [
    "// Generated from docs/*.md by docs/bundle.ts (npm run docs:bundle). Do not edit by hand.",
    "export const HELP_PAGE_SOURCES: readonly { file: string; source: string }[] = [",
    ...entries,
    "];",
    "",
  ].join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sources = readDocsSources();
  writeFileSync(BUNDLE_PATH, renderHelpBundle(sources));
  console.log(`Bundled ${sources.length} help pages into ${BUNDLE_PATH}`);
}
