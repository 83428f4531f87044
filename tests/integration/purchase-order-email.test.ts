import { and, asc, eq, isNotNull, isNull } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  EMAIL_MAX_ATTEMPTS,
  EMAIL_RETRY_DELAYS_MS,
  createPurchaseOrder,
  deletePurchaseOrder,
  cancelPurchaseOrder,
  deliverQueuedEmails,
  duplicatePurchaseOrder,
  getPurchaseOrder,
  sendPurchaseOrder,
  updatePurchaseOrder,
  type PurchaseOrderDocument,
} from "../../app/inventory/index.server";
import { createSmtpTransport, type MailTransport, type OutgoingEmail } from "../../app/mail/index.server";
import { openDatabase } from "../../db/client";
import { activityLog, locations, shops, SUPPLIER_EMAIL_STATUSES, supplierEmails, suppliers, supplierVariants, variants } from "../../db/schema";
import { readPdf } from "../support/pdf-text";
import { parseMail, startSmtpSink, type SmtpSink } from "../support/smtp-sink";
import { startTestServer } from "../support/test-server";
import { waitFor } from "../support/wait";
import { createInventoryStore, type InventoryStore } from "./inventory-store";

const EmailRow = z.object({
  id: z.string(),
  shopId: z.string(),
  purchaseOrderId: z.string(),
  recipient: z.string(),
  subject: z.string(),
  textBody: z.string(),
  pdfFileName: z.string(),
  pdf: z.instanceof(Buffer),
  status: z.enum(SUPPLIER_EMAIL_STATUSES),
  attempts: z.number().int(),
  nextAttemptAt: z.date(),
  lastError: z.string().nullable(),
  sentAt: z.date().nullable(),
  failedAt: z.date().nullable(),
});

