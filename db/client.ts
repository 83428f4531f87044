/**
 * Opening the SQLite database. WAL lets readers run beside the single writer; the busy timeout
 * makes a second writer (another server process, a test, the seed) wait instead of failing.
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";

export type AppDatabase = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export function openDatabase(path: string): AppDatabase {
  if (path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  // In WAL mode NORMAL is still crash-safe for the database (a power cut can lose only the last
  // commits, never corrupt it), and it spares a disk sync on every commit.
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  return drizzle(sqlite, { schema });
}

/** Applies the drizzle-kit migrations in `db/migrations` (run from source, not from the app build). */
export function migrateDatabase(db: AppDatabase): void {
  migrate(db, { migrationsFolder: resolve(dirname(fileURLToPath(import.meta.url)), "migrations") });
}
