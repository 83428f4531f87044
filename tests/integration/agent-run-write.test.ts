/**
 * `run_write` end to end: the real server, keys made on the Agent Access page, the real MCP client,
 * purchase orders operated from a program and checked in the database.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { activityLog, inventoryLevels, locations, purchaseOrders, variants } from "../../db/schema";
import { createdKey, pageActivity, revokeKeyThroughPage } from "../support/agent-access-page";
import { connectWithKey, jsonOf } from "../support/mcp-client";
import { useTestServer } from "../support/test-server";
import { waitFor } from "../support/wait";

const server = useTestServer();

const Write = z.object({ operation: z.string(), documentId: z.string().nullable(), activityEntryId: z.string().nullable(), replayed: z.boolean() });
const RunSuccess = z.object({ result: z.unknown(), logs: z.array(z.string()), reads: z.number(), writes: z.array(Write), durationMs: z.number() });
const RunFailure = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) }),
  logs: z.array(z.string()),
  reads: z.number(),
  writes: z.array(Write),
});

/** Creates, sends and receives one purchase order; every write carries an idempotency key made from `tag`. */
function receivingProgram(tag: string, variantId: string, locationId: string): string {
  return `
const created = await app.purchaseOrders.create({ locationId: ${JSON.stringify(locationId)}, lines: [{ variantId: ${JSON.stringify(variantId)}, ordered: 12 }] }, { idempotencyKey: "${tag}-create" });
const id = created.document.id;
await app.purchaseOrders.send(id, { method: "manual" }, { idempotencyKey: "${tag}-send" });
const lineId = created.document.lines[0].id;
const received = await app.purchaseOrders.receive(id, { lines: [{ lineId, received: 5 }] }, { idempotencyKey: "${tag}-receive" });
const level = (await app.inventoryLevels.list({ variantId: ${JSON.stringify(variantId)}, locationId: ${JSON.stringify(locationId)} })).items[0];
return { id, number: received.document.number, status: received.document.status, onHand: level.quantities.on_hand, replayed: received.replayed };
`;
}

