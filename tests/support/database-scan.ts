import { z } from "zod";
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

/** Every row that belongs to another shop than `shopId` (tables without `shop_id` left out): compare two to prove that shop's work touched nobody else. */
export function dumpOtherShops(db: AppDatabase, shopId: string): string {
  const sqlite = db.$client;
  const names = z.array(z.string());
  const tables = names.parse(sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").pluck().all());
  return tables
    .flatMap((table) => {
      const columns = names.parse(sqlite.prepare(`select name from pragma_table_info(?)`).pluck().all(table));
      const shopColumn = table === "shops" ? "id" : columns.includes("shop_id") ? "shop_id" : null;
      if (!shopColumn) return [];
      return [`${table}:${JSON.stringify(sqlite.prepare(`select * from "${table}" where "${shopColumn}" != ? order by rowid`).raw(true).all(shopId))}`];
    })
    .join("\n");
}
