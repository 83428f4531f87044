import { describe, expect, it } from "vitest";
import { formatBytes, logsWithMarker, programLineOf } from "../../app/sandbox/results";

describe("the program's line in a QuickJS stack", () => {
  it.each([
    ["    at <anonymous> (program.js:4:5)\n    at <eval> (program.js:5:3)\n", 3],
    ["    at program.js:2:8\n", 1],
    ["    at f (program.js:12:22)\n    at f (program.js:12:22)\n", 11],
    ["    at call (prelude.js:62:40)\n    at value (prelude.js:89:9)\n    at <anonymous> (program.js:5:45)\n", 4],
    ["    at <input>:1:16304\n    at parse (native)\n", null],
    ["", null],
  ])("%j is line %s", (stack, line) => {
    expect(programLineOf(stack)).toBe(line);
  });
});

describe("the log with its dropped marker", () => {
  it.each([
    [["a", "b"], 0, 65_536, ["a", "b"]],
    [["a"], 1, 65_536, ["a", "[… 1 more log line dropped: the log is limited to 64 KB]"]],
    [[], 12_345, 4_096, ["[… 12345 more log lines dropped: the log is limited to 4 KB]"]],
  ])("%j with %i dropped", (lines, dropped, limit, expected) => {
    expect(logsWithMarker(lines, dropped, limit)).toEqual(expected);
  });
});

describe("sizes in messages", () => {
  it.each([
    [102_400, "100 KB"],
    [134_217_728, "128 MiB"],
    [200_002, "200,002 bytes"],
  ])("%i bytes reads %s", (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
