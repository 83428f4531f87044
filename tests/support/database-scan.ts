import type { AppDatabase } from "../../db/client";

/** Every text cell of every table that contains `needle`, as `table.column`. */
export function placesContaining(db: AppDatabase, needle: string): string[] {
  const sqlite = db.$client;
  const tables = sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
    .pluck()
    .all() as string[];
  const places: string[] = [];
  for (const table of tables) {
    const columns = sqlite.prepare(`select name from pragma_table_info(?)`).pluck().all(table) as string[];
    for (const column of columns) {
      const hits = sqlite
        .prepare(`select count(*) from "${table}" where typeof("${column}") = 'text' and instr("${column}", ?) > 0`)
        .pluck()
        .get(needle) as number;
      if (hits > 0) places.push(`${table}.${column}`);
    }
  }
  return places;
}
