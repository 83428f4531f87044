/**
 * The server's log keeps no credential: every `console` line, ours or a library's, is formatted
 * as Node would format it and passed through the same redaction as the audit log before it is
 * written. Installed once, before the server serves anything.
 */
import { formatWithOptions } from "node:util";
import { redactCredentials } from "../app/access/index.server";

const METHODS = ["log", "info", "debug", "warn", "error", "trace"] as const;
let installed = false;

export function installRedactedConsole(): void {
  if (installed) return;
  installed = true;
  for (const method of METHODS) {
    const stream = method === "log" || method === "info" || method === "debug" ? process.stdout : process.stderr;
    console[method] = (...args: unknown[]) => {
      stream.write(`${redactCredentials(formatWithOptions({ colors: false }, ...args))}\n`);
    };
  }
}
