/**
 * Purchase-order inputs and the document a write or read returns, as zod schemas: the operation
 * catalogue derives its shapes from these, and an idempotent replay parses the stored result with
 * the document schema. Pure.
 */
import { z } from "zod";
import { DateOrDateTime } from "../dates";
import { PAYMENT_METHODS, PO_SEND_METHODS, PURCHASE_ORDER_STATUSES } from "../../../db/schema";
import { isExchangeRate } from "../money";
import { Address, Shipment, withActivity } from "../values";
import { PO_EVENTS } from "./transitions";

const Id = z.string().min(1).max(64);
const Quantity = z.number().int().min(0).max(1_000_000_000);
const CalendarDate = z.iso.date();
const Currency = z.string().regex(/^[A-Z]{3}$/, "an ISO 4217 code such as USD");
const Amount = z.number().int().min(0).max(1e13);
export const Money = z.object({ amount: z.number().int(), currency: Currency });
const ExchangeRate = z.string().refine(isExchangeRate, "a decimal string > 0 with up to 6 decimal places, such as \"1.0825\"");
/** Percent with up to two decimals. */
const TaxRate = z.number().min(0).max(100).refine((n) => Number.isInteger(Math.round(n * 100)) && Math.abs(n * 100 - Math.round(n * 100)) < 1e-9, "at most two decimals");

export const NewPoLine = z.union([
  z.object({ variantId: Id, ordered: Quantity.min(1), unitCost: Amount.optional() }).strict(),
  z.object({ customTitle: z.string().min(1).max(255), ordered: Quantity.min(1), unitCost: Amount.optional() }).strict(),
]);

/** The header fields besides number, supplier and location; all optional in create and update. */
const HeaderFields = {
  name: z.string().max(255).nullable().optional(),
  taxRate: TaxRate.optional(),
  shippingCost: Amount.optional(),
  notes: z.string().max(10_000).optional(),
  orderDate: CalendarDate.nullable().optional(),
  expectedDeliveryDate: CalendarDate.nullable().optional(),
  billingAddress: Address.nullable().optional(),
  shippingAddress: Address.nullable().optional(),
  markedAsPaid: z.boolean().optional(),
};
const PoNumber = z.string().min(1).max(32);

export const CreatePurchaseOrderInput = z
  .object({ locationId: Id, supplierId: Id.optional(), number: PoNumber.optional(), ...HeaderFields, lines: z.array(NewPoLine).max(500).optional() })
  .strict();
export const UpdatePurchaseOrderInput = z
  .object({ number: PoNumber.optional(), supplierId: Id.optional(), locationId: Id.optional(), ...HeaderFields })
  .strict();

export const AddPoLinesInput = z.object({ lines: z.array(NewPoLine).min(1).max(500) }).strict();
export const UpdatePoLinesInput = z
  .object({
    lines: z
      .array(z.object({ lineId: Id, ordered: Quantity.min(1).optional(), unitCost: Amount.optional(), customTitle: z.string().min(1).max(255).optional() }).strict())
      .min(1)
      .max(500),
  })
  .strict();
export const RemovePoLinesInput = z.object({ lineIds: z.array(Id).min(1).max(500) }).strict();
export const SendPurchaseOrderInput = z.object({ method: z.enum(PO_SEND_METHODS) }).strict();
export const ConfirmPurchaseOrderInput = z
  .object({ all: z.literal(true).optional(), lines: z.array(z.object({ lineId: Id, confirmed: Quantity }).strict()).max(500).optional() })
  .strict()
  .refine((input) => input.all === true || (input.lines?.length ?? 0) > 0, "pass `all: true` or at least one line");
const ReceiptLine = z.object({ lineId: Id, received: Quantity.optional(), rejected: Quantity.optional(), cancelled: Quantity.optional() }).strict();
export const ReceivePurchaseOrderInput = z.object({ lines: z.array(ReceiptLine).min(1).max(500), allowOverReceipt: z.boolean().optional() }).strict();
export const UnreceivePurchaseOrderInput = z.object({ lines: z.array(ReceiptLine).min(1).max(500) }).strict();
export const CompletePurchaseOrderInput = z.object({ cancelOutstanding: z.boolean().optional() }).strict();
export const NoInput = z.object({}).strict();
export const PaymentInput = z
  .object({
    amount: Money.refine((m) => m.amount > 0, "must be more than zero"),
    exchangeRate: ExchangeRate.nullable().optional(),
    paidOn: CalendarDate,
    method: z.enum(PAYMENT_METHODS),
    reference: z.string().max(255).nullable().optional(),
    notes: z.string().max(10_000).nullable().optional(),
  })
  .strict();
