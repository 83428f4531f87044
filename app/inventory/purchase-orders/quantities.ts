/**
 * Purchase-order line arithmetic (spec/domain.md §4.1, §2.8): expected, settled, outstanding, the
 * derived status, what an order contributes to `incoming`, and the totals. Pure.
 */
import type { purchaseOrderLines } from "../../../db/schema";
import { convertAmount, percentOf } from "../money";
import { PO_OPEN_STATUSES, type PoStatus } from "./transitions";

export type PoLineQuantities = Pick<typeof purchaseOrderLines.$inferSelect, "variantId" | "ordered" | "confirmed" | "received" | "cancelled" | "rejected">;

export function expectedOf(line: PoLineQuantities): number {
  return line.confirmed ?? line.ordered;
}

export function settledOf(line: PoLineQuantities): number {
  return line.received + line.cancelled + line.rejected;
}

export function outstandingOf(line: PoLineQuantities): number {
  return Math.max(0, expectedOf(line) - settledOf(line));
}

/** After confirm, receive, unreceive, reopen and line changes on an open order. */
export function derivePoStatus(current: PoStatus, lines: readonly PoLineQuantities[]): PoStatus {
  if (lines.some((line) => settledOf(line) > 0)) {
    return lines.every((line) => settledOf(line) >= expectedOf(line)) ? "received" : "partially_received";
  }
  if (current === "sent" || current === "partially_confirmed" || current === "confirmed") {
    const confirmedCount = lines.filter((line) => line.confirmed !== null).length;
    if (lines.length > 0 && confirmedCount === lines.length) return "confirmed";
    return confirmedCount > 0 ? "partially_confirmed" : "sent";
  }
  return "in_progress";
}

/** Units an order adds to `incoming` per variant at its location: outstanding while open, else nothing. */
export function incomingContribution(status: PoStatus, lines: readonly PoLineQuantities[]): Map<string, number> {
  const byVariant = new Map<string, number>();
  if (!PO_OPEN_STATUSES.includes(status)) return byVariant;
  for (const line of lines) {
    if (line.variantId === null) continue;
    byVariant.set(line.variantId, (byVariant.get(line.variantId) ?? 0) + outstandingOf(line));
  }
  return byVariant;
}

/** max(received, expected − cancelled − rejected): what the supplier bills for. */
export function billableOf(line: PoLineQuantities): number {
  return Math.max(line.received, expectedOf(line) - line.cancelled - line.rejected);
}

type Priced = PoLineQuantities & { unitCostAmount: number };
type Converted = { amount: number; exchangeRate: string | null };

export function poTotals(
  order: { taxRateBasisPoints: number; shippingCostAmount: number },
  lines: readonly Priced[],
  payments: readonly Converted[],
  creditsAppliedInPoCurrency: readonly number[],
) {
  const subtotal = lines.reduce((sum, line) => sum + billableOf(line) * line.unitCostAmount, 0);
  const tax = percentOf(subtotal, order.taxRateBasisPoints);
  const total = subtotal + tax + order.shippingCostAmount;
  const paid = payments.reduce((sum, p) => sum + (p.exchangeRate === null ? p.amount : convertAmount(p.amount, p.exchangeRate)), 0);
  const creditsApplied = creditsAppliedInPoCurrency.reduce((sum, a) => sum + a, 0);
  return { subtotal, tax, total, creditsApplied, paid, due: total - creditsApplied - paid };
}
