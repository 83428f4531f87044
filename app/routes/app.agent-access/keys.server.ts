/** The Agent Access page's key actions: form fields in, a result the page can render out. */
import { createApiKey, CreateKeyInput, MAX_ACTIVE_KEYS_PER_SHOP, revokeApiKey, type StaffActor } from "~/access/index.server";

export type CreateKeyOutcome =
  | { intent: "create-key"; ok: true; createdKey: { id: string; key: string; label: string; prefix: string; scope: string } }
  | { intent: "create-key"; ok: false; fieldErrors: { label?: string; scope?: string }; formError?: string };

export function createKeyFromForm(actor: StaffActor, form: FormData): CreateKeyOutcome {
  const parsed = CreateKeyInput.safeParse({ label: form.get("label") ?? "", scope: form.get("scope") ?? undefined });
  if (!parsed.success) {
    const fieldErrors: { label?: string; scope?: string } = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (field === "label" || field === "scope") fieldErrors[field] ??= issue.message;
    }
    return { intent: "create-key", ok: false, fieldErrors };
  }
  const created = createApiKey(actor, parsed.data);
  if (!created.ok) {
    return {
      intent: "create-key",
      ok: false,
      fieldErrors: {},
      formError: `This store already has ${MAX_ACTIVE_KEYS_PER_SHOP} active keys. Revoke one you no longer use, then create the new key.`,
    };
  }
  const { key, apiKey } = created;
  return { intent: "create-key", ok: true, createdKey: { id: apiKey.id, key, label: apiKey.label, prefix: apiKey.prefix, scope: apiKey.scope } };
}

export type RevokeKeyOutcome = { intent: "revoke-key"; ok: true; keyId: string } | { intent: "revoke-key"; ok: false; formError: string };

export function revokeKeyFromForm(actor: StaffActor, form: FormData): RevokeKeyOutcome {
  const keyId = form.get("keyId");
  if (typeof keyId !== "string" || keyId === "") {
    return { intent: "revoke-key", ok: false, formError: "Choose the key to revoke." };
  }
  const revoked = revokeApiKey(actor, keyId);
  if (revoked.ok) return { intent: "revoke-key", ok: true, keyId };
  return {
    intent: "revoke-key",
    ok: false,
    formError: revoked.reason === "already_revoked" ? "That key was already revoked." : "There is no such key in this store.",
  };
}