describe("sending a purchase order by email", () => {
  let store: InventoryStore;
  let nextVariant = 0;
  beforeAll(() => {
    store = createInventoryStore();
    allowEmail(store);
  });
  afterAll(() => store.remove());
  const freshVariants = (count: number) => store.variantIds.slice(nextVariant, (nextVariant += count));

  it("queues exactly one email to the supplier, with the order as a PDF", async () => {
    const supplier = supplierWithEmail(store);
    const [first, second] = freshVariants(2);
    setSupplierSku(store, supplier.id, first!, "CASC-7781");
    const order = draftOrder(store, supplier.id, [first!, second!], { taxRate: 8.25, shippingCost: 1500, notes: "Deliver to the loading dock." });

    const sent = sendPurchaseOrder(store.shopId, order.id, { method: "email" }, store.call).document;

    expect(sent).toMatchObject({ status: "sent", sendMethod: "email" });
    const [email, ...others] = emailsOf(store, order.id);
    expect(others).toEqual([]);
    expect(email).toMatchObject({ recipient: supplier.email, status: "queued", attempts: 0, pdfFileName: `${order.number}.pdf`, lastError: null });
    expect(email!.subject).toBe(`Purchase order ${order.number} from Inventory Test`);
    expect(email!.textBody).toContain(`purchase order ${order.number}`);
    const pdf = await readPdf(email!.pdf);
    expect(pdf.pageCount).toBe(1);
    const text = pdf.pages.flat();
    expect(text).toContain(order.number);
    for (const line of sent.lines) expect(text).toContain(line.sku);
    expect(text).toContain("CASC-7781");
    expect(text).toContain(money(sent.totals.total.amount));
    expect(text).toContain("Deliver to the loading dock.");
  });

  it("keeps what was sent when the order changes afterwards", async () => {
    const supplier = supplierWithEmail(store);
    const order = draftOrder(store, supplier.id, freshVariants(1), { notes: "First notes" });
    sendPurchaseOrder(store.shopId, order.id, { method: "email" }, store.call);
    const before = emailsOf(store, order.id)[0]!;

    updatePurchaseOrder(store.shopId, order.id, { notes: "Changed after sending" }, store.call);

    const after = emailsOf(store, order.id)[0]!;
    expect(after.pdf.equals(before.pdf)).toBe(true);
    expect((await readPdf(after.pdf)).pages.flat()).toContain("First notes");
  });

  it("queues nothing for a manual send", () => {
    const order = draftOrder(store, supplierWithEmail(store).id, freshVariants(1));
    sendPurchaseOrder(store.shopId, order.id, { method: "manual" }, store.call);
    expect(emailsOf(store, order.id)).toEqual([]);
  });

  it("queues one email per send: a duplicated order sent again queues its own", () => {
    const order = draftOrder(store, supplierWithEmail(store).id, freshVariants(1));
    sendPurchaseOrder(store.shopId, order.id, { method: "email" }, store.call);
    cancelPurchaseOrder(store.shopId, order.id, {}, store.call);
    const copy = duplicatePurchaseOrder(store.shopId, order.id, {}, store.call).document;

    sendPurchaseOrder(store.shopId, copy.id, { method: "email" }, store.call);

    expect(emailsOf(store, order.id)).toHaveLength(1);
    expect(emailsOf(store, copy.id)).toHaveLength(1);
  });

  it("queues nothing more when an idempotent send is replayed", () => {
    const order = draftOrder(store, supplierWithEmail(store).id, freshVariants(1));
    const call = { ...store.call, idempotencyKey: `send-${order.id}` };
    sendPurchaseOrder(store.shopId, order.id, { method: "email" }, call);

    const replay = sendPurchaseOrder(store.shopId, order.id, { method: "email" }, call);

    expect(replay.replayed).toBe(true);
    expect(emailsOf(store, order.id)).toHaveLength(1);
  });

  it("deletes an order's emails with the order", () => {
    const order = draftOrder(store, supplierWithEmail(store).id, freshVariants(1));
    sendPurchaseOrder(store.shopId, order.id, { method: "email" }, store.call);
    cancelPurchaseOrder(store.shopId, order.id, {}, store.call);

    deletePurchaseOrder(store.shopId, order.id, {}, store.call);

    expect(emailsOf(store, order.id)).toEqual([]);
  });

  it("refuses an order with no lines, and queues nothing", () => {
    const order = draftOrder(store, supplierWithEmail(store).id, []);
    store.expectRefused(() => sendPurchaseOrder(store.shopId, order.id, { method: "email" }, store.call), "PO_HAS_NO_LINES");
  });

  it("refuses when the store has no email sending configured, and queues nothing", () => {
    const order = draftOrder(store, supplierWithEmail(store).id, freshVariants(1));
    store.database.update(shops).set({ emailSendingConfigured: false }).where(eq(shops.id, store.shopId)).run();
    try {
      store.expectRefused(() => sendPurchaseOrder(store.shopId, order.id, { method: "email" }, store.call), "EMAIL_NOT_CONFIGURED");
    } finally {
      allowEmail(store);
    }
  });

  it("refuses a supplier without an email address, and queues nothing", () => {
    const supplier = store.database.select({ id: suppliers.id }).from(suppliers).where(and(eq(suppliers.shopId, store.shopId), isNull(suppliers.email), eq(suppliers.archived, false))).get()!;
    const order = draftOrder(store, supplier.id, freshVariants(1));
    const refusal = store.expectRefused(() => sendPurchaseOrder(store.shopId, order.id, { method: "email" }, store.call), "SUPPLIER_EMAIL_MISSING");
    expect(refusal.details).toEqual({ supplierId: supplier.id });
  });

  it("answers another shop's order exactly like a missing one, and queues nothing", () => {
    const other = store.database.select({ id: shops.id }).from(shops).where(eq(shops.shopifyDomain, "other-inventory.myshopify.com")).get()!;
    const order = draftOrder(store, supplierWithEmail(store).id, freshVariants(1));
    const foreign = store.expectRefused(() => sendPurchaseOrder(other.id, order.id, { method: "email" }, store.call), "NOT_FOUND");
    const missing = store.expectRefused(() => sendPurchaseOrder(other.id, "po_missing", { method: "email" }, store.call), "NOT_FOUND");
    expect(foreign.message.replace(order.id, "<id>")).toBe(missing.message.replace("po_missing", "<id>"));
  });

  it("puts a 60-line order on several pages, every line and the total included", async () => {
    const order = draftOrder(store, supplierWithEmail(store).id, freshVariants(60));
    const sent = sendPurchaseOrder(store.shopId, order.id, { method: "email" }, store.call).document;

    const pdf = await readPdf(emailsOf(store, order.id)[0]!.pdf);

    expect(pdf.pageCount).toBeGreaterThan(1);
    const text = pdf.pages.flat();
    for (const line of sent.lines) expect(text).toContain(line.sku);
    expect(pdf.pages.at(-1)).toContain(money(sent.totals.total.amount));
    pdf.pages.forEach((page, i) => expect(page).toContain(`${order.number} \u00b7 Page ${i + 1} of ${pdf.pageCount}`));
    expect(pdf.title).toBe(`Purchase order ${order.number}`);
  });
});

