import { generateApiKey } from "../../app/access/key-format";
import type { AppDatabase } from "../../db/client";
import { newId } from "../../db/ids";
import { apiKeys } from "../../db/schema";

/**
 * A key for a shop the demo admin cannot reach (a second store in the same database), stored the
 * way the app stores keys: hash and prefix only.
 */
export function issueKeyForShop(db: AppDatabase, shopId: string, scope: "read" | "read_write" = "read") {
  const { key, prefix, keyHash } = generateApiKey();
  db.insert(apiKeys)
    .values({ id: newId("key"), shopId, label: "Other store", prefix, keyHash, scope, createdByName: "Other staff", createdByEmail: null })
    .run();
  return { key, prefix };
}
