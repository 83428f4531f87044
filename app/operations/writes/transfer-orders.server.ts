/** `app.transferOrders.<operation>`: the transfer-order writes of spec/domain.md §5.2, guardrails from §5.4. */
import {
  AddToLinesInput,
  addTransferOrderLines,
  cancelTransferOrder,
  completeTransferOrder,
  CreateTransferOrderInput,
  createTransferOrder,
  deleteTransferOrder,
  duplicateTransferOrder,
  holdTransferOrder,
  ReceiveTransferOrderInput,
  receiveTransferOrder,
  recomputeTransferOrderIncoming,
  RemoveToLinesInput,
  removeTransferOrderLines,
  removeTransferOrderShipment,
  resumeTransferOrder,
  revertTransferOrder,
  sendTransferOrder,
  SetToShipmentInput,
  setTransferOrderShipment,
  TO_TRANSITIONS,
  TransferOrderDocument,
  TRANSFER_ORDER_STATUSES,
  UpdateToLinesInput,
  UpdateTransferOrderInput,
  updateTransferOrder,
  updateTransferOrderLines,
} from "../../inventory/index.server";
import type { Operation } from "../registry";
import { GATEWAY_ERRORS, writeSurface } from "./define.server";
import { statusesAccepting, statusesExcept, union } from "./statuses";

const to = writeSurface({ area: "transferOrders", noun: "transfer order", typeName: "TransferOrder", document: TransferOrderDocument });

/** Completed and Cancelled transfers keep their shipment and addresses as they were (§5.2). */
const OPEN = statusesExcept(TRANSFER_ORDER_STATUSES, ["completed", "cancelled"]);

