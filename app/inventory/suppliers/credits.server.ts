/** A supplier's credits (domain.md §2.7), each with every purchase order it was applied to, reversals included. */
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { purchaseOrders, supplierCreditApplications, supplierCredits } from "../../../db/schema";
import type { Transaction } from "../gateway.server";

export type SupplierCreditApplicationRow = Omit<typeof supplierCreditApplications.$inferSelect, "shopId"> & { purchaseOrderCurrency: string };
export type SupplierCreditRow = Omit<typeof supplierCredits.$inferSelect, "shopId" | "version"> & { applications: SupplierCreditApplicationRow[] };

/** Newest first; applications oldest first, as they were drawn. */
export function creditsOfSupplier(tx: Transaction, shopId: string, supplierId: string): SupplierCreditRow[] {
  const credits = tx
    .select({
      id: supplierCredits.id,
      supplierId: supplierCredits.supplierId,
      number: supplierCredits.number,
      amount: supplierCredits.amount,
      availableBalance: supplierCredits.availableBalance,
      currency: supplierCredits.currency,
      origin: supplierCredits.origin,
      supplierReturnId: supplierCredits.supplierReturnId,
      status: supplierCredits.status,
      issuedOn: supplierCredits.issuedOn,
      createdAt: supplierCredits.createdAt,
    })
    .from(supplierCredits)
    .where(and(eq(supplierCredits.shopId, shopId), eq(supplierCredits.supplierId, supplierId)))
    .orderBy(desc(supplierCredits.createdAt), desc(supplierCredits.id))
    .all();
  if (!credits.length) return [];
  const applications = tx
    .select({
      id: supplierCreditApplications.id,
      creditId: supplierCreditApplications.creditId,
      purchaseOrderId: supplierCreditApplications.purchaseOrderId,
      amount: supplierCreditApplications.amount,
      exchangeRate: supplierCreditApplications.exchangeRate,
      amountInPoCurrency: supplierCreditApplications.amountInPoCurrency,
      purchaseOrderCurrency: purchaseOrders.currency,
      appliedAt: supplierCreditApplications.appliedAt,
      reversedAt: supplierCreditApplications.reversedAt,
    })
    .from(supplierCreditApplications)
    .innerJoin(purchaseOrders, eq(purchaseOrders.id, supplierCreditApplications.purchaseOrderId))
    .where(and(eq(supplierCreditApplications.shopId, shopId), inArray(supplierCreditApplications.creditId, credits.map((credit) => credit.id))))
    .orderBy(asc(supplierCreditApplications.appliedAt), asc(supplierCreditApplications.id))
    .all();
  return credits.map((credit) => ({ ...credit, applications: applications.filter((application) => application.creditId === credit.id) }));
}
