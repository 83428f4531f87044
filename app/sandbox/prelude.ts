/**
 * The prelude: plain JavaScript evaluated inside the VM before the program. It is a function
 * expression; the worker calls it with the operation list and log limits (as JSON strings) and
 * keeps the object it returns, which the program never sees. It defines the frozen globals `app`
 * and `console`:
 *
 * - each `app.<area>.<operation>(...)` appends `{"id","op","args"}` to a private queue and returns
 *   a promise; the host drains the queue as one string, runs the calls, and settles the promises
 *   with one JSON string. No host function is ever exposed.
 * - `console.*` appends lines to a private buffer under a size budget.
 *
 * The prelude captures the built-ins it uses before the program runs, so a program that patches
 * `JSON`, `Object.prototype` or `Promise` only confuses itself. Nothing here is trusted by the host:
 * every request and report is parsed and checked outside the VM.
 */

export type PreludeOperation = { name: string; positional: readonly string[] };
export type PreludeLimits = { maxLogChars: number; maxLogLines: number; maxQueuedCalls: number; maxArgumentChars: number };

/** Filename the program is evaluated under; its stack frames name it, which is how lines are found. */
export const PROGRAM_FILENAME = "program.js";

/** The program becomes the body of an async function; its first line is line 2 of the evaluated source. */
export function wrapProgram(program: string): string {
  return `(async () => {\n${program}\n})()`;
}

export const PROGRAM_LINE_OFFSET = 1;

