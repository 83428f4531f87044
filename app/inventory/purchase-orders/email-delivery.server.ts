/**
 * Delivering queued supplier emails. Every app server may run `deliverQueuedEmails`; each email is
 * claimed in the database before it is sent (a conditional update on its attempt count and due
 * time), so two runs never send the same email. A failed attempt is tried again on the schedule in
 * `email-delivery.ts`; after the last, the email is marked failed and the order's activity log
 * says so. The order itself is left as it is: it was sent.
 */
import { and, asc, eq, lte } from "drizzle-orm";
import type { AppDatabase } from "../../../db/client";
import { newId } from "../../../db/ids";
import { activityLog, purchaseOrders, supplierEmails } from "../../../db/schema";
import type { MailTransport } from "../../mail/index.server";
import { EMAIL_CLAIM_LEASE_MS, retryDelayMs } from "./email-delivery";

export type DeliveryCounts = { sent: number; retrying: number; failed: number };

export type DeliveryOptions = {
  /** The clock; read afresh after each send. */
  now?: () => Date;
  /** At most this many emails per run. */
  limit?: number;
};

const DEFAULT_LIMIT = 50;
/** Enough of the reason to act on, without letting one mail server's essay fill the row. */
const MAX_ERROR_LENGTH = 500;

type ClaimedEmail = Pick<typeof supplierEmails.$inferSelect, "id" | "shopId" | "purchaseOrderId" | "recipient" | "subject" | "textBody" | "pdfFileName" | "pdf" | "attempts">;

export async function deliverQueuedEmails(database: AppDatabase, transport: MailTransport, options: DeliveryOptions = {}): Promise<DeliveryCounts> {
  const clock = options.now ?? (() => new Date());
  const counts: DeliveryCounts = { sent: 0, retrying: 0, failed: 0 };
  const due = database
    .select({ id: supplierEmails.id, attempts: supplierEmails.attempts })
    .from(supplierEmails)
    .where(and(eq(supplierEmails.status, "queued"), lte(supplierEmails.nextAttemptAt, clock())))
    .orderBy(asc(supplierEmails.nextAttemptAt))
    .limit(options.limit ?? DEFAULT_LIMIT)
    .all();
  for (const candidate of due) {
    const email = claim(database, candidate, clock());
    if (!email) continue;
    let failure: string | null = null;
    try {
      await transport.send({
        to: email.recipient,
        subject: email.subject,
        text: email.textBody,
        attachments: [{ filename: email.pdfFileName, contentType: "application/pdf", content: new Uint8Array(email.pdf) }],
      });
    } catch (error) {
      // Whatever the transport throws is this attempt's failure (refused recipient, network, timeout):
      // it is recorded on the email and retried, never allowed to stop the other emails.
      failure = (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_LENGTH);
    }
    if (failure === null) {
      markSent(database, email, clock());
      counts.sent += 1;
    } else if (recordFailure(database, email, failure, clock()) === "retrying") {
      counts.retrying += 1;
    } else {
      counts.failed += 1;
    }
  }
  return counts;
}

/** Takes the email for this run, or null when another run took it first or it is no longer due. */
function claim(database: AppDatabase, candidate: { id: string; attempts: number }, now: Date): ClaimedEmail | null {
  const [claimed] = database
    .update(supplierEmails)
    .set({ attempts: candidate.attempts + 1, nextAttemptAt: new Date(now.getTime() + EMAIL_CLAIM_LEASE_MS), updatedAt: now })
    .where(and(eq(supplierEmails.id, candidate.id), eq(supplierEmails.status, "queued"), eq(supplierEmails.attempts, candidate.attempts), lte(supplierEmails.nextAttemptAt, now)))
    .returning({
      id: supplierEmails.id,
      shopId: supplierEmails.shopId,
      purchaseOrderId: supplierEmails.purchaseOrderId,
      recipient: supplierEmails.recipient,
      subject: supplierEmails.subject,
      textBody: supplierEmails.textBody,
      pdfFileName: supplierEmails.pdfFileName,
      pdf: supplierEmails.pdf,
      attempts: supplierEmails.attempts,
    })
    .all();
  return claimed ?? null;
}

/** Conditions on the claim, so a run whose claim lapsed and was taken over changes nothing. */
function stillClaimed(email: ClaimedEmail) {
  return and(eq(supplierEmails.id, email.id), eq(supplierEmails.shopId, email.shopId), eq(supplierEmails.status, "queued"), eq(supplierEmails.attempts, email.attempts));
}

function markSent(database: AppDatabase, email: ClaimedEmail, now: Date): void {
  database.update(supplierEmails).set({ status: "sent", sentAt: now, lastError: null, updatedAt: now }).where(stillClaimed(email)).run();
}

function recordFailure(database: AppDatabase, email: ClaimedEmail, reason: string, now: Date): "retrying" | "failed" {
  const delayMs = retryDelayMs(email.attempts);
  if (delayMs !== null) {
    database.update(supplierEmails).set({ nextAttemptAt: new Date(now.getTime() + delayMs), lastError: reason, updatedAt: now }).where(stillClaimed(email)).run();
    return "retrying";
  }
  database.transaction((tx) => {
    const updated = tx.update(supplierEmails).set({ status: "failed", failedAt: now, nextAttemptAt: now, lastError: reason, updatedAt: now }).where(stillClaimed(email)).run();
    if (updated.changes !== 1) return;
    const order = tx.select({ number: purchaseOrders.number }).from(purchaseOrders).where(and(eq(purchaseOrders.shopId, email.shopId), eq(purchaseOrders.id, email.purchaseOrderId))).get();
    // The email's foreign key holds its order; deleting an order deletes its emails first.
    if (!order) throw new Error(`purchase order ${email.purchaseOrderId} of email ${email.id} is missing`);
    tx.insert(activityLog)
      .values({
        id: newId("act"),
        shopId: email.shopId,
        subjectType: "purchase_order",
        subjectId: email.purchaseOrderId,
        occurredAt: now,
        actor: { type: "system" },
        operation: "purchaseOrders.deliverEmail",
        summary: `The email of ${order.number} to ${email.recipient} could not be delivered after ${email.attempts} attempts: ${reason}. The order stays sent; send it to the supplier another way.`,
        changes: [],
        inventoryEffects: [],
        requestId: null,
        idempotencyKey: null,
      })
      .run();
  }, { behavior: "immediate" });
  return "failed";
}
