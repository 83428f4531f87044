/** The app's one database connection, opened on first use from `DATABASE_PATH`. */
import { openDatabase, type AppDatabase } from "../db/client";
import { appEnv } from "./env.server";

let connection: AppDatabase | undefined;

export function db(): AppDatabase {
  connection ??= openDatabase(appEnv().databasePath);
  return connection;
}
