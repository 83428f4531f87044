/**
 * `npm run bench`: runs every `tests/bench/*.bench.ts` (or those named on the command line), one
 * after another, each printing its own measurements. A benchmark file exports `bench()`.
 */
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { z } from "zod";

const BenchModule = z.object({ bench: z.function() });

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((name) => name.endsWith(".bench.ts"))
  .filter((name) => wanted.length === 0 || wanted.some((w) => name.includes(w)))
  .sort();

for (const file of files) {
  console.log(`\n# ${file}`);
  const module = BenchModule.parse(await import(pathToFileURL(join(here, file)).href));
  await module.bench();
}
// Worker pools and servers started by a benchmark are closed by it; exit in case a handle lingers.
process.exit(0);