describe("delivering queued emails", () => {
  let store: InventoryStore;
  let nextVariant = 0;
  beforeEach(() => {
    store = createInventoryStore();
    allowEmail(store);
    nextVariant = 0;
  });
  afterEach(() => store.remove());
  /** A new order with `lineCount` lines, sent by email to a supplier that has an address. */
  const sentByEmail = (store: InventoryStore, lineCount: number) => {
    const order = draftOrder(store, supplierWithEmail(store).id, store.variantIds.slice(nextVariant, (nextVariant += lineCount)));
    return sendPurchaseOrder(store.shopId, order.id, { method: "email" }, store.call).document;
  };

  it("sends through nodemailer over SMTP: the supplier gets the subject and the PDF attached", async () => {
    const sink = await startSmtpSink();
    try {
      const order = sentByEmail(store, 2);
      const queued = emailsOf(store, order.id)[0]!;

      const counts = await deliverQueuedEmails(store.database, createSmtpTransport({ url: sink.url, from: "orders@inventory-test.example" }));

      expect(counts).toEqual({ sent: 1, retrying: 0, failed: 0 });
      expect(sink.received).toHaveLength(1);
      const mail = sink.received[0]!;
      expect(mail.to).toEqual([queued.recipient]);
      expect(mail.from).toBe("orders@inventory-test.example");
      const parsed = parseMail(mail.raw);
      expect(parsed.headers.get("subject")).toBe(queued.subject);
      expect(parsed.text).toContain(order.number);
      expect(parsed.attachments).toHaveLength(1);
      expect(parsed.attachments[0]).toMatchObject({ filename: `${order.number}.pdf`, contentType: "application/pdf" });
      expect(parsed.attachments[0]!.content.equals(queued.pdf)).toBe(true);
      expect((await readPdf(parsed.attachments[0]!.content)).pages.flat()).toContain(order.number);
      expect(emailsOf(store, order.id)[0]).toMatchObject({ status: "sent", attempts: 1, lastError: null, sentAt: expect.any(Date) });

      expect(await deliverQueuedEmails(store.database, createSmtpTransport({ url: sink.url, from: "orders@inventory-test.example" }))).toEqual({ sent: 0, retrying: 0, failed: 0 });
      expect(sink.received).toHaveLength(1);
    } finally {
      await sink.close();
    }
  });

  it("retries a failing delivery on the schedule, then logs the failure on the order, which stays sent", async () => {
    const order = sentByEmail(store, 1);
    const recipient = emailsOf(store, order.id)[0]!.recipient;
    const transport = recordingTransport(() => Promise.reject(new Error("550 5.1.1 Mailbox unavailable")));
    let now = new Date(Date.now() + 1000);

    for (let attempt = 1; attempt < EMAIL_MAX_ATTEMPTS; attempt += 1) {
      expect(await deliverQueuedEmails(store.database, transport, { now: () => now })).toEqual({ sent: 0, retrying: 1, failed: 0 });
      const email = emailsOf(store, order.id)[0]!;
      expect(email).toMatchObject({ status: "queued", attempts: attempt, lastError: "550 5.1.1 Mailbox unavailable" });
      const delayMs = EMAIL_RETRY_DELAYS_MS[attempt - 1]!;
      expect(email.nextAttemptAt.getTime() - now.getTime()).toBe(delayMs);

      // Not due a moment before the wait is over.
      expect(await deliverQueuedEmails(store.database, transport, { now: () => new Date(now.getTime() + delayMs - 1) })).toEqual({ sent: 0, retrying: 0, failed: 0 });
      now = new Date(now.getTime() + delayMs);
    }
    expect(activityOf(store, order.id).filter((entry) => entry.actor.type === "system")).toEqual([]);

    expect(await deliverQueuedEmails(store.database, transport, { now: () => now })).toEqual({ sent: 0, retrying: 0, failed: 1 });

    expect(transport.sent).toHaveLength(EMAIL_MAX_ATTEMPTS);
    expect(emailsOf(store, order.id)[0]).toMatchObject({ status: "failed", attempts: EMAIL_MAX_ATTEMPTS, failedAt: now });
    const [failure, ...more] = activityOf(store, order.id).filter((entry) => entry.actor.type === "system");
    expect(more).toEqual([]);
    expect(failure!.summary).toContain(recipient);
    expect(failure!.summary).toContain("550 5.1.1 Mailbox unavailable");
    expect(failure!.summary).toContain(order.number);
    expect(getPurchaseOrder(store.shopId, order.id, { database: store.database })).toMatchObject({ status: "sent", version: order.version });

    expect(await deliverQueuedEmails(store.database, transport, { now: () => new Date(now.getTime() + 24 * 60 * 60_000) })).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(transport.sent).toHaveLength(EMAIL_MAX_ATTEMPTS);
  });

  it("withdraws a cancelled order's queued email, which is then never sent", async () => {
    const order = sentByEmail(store, 1);
    const cancelled = cancelPurchaseOrder(store.shopId, order.id, {}, store.call);

    expect(emailsOf(store, order.id)).toMatchObject([{ status: "withdrawn", attempts: 0 }]);
    expect(activityOf(store, order.id).at(-1)!.summary).toContain("Its queued email to the supplier was withdrawn.");
    const transport = recordingTransport(() => Promise.resolve());
    await deliverQueuedEmails(store.database, transport, { now: () => new Date(Date.now() + 60 * 60_000) });
    expect(transport.sent.filter((message) => message.subject.includes(cancelled.document.number))).toEqual([]);
  });

  it("sends each email once when two delivery runs on two connections overlap", async () => {
    const orders = Array.from({ length: 8 }, () => sentByEmail(store, 1));
    const transport = recordingTransport(() => new Promise((resolve) => setTimeout(resolve, 20)));
    const [first, second] = [openDatabase(store.path), openDatabase(store.path)];
    try {
      const counts = await Promise.all([deliverQueuedEmails(first, transport), deliverQueuedEmails(second, transport)]);

      expect(counts[0].sent + counts[1].sent).toBe(orders.length);
      expect(counts[0].sent).toBeGreaterThan(0);
      expect(counts[1].sent).toBeGreaterThan(0);
      expect(transport.sent.map((message) => message.subject).sort()).toEqual(orders.map((order) => `Purchase order ${order.number} from Inventory Test`).sort());
      for (const order of orders) expect(emailsOf(store, order.id)).toMatchObject([{ status: "sent", attempts: 1 }]);
    } finally {
      first.$client.close();
      second.$client.close();
    }
  });
});

