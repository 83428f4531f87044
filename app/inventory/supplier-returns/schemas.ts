/** Supplier-return inputs and the document a write or read returns (spec/domain.md §2.11, §7). Pure. */
import { z } from "zod";
import { DateOrDateTime } from "../dates";
import { CREDIT_STATUSES, RETURN_DISPOSITIONS, SUPPLIER_RETURN_STATUSES } from "../../../db/schema";
import { Money } from "../purchase-orders/schemas";
import { Address, Shipment, withActivity } from "../values";
import { RMA_EVENTS } from "./transitions";

const Id = z.string().min(1).max(64);
const Quantity = z.number().int().min(1).max(1_000_000_000);
const ShortText = z.string().max(100);

export const NewRmaLine = z
  .object({
    variantId: Id,
    quantity: Quantity,
    reason: ShortText.nullable().optional(),
    condition: ShortText.nullable().optional(),
    disposition: z.enum(RETURN_DISPOSITIONS).nullable().optional(),
    notes: z.string().max(10_000).nullable().optional(),
  })
  .strict();

export const CreateSupplierReturnInput = z
  .object({
    supplierId: Id,
    locationId: Id,
    purchaseOrderId: Id.nullable().optional(),
    reason: z.string().max(255).nullable().optional(),
    notes: z.string().max(10_000).optional(),
    fromAddress: Address.nullable().optional(),
    toAddress: Address.nullable().optional(),
    lines: z.array(NewRmaLine).max(500).optional(),
  })
  .strict();
/** Supplier, location and source PO change in Draft only; reason in Draft and Pending Approval; notes and addresses until Closed or Cancelled. */
export const UpdateSupplierReturnInput = CreateSupplierReturnInput.omit({ lines: true }).partial().strict();
export const AddRmaLinesInput = z.object({ lines: z.array(NewRmaLine).min(1).max(500) }).strict();
export const UpdateRmaLinesInput = z
  .object({ lines: z.array(NewRmaLine.omit({ variantId: true }).partial().extend({ lineId: Id }).strict()).min(1).max(500) })
  .strict();
export const RemoveRmaLinesInput = z.object({ lineIds: z.array(Id).min(1).max(500) }).strict();
export const ResolveSupplierReturnInput = z
  .object({
    /** In the supplier's currency, minor units; recorded as an active supplier credit. */
    credit: z
      .object({
        amount: z.number().int().min(1, "must be more than zero").max(1e13),
        number: z.string().min(1).max(64).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export const NoRmaInput = z.object({}).strict();
export const SetRmaShipmentInput = Shipment;

const Timestamp = z.iso.datetime().nullable();

export const SupplierReturnLine = z.object({
  id: z.string(),
  variantId: z.string(),
  sku: z.string().nullable(),
  quantity: z.number().int(),
  reason: z.string().nullable(),
  condition: z.string().nullable(),
  disposition: z.enum(RETURN_DISPOSITIONS).nullable(),
  notes: z.string().nullable(),
});
export type SupplierReturnLine = z.infer<typeof SupplierReturnLine>;

export const SupplierReturnCredit = z.object({ id: z.string(), number: z.string(), amount: Money, availableBalance: Money, status: z.enum(CREDIT_STATUSES), issuedOn: z.string() });

export const SupplierReturnDocument = z.object({
  id: z.string(),
  number: z.string(),
  supplierId: z.string(),
  locationId: z.string(),
  purchaseOrderId: z.string().nullable(),
  status: z.enum(SUPPLIER_RETURN_STATUSES),
  statusBeforeHold: z.enum(SUPPLIER_RETURN_STATUSES).nullable(),
  closedFromStatus: z.enum(SUPPLIER_RETURN_STATUSES).nullable(),
  reason: z.string().nullable(),
  notes: z.string(),
  shipment: Shipment.nullable(),
  fromAddress: Address.nullable(),
  toAddress: Address.nullable(),
  creditId: z.string().nullable(),
  credit: SupplierReturnCredit.nullable(),
  submittedAt: Timestamp,
  approvedAt: Timestamp,
  shippedAt: Timestamp,
  receivedBySupplierAt: Timestamp,
  inspectedAt: Timestamp,
  resolvedAt: Timestamp,
  closedAt: Timestamp,
  rejectedAt: Timestamp,
  cancelledAt: Timestamp,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.number().int(),
  allowedOperations: z.array(z.enum(RMA_EVENTS)),
  totalQuantity: z.number().int(),
  lines: z.array(SupplierReturnLine),
});
export type SupplierReturnDocument = z.infer<typeof SupplierReturnDocument>;

/** Get-by-id: the document with its recent activity. */
export const SupplierReturnWithActivity = withActivity(SupplierReturnDocument);
export type SupplierReturnWithActivity = z.infer<typeof SupplierReturnWithActivity>;

export const SupplierReturnSummary = SupplierReturnDocument.omit({ lines: true }).extend({ lineCount: z.number().int() });
export type SupplierReturnSummary = z.infer<typeof SupplierReturnSummary>;

export const SupplierReturnFilters = z.object({
  status: z.array(z.enum(SUPPLIER_RETURN_STATUSES)).min(1).optional(),
  supplierId: Id.optional(),
  locationId: Id.optional(),
  purchaseOrderId: Id.optional(),
  createdFrom: DateOrDateTime.optional(),
  createdTo: DateOrDateTime.optional(),
});
export type SupplierReturnFilters = z.infer<typeof SupplierReturnFilters>;
