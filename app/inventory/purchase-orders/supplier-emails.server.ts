/**
 * Queuing a purchase order's email to its supplier (spec §4.3 `send` with `method: "email"`). Runs
 * inside the send's transaction, after the order is saved as Sent: a refused or rolled-back send
 * queues nothing, and each successful email send queues one more message. The message is stored
 * whole, its PDF included, so it says what the order said when it was sent.
 */
import { and, eq, inArray } from "drizzle-orm";
import { newId } from "../../../db/ids";
import { locations, products, shops, suppliers, supplierEmails, supplierVariants, variants } from "../../../db/schema";
import { calendarDateIn } from "../dates";
import type { Transaction } from "../gateway.server";
import type { Address } from "../values";
import type { WriteScope } from "../writes.server";
import { addressLines, formatMoney, purchaseOrderPdfFileName, renderPurchaseOrderPdf, type PurchaseOrderSheet } from "./pdf";
import type { PurchaseOrderDocument } from "./schemas";

export function queueSupplierEmail(scope: WriteScope, order: PurchaseOrderDocument): void {
  const { tx, shopId, now } = scope;
  const sheet = purchaseOrderSheet(scope, order);
  const recipient = sheet.supplier.email;
  // The send checked SUPPLIER_EMAIL_MISSING in this same transaction.
  if (!recipient) throw new Error(`supplier ${order.supplierId} of ${order.number} has no email address`);
  tx.insert(supplierEmails)
    .values({
      id: newId("eml"),
      shopId,
      purchaseOrderId: order.id,
      recipient,
      subject: oneLine(`Purchase order ${order.number} from ${sheet.storeName}`),
      textBody: emailText(sheet),
      pdfFileName: purchaseOrderPdfFileName(order.number),
      pdf: Buffer.from(renderPurchaseOrderPdf(sheet)),
      status: "queued",
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .run();
}

/** What the PDF and the email need beyond the document: names, the ship-to address, titles and supplier SKUs. */
function purchaseOrderSheet({ tx, shopId, now }: WriteScope, order: PurchaseOrderDocument): PurchaseOrderSheet {
  const shop = tx.select({ name: shops.name, timezone: shops.timezone }).from(shops).where(eq(shops.id, shopId)).get();
  if (!shop) throw new Error(`shop ${shopId} is missing`);
  const supplier = tx
    .select({ name: suppliers.name, contactName: suppliers.contactName, email: suppliers.email })
    .from(suppliers)
    .where(and(eq(suppliers.shopId, shopId), eq(suppliers.id, order.supplierId)))
    .get();
  if (!supplier) throw new Error(`supplier ${order.supplierId} of ${order.number} is missing`);
  const variantIds = order.lines.flatMap((line) => (line.variantId ? [line.variantId] : []));
  const titles = new Map(
    variantIds.length
      ? tx
          .select({ id: variants.id, variantTitle: variants.title, productTitle: products.title })
          .from(variants)
          .innerJoin(products, eq(products.id, variants.productId))
          .where(and(eq(variants.shopId, shopId), inArray(variants.id, variantIds)))
          .all()
          // Shopify titles the only variant of a product "Default Title", which tells a supplier nothing.
          .map((row) => [row.id, row.variantTitle && row.variantTitle !== "Default Title" ? `${row.productTitle} - ${row.variantTitle}` : row.productTitle])
      : [],
  );
  const links = new Map(
    variantIds.length
      ? tx
          .select({ variantId: supplierVariants.variantId, supplierSku: supplierVariants.supplierSku, supplierProductName: supplierVariants.supplierProductName })
          .from(supplierVariants)
          .where(and(eq(supplierVariants.shopId, shopId), eq(supplierVariants.supplierId, order.supplierId), inArray(supplierVariants.variantId, variantIds)))
          .all()
          .map((row) => [row.variantId, row])
      : [],
  );
  const lineDetails = new Map(
    order.lines.map((line) => {
      const link = line.variantId ? links.get(line.variantId) : undefined;
      const title = link?.supplierProductName ?? (line.variantId ? titles.get(line.variantId) : undefined) ?? line.customTitle ?? "";
      return [line.id, { title, supplierSku: link?.supplierSku ?? null }];
    }),
  );
  return {
    storeName: shop.name,
    shipTo: order.shippingAddress ?? locationAddress(tx, shopId, order.locationId, shop.name),
    supplier,
    orderDate: order.orderDate ?? calendarDateIn(shop.timezone, now),
    order,
    lineDetails,
  };
}

function locationAddress(tx: Transaction, shopId: string, locationId: string, storeName: string): Address {
  const location = tx.select().from(locations).where(and(eq(locations.shopId, shopId), eq(locations.id, locationId))).get();
  if (!location) throw new Error(`location ${locationId} is missing`);
  return {
    name: location.nameOverride ?? location.name,
    company: storeName,
    address1: location.address1,
    address2: location.address2,
    city: location.city,
    province: location.province,
    postalCode: location.postalCode,
    countryCode: location.countryCode,
    phone: location.phone,
  };
}

function emailText(sheet: PurchaseOrderSheet): string {
  const { order } = sheet;
  const shipTo = addressLines(sheet.shipTo).map((line) => `  ${line}`);
  return [
    `Hello ${sheet.supplier.contactName ?? sheet.supplier.name},`,
    "",
    `${sheet.storeName} has sent you purchase order ${order.number}. The order is attached as a PDF.`,
    "",
    `Order date: ${sheet.orderDate}`,
    `Expected delivery: ${order.expectedDeliveryDate ?? "not set"}`,
    `Lines: ${order.lines.length}`,
    `Total: ${order.currency} ${formatMoney(order.totals.total.amount, order.currency)}`,
    "",
    "Ship to:",
    ...shipTo,
    "",
    "Please confirm the quantities and the delivery date.",
    "",
    sheet.storeName,
    "",
  ].join("\n");
}

/** Header-safe: a store name can hold anything, but a subject is one line. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, " ");
}

/**
 * A cancelled order's emails still waiting are not sent: the supplier should not receive an order
 * the store has cancelled. One already being handed to the mail server at this moment may still
 * arrive. Answers how many were withdrawn.
 */
export function withdrawQueuedEmails(tx: Transaction, shopId: string, purchaseOrderId: string, now: Date): number {
  return tx
    .update(supplierEmails)
    .set({ status: "withdrawn", updatedAt: now })
    .where(and(eq(supplierEmails.shopId, shopId), eq(supplierEmails.purchaseOrderId, purchaseOrderId), eq(supplierEmails.status, "queued")))
    .run().changes;
}
