/**
 * The save every document write ends with (purchase orders, transfer orders, stock takes, supplier
 * returns). An operation changes copies (a header and a `LineDraft`); `saveDocument` writes what
 * differs from the loaded rows and says what changed, for the activity entry.
 *
 * The header update is conditioned on the version that was read, so a writer that lost a race
 * changes no row and fails with CONCURRENT_UPDATE (inside the write's transaction, which then
 * rolls back whole).
 */
import { and, eq } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Transaction } from "./gateway.server";
import type { FieldChange } from "./values";
import { requireUpdated } from "./writes.server";

/** Staged line changes: kept lines (edited in place), lines to add, ids of lines to remove. */
export type LineDraft<Line extends { id: string }> = {
  lines: Line[];
  newLines: Line[];
  removed: Set<string>;
  /** Lines as they will be: kept lines and new ones. */
  live(): Line[];
};

export function draftLines<Line extends { id: string }>(lines: readonly Line[]): LineDraft<Line> {
  return {
    lines: lines.map((line) => ({ ...line })),
    newLines: [],
    removed: new Set(),
    live() {
      return [...this.lines.filter((line) => !this.removed.has(line.id)), ...this.newLines];
    },
  };
}

type DocumentTable = SQLiteTable & { id: SQLiteColumn; shopId: SQLiteColumn; version: SQLiteColumn };
type LineTable = SQLiteTable & { id: SQLiteColumn; shopId: SQLiteColumn };
type Header = { id: string; number: string; version: number; updatedAt: Date };

export type DocumentStorage<Line> = {
  /** How the document is named in errors: "stock take". */
  noun: string;
  table: DocumentTable;
  lineTable: LineTable;
  /** How an added or removed line reads in the activity entry. */
  describeLine: (line: Line) => unknown;
};

/** Columns that never change after insert, or that the save itself sets. */
const FIXED_COLUMNS = new Set(["id", "shopId", "createdAt", "version", "updatedAt"]);

/**
 * Writes `header` and `draft` where they differ from `before`, raising the version. `header` gets
 * its new version and update time. Returns the changes, header fields first, then lines.
 */
export function saveDocument<H extends Header, Line extends { id: string }>(
  scope: { tx: Transaction; shopId: string; now: Date },
  storage: DocumentStorage<Line>,
  before: { header: H; lines: readonly Line[] },
  header: H,
  draft: LineDraft<Line>,
): FieldChange[] {
  const { tx, shopId, now } = scope;
  const changes = changedFields(before.header, header);
  // Drizzle cannot relate a generic table to its row type; `header` is that table's row.
  const saved = tx
    .update(storage.table)
    .set({ ...withoutFixedColumns(header), version: header.version + 1, updatedAt: now } as never)
    .where(and(eq(storage.table.shopId, shopId), eq(storage.table.id, header.id), eq(storage.table.version, before.header.version)))
    .run();
  requireUpdated(saved.changes, storage.noun, header.number);
  header.version += 1;
  header.updatedAt = now;

  const original = new Map(before.lines.map((line) => [line.id, line]));
  const line = (id: string) => and(eq(storage.lineTable.shopId, shopId), eq(storage.lineTable.id, id));
  for (const kept of draft.lines) {
    if (draft.removed.has(kept.id)) {
      tx.delete(storage.lineTable).where(line(kept.id)).run();
      changes.push({ field: `lines.${kept.id}`, from: storage.describeLine(kept), to: null });
      continue;
    }
    const moved = changedFields(original.get(kept.id) ?? kept, kept);
    if (!moved.length) continue;
    tx.update(storage.lineTable).set(withoutFixedColumns(kept) as never).where(line(kept.id)).run();
    changes.push({
      field: `lines.${kept.id}`,
      from: Object.fromEntries(moved.map((change) => [change.field, change.from])),
      to: Object.fromEntries(moved.map((change) => [change.field, change.to])),
    });
  }
  for (const added of draft.newLines) {
    tx.insert(storage.lineTable).values(added as never).run();
    changes.push({ field: `lines.${added.id}`, from: null, to: storage.describeLine(added) });
  }
  return changes;
}

/** Stamps the timestamp a status records (`sentAt` for `sent`…) when the status changed. */
export function stampStatus<S extends string, H extends { status: S }>(from: S, header: H, stamps: Partial<Record<S, keyof H>>, now: Date): void {
  if (from === header.status) return;
  const stamp = stamps[header.status];
  if (stamp !== undefined) Object.assign(header, { [stamp]: now });
}

export function statusNote(from: string, to: string): string {
  return from === to ? "" : ` Status ${from} → ${to}.`;
}

function changedFields<T extends object>(before: T, after: T): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of Object.keys(after) as (keyof T & string)[]) {
    if (FIXED_COLUMNS.has(field)) continue;
    const from = before[field];
    const to = after[field];
    if (JSON.stringify(from) !== JSON.stringify(to)) changes.push({ field, from: asLogged(from), to: asLogged(to) });
  }
  return changes;
}

function asLogged(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

function withoutFixedColumns<T extends object>(row: T): Partial<T> {
  return Object.fromEntries(Object.entries(row).filter(([column]) => !FIXED_COLUMNS.has(column))) as Partial<T>;
}