export const transferOrderWriteOperations: Operation[] = [
  to.withInput("create", {
    does: "Create a transfer order: a new Draft moving stock from `originLocationId` to `destinationLocationId`. Both locations are required, active and different; lines (`variantId`, `planned`) are optional.",
    input: CreateTransferOrderInput,
    errors: ["SAME_LOCATION", "LOCATION_INACTIVE", "VARIANT_NOT_TRACKED", "DUPLICATE_LINE"],
    run: createTransferOrder,
  }),
  to.onDocument("update", {
    does: "Change a transfer order's header. Locations can change only in Draft. Notes, expected arrival and addresses can change until Completed or Cancelled, after which only notes can.",
    input: UpdateTransferOrderInput,
    allowedIn: TRANSFER_ORDER_STATUSES,
    errors: ["FIELD_LOCKED", "SAME_LOCATION", "LOCATION_INACTIVE"],
    run: updateTransferOrder,
  }),
  to.onDocument("addLines", {
    does: "Add lines (`variantId`, `planned`) to a transfer order, in Draft only.",
    input: AddToLinesInput,
    // §5.2 lists these statuses in words; no domain table holds them.
    allowedIn: ["draft"],
    errors: ["FIELD_LOCKED", "VARIANT_NOT_TRACKED", "DUPLICATE_LINE"],
    run: addTransferOrderLines,
  }),
  to.onDocument("updateLines", {
    does: "Change lines' `planned` quantity: freely in Draft; in Sent, Partially Received and Received the change moves stock (origin on_hand and available − change, destination incoming + change) and the status is derived.",
    input: UpdateToLinesInput,
    allowedIn: union(["draft"], statusesAccepting(TO_TRANSITIONS, "changePlanned")),
    errors: ["INVALID_TRANSITION", "PLANNED_BELOW_RECEIVED", "INSUFFICIENT_AVAILABLE", ...GATEWAY_ERRORS],
    run: updateTransferOrderLines,
  }),
  to.onDocument("removeLines", {
    does: "Remove lines from a transfer order: in Draft; in Sent or Partially Received only lines with nothing received, reversing their movement.",
    input: RemoveToLinesInput,
    // §5.2, as for addLines.
    allowedIn: ["draft", "sent", "partially_received"],
    errors: ["FIELD_LOCKED", "LINE_HAS_ACTIVITY", "TO_HAS_NO_LINES", ...GATEWAY_ERRORS],
    run: removeTransferOrderLines,
  }),
  to.onDocumentWithoutInput("send", {
    does: "Send a transfer order: moves every line's planned quantity out of the origin (on_hand and available) and into the destination's incoming.",
    allowedIn: statusesAccepting(TO_TRANSITIONS, "send"),
    errors: ["INVALID_TRANSITION", "TO_HAS_NO_LINES", "INSUFFICIENT_AVAILABLE", ...GATEWAY_ERRORS],
    run: sendTransferOrder,
  }),
  to.onDocument("receive", {
    does: "Receive units of a transfer order at the destination, per line: incoming falls and on_hand and available rise by the units received; the status is derived.",
    input: ReceiveTransferOrderInput,
    allowedIn: statusesAccepting(TO_TRANSITIONS, "receive"),
    errors: ["INVALID_TRANSITION", "OVER_RECEIPT", ...GATEWAY_ERRORS],
    run: receiveTransferOrder,
  }),
  to.onDocumentWithoutInput("hold", {
    does: "Pause a transfer order (→ On Hold), remembering its status for `resume`.",
    allowedIn: statusesAccepting(TO_TRANSITIONS, "hold"),
    errors: ["INVALID_TRANSITION"],
    run: holdTransferOrder,
  }),
  to.onDocumentWithoutInput("resume", {
    does: "Return a held transfer order to its remembered status.",
    allowedIn: statusesAccepting(TO_TRANSITIONS, "resume"),
    errors: ["INVALID_TRANSITION"],
    run: resumeTransferOrder,
  }),
  to.onDocumentWithoutInput("complete", {
    does: "Close a transfer order (→ Completed). Un-received units are recorded as `shortfall` and leave the destination's incoming. To return short-shipped units to the origin instead, lower `planned` before completing.",
    allowedIn: statusesAccepting(TO_TRANSITIONS, "complete"),
    errors: ["INVALID_TRANSITION", ...GATEWAY_ERRORS],
    run: completeTransferOrder,
  }),
  to.onDocumentWithoutInput("revert", {
    does: "Step a transfer order back one stage and reverse that stage's movements: Sent → Draft returns stock to the origin; Partially Received or Received → Sent takes the receipts back out of the destination.",
    allowedIn: statusesAccepting(TO_TRANSITIONS, "revert"),
    errors: ["INVALID_TRANSITION", "INSUFFICIENT_AVAILABLE", ...GATEWAY_ERRORS],
    run: revertTransferOrder,
  }),
  to.onDocumentWithoutInput("cancel", {
    does: "Cancel a transfer order, reversing every movement, including receipts.",
    allowedIn: statusesAccepting(TO_TRANSITIONS, "cancel"),
    errors: ["INVALID_TRANSITION", "INSUFFICIENT_AVAILABLE", ...GATEWAY_ERRORS],
    run: cancelTransferOrder,
  }),
  to.onDocumentWithoutInput("delete", {
    does: "Delete a Draft transfer order (cancel it first otherwise: cancelling returns stock, deleting would not). The result's document is the transfer as it was.",
    allowedIn: statusesAccepting(TO_TRANSITIONS, "delete"),
    errors: ["NOT_DELETABLE"],
    run: deleteTransferOrder,
  }),
  to.onDocumentWithoutInput("duplicate", {
    does: "Create a new Draft transfer order with the same locations, addresses, notes and lines (planned quantities); received quantities and dates are cleared. Works in every status. The result's document is the new transfer.",
    allowedIn: TRANSFER_ORDER_STATUSES,
    errors: ["SAME_LOCATION", "LOCATION_INACTIVE", "VARIANT_NOT_TRACKED"],
    run: duplicateTransferOrder,
  }),
  to.onDocument("setShipment", {
    does: "Set the transfer order's single shipment record (carrier, tracking number and URL, shipped and expected-arrival dates), until Completed or Cancelled.",
    input: SetToShipmentInput,
    allowedIn: OPEN,
    errors: ["FIELD_LOCKED"],
    run: setTransferOrderShipment,
  }),
  to.onDocumentWithoutInput("removeShipment", {
    does: "Remove the transfer order's shipment record, until Completed or Cancelled.",
    allowedIn: OPEN,
    errors: ["FIELD_LOCKED"],
    run: removeTransferOrderShipment,
  }),
  to.onDocumentWithoutInput("recomputeIncoming", {
    does: "Recovery action: for each variant on the transfer, set `incoming` at the destination to the sum of outstanding units on open purchase orders at that location plus `inTransit` on transfers into it that are Sent, Partially Received or On Hold. Incoming from outside Logistified is not preserved.",
    allowedIn: statusesExcept(TRANSFER_ORDER_STATUSES, ["draft"]),
    errors: ["INVALID_TRANSITION", ...GATEWAY_ERRORS],
    run: recomputeTransferOrderIncoming,
  }),
];
