/**
 * Talking to a store's Admin GraphQL API. `AdminGraphql` resolves with the JSON body of an HTTP 200
 * and throws `RemoteInventoryError` for anything else (`unknown` when a retry may pass: network
 * error, timeout, 429, 5xx; `refused` otherwise); `adminGraphqlOverHttp` is that function over
 * fetch. `parseAnswer` checks an answer's shape and its top-level errors the same way.
 */
import { z } from "zod";
import { RemoteInventoryError } from "../inventory/index.server";

export type AdminGraphql = (query: string, variables: Record<string, unknown>) => Promise<unknown>;

// Short enough that a write's few calls end well inside its document lock's lifetime.
const REQUEST_TIMEOUT_MS = 10_000;

export function adminGraphqlOverHttp(endpoint: string, accessToken: string, timeoutMs = REQUEST_TIMEOUT_MS): AdminGraphql {
  return async (query, variables) => {
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json", "x-shopify-access-token": accessToken },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new RemoteInventoryError("unknown", "Shopify did not answer (network error or timeout)", { cause: error });
    }
    if (response.status === 429 || response.status >= 500) {
      await response.body?.cancel();
      throw new RemoteInventoryError("unknown", `Shopify answered HTTP ${response.status}`);
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new RemoteInventoryError("refused", `Shopify answered HTTP ${response.status}; check the app is still installed with the write_inventory scope`);
    }
    try {
      return await response.json();
    } catch (error) {
      throw new RemoteInventoryError("unknown", "Shopify's answer was cut off", { cause: error });
    }
  };
}

export const TopLevelErrors = z.array(z.object({ message: z.string(), extensions: z.object({ code: z.string().optional() }).optional() })).optional();

/** Parses a GraphQL answer; a throttle or unexpected shape may pass on retry ("unknown"), other top-level errors will not ("refused"). */
export function parseAnswer<Answer extends { errors?: z.infer<typeof TopLevelErrors> }>(schema: z.ZodType<Answer>, body: unknown): Answer {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new RemoteInventoryError("unknown", "Shopify's answer had an unexpected shape");
  const errors = parsed.data.errors ?? [];
  if (errors.some((error) => error.extensions?.code === "THROTTLED")) throw new RemoteInventoryError("unknown", "Shopify throttled the request");
  if (errors.length) throw new RemoteInventoryError("refused", errors.map((error) => error.message).join("; "));
  return parsed.data;
}
