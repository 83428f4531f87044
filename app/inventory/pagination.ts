/**
 * Opaque list cursors. A cursor names the last row of a page (creation time, then id: the stable
 * newest-first order every list uses), the filters it was issued for, and when it expires. It is
 * not signed: it only moves within the caller's own shop-scoped query, so a forged one can reach
 * nothing the caller could not list anyway.
 */
import { sha256 } from "@oslojs/crypto/sha2";
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { z } from "zod";

export const CURSOR_LIFETIME_MS = 24 * 60 * 60 * 1000;

export type CursorPosition = { createdAt: Date; id: string };

const CursorPayload = z.object({ v: z.literal(1), at: z.number().int(), id: z.string().min(1), f: z.string(), exp: z.number() });

export function encodeCursor(position: CursorPosition, filters: unknown, now: Date): string {
  const payload: z.infer<typeof CursorPayload> = {
    v: 1,
    at: position.createdAt.getTime(),
    id: position.id,
    f: fingerprint(filters),
    exp: now.getTime() + CURSOR_LIFETIME_MS,
  };
  return encodeBase64urlNoPadding(new TextEncoder().encode(JSON.stringify(payload)));
}

export type CursorProblem = "malformed" | "expired" | "other_filters";

export function decodeCursor(
  cursor: string,
  filters: unknown,
  now: Date,
): { ok: true; position: CursorPosition } | { ok: false; problem: CursorProblem } {
  let payload: z.infer<typeof CursorPayload>;
  try {
    payload = CursorPayload.parse(JSON.parse(new TextDecoder().decode(decodeBase64urlIgnorePadding(cursor))));
  } catch {
    // Bad base64, bad JSON and a wrong shape are all the same answer to the caller.
    return { ok: false, problem: "malformed" };
  }
  if (payload.exp <= now.getTime()) return { ok: false, problem: "expired" };
  if (payload.f !== fingerprint(filters)) return { ok: false, problem: "other_filters" };
  return { ok: true, position: { createdAt: new Date(payload.at), id: payload.id } };
}

function fingerprint(filters: unknown): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(canonicalJson(filters)))).slice(0, 16);
}

function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}
