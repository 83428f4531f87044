/**
 * The Agent Access page's form actions, posted as the page's own fetchers post them (same Origin,
 * form-encoded, Remix's `_data` for the JSON result).
 */
import { z } from "zod";
import { rememberSecret } from "./issued-secrets";

const ROUTE_DATA = "?_data=routes%2Fapp.agent-access";

const CreateKeyResponse = z.discriminatedUnion("ok", [
  z.object({
    intent: z.literal("create-key"),
    ok: z.literal(true),
    createdKey: z.object({ id: z.string(), key: z.string(), label: z.string(), prefix: z.string(), scope: z.enum(["read", "read_write"]) }),
  }),
  z.object({
    intent: z.literal("create-key"),
    ok: z.literal(false),
    fieldErrors: z.object({ label: z.string().optional(), scope: z.string().optional() }),
    formError: z.string().optional(),
  }),
]);

const RevokeKeyResponse = z.object({ intent: z.literal("revoke-key"), ok: z.boolean(), formError: z.string().optional() });

export async function postPageAction(baseUrl: string, fields: Record<string, string>, origin: string = baseUrl) {
  return fetch(`${baseUrl}/app/agent-access${ROUTE_DATA}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
    body: new URLSearchParams(fields),
  });
}

export async function createKeyThroughPage(baseUrl: string, fields: { label?: string; scope?: string }) {
  const response = await postPageAction(baseUrl, { intent: "create-key", ...fields });
  return { status: response.status, body: CreateKeyResponse.parse(await response.json()) };
}

export async function createdKey(baseUrl: string, fields: { label?: string; scope?: string }) {
  const { body } = await createKeyThroughPage(baseUrl, fields);
  if (!body.ok) throw new Error(`key not created: ${JSON.stringify(body)}`);
  rememberSecret(body.createdKey.key);
  return body.createdKey;
}

export async function revokeKeyThroughPage(baseUrl: string, keyId: string) {
  const response = await postPageAction(baseUrl, { intent: "revoke-key", keyId });
  return { status: response.status, body: RevokeKeyResponse.parse(await response.json()) };
}

const PageActivity = z.object({
  activity: z.array(z.object({ tag: z.string(), called: z.string(), operations: z.array(z.string()), activityEntryIds: z.array(z.string()), outcome: z.string() })),
});

/** The Activity card's rows as the page's loader hands them to the page (latest first). */
export async function pageActivity(baseUrl: string) {
  const response = await fetch(`${baseUrl}/app/agent-access${ROUTE_DATA}`);
  return PageActivity.parse(await response.json()).activity;
}
