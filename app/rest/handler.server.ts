/**
 * `/api/v1/*`: the read-only REST view of the catalogue, for API keys of either scope. The
 * principal comes first (401 before anything else), then the method (GET only), then the path.
 * Every response, errors included, carries `X-Request-Id` equal to `meta.requestId`, and every
 * request made with a recognised key is written to the audit log.
 */
import { credentialTag, newRequestId, RATE_LIMITS, recordAudit, requirePrincipal, takeRateLimit, type Principal } from "../access/index.server";
import { catalogueFor, OperationError } from "../operations/index.server";
import { RestParameterError, queryToInput } from "./query";
import { routeRestPath } from "./routing";

export const REST_API_VERSION = "1.0";

type RestErrorCode = "invalid_parameter" | "invalid_cursor" | "not_found" | "method_not_allowed" | "rate_limited" | "internal_error";

const API_PREFIX = "/api/v1";

export async function handleRestRequest(request: Request): Promise<Response> {
  const requestId = newRequestId();
  const started = performance.now();
  let principal: Principal;
  try {
    principal = await requirePrincipal(request, { channel: "rest", requestId, resourcePath: API_PREFIX });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
  const limited = takeRateLimit(`rest:${principal.credential.id}`, RATE_LIMITS.restRequests);
  const url = new URL(request.url);
  let response: Response;
  try {
    response = limited.allowed
      ? await respond(request, principal, url.pathname.slice(API_PREFIX.length), requestId)
      : errorResponse(requestId, 429, "rate_limited", `At most ${RATE_LIMITS.restRequests.limit} requests a minute per key. Retry after ${limited.retryAfterSeconds} s.`, {}, {
          "Retry-After": String(limited.retryAfterSeconds),
        });
  } catch (error) {
    // Our defect, answered (and audited below) like any other response rather than left to the server.
    response = internalError(requestId, error);
  }
  recordAudit({
    shopId: principal.shop.id,
    tag: credentialTag("rest", principal.credential),
    principalKind: principal.credential.kind,
    principalId: principal.credential.id,
    channel: "rest",
    requestId,
    called: `${request.method} ${url.pathname}${url.search}`,
    outcome: String(response.status),
    durationMs: Math.round(performance.now() - started),
  });
  return response;
}

async function respond(request: Request, principal: Principal, path: string, requestId: string): Promise<Response> {
  if (request.method !== "GET") {
    return errorResponse(requestId, 405, "method_not_allowed", "The REST API is read-only: use GET.", {}, { Allow: "GET" });
  }
  const target = routeRestPath(path);
  const catalogue = catalogueFor(principal);
  const operation = target && catalogue.find(target.operation);
  if (!target || !operation || operation.kind !== "read") {
    const shown = path.length > 200 ? `${path.slice(0, 200)}…` : path;
    return errorResponse(requestId, 404, "not_found", `There is no resource at ${API_PREFIX}${shown}.`);
  }
  try {
    const url = new URL(request.url);
    const context = { principal, requestId, now: new Date() };
    if (target.kind !== "list") {
      const [parameter] = url.searchParams.keys();
      if (parameter !== undefined) throw new RestParameterError(parameter, `A single resource takes no query parameters; remove ${parameter}.`);
      const data = await catalogue.call(target.operation, target.kind === "get" ? { id: target.id } : {}, context);
      return dataResponse(requestId, data);
    }
    const page = (await catalogue.call(target.operation, queryToInput(url.searchParams, operation.input), context)) as {
      items: unknown[];
      totalCount: number;
      cursor: string | null;
    };
    return dataResponse(requestId, { [target.area]: page.items, totalCount: page.totalCount, cursor: page.cursor });
  } catch (error) {
    return refusal(requestId, error);
  }
}

function refusal(requestId: string, error: unknown): Response {
  if (error instanceof RestParameterError) {
    return errorResponse(requestId, 400, "invalid_parameter", error.message, { parameter: error.parameter });
  }
  if (error instanceof OperationError) {
    if (error.code === "NOT_FOUND") return errorResponse(requestId, 404, "not_found", error.message);
    if (error.code === "VALIDATION_FAILED") {
      const fields = (error.details.fields ?? []) as { field: string; problem: string }[];
      // A query parameter, not a path inside it: `status.0` is the `status` parameter.
      const parameter = fields[0]?.field.split(".")[0] ?? "(query)";
      const code = parameter === "cursor" ? "invalid_cursor" : "invalid_parameter";
      const message = fields.length ? fields.map((f) => `${f.field}: ${f.problem}`).join("; ") : error.message;
      return errorResponse(requestId, 400, code, message, { parameter });
    }
  }
  return internalError(requestId, error);
}

function internalError(requestId: string, error: unknown): Response {
  console.error(`[rest] ${requestId} failed:`, error);
  return errorResponse(requestId, 500, "internal_error", `Something went wrong on our side. Quote request id ${requestId} to support.`);
}

function dataResponse(requestId: string, data: unknown): Response {
  return json(200, requestId, { data, meta: { requestId, apiVersion: REST_API_VERSION } });
}

function errorResponse(
  requestId: string,
  status: number,
  code: RestErrorCode,
  message: string,
  details: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return json(status, requestId, { error: { code, message, details }, meta: { requestId, apiVersion: REST_API_VERSION } }, headers);
}

function json(status: number, requestId: string, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store", "X-Request-Id": requestId, ...headers },
  });
}