describe("the app server", () => {
  it("delivers queued emails over SMTP when SMTP_URL and MAIL_FROM are set", async () => {
    const sink = await startSmtpSink();
    const server = await startTestServer({ env: { SMTP_URL: sink.url, MAIL_FROM: "orders@demo.example", EMAIL_DELIVERY_INTERVAL_SECONDS: "1" } });
    try {
      const shop = { database: server.db, shopId: server.demoShopId };
      allowEmail(shop);
      const locationId = server.db.select({ id: locations.id }).from(locations).where(and(eq(locations.shopId, shop.shopId), eq(locations.active, true))).get()!.id;
      const variantId = server.db.select({ id: variants.id }).from(variants).where(and(eq(variants.shopId, shop.shopId), eq(variants.inventoryTracked, true))).get()!.id;
      const call = { actor: { type: "staff" as const, name: "Test Staff", email: null }, database: server.db };
      const order = createPurchaseOrder(shop.shopId, { locationId, supplierId: supplierWithEmail(shop).id, lines: [{ variantId, ordered: 4 }] }, call).document;

      sendPurchaseOrder(shop.shopId, order.id, { method: "email" }, call);

      await waitFor(() => emailsOf(shop, order.id)[0]?.status === "sent", "the email to be sent");
      expect(sink.received.map((mail) => mail.to)).toEqual([[supplierWithEmail(shop).email]]);
      expect(sink.received[0]!.from).toBe("orders@demo.example");
    } finally {
      await server.stop();
      await sink.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------

type Shop = Pick<InventoryStore, "database" | "shopId">;

function allowEmail(store: Shop): void {
  store.database.update(shops).set({ emailSendingConfigured: true }).where(eq(shops.id, store.shopId)).run();
}

function supplierWithEmail(store: Shop): { id: string; email: string } {
  const row = store.database
    .select({ id: suppliers.id, email: suppliers.email })
    .from(suppliers)
    .where(and(eq(suppliers.shopId, store.shopId), isNotNull(suppliers.email), eq(suppliers.archived, false), eq(suppliers.currency, "USD")))
    .orderBy(asc(suppliers.number))
    .get();
  return z.object({ id: z.string(), email: z.string() }).parse(row);
}

function setSupplierSku(store: InventoryStore, supplierId: string, variantId: string, supplierSku: string): void {
  const link = store.database.update(supplierVariants).set({ supplierSku }).where(and(eq(supplierVariants.supplierId, supplierId), eq(supplierVariants.variantId, variantId))).run();
  if (link.changes === 0) {
    store.database.insert(supplierVariants).values({ id: `sv_test_${variantId}`, shopId: store.shopId, supplierId, variantId, supplierSku, primary: false }).run();
  }
}

function draftOrder(store: InventoryStore, supplierId: string, variantIds: string[], header: { taxRate?: number; shippingCost?: number; notes?: string } = {}): PurchaseOrderDocument {
  const lines = variantIds.map((variantId, i) => ({ variantId, ordered: 3 + i, unitCost: 1250 + i }));
  return createPurchaseOrder(store.shopId, { locationId: store.locationIds[0]!, supplierId, lines, ...header }, store.call).document;
}

function emailsOf(store: Shop, purchaseOrderId: string) {
  const rows = store.database.select().from(supplierEmails).where(and(eq(supplierEmails.shopId, store.shopId), eq(supplierEmails.purchaseOrderId, purchaseOrderId))).orderBy(asc(supplierEmails.createdAt)).all();
  return z.array(EmailRow).parse(rows);
}

function activityOf(store: InventoryStore, purchaseOrderId: string) {
  return store.database
    .select({ actor: activityLog.actor, summary: activityLog.summary, operation: activityLog.operation })
    .from(activityLog)
    .where(and(eq(activityLog.shopId, store.shopId), eq(activityLog.subjectType, "purchase_order"), eq(activityLog.subjectId, purchaseOrderId)))
    .orderBy(asc(activityLog.occurredAt))
    .all();
}

/** A transport that records every message it is handed and answers with `outcome`. */
function recordingTransport(outcome: () => Promise<void>): MailTransport & { sent: OutgoingEmail[] } {
  const sent: OutgoingEmail[] = [];
  return {
    sent,
    send(message) {
      sent.push(message);
      return outcome();
    },
  };
}

/** Amounts as the PDF prints them: `1,234.56`. */
function money(amount: number): string {
  return new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount / 100);
}
