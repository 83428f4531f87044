/**
 * Cursor pagination shared by every list: newest first by creation time, then id, fetching one
 * row more than asked to know whether another page follows.
 */
import { and, desc, eq, gte, lt, or, sql, type SQL } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import type { AppDatabase } from "../../db/client";
import { shops } from "../../db/schema";
import { instantOf, type DateOrDateTime } from "./dates";
import type { Transaction } from "./gateway.server";
import { decodeCursor, encodeCursor, type CursorProblem, type CursorPosition } from "./pagination";

export type Page<T> = { items: T[]; totalCount: number; cursor: string | null };
export type PageRequest = { limit: number; cursor?: string | undefined };

/** A cursor the list cannot use: malformed, expired, or issued for other filters. */
export class InvalidCursorError extends Error {
  constructor(readonly problem: CursorProblem) {
    super(
      problem === "expired"
        ? "The cursor has expired (cursors last 24 hours); list again from the first page."
        : problem === "other_filters"
          ? "The cursor belongs to a list with other filters; use it only with the filters it came from."
          : "The cursor is not one this API issued; pass back the `cursor` value of the previous page unchanged.",
    );
    this.name = "InvalidCursorError";
  }
}

type Ordered = { id: AnySQLiteColumn; createdAt: AnySQLiteColumn };

export function startAfter(filters: unknown, request: PageRequest, now: Date): CursorPosition | undefined {
  if (request.cursor === undefined) return undefined;
  const decoded = decodeCursor(request.cursor, filters, now);
  if (!decoded.ok) throw new InvalidCursorError(decoded.problem);
  return decoded.position;
}

export function afterPosition(columns: Ordered, position: CursorPosition | undefined): SQL | undefined {
  if (!position) return undefined;
  return or(
    lt(columns.createdAt, position.createdAt),
    and(eq(columns.createdAt, position.createdAt), lt(columns.id, position.id)),
  );
}

export function newestFirst(columns: Ordered): SQL[] {
  return [desc(columns.createdAt), desc(columns.id)];
}

/** `rows` holds up to `limit + 1` rows in list order. */
export function toPage<Row extends { id: string; createdAt: Date }, T>(
  rows: Row[],
  request: PageRequest,
  filters: unknown,
  totalCount: number,
  now: Date,
  present: (row: Row) => T,
): Page<T> {
  const pageRows = rows.slice(0, request.limit);
  const last = pageRows.at(-1);
  const cursor = rows.length > request.limit && last ? encodeCursor(last, filters, now) : null;
  return { items: pageRows.map(present), totalCount, cursor };
}

/** Case-insensitive substring match where `%` and `_` in the text mean themselves. */
export function containsText(column: AnySQLiteColumn, text: string): SQL {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`${column} like ${pattern} escape '\\'`;
}

export type CreatedRange = { createdFrom?: DateOrDateTime | undefined; createdTo?: DateOrDateTime | undefined };

/**
 * `createdFrom` (inclusive) and `createdTo` (exclusive) as conditions on `createdAt`. A calendar
 * date stands for the start of that day in the store's timezone, so the shop is read only when one
 * is given.
 */
export function createdWithin(database: AppDatabase, shopId: string, createdAt: AnySQLiteColumn, range: CreatedRange): SQL[] {
  if (range.createdFrom === undefined && range.createdTo === undefined) return [];
  const timezone = storeTimezone(database, shopId);
  return [
    ...(range.createdFrom === undefined ? [] : [gte(createdAt, instantOf(range.createdFrom, timezone))]),
    ...(range.createdTo === undefined ? [] : [lt(createdAt, instantOf(range.createdTo, timezone))]),
  ];
}

/** The timezone a date filter's calendar dates are in. */
export function storeTimezone(reader: AppDatabase | Transaction, shopId: string): string {
  // An unknown shop has no rows to filter; UTC only keeps the conditions well-formed.
  return reader.select({ timezone: shops.timezone }).from(shops).where(eq(shops.id, shopId)).get()?.timezone ?? "UTC";
}
