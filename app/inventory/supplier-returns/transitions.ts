/** The supplier-return state machine (spec/domain.md §7.1), as data. Pure. */
import { SUPPLIER_RETURN_STATUSES } from "../../../db/schema";
import { allowedEvents, applyEvent, assertValidMachine, type Machine, type MachineState, type TransitionTable } from "../state-machine";

export { SUPPLIER_RETURN_STATUSES };
export type RmaStatus = (typeof SUPPLIER_RETURN_STATUSES)[number];

export const RMA_EVENTS = [
  "submit",
  "approve",
  "reject",
  "quickApproveAndShip",
  "ship",
  "markReceivedBySupplier",
  "completeInspection",
  "resolve",
  "close",
  "quickClose",
  "stepBack",
  "hold",
  "resume",
  "cancel",
  "delete",
] as const;
export type RmaEvent = (typeof RMA_EVENTS)[number];

const PAUSABLE = { hold: { to: "on_hold" }, cancel: { to: "cancelled" } } as const;

export const RMA_TRANSITIONS: TransitionTable<RmaStatus, RmaEvent> = {
  draft: { submit: { to: "pending_approval" }, cancel: { to: "cancelled" }, delete: { to: "deleted" } },
  pending_approval: {
    approve: { to: "approved" },
    reject: { to: "rejected" },
    quickApproveAndShip: { to: "in_transit" },
    stepBack: { to: "draft" },
    ...PAUSABLE,
  },
  approved: { ship: { to: "in_transit" }, stepBack: { to: "pending_approval" }, ...PAUSABLE },
  in_transit: { markReceivedBySupplier: { to: "received_by_supplier" }, quickClose: { to: "closed" }, stepBack: { to: "approved" }, ...PAUSABLE },
  received_by_supplier: {
    completeInspection: { to: "inspection_complete" },
    quickClose: { to: "closed" },
    stepBack: { to: "in_transit" },
    ...PAUSABLE,
  },
  inspection_complete: { resolve: { to: "resolved" }, stepBack: { to: "received_by_supplier" }, ...PAUSABLE },
  // No cancel: a resolved return carries a credit, voided only by stepping back.
  resolved: { close: { to: "closed" }, stepBack: { to: "inspection_complete" } },
  closed: { stepBack: { to: "closed_from" } },
  on_hold: { resume: { to: "remembered" }, cancel: { to: "cancelled" } },
  rejected: { stepBack: { to: "pending_approval" }, cancel: { to: "cancelled" } },
  cancelled: { stepBack: { to: "draft" }, delete: { to: "deleted" } },
};

export const RMA_MACHINE: Machine<RmaStatus, RmaEvent> = assertValidMachine({
  label: "supplier return",
  statuses: SUPPLIER_RETURN_STATUSES,
  events: RMA_EVENTS,
  initial: "draft",
  terminal: [],
  derived: [],
  transitions: RMA_TRANSITIONS,
});

/** Statuses in which the units have left the location: cancelling from them returns stock (§7.3). */
export const RMA_SHIPPED_STATUSES: readonly RmaStatus[] = ["in_transit", "received_by_supplier", "inspection_complete"];

export function allowedRmaEvents(supplierReturn: MachineState<RmaStatus>): RmaEvent[] {
  return allowedEvents(RMA_MACHINE, supplierReturn);
}

export function applyRmaEvent(supplierReturn: MachineState<RmaStatus>, event: RmaEvent): RmaStatus | "deleted" {
  return applyEvent(RMA_MACHINE, supplierReturn, event, () => supplierReturn.status);
}
