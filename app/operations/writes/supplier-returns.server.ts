/** `app.supplierReturns.<operation>`: the supplier-return writes of spec/domain.md §7.2, guardrails from §7.4. */
import {
  AddRmaLinesInput,
  addSupplierReturnLines,
  approveSupplierReturn,
  cancelSupplierReturn,
  closeSupplierReturn,
  completeSupplierReturnInspection,
  CreateSupplierReturnInput,
  createSupplierReturn,
  deleteSupplierReturn,
  holdSupplierReturn,
  markSupplierReturnReceivedBySupplier,
  quickApproveAndShipSupplierReturn,
  quickCloseSupplierReturn,
  rejectSupplierReturn,
  RemoveRmaLinesInput,
  removeSupplierReturnLines,
  removeSupplierReturnShipment,
  ResolveSupplierReturnInput,
  resolveSupplierReturn,
  resumeSupplierReturn,
  RMA_TRANSITIONS,
  SetRmaShipmentInput,
  setSupplierReturnShipment,
  shipSupplierReturn,
  stepBackSupplierReturn,
  submitSupplierReturn,
  SUPPLIER_RETURN_STATUSES,
  SupplierReturnDocument,
  UpdateRmaLinesInput,
  UpdateSupplierReturnInput,
  updateSupplierReturn,
  updateSupplierReturnLines,
} from "../../inventory/index.server";
import type { DomainErrorCode, RmaEvent } from "../../inventory/index.server";
import type { Operation } from "../registry";
import { GATEWAY_ERRORS, writeSurface } from "./define.server";
import { statusesAccepting, statusesExcept } from "./statuses";

const rma = writeSurface({ area: "supplierReturns", noun: "supplier return", typeName: "SupplierReturn", document: SupplierReturnDocument });

/** §7.2: lines and reason are editable in Draft and Pending Approval. */
const LINES_EDITABLE = ["draft", "pending_approval"];
/** §7.2: notes, shipment and addresses are editable in every status except Closed and Cancelled. */
const NOT_CLOSED = statusesExcept(SUPPLIER_RETURN_STATUSES, ["closed", "cancelled"]);

/** A status operation of §7.1 that takes nothing but the return. */
function move(event: RmaEvent, does: string, errors: readonly DomainErrorCode[], run: Parameters<typeof rma.onDocumentWithoutInput>[1]["run"]): Operation {
  return rma.onDocumentWithoutInput(event, { does, allowedIn: statusesAccepting(RMA_TRANSITIONS, event), errors: ["INVALID_TRANSITION", ...errors], run });
}

