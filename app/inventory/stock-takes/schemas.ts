/** Stock-take inputs and the document a write or read returns (spec/domain.md §2.10, §6). Pure. */
import { z } from "zod";
import { DateOrDateTime } from "../dates";
import { STOCK_TAKE_STATUSES } from "../../../db/schema";
import { Money } from "../purchase-orders/schemas";
import { withActivity } from "../values";
import { ST_EVENTS } from "./transitions";

const Id = z.string().min(1).max(64);

/** Spec §6.4: more than this many lines on one stock take is refused with TOO_MANY_LINES. */
export const ST_MAX_LINES = 10_000;
/** Spec §6.4: more than this many lines in one call is refused with TOO_MANY_LINES. */
export const ST_MAX_LINES_PER_CALL = 500;

// Line lists carry no zod maximum: the line limits are a guardrail (TOO_MANY_LINES), not malformed input.
export const CreateStockTakeInput = z
  .object({
    locationId: Id,
    name: z.string().max(255).nullable().optional(),
    notes: z.string().max(10_000).optional(),
    /** The variants to count; or `include: "all"` for every tracked variant stocked at the location. */
    variantIds: z.array(Id).optional(),
    include: z.literal("all").optional(),
  })
  .strict()
  .refine((input) => !(input.include === "all" && input.variantIds !== undefined), { message: "give variantIds or include: \"all\", not both", path: ["include"] });
export const UpdateStockTakeInput = z
  .object({
    name: z.string().max(255).nullable().optional(),
    notes: z.string().max(10_000).optional(),
  })
  .strict();
export const AddStLinesInput = z.object({ variantIds: z.array(Id).min(1) }).strict();
export const RemoveStLinesInput = z.object({ lineIds: z.array(Id).min(1) }).strict();
export const StCount = z
  .object({
    lineId: Id.optional(),
    variantId: Id.optional(),
    /** Null clears an earlier count. */
    counted: z.number().int().min(0).max(1_000_000_000).nullable(),
    /** Null or absent: the shop's default reason. */
    reasonId: Id.nullable().optional(),
  })
  .strict()
  .refine((count) => (count.lineId === undefined) !== (count.variantId === undefined), { message: "give exactly one of lineId and variantId", path: ["lineId"] });
export const RecordStCountsInput = z.object({ counts: z.array(StCount).min(1) }).strict();
export const CompleteStockTakeInput = z.object({ skipUncounted: z.boolean().optional() }).strict();
export const NoStInput = z.object({}).strict();

const Timestamp = z.iso.datetime().nullable();

export const StockTakeLine = z.object({
  id: z.string(),
  variantId: z.string(),
  sku: z.string().nullable(),
  /** The on_hand snapshot; null until counting starts. */
  expected: z.number().int().nullable(),
  /** Shop currency, snapshotted with `expected`; null until then. */
  unitCost: Money.nullable(),
  costMissing: z.boolean(),
  counted: z.number().int().nullable(),
  /** Null means the shop's default reason. */
  reasonId: z.string().nullable(),
  /** counted − expected, when both are known. */
  variance: z.number().int().nullable(),
  appliedDelta: z.number().int().nullable(),
});
export type StockTakeLine = z.infer<typeof StockTakeLine>;

export const StockTakeDocument = z.object({
  id: z.string(),
  number: z.string(),
  name: z.string().nullable(),
  locationId: z.string(),
  status: z.enum(STOCK_TAKE_STATUSES),
  notes: z.string(),
  countingStartedAt: Timestamp,
  completedAt: Timestamp,
  cancelledAt: Timestamp,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.number().int(),
  allowedOperations: z.array(z.enum(ST_EVENTS)),
  expectedValue: Money,
  countedValue: Money,
  varianceValue: Money,
  lines: z.array(StockTakeLine),
});
export type StockTakeDocument = z.infer<typeof StockTakeDocument>;

/** Get-by-id: the document with its recent activity. */
export const StockTakeWithActivity = withActivity(StockTakeDocument);
export type StockTakeWithActivity = z.infer<typeof StockTakeWithActivity>;

export const StockTakeSummary = StockTakeDocument.omit({ lines: true }).extend({ lineCount: z.number().int() });
export type StockTakeSummary = z.infer<typeof StockTakeSummary>;

export const StockTakeFilters = z.object({
  status: z.array(z.enum(STOCK_TAKE_STATUSES)).min(1).optional(),
  locationId: Id.optional(),
  sku: z.string().min(1).max(255).optional(),
  /** Number or name. */
  search: z.string().min(1).max(255).optional(),
  createdFrom: DateOrDateTime.optional(),
  createdTo: DateOrDateTime.optional(),
});
export type StockTakeFilters = z.infer<typeof StockTakeFilters>;
