/**
 * A second process writing to the same SQLite file, for the concurrency test. It opens its own
 * connection, says `ready`, waits for a line on stdin so that both writers start together, then
 * receives one unit `count` times on one purchase-order line.
 * Usage: node --import tsx inventory-concurrent-writer.ts <db path> <shop id> <po id> <line id> <count>
 */
import { once } from "node:events";
import { receivePurchaseOrder } from "../../app/inventory/index.server";
import { openDatabase } from "../../db/client";

const [path, shopId, orderId, lineId, count] = process.argv.slice(2);
const database = openDatabase(path!);
process.stdout.write("ready\n");
await once(process.stdin, "data");
for (let i = 0; i < Number(count); i += 1) {
  receivePurchaseOrder(shopId!, orderId!, { lines: [{ lineId: lineId!, received: 1 }] }, { actor: { type: "system" }, database, requestId: `${process.pid}-${i}` });
}
database.$client.close();
process.stdout.write(`done ${count}\n`);
process.exit(0);