export const UpdatePaymentInput = PaymentInput.partial().extend({ paymentId: Id }).strict();
export const RemovePaymentInput = z.object({ paymentId: Id }).strict();
export const SetShipmentInput = Shipment;

const Timestamp = z.iso.datetime().nullable();

export const PurchaseOrderLine = z.object({
  id: z.string(),
  variantId: z.string().nullable(),
  customTitle: z.string().nullable(),
  sku: z.string().nullable(),
  ordered: z.number().int(),
  confirmed: z.number().int().nullable(),
  received: z.number().int(),
  cancelled: z.number().int(),
  rejected: z.number().int(),
  unitCost: Money,
  expected: z.number().int(),
  outstanding: z.number().int(),
  lineTotal: Money,
});

export const PurchaseOrderPayment = z.object({
  id: z.string(),
  amount: Money,
  exchangeRate: z.string().nullable(),
  paidOn: z.string(),
  method: z.enum(PAYMENT_METHODS),
  reference: z.string().nullable(),
  notes: z.string().nullable(),
});

export const PurchaseOrderDocument = z.object({
  id: z.string(),
  number: z.string(),
  name: z.string().nullable(),
  supplierId: z.string(),
  locationId: z.string(),
  status: z.enum(PURCHASE_ORDER_STATUSES),
  statusBeforeHold: z.enum(PURCHASE_ORDER_STATUSES).nullable(),
  currency: z.string(),
  taxRate: z.number(),
  shippingCost: Money,
  notes: z.string(),
  orderDate: z.string().nullable(),
  expectedDeliveryDate: z.string().nullable(),
  sendMethod: z.enum(PO_SEND_METHODS).nullable(),
  markedAsPaid: z.boolean(),
  billingAddress: Address.nullable(),
  shippingAddress: Address.nullable(),
  shipment: Shipment.nullable(),
  sentAt: Timestamp,
  confirmedAt: Timestamp,
  receivedAt: Timestamp,
  completedAt: Timestamp,
  cancelledAt: Timestamp,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.number().int(),
  totals: z.object({ subtotal: Money, tax: Money, total: Money, creditsApplied: Money, paid: Money, due: Money }),
  allowedOperations: z.array(z.enum(PO_EVENTS)),
  lines: z.array(PurchaseOrderLine),
  payments: z.array(PurchaseOrderPayment),
  creditApplications: z.array(
    z.object({ id: z.string(), creditId: z.string(), amount: Money, exchangeRate: z.string(), amountInPoCurrency: Money, appliedAt: z.iso.datetime() }),
  ),
});
export type PurchaseOrderDocument = z.infer<typeof PurchaseOrderDocument>;

/** Get-by-id: the document with its recent activity. */
export const PurchaseOrderWithActivity = withActivity(PurchaseOrderDocument);
export type PurchaseOrderWithActivity = z.infer<typeof PurchaseOrderWithActivity>;

/** A list row: the document without its lines and payments. */
export const PurchaseOrderSummary = PurchaseOrderDocument.omit({ lines: true, payments: true, creditApplications: true }).extend({ lineCount: z.number().int() });
export type PurchaseOrderSummary = z.infer<typeof PurchaseOrderSummary>;

export const PurchaseOrderFilters = z.object({
  status: z.array(z.enum(PURCHASE_ORDER_STATUSES)).min(1).optional(),
  supplierId: Id.optional(),
  locationId: Id.optional(),
  sku: z.string().min(1).max(255).optional(),
  search: z.string().min(1).max(255).optional(),
  createdFrom: DateOrDateTime.optional(),
  createdTo: DateOrDateTime.optional(),
});
export type PurchaseOrderFilters = z.infer<typeof PurchaseOrderFilters>;

export const ApplyCreditInput = z
  .object({
    creditId: Id,
    /** In the credit's currency, minor units. */
    amount: z.number().int().min(1).max(1e13),
    exchangeRate: ExchangeRate.nullable().optional(),
  })
  .strict();
export const ReverseCreditApplicationInput = z.object({ applicationId: Id }).strict();