describe("run_write through the agent endpoint", () => {
  it("is offered to a Read & write key as a destructive tool, and to a read-only key not at all", async () => {
    const writer = await connectWithKey(server.url, (await createdKey(server.url, { label: "Writer", scope: "read_write" })).key);
    const reader = await connectWithKey(server.url, (await createdKey(server.url, { label: "Reader", scope: "read" })).key);
    const writerTools = (await writer.listTools()).tools;
    const runWrite = writerTools.find((tool) => tool.name === "run_write");
    expect(runWrite?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true, openWorldHint: false });
    expect(runWrite?.description).toContain("idempotencyKey");
    expect((await reader.listTools()).tools.map((tool) => tool.name)).not.toContain("run_write");

    const refused = await reader.callTool({ name: "run_write", arguments: { program: "return 1;" } }).then(
      (result) => ({ isError: result.isError, text: JSON.stringify(result) }),
      (error: unknown) => ({ isError: true, text: String(error) }),
    );
    const unknown = await reader.callTool({ name: "no_such_tool", arguments: {} }).then(
      (result) => ({ isError: result.isError, text: JSON.stringify(result) }),
      (error: unknown) => ({ isError: true, text: String(error) }),
    );
    expect(refused.isError).toBe(true);
    // The same answer as for a tool that does not exist, but for the name.
    expect(refused.text.replaceAll("run_write", "NAME")).toBe(unknown.text.replaceAll("no_such_tool", "NAME"));
    await writer.close();
    await reader.close();
  });

  it("operates a purchase order from a program, moves stock, names the key in the activity log and links the audit row", async () => {
    const key = await createdKey(server.url, { label: "Buyer bot", scope: "read_write" });
    const { variantId, locationId, onHand } = stockedLevel();
    const client = await connectWithKey(server.url, key.key);
    const answer = await client.callTool({ name: "run_write", arguments: { program: receivingProgram("po-a", variantId, locationId) } });
    expect(answer.isError).toBeFalsy();
    const body = RunSuccess.parse(jsonOf(answer));
    const result = z.object({ id: z.string(), number: z.string(), status: z.string(), onHand: z.number(), replayed: z.boolean() }).parse(body.result);
    expect(result).toMatchObject({ status: "partially_received", onHand: onHand + 5, replayed: false });
    expect(body.writes.map((write) => write.operation)).toEqual(["app.purchaseOrders.create", "app.purchaseOrders.send", "app.purchaseOrders.receive"]);
    expect(body.writes.every((write) => write.documentId === result.id && write.activityEntryId !== null && !write.replayed)).toBe(true);
    expect(body.reads).toBe(1);

    const entries = server.db.select().from(activityLog).where(and(eq(activityLog.subjectType, "purchase_order"), eq(activityLog.subjectId, result.id))).all();
    expect(entries.map((entry) => entry.operation)).toEqual(["purchaseOrders.create", "purchaseOrders.send", "purchaseOrders.receive"]);
    expect(entries.every((entry) => entry.actor.type === "api_key" && entry.actor.label === "Buyer bot" && entry.actor.prefix === key.prefix)).toBe(true);
    const [audit] = server.auditRows(`mcp:${key.prefix}`);
    expect(audit).toMatchObject({ outcome: "ok", operations: ["app.purchaseOrders.create", "app.purchaseOrders.send", "app.purchaseOrders.receive", "app.inventoryLevels.list"] });
    expect(audit!.activityEntryIds).toEqual(body.writes.map((write) => write.activityEntryId));
    // Staff see the program and its writes on the Activity card.
    const row = (await pageActivity(server.url)).find((entry) => entry.tag === `mcp:${key.prefix}`);
    expect(row).toMatchObject({ outcome: "ok", activityEntryIds: audit!.activityEntryIds });

    // The same program again: every write is a replay, nothing moves twice.
    const again = RunSuccess.parse(jsonOf(await client.callTool({ name: "run_write", arguments: { program: receivingProgram("po-a", variantId, locationId) } })));
    expect(again.writes.every((write) => write.replayed)).toBe(true);
    expect(again.result).toMatchObject({ id: result.id, onHand: onHand + 5, replayed: true });
    expect(server.db.select({ id: purchaseOrders.id }).from(purchaseOrders).where(eq(purchaseOrders.number, result.number)).all()).toHaveLength(1);
    await client.close();
  });

  it("lets a program catch a refused write, and lists the committed writes when an uncaught refusal ends it", async () => {
    const key = await createdKey(server.url, { label: "Careful bot", scope: "read_write" });
    const { variantId, locationId } = stockedLevel();
    const client = await connectWithKey(server.url, key.key);
    const program = `
const created = await app.purchaseOrders.create({ locationId: ${JSON.stringify(locationId)}, lines: [{ variantId: ${JSON.stringify(variantId)}, ordered: 3 }] }, { idempotencyKey: "careful-create" });
let caught;
try {
  await app.purchaseOrders.complete(created.document.id, {}, { idempotencyKey: "careful-complete" });
} catch (error) {
  caught = error.code;
}
console.log("caught", caught);
await app.purchaseOrders.receive(created.document.id, { lines: [{ lineId: created.document.lines[0].id, received: 1 }] }, { idempotencyKey: "careful-receive" });
return "unreachable";
`;
    const answer = await client.callTool({ name: "run_write", arguments: { program } });
    await client.close();
    expect(answer.isError).toBe(true);
    const body = RunFailure.parse(jsonOf(answer));
    expect(body.logs).toEqual(["caught INVALID_TRANSITION"]);
    expect(body.error.code).toBe("INVALID_TRANSITION");
    expect(body.error.details).toMatchObject({ status: "draft" });
    expect(body.writes.map((write) => write.operation)).toEqual(["app.purchaseOrders.create"]);
    const created = server.db.select({ status: purchaseOrders.status }).from(purchaseOrders).where(eq(purchaseOrders.id, body.writes[0]!.documentId!)).get();
    expect(created?.status).toBe("draft");
  });

  it("does not run a write the program never awaited", async () => {
    const key = await createdKey(server.url, { label: "Hasty bot", scope: "read_write" });
    const { variantId, locationId } = stockedLevel();
    const client = await connectWithKey(server.url, key.key);
    const program = `app.purchaseOrders.create({ locationId: ${JSON.stringify(locationId)}, lines: [{ variantId: ${JSON.stringify(variantId)}, ordered: 1 }] }, { idempotencyKey: "hasty-create" });\nreturn "returned";`;
    const body = RunSuccess.parse(jsonOf(await client.callTool({ name: "run_write", arguments: { program } })));
    await client.close();
    expect(body).toMatchObject({ result: "returned", writes: [] });
    expect(createdByKey(key.prefix)).toBe(false);
  });

  it("keeps run read-only for a Read & write key: its app has no write functions", async () => {
    const key = await createdKey(server.url, { label: "Both", scope: "read_write" });
    const client = await connectWithKey(server.url, key.key);
    const answer = await client.callTool({ name: "run", arguments: { program: "return typeof app.purchaseOrders.send;" } });
    expect(RunSuccess.parse(jsonOf(answer)).result).toBe("undefined");
    const tried = RunFailure.parse(jsonOf(await client.callTool({ name: "run", arguments: { program: "await app.purchaseOrders.send('x', { method: 'manual' });" } })));
    expect(tried.error.code).toBe("PROGRAM_ERROR");
    expect(tried.error.message).toContain("not a function");
    expect(tried.error.message).toContain("Writes exist only in run_write");
    await client.close();
  });

  it("stops at the next write once the key is revoked, keeping the writes already committed", async () => {
    const key = await createdKey(server.url, { label: "Revoked mid-run", scope: "read_write" });
    const { variantId, locationId } = stockedLevel();
    const client = await connectWithKey(server.url, key.key);
    // After its first write the program keeps reading (about 2.5 s) until the test has revoked the key.
    const program = `
const created = await app.purchaseOrders.create({ locationId: ${JSON.stringify(locationId)}, lines: [{ variantId: ${JSON.stringify(variantId)}, ordered: 2 }] }, { idempotencyKey: "revoked-create" });
for (let i = 0; i < 250; i += 1) {
  const until = Date.now() + 10;
  while (Date.now() < until) {}
  await app.purchaseOrders.get(created.document.id);
}
await app.purchaseOrders.send(created.document.id, { method: "manual" }, { idempotencyKey: "revoked-send" });
return "sent";
`;
    const running = client.callTool({ name: "run_write", arguments: { program } });
    const createdId = await waitFor(() => createdByKey(key.prefix), "the program's purchase order");
    await revokeKeyThroughPage(server.url, key.id);
    const body = RunFailure.parse(jsonOf(await running));
    await client.close();
    expect(body.error.code).toBe("UNAUTHORIZED");
    expect(body.writes.map((write) => [write.operation, write.documentId])).toEqual([["app.purchaseOrders.create", createdId]]);
    expect(server.db.select({ status: purchaseOrders.status }).from(purchaseOrders).where(eq(purchaseOrders.id, createdId)).get()?.status).toBe("draft");
  });
});

/** A tracked variant stocked at an active location, with its on_hand there. */
function stockedLevel(): { variantId: string; locationId: string; onHand: number } {
  const level = server.db
    .select({ variantId: inventoryLevels.variantId, locationId: inventoryLevels.locationId, onHand: inventoryLevels.onHand })
    .from(inventoryLevels)
    .innerJoin(variants, eq(variants.id, inventoryLevels.variantId))
    .innerJoin(locations, eq(locations.id, inventoryLevels.locationId))
    .where(and(eq(inventoryLevels.shopId, server.demoShopId), eq(variants.inventoryTracked, true), eq(locations.active, true)))
    .get();
  if (!level) throw new Error("the demo store has no stocked level");
  return level;
}

/** The id of the purchase order the key's program created, once its activity entry exists. */
function createdByKey(prefix: string): string | false {
  const entry = server.db
    .select({ subjectId: activityLog.subjectId, actor: activityLog.actor })
    .from(activityLog)
    .where(and(eq(activityLog.shopId, server.demoShopId), eq(activityLog.operation, "purchaseOrders.create")))
    .all()
    .find((row) => row.actor.type === "api_key" && row.actor.prefix === prefix);
  return entry ? entry.subjectId : false;
}
