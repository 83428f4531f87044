/**
 * The one path every catalogue write takes into the domain: the principal becomes the write's
 * actor, the request and the caller's idempotency key go with it, and a domain refusal comes back
 * as an OperationError with the domain's code, message and details. For a store connected to
 * Shopify the domain call goes through `writeThroughRemote`, which applies the inventory change in
 * Shopify before the document commits; the demo store has no remote, and the call runs as it is.
 */
import { z } from "zod";
import type { Principal } from "../../access/index.server";
import { DomainError, IdempotencyKey, writeThroughRemote, type Actor, type WriteCall, type WriteResult } from "../../inventory/index.server";
import { OperationError, type FieldProblem } from "../errors";
import type { OperationContext } from "../registry";

/** The last argument of every write. */
export const WriteOptions = z
  .object({
    idempotencyKey: IdempotencyKey.optional().describe("1–128 characters. Always pass one: repeating the call with the same key returns the stored result (replayed: true) instead of writing twice"),
  })
  .strict();
export type WriteOptions = z.output<typeof WriteOptions>;

export async function performWrite<Document>(
  context: OperationContext,
  options: WriteOptions | undefined,
  write: (shopId: string, call: WriteCall) => WriteResult<Document>,
): Promise<WriteResult<Document>> {
  const call: WriteCall = {
    actor: actorOf(context.principal),
    requestId: context.requestId,
    idempotencyKey: options?.idempotencyKey,
    now: context.now,
  };
  const shopId = context.principal.shop.id;
  try {
    // Imported when a write runs: configuring Shopify needs its credentials, and the catalogue is
    // also loaded where there are none (the sandbox's tests, reads in scripts and benchmarks).
    const { remoteInventoryForShop } = await import("../../shopify/index.server");
    const remote = await remoteInventoryForShop(context.principal.shop.domain);
    return await writeThroughRemote(shopId, call, remote, (withGateway) => write(shopId, withGateway));
  } catch (error) {
    if (error instanceof DomainError) throw refusalOf(error);
    throw error;
  }
}

/** How the activity log names whoever holds the credential. */
export function actorOf(principal: Principal): Actor {
  const { credential } = principal;
  return credential.kind === "api_key"
    ? { type: "api_key", label: credential.label, prefix: credential.prefix }
    : { type: "connected_app", appName: credential.appName, connectionId: credential.id };
}

const DomainFields = z.array(z.object({ field: z.string(), problem: z.string() }));

function refusalOf(error: DomainError): OperationError {
  const fields = DomainFields.safeParse(error.details.fields);
  const details = fields.success ? { ...error.details, fields: fields.data.map(asArgumentField) } : error.details;
  return new OperationError(error.code, error.message, details);
}

/**
 * The domain names fields inside its own input (`lines.0.received`); a caller passed that input as
 * the `input` argument and the key inside `options`, so the field names follow the arguments.
 */
function asArgumentField(problem: FieldProblem): FieldProblem {
  if (problem.field === "idempotencyKey") return { ...problem, field: "options.idempotencyKey" };
  const field = problem.field === "(input)" ? "input" : `input.${problem.field}`;
  return { ...problem, field };
}
