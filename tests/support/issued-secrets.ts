/**
 * Every secret a test saw the server issue (keys, connection codes, authorization codes, tokens,
 * client secrets). When a test server stops, none of them may be found in any text column of its
 * database or anywhere in its output.
 */
import type { AppDatabase } from "../../db/client";
import { placesContaining } from "./database-scan";

const issued = new Set<string>();

export function rememberSecret(secret: string | undefined | null): void {
  if (secret) issued.add(secret);
}

export function rememberTokens(body: unknown): void {
  if (typeof body !== "object" || body === null) return;
  for (const field of ["access_token", "refresh_token", "client_secret"] as const) {
    const value = (body as Record<string, unknown>)[field];
    if (typeof value === "string") rememberSecret(value);
  }
}

export function assertNoIssuedSecretLeaked(db: AppDatabase, output: string): void {
  const leaks: string[] = [];
  for (const secret of issued) {
    const places = placesContaining(db, secret);
    if (places.length > 0 || output.includes(secret)) {
      leaks.push(`${secret.slice(0, 5)}… in ${[...places, ...(output.includes(secret) ? ["server output"] : [])].join(", ")}`);
    }
  }
  if (leaks.length > 0) throw new Error(`issued secrets found in the clear:\n${leaks.join("\n")}`);
}

export function issuedSecretCount(): number {
  return issued.size;
}