export const PRELUDE_SOURCE = String.raw`(function (operationsJson, limitsJson) {
  "use strict";
  const parse = JSON.parse;
  const stringify = JSON.stringify;
  const freeze = Object.freeze;
  const defineProperty = Object.defineProperty;
  const hasOwn = Object.hasOwn;
  const create = Object.create;
  const apply = Reflect.apply;
  const PromiseCtor = Promise;
  const ErrorCtor = Error;
  const TypeErrorCtor = TypeError;
  const StringCtor = String;
  const sliceString = String.prototype.slice;
  const weakMapGet = WeakMap.prototype.get;
  const weakMapSet = WeakMap.prototype.set;
  const globalObject = globalThis;

  const operations = parse(operationsJson);
  const limits = parse(limitsJson);

  // Strings and null-prototype objects only: a patched Array.prototype setter cannot intercept them.
  let queued = "";
  let queuedCalls = 0;
  let nextId = 0;
  const pending = create(null);
  const failedCallIds = new WeakMap();

  let logJson = "";
  let logChars = 0;
  let logLines = 0;
  let droppedLines = 0;

  function cut(text, length) {
    return apply(sliceString, text, [0, length]);
  }

  function describe(value) {
    if (typeof value === "string") return value;
    try {
      if (value instanceof ErrorCtor) return StringCtor(value.name) + ": " + StringCtor(value.message);
      const json = stringify(value);
      return json === undefined ? StringCtor(value) : json;
    } catch (error) {
      try {
        return StringCtor(value);
      } catch (inner) {
        return "[value that cannot be printed]";
      }
    }
  }

  function rejected(error) {
    return new PromiseCtor(function (resolve, reject) { reject(error); });
  }

  function call(name, args) {
    let argsJson;
    try {
      argsJson = stringify(args);
    } catch (error) {
      return rejected(new TypeErrorCtor("app." + name + ": arguments must be JSON values (" + describe(error) + ")"));
    }
    // Operation inputs are ids and filters; a cap keeps a flood of huge arguments off the host.
    if (argsJson === undefined || argsJson.length > limits.maxArgumentChars) {
      return rejected(new TypeErrorCtor("app." + name + ": the arguments are " + (argsJson === undefined ? "not JSON" : argsJson.length + " characters of JSON; at most " + limits.maxArgumentChars + " are accepted") + "."));
    }
    nextId += 1;
    const id = nextId;
    // One past the limit is still queued so that the host sees the limit crossed; beyond that
    // the run is over anyway and nothing more needs to be held.
    if (queuedCalls <= limits.maxQueuedCalls) {
      queuedCalls += 1;
      const entry = '{"id":' + id + ',"op":' + stringify(name) + ',"args":' + argsJson + "}";
      queued = queued === "" ? entry : queued + "," + entry;
    }
    return new PromiseCtor(function (resolve, reject) {
      pending[id] = { resolve: resolve, reject: reject };
    });
  }

  const app = create(null);
  for (let i = 0; i < operations.length; i += 1) {
    const operation = operations[i];
    const dot = operation.name.indexOf(".");
    const area = cut(operation.name, dot);
    if (!hasOwn(app, area)) defineProperty(app, area, { value: create(null), enumerable: true });
    const name = operation.name;
    defineProperty(app[area], apply(sliceString, name, [dot + 1]), {
      value: function () {
        const args = [];
        for (let j = 0; j < arguments.length; j += 1) defineProperty(args, j, { value: arguments[j], enumerable: true, writable: true, configurable: true });
        return call(name, args);
      },
      enumerable: true,
    });
  }
  for (const area in app) freeze(app[area]);
  freeze(app);

  function logger(prefix) {
    return function () {
      let line = prefix;
      for (let i = 0; i < arguments.length; i += 1) line += (i === 0 ? "" : " ") + describe(arguments[i]);
      if (droppedLines > 0 || logLines >= limits.maxLogLines) {
        droppedLines += 1;
        return;
      }
      const room = limits.maxLogChars - logChars;
      if (line.length > room) {
        if (room > 0) {
          const kept = cut(line, room) + " [line cut]";
          logJson = logJson === "" ? stringify(kept) : logJson + "," + stringify(kept);
          logLines += 1;
          logChars = limits.maxLogChars;
        } else {
          droppedLines += 1;
        }
        return;
      }
      logJson = logJson === "" ? stringify(line) : logJson + "," + stringify(line);
      logChars += line.length;
      logLines += 1;
    };
  }

  const consoleObject = freeze({
    log: logger(""),
    info: logger("[info] "),
    debug: logger("[debug] "),
    warn: logger("[warn] "),
    error: logger("[error] "),
  });
  defineProperty(globalObject, "app", { value: app, enumerable: true });
  defineProperty(globalObject, "console", { value: consoleObject, enumerable: true });

  return freeze({
    drain: function () {
      const out = queued;
      queued = "";
      return out === "" ? "" : "[" + out + "]";
    },
    settle: function (settlementsJson) {
      const settlements = parse(settlementsJson);
      for (let i = 0; i < settlements.length; i += 1) {
        const settlement = settlements[i];
        const waiting = pending[settlement.id];
        if (waiting === undefined) continue;
        delete pending[settlement.id];
        if (!hasOwn(settlement, "error")) {
          waiting.resolve(settlement.value);
          continue;
        }
        const failure = new ErrorCtor(settlement.error.message);
        defineProperty(failure, "name", { value: "OperationError", writable: true, configurable: true });
        defineProperty(failure, "code", { value: settlement.error.code, enumerable: true, writable: true, configurable: true });
        defineProperty(failure, "details", { value: settlement.error.details, enumerable: true, writable: true, configurable: true });
        apply(weakMapSet, failedCallIds, [failure, settlement.id]);
        waiting.reject(failure);
      }
    },
    describeResult: function (value, maxChars) {
      let json;
      try {
        json = stringify(value);
      } catch (error) {
        return '{"notJson":' + stringify(cut(describe(error), 2000)) + "}";
      }
      if (json === undefined) json = "null";
      if (json.length > maxChars) return '{"tooLargeChars":' + json.length + "}";
      return '{"json":' + stringify(json) + "}";
    },
    describeError: function (reason) {
      if (reason !== null && (typeof reason === "object" || typeof reason === "function")) {
        const callId = apply(weakMapGet, failedCallIds, [reason]);
        if (callId !== undefined) return '{"operationCallId":' + callId + "}";
      }
      let name = "Uncaught value";
      let message = "";
      let stack = "";
      try {
        if (reason instanceof ErrorCtor) {
          name = StringCtor(reason.name);
          message = StringCtor(reason.message);
          stack = StringCtor(reason.stack === undefined ? "" : reason.stack);
        } else {
          message = describe(reason);
        }
      } catch (error) {
        message = "(the thrown value could not be described)";
      }
      return '{"name":' + stringify(cut(name, 200)) + ',"message":' + stringify(cut(message, 2000)) + ',"stack":' + stringify(cut(stack, 2048)) + "}";
    },
    logs: function () {
      return '{"lines":[' + logJson + '],"dropped":' + droppedLines + "}";
    },
  });
})`;
