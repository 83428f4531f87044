/** Transfer-order inputs and the document a write or read returns (spec/domain.md §2.9, §5). Pure. */
import { z } from "zod";
import { DateOrDateTime } from "../dates";
import { TRANSFER_ORDER_STATUSES } from "../../../db/schema";
import { Address, Shipment, withActivity } from "../values";
import { TO_EVENTS } from "./transitions";

const Id = z.string().min(1).max(64);
const Planned = z.number().int().min(1).max(1_000_000_000);
const CalendarDate = z.iso.date();

export const NewToLine = z.object({ variantId: Id, planned: Planned }).strict();

export const CreateTransferOrderInput = z
  .object({
    originLocationId: Id,
    destinationLocationId: Id,
    notes: z.string().max(10_000).optional(),
    expectedArrivalOn: CalendarDate.nullable().optional(),
    originAddress: Address.nullable().optional(),
    destinationAddress: Address.nullable().optional(),
    lines: z.array(NewToLine).max(500).optional(),
  })
  .strict();
export const UpdateTransferOrderInput = CreateTransferOrderInput.omit({ lines: true }).partial().strict();
export const AddToLinesInput = z.object({ lines: z.array(NewToLine).min(1).max(500) }).strict();
export const UpdateToLinesInput = z.object({ lines: z.array(z.object({ lineId: Id, planned: Planned }).strict()).min(1).max(500) }).strict();
export const RemoveToLinesInput = z.object({ lineIds: z.array(Id).min(1).max(500) }).strict();
export const ReceiveTransferOrderInput = z.object({ lines: z.array(z.object({ lineId: Id, received: z.number().int().min(1).max(1_000_000_000) }).strict()).min(1).max(500) }).strict();
export const NoToInput = z.object({}).strict();
export const SetToShipmentInput = Shipment;

const Timestamp = z.iso.datetime().nullable();

export const TransferOrderDocument = z.object({
  id: z.string(),
  number: z.string(),
  originLocationId: z.string(),
  destinationLocationId: z.string(),
  status: z.enum(TRANSFER_ORDER_STATUSES),
  statusBeforeHold: z.enum(TRANSFER_ORDER_STATUSES).nullable(),
  notes: z.string(),
  expectedArrivalOn: z.string().nullable(),
  shipment: Shipment.nullable(),
  originAddress: Address.nullable(),
  destinationAddress: Address.nullable(),
  sentAt: Timestamp,
  receivedAt: Timestamp,
  completedAt: Timestamp,
  cancelledAt: Timestamp,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.number().int(),
  allowedOperations: z.array(z.enum(TO_EVENTS)),
  lines: z.array(
    z.object({
      id: z.string(),
      variantId: z.string(),
      sku: z.string().nullable(),
      planned: z.number().int(),
      received: z.number().int(),
      shortfall: z.number().int().nullable(),
      inTransit: z.number().int(),
    }),
  ),
});
export type TransferOrderDocument = z.infer<typeof TransferOrderDocument>;

/** Get-by-id: the document with its recent activity. */
export const TransferOrderWithActivity = withActivity(TransferOrderDocument);
export type TransferOrderWithActivity = z.infer<typeof TransferOrderWithActivity>;

export const TransferOrderSummary = TransferOrderDocument.omit({ lines: true }).extend({ lineCount: z.number().int() });
export type TransferOrderSummary = z.infer<typeof TransferOrderSummary>;

export const TransferOrderFilters = z.object({
  status: z.array(z.enum(TRANSFER_ORDER_STATUSES)).min(1).optional(),
  /** Either end of the transfer. */
  locationId: Id.optional(),
  originLocationId: Id.optional(),
  destinationLocationId: Id.optional(),
  sku: z.string().min(1).max(255).optional(),
  search: z.string().min(1).max(255).optional(),
  createdFrom: DateOrDateTime.optional(),
  createdTo: DateOrDateTime.optional(),
});
export type TransferOrderFilters = z.infer<typeof TransferOrderFilters>;