export const supplierReturnWriteOperations: Operation[] = [
  rma.withInput("create", {
    does: "Create a supplier return (RMA): a new Draft. `supplierId` and `locationId` (where units ship from) are required; the source purchase order (`purchaseOrderId`), reason and lines are optional.",
    input: CreateSupplierReturnInput,
    errors: ["LOCATION_INACTIVE", "SUPPLIER_ARCHIVED", "SOURCE_PO_MISMATCH", "EXCEEDS_RECEIVED", "VARIANT_NOT_TRACKED", "DUPLICATE_LINE"],
    run: createSupplierReturn,
  }),
  rma.onDocument("update", {
    does: "Change a supplier return's header: supplier, location and source purchase order in Draft only; reason in Draft and Pending Approval; notes and addresses in every status except Closed and Cancelled.",
    input: UpdateSupplierReturnInput,
    allowedIn: NOT_CLOSED,
    errors: ["FIELD_LOCKED", "SUPPLIER_ARCHIVED", "LOCATION_INACTIVE", "SOURCE_PO_MISMATCH", "EXCEEDS_RECEIVED"],
    run: updateSupplierReturn,
  }),
  rma.onDocument("addLines", {
    does: "Add lines (`variantId`, `quantity`, optional reason, condition, disposition and notes) to a supplier return.",
    input: AddRmaLinesInput,
    allowedIn: LINES_EDITABLE,
    errors: ["FIELD_LOCKED", "VARIANT_NOT_TRACKED", "DUPLICATE_LINE", "SOURCE_PO_MISMATCH", "EXCEEDS_RECEIVED"],
    run: addSupplierReturnLines,
  }),
  rma.onDocument("updateLines", {
    does: "Change lines of a supplier return (`lineId` and the fields to change).",
    input: UpdateRmaLinesInput,
    allowedIn: LINES_EDITABLE,
    errors: ["FIELD_LOCKED", "EXCEEDS_RECEIVED"],
    run: updateSupplierReturnLines,
  }),
  rma.onDocument("removeLines", {
    does: "Remove lines from a supplier return.",
    input: RemoveRmaLinesInput,
    allowedIn: LINES_EDITABLE,
    errors: ["FIELD_LOCKED"],
    run: removeSupplierReturnLines,
  }),
  move("submit", "Submit a supplier return for the supplier's approval (→ Pending Approval).", ["RMA_HAS_NO_LINES"], submitSupplierReturn),
  move("approve", "Record the supplier's approval of the return (→ Approved).", [], approveSupplierReturn),
  move("reject", "Record the supplier's rejection of the return (→ Rejected).", [], rejectSupplierReturn),
  move(
    "quickApproveAndShip",
    "Approve and ship a pending supplier return in one step (→ In Transit): each line's quantity leaves on_hand and available at the return's location.",
    ["INSUFFICIENT_AVAILABLE", ...GATEWAY_ERRORS],
    quickApproveAndShipSupplierReturn,
  ),
  move("ship", "Ship a supplier return (→ In Transit): each line's quantity leaves on_hand and available at the return's location.", ["INSUFFICIENT_AVAILABLE", ...GATEWAY_ERRORS], shipSupplierReturn),
  move("markReceivedBySupplier", "Record that the supplier received the returned units (→ Received by Supplier).", [], markSupplierReturnReceivedBySupplier),
  move("completeInspection", "Record that the supplier finished inspecting the returned units (→ Inspection Complete).", [], completeSupplierReturnInspection),
  rma.onDocument("resolve", {
    does: "Resolve a supplier return (→ Resolved). An optional `credit: { amount, number? }` in the supplier's currency is recorded as an active supplier credit (origin `supplier_return`) and linked as `creditId`.",
    input: ResolveSupplierReturnInput,
    allowedIn: statusesAccepting(RMA_TRANSITIONS, "resolve"),
    errors: ["INVALID_TRANSITION", "DUPLICATE_NUMBER"],
    run: resolveSupplierReturn,
  }),
  move("close", "Close a resolved supplier return (→ Closed).", [], closeSupplierReturn),
  move("quickClose", "Close a supplier return in transit or received by the supplier (→ Closed), recording no credit.", [], quickCloseSupplierReturn),
  move(
    "stepBack",
    "Step a supplier return back one status: In Transit → Approved returns the units to stock; Resolved → Inspection Complete voids the resolution credit; Closed goes back to the status it was closed from; Cancelled reopens as Draft.",
    ["CREDIT_IN_USE", "SOURCE_PO_MISMATCH", "EXCEEDS_RECEIVED", ...GATEWAY_ERRORS],
    stepBackSupplierReturn,
  ),
  move("hold", "Pause a supplier return (→ On Hold), remembering its status for `resume`.", [], holdSupplierReturn),
  move("resume", "Return a held supplier return to its remembered status.", [], resumeSupplierReturn),
  move(
    "cancel",
    "Cancel a supplier return (→ Cancelled), clearing every forward-progress date. Cancelling after shipping returns each line's quantity to on_hand and available. A resolved or closed return cannot be cancelled.",
    [...GATEWAY_ERRORS],
    cancelSupplierReturn,
  ),
  rma.onDocumentWithoutInput("delete", {
    does: "Delete a Draft or Cancelled supplier return. The result's document is the return as it was.",
    allowedIn: statusesAccepting(RMA_TRANSITIONS, "delete"),
    errors: ["NOT_DELETABLE"],
    run: deleteSupplierReturn,
  }),
  rma.onDocument("setShipment", {
    does: "Set the supplier return's single shipment record (carrier, tracking number and URL, shipped and expected-arrival dates), in every status except Closed and Cancelled.",
    input: SetRmaShipmentInput,
    allowedIn: NOT_CLOSED,
    errors: ["FIELD_LOCKED"],
    run: setSupplierReturnShipment,
  }),
  rma.onDocumentWithoutInput("removeShipment", {
    does: "Remove the supplier return's shipment record, in every status except Closed and Cancelled.",
    allowedIn: NOT_CLOSED,
    errors: ["FIELD_LOCKED"],
    run: removeSupplierReturnShipment,
  }),
];
