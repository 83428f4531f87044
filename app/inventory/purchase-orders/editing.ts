/** What can be edited in each purchase-order status (spec/domain.md §4.4), as data. Pure. */
import type { PoStatus } from "./transitions";

export const PO_HEADER_FIELDS = [
  "name",
  "taxRate",
  "shippingCost",
  "notes",
  "orderDate",
  "expectedDeliveryDate",
  "billingAddress",
  "shippingAddress",
  "markedAsPaid",
] as const;
export type PoHeaderField = (typeof PO_HEADER_FIELDS)[number];

/**
 * `identity`: number, supplier and location. `lines`: `all` in Draft; `open` adds lines, changes
 * `ordered` (not below confirmed or settled) and `unitCost`, removes untouched lines; `unit_cost`
 * changes only `unitCost`; `none`.
 */
export type PoEditRule = { identity: boolean; header: readonly PoHeaderField[]; lines: "all" | "open" | "unit_cost" | "none" };

const OPEN: PoEditRule = { identity: false, header: PO_HEADER_FIELDS, lines: "open" };

export const PO_EDIT_RULES: { readonly [S in PoStatus]: PoEditRule } = {
  draft: { identity: true, header: PO_HEADER_FIELDS, lines: "all" },
  sent: OPEN,
  partially_confirmed: OPEN,
  confirmed: OPEN,
  in_progress: OPEN,
  partially_received: OPEN,
  received: { identity: false, header: PO_HEADER_FIELDS, lines: "unit_cost" },
  on_hold: { identity: false, header: PO_HEADER_FIELDS, lines: "none" },
  disputed: { identity: false, header: PO_HEADER_FIELDS, lines: "none" },
  completed: { identity: false, header: ["notes", "markedAsPaid"], lines: "none" },
  cancelled: { identity: false, header: ["notes"], lines: "none" },
};
