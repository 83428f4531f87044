/** `app.stockTakes.<operation>`: the stock-take writes of spec/domain.md §6.2, guardrails from §6.4. */
import {
  AddStLinesInput,
  addStockTakeLines,
  cancelStockTake,
  CompleteStockTakeInput,
  completeStockTake,
  CreateStockTakeInput,
  createStockTake,
  deleteStockTake,
  RecordStCountsInput,
  recordStockTakeCounts,
  RemoveStLinesInput,
  removeStockTakeLines,
  ST_TRANSITIONS,
  startStockTakeCounting,
  StockTakeDocument,
  UpdateStockTakeInput,
  updateStockTake,
} from "../../inventory/index.server";
import type { Operation } from "../registry";
import { GATEWAY_ERRORS, writeSurface } from "./define.server";
import { statusesAccepting } from "./statuses";

const st = writeSurface({ area: "stockTakes", noun: "stock take", typeName: "StockTake", document: StockTakeDocument });

/** §6.2: the name, notes and lines change until the count is completed or cancelled. */
const EDITABLE = ["draft", "counting"];

export const stockTakeWriteOperations: Operation[] = [
  st.withInput("create", {
    does: "Create a stock take: a new Draft for one active location, with optional `variantIds`, or `include: \"all\"` to add every tracked variant stocked there.",
    input: CreateStockTakeInput,
    errors: ["LOCATION_INACTIVE", "VARIANT_NOT_TRACKED", "DUPLICATE_LINE", "TOO_MANY_LINES"],
    run: createStockTake,
  }),
  st.onDocument("update", {
    does: "Change a stock take's name and notes.",
    input: UpdateStockTakeInput,
    allowedIn: EDITABLE,
    errors: ["FIELD_LOCKED"],
    run: updateStockTake,
  }),
  st.onDocument("addLines", {
    does: "Add variants to a stock take. A line added during Counting takes its snapshot (expected = current on_hand) at once.",
    input: AddStLinesInput,
    allowedIn: EDITABLE,
    errors: ["FIELD_LOCKED", "VARIANT_NOT_TRACKED", "DUPLICATE_LINE", "VARIANT_IN_OTHER_COUNT", "TOO_MANY_LINES"],
    run: addStockTakeLines,
  }),
  st.onDocument("removeLines", {
    does: "Remove lines from a stock take.",
    input: RemoveStLinesInput,
    allowedIn: EDITABLE,
    errors: ["FIELD_LOCKED", "TOO_MANY_LINES"],
    run: removeStockTakeLines,
  }),
  st.onDocumentWithoutInput("startCounting", {
    does: "Start counting: snapshots `expected` = current on_hand and `unitCost` for every line (→ Counting). No inventory effect.",
    allowedIn: statusesAccepting(ST_TRANSITIONS, "startCounting"),
    errors: ["INVALID_TRANSITION", "ST_HAS_NO_LINES", "VARIANT_IN_OTHER_COUNT"],
    run: startStockTakeCounting,
  }),
  st.onDocument("recordCounts", {
    does: "Record counts: sets `counted` (integer ≥ 0, or null to clear) and optional `reasonId` per line, by `lineId` or `variantId`; may overwrite earlier counts. No inventory effect until `complete`.",
    input: RecordStCountsInput,
    allowedIn: ["counting"],
    errors: ["INVALID_TRANSITION", "TOO_MANY_LINES"],
    run: recordStockTakeCounts,
  }),
  st.onDocument("complete", {
    does: "Apply the counts (→ Completed): for each counted line, delta = counted − on_hand at that moment; on_hand := counted; available += delta (recorded as `appliedDelta`). The one operation allowed to leave available negative. Uncounted lines refuse completion unless `skipUncounted: true`, which applies nothing for them.",
    input: CompleteStockTakeInput,
    allowedIn: statusesAccepting(ST_TRANSITIONS, "complete"),
    errors: ["INVALID_TRANSITION", "UNCOUNTED_LINES", ...GATEWAY_ERRORS],
    run: completeStockTake,
  }),
  st.onDocumentWithoutInput("cancel", {
    does: "Cancel a stock take (→ Cancelled); nothing is applied.",
    allowedIn: statusesAccepting(ST_TRANSITIONS, "cancel"),
    errors: ["INVALID_TRANSITION"],
    run: cancelStockTake,
  }),
  st.onDocumentWithoutInput("delete", {
    does: "Delete a Draft stock take. The result's document is the stock take as it was.",
    allowedIn: statusesAccepting(ST_TRANSITIONS, "delete"),
    errors: ["NOT_DELETABLE"],
    run: deleteStockTake,
  }),
];
