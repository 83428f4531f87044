/**
 * How every domain write runs (spec/domain.md §3): one SQLite transaction that takes the write
 * lock at its start (`immediate`), so writes to a document run one at a time and each sees the
 * previous one's result; the idempotency check and the stored result; the inventory batch through
 * the gateway; the activity-log entry naming the actor. A refusal thrown anywhere rolls all of it
 * back, so a refused call changes nothing and stores nothing.
 */
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { AppDatabase } from "../../db/client";
import { newId } from "../../db/ids";
import { activityLog, documentSequences, idempotencyKeys, type ACTIVITY_SUBJECT_TYPES, type DOCUMENT_TYPES } from "../../db/schema";
import { db } from "../db.server";
import { DomainError } from "./errors";
import { localInventoryGateway, type InventoryGateway, type Transaction } from "./gateway.server";
import { InventoryEffect, type Actor, type FieldChange } from "./values";

export const IDEMPOTENCY_LIFETIME_MS = 24 * 60 * 60 * 1000;
export const IdempotencyKey = z.string().min(1).max(128);

/** Who is writing and how; everything but the actor is optional. */
export type WriteCall = {
  actor: Actor;
  idempotencyKey?: string | undefined;
  requestId?: string | undefined;
  /** The app's connection unless given: benchmarks and multi-connection tests open their own. */
  database?: AppDatabase | undefined;
  /** The local (demo) gateway unless given. */
  gateway?: InventoryGateway | undefined;
  now?: Date | undefined;
};

export type WriteResult<Document> = {
  document: Document;
  inventoryEffects: InventoryEffect[];
  activityEntryId: string | null;
  replayed: boolean;
};

export type SubjectType = (typeof ACTIVITY_SUBJECT_TYPES)[number];
export type ActivityNote = { subjectType: SubjectType; subjectId: string; summary: string; changes: FieldChange[] };

/** What an operation's body hands back: the document after the write and what to log. */
export type WriteOutcome<Document> = {
  document: Document;
  inventoryEffects: InventoryEffect[];
  /**
   * One entry per affected document (or variant); the result names the first. Null when the write
   * removed the document, whose log goes with it.
   */
  activity: ActivityNote | ActivityNote[] | null;
};

export type WriteScope = {
  tx: Transaction;
  shopId: string;
  now: Date;
  actor: Actor;
  gateway: InventoryGateway;
};

export function databaseFor(call: { database?: AppDatabase | undefined }): AppDatabase {
  return call.database ?? db();
}

export function runWrite<Document>(
  shopId: string,
  call: WriteCall,
  operation: string,
  input: unknown,
  documentSchema: z.ZodType<Document>,
  body: (scope: WriteScope) => WriteOutcome<Document>,
): WriteResult<Document> {
  const now = call.now ?? new Date();
  const key = call.idempotencyKey;
  if (key !== undefined && !IdempotencyKey.safeParse(key).success) {
    throw new DomainError("VALIDATION_FAILED", "An idempotency key is 1–128 characters.", { fields: [{ field: "idempotencyKey", problem: "must be 1–128 characters" }] });
  }
  const inputHash = key === undefined ? "" : hashInput(operation, input);
  return databaseFor(call).transaction(
    (tx) => {
      if (key !== undefined) {
        const stored = tx.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.shopId, shopId), eq(idempotencyKeys.key, key))).get();
        if (stored && stored.expiresAt.getTime() > now.getTime()) {
          if (stored.operation !== operation || stored.inputHash !== inputHash) {
            throw new DomainError(
              "IDEMPOTENCY_KEY_REUSED",
              `The idempotency key was already used for ${stored.operation} with other input. Use a new key for a different call.`,
              { operation: stored.operation },
            );
          }
          if (stored.status === "in_progress") {
            throw new DomainError("CONFLICT_IN_PROGRESS", "A call with this idempotency key is still running. Wait for it, then repeat the call to read its result.");
          }
          const replay = storedResult(documentSchema).parse(stored.result);
          return { ...replay, replayed: true };
        }
        if (stored) tx.delete(idempotencyKeys).where(and(eq(idempotencyKeys.shopId, shopId), eq(idempotencyKeys.key, key))).run();
      }

      const outcome = body({ tx, shopId, now, actor: call.actor, gateway: call.gateway ?? localInventoryGateway });
      const notes = outcome.activity === null ? [] : Array.isArray(outcome.activity) ? outcome.activity : [outcome.activity];
      const entryIds = notes.map((note) => {
        const id = newId("act");
        tx.insert(activityLog)
          .values({ id, shopId, ...note, occurredAt: now, actor: call.actor, operation, inventoryEffects: outcome.inventoryEffects.filter((effect) => note.subjectType !== "variant" || effect.variantId === note.subjectId), requestId: call.requestId ?? null, idempotencyKey: key ?? null })
          .run();
        return id;
      });
      const activityEntryId = entryIds[0] ?? null;
      const result = { document: outcome.document, inventoryEffects: outcome.inventoryEffects, activityEntryId };
      if (key !== undefined) {
        tx.insert(idempotencyKeys)
          .values({ shopId, key, operation, inputHash, status: "done", result, createdAt: now, expiresAt: new Date(now.getTime() + IDEMPOTENCY_LIFETIME_MS) })
          .run();
      }
      return { ...result, replayed: false };
    },
    { behavior: "immediate" },
  );
}

function storedResult<Document>(documentSchema: z.ZodType<Document>) {
  return z.object({ document: documentSchema, inventoryEffects: z.array(InventoryEffect), activityEntryId: z.string().nullable() });
}

function hashInput(operation: string, input: unknown): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(`${operation}\n${canonicalJson(input)}`)));
}

function canonicalJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/**
 * The next number of a document type in the store. The row is raised inside the write's
 * transaction; `taken` skips numbers already used (chosen by hand, or from before the sequence).
 */
export function nextDocumentNumber(tx: Transaction, shopId: string, documentType: (typeof DOCUMENT_TYPES)[number], prefix: string, taken: (number: string) => boolean): string {
  const where = and(eq(documentSequences.shopId, shopId), eq(documentSequences.documentType, documentType));
  let last = tx.select({ lastNumber: documentSequences.lastNumber }).from(documentSequences).where(where).get()?.lastNumber;
  if (last === undefined) {
    last = 1000;
    tx.insert(documentSequences).values({ shopId, documentType, lastNumber: last }).run();
  }
  let candidate = last + 1;
  while (taken(`${prefix}${candidate}`)) candidate += 1;
  tx.update(documentSequences).set({ lastNumber: candidate }).where(where).run();
  return `${prefix}${candidate}`;
}

/** Raises a document's version if it is still the one read; a lost race changes nothing and fails. */
export function requireUpdated(changes: number, label: string, id: string): void {
  if (changes !== 1) {
    throw new DomainError("CONCURRENT_UPDATE", `The ${label} ${id} was changed by another write while this one ran. Read it again and retry.`, { id });
  }
}
