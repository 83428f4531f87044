import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Principal } from "../../app/access/index.server";
import { catalogueFor, type Operation } from "../../app/operations/index.server";
import { inputFromArguments, parseQueuedCalls } from "../../app/sandbox/requests";

describe("arguments to operation input", () => {
  const get = { name: "variants.get", positional: ["id"] } as const satisfies Pick<Operation, "name" | "positional">;
  const list = { name: "variants.list" } as const satisfies Pick<Operation, "name" | "positional">;
  it.each([
    [get, ["var_1"], { id: "var_1" }],
    [get, ["var_1", { expand: true }], { expand: true, id: "var_1" }],
    [get, ["var_1", { id: "var_2" }], { id: "var_1" }],
    [get, [], {}],
    [list, [], {}],
    [list, [null], {}],
    [list, [{ limit: 5 }], { limit: 5 }],
  ])("%o called with %j", (operation, args, input) => {
    expect(inputFromArguments(operation, args)).toEqual({ ok: true, input });
  });

  it.each([
    [get, ["a", {}, {}], "app.variants.get(id, params?) takes at most 2 arguments; it was given 3."],
    [list, ["sku"], "The last argument of app.variants.list(params?) must be an object of parameters."],
    [list, [[1]], "The last argument of app.variants.list(params?) must be an object of parameters."],
  ])("%o refuses %j", (operation, args, message) => {
    expect(inputFromArguments(operation, args)).toMatchObject({ ok: false, refusal: { code: "VALIDATION_FAILED", message } });
  });
});

describe("a drained request queue, forged or not", () => {
  // The catalogue's own read operations for a read & write principal; only reads are allowed in run.
  const principal: Principal = {
    shop: { id: "shop_1", domain: "a.myshopify.com" },
    scope: "read_write",
    credential: { kind: "api_key", id: "key_1", prefix: "lstk_12345678", label: "Test" },
  };
  const reads = catalogueFor(principal).operations.filter((operation) => operation.kind === "read");
  const allowed = new Map(reads.map((operation) => [operation.name as string, operation]));

  it.each([
    ["not JSON", "[{", null],
    ["not an array", '{"id":1,"op":"locations.list","args":[]}', null],
    ["an empty batch", "[]", []],
  ])("%s", (_case, json, expected) => {
    expect(parseQueuedCalls(json, allowed)).toEqual(expected);
  });

  it.each([
    ["a write operation's name", '[{"id":1,"op":"purchaseOrders.create","args":[{}]}]', "UNKNOWN_OPERATION"],
    ["a name with the app. prefix", '[{"id":2,"op":"app.locations.list","args":[]}]', "UNKNOWN_OPERATION"],
    ["a prototype name", '[{"id":3,"op":"__proto__","args":[]}]', "UNKNOWN_OPERATION"],
    ["arguments that are not an array", '[{"id":4,"op":"locations.list","args":"x"}]', "VALIDATION_FAILED"],
    ["a missing op", '[{"id":5,"args":[]}]', "VALIDATION_FAILED"],
  ])("refuses %s on its own id", (_case, json, code) => {
    const [request] = parseQueuedCalls(json, allowed)!;
    expect(request).toMatchObject({ ok: false, refusal: { code } });
  });

  it("drops entries without a usable id and keeps answering the rest", () => {
    const requests = parseQueuedCalls('[{"op":"locations.list"},{"id":-1},7,{"id":9,"op":"locations.get","args":["loc_1"]}]', allowed)!;
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ id: 9, ok: true, input: { id: "loc_1" } });
  });

  it("names the operations that do exist when one does not", () => {
    const [request] = parseQueuedCalls('[{"id":1,"op":"variants.find","args":[]}]', allowed)!;
    expect(request).toMatchObject({
      ok: false,
      refusal: { message: expect.stringMatching(/^There is no operation "app\.variants\.find" in run\. Available: (app\.\w+\.\w+, )*app\.\w+\.\w+\.$/) },
    });
    for (const pair of ["app.locations.list, app.locations.get", "app.variants.list, app.variants.get"]) {
      expect(request).toMatchObject({ refusal: { message: expect.stringContaining(pair) } });
    }
  });
});

describe("any drained queue at all", () => {
  it("is answered or refused, never thrown on, and only allowed operations come out runnable", () => {
    const principal: Principal = {
      shop: { id: "shop_1", domain: "a.myshopify.com" },
      scope: "read",
      credential: { kind: "api_key", id: "key_1", prefix: "lstk_12345678", label: "Test" },
    };
    const allowed = new Map(catalogueFor(principal).operations.map((operation) => [operation.name as string, operation]));
    const entry = fc.record({ id: fc.oneof(fc.integer(), fc.string()), op: fc.oneof(fc.constantFrom(...allowed.keys(), "purchaseOrders.create", "__proto__"), fc.string()), args: fc.jsonValue() }, { requiredKeys: [] });
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.array(entry).map((entries) => JSON.stringify(entries))), (json) => {
        const requests = parseQueuedCalls(json, allowed);
        for (const request of requests ?? []) {
          if (request.ok) expect(allowed.get(request.operation.name)).toBe(request.operation);
        }
      }),
    );
  });
});
