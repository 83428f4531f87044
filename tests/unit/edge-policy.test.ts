import { describe, expect, it } from "vitest";
import { edgeRuleFor, refuseAtEdge, type EdgeRequest } from "../../server/edge-policy";

const request = (overrides: Partial<EdgeRequest>): EdgeRequest => ({
  method: "GET",
  path: "/",
  host: "127.0.0.1:3000",
  contentType: undefined,
  contentLength: undefined,
  ...overrides,
});

describe("the edge policy", () => {
  it.each([
    ["/mcp-agent", "api", 1024 * 1024],
    ["/connect/att_1/mcp-agent", "api", 1024 * 1024],
    ["/connect/att_1/mcp-agent/x", "page", 64 * 1024],
    ["/api/v1/variants", "api", 16 * 1024],
    ["/register", "api", 16 * 1024],
    ["/webhooks/products/update", "api", 5 * 1024 * 1024],
    ["/authorize", "page", 16 * 1024],
    ["/app/agent-access", "page", 64 * 1024],
  ])("%s is a %s path taking up to %d bytes", (path, kind, maxBodyBytes) => {
    expect(edgeRuleFor(path)).toEqual({ kind, maxBodyBytes });
  });

  it.each([
    [{ method: "TRACE" }, 405],
    [{ method: "PURGE", path: "/mcp-agent" }, 405],
    [{ path: "/api/v1/variants/%zz" }, 400],
    [{ method: "DELETE", path: "/app/agent-access" }, 405],
    [{ method: "OPTIONS", path: "/authorize" }, 405],
    [{ method: "POST", path: "/authorize", contentType: "application/json" }, 415],
    [{ method: "POST", path: "/authorize", contentType: "multipart/form-data; boundary=x" }, 415],
    [{ method: "POST", path: "/register", contentLength: String(16 * 1024 + 1) }, 413],
    [{ method: "POST", path: "/register", contentLength: "12abc" }, 400],
    [{ host: "attacker.example" }, 421],
    [{ host: undefined }, 421],
  ] as const)("%o is refused with %d", (overrides, status) => {
    expect(refuseAtEdge(request(overrides), ["127.0.0.1", "localhost", "[::1]"])?.status).toBe(status);
  });

  it.each([
    [{}],
    [{ method: "HEAD", path: "/app" }],
    [{ method: "POST", path: "/authorize", contentType: "application/x-www-form-urlencoded; charset=utf-8" }],
    [{ method: "DELETE", path: "/mcp-agent" }],
    [{ method: "PUT", path: "/api/v1/variants" }],
    [{ method: "POST", path: "/register", contentLength: String(16 * 1024) }],
    [{ host: "[::1]:3000" }],
    [{ host: "LOCALHOST:3000" }],
  ] as const)("%o goes through", (overrides) => {
    expect(refuseAtEdge(request(overrides), ["127.0.0.1", "localhost", "[::1]"])).toBeNull();
  });

  it("accepts any host name where no list is given (a public app behind its own proxy)", () => {
    expect(refuseAtEdge(request({ host: "app.example.com" }), null)).toBeNull();
  });
});
