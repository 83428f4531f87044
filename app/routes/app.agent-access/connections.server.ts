/** The Agent Access page's web-chat actions: generate a connection code, disconnect an app. */
import { z } from "zod";
import { disconnectApp, startConnectionAttempt, type StaffActor } from "~/access/index.server";
import { ACCESS_SCOPES } from "../../../db/schema";

export type StartConnectionOutcome =
  | { intent: "start-connection"; ok: true; attempt: { id: string; code: string; connectorUrl: string; expiresAt: string; scope: string } }
  | { intent: "start-connection"; ok: false; formError: string };

const Scope = z.enum(ACCESS_SCOPES);

export function startConnectionFromForm(actor: StaffActor, form: FormData, appUrl: string): StartConnectionOutcome {
  const scope = Scope.safeParse(form.get("scope"));
  if (!scope.success) return { intent: "start-connection", ok: false, formError: "Choose Read only or Read & write." };
  const started = startConnectionAttempt(actor, scope.data);
  return {
    intent: "start-connection",
    ok: true,
    attempt: {
      id: started.attemptId,
      code: started.code,
      connectorUrl: `${appUrl}${started.connectorPath}`,
      expiresAt: started.expiresAt.toISOString(),
      scope: started.scope,
    },
  };
}

export type DisconnectOutcome = { intent: "disconnect-app"; ok: true; connectionId: string } | { intent: "disconnect-app"; ok: false; formError: string };

export function disconnectFromForm(actor: StaffActor, form: FormData): DisconnectOutcome {
  const connectionId = form.get("connectionId");
  if (typeof connectionId !== "string" || connectionId === "") return { intent: "disconnect-app", ok: false, formError: "Choose the app to disconnect." };
  const result = disconnectApp(actor, connectionId);
  if (result.ok) return { intent: "disconnect-app", ok: true, connectionId };
  return {
    intent: "disconnect-app",
    ok: false,
    formError: result.reason === "already_revoked" ? "That app was already disconnected." : "There is no such connection in this store.",
  };
}
