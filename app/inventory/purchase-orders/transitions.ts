/** The purchase-order state machine (spec/domain.md §4.2), as data. Pure. */
import { PURCHASE_ORDER_STATUSES } from "../../../db/schema";
import { allowedEvents, applyEvent, assertValidMachine, requireMove, type Machine, type MachineState, type TransitionTable } from "../state-machine";

export { PURCHASE_ORDER_STATUSES };
export type PoStatus = (typeof PURCHASE_ORDER_STATUSES)[number];

export const PO_EVENTS = [
  "send",
  "confirm",
  "markInProgress",
  "receive",
  "unreceive",
  "complete",
  "quickComplete",
  "hold",
  "dispute",
  "resume",
  "cancel",
  "reopen",
  "delete",
] as const;
export type PoEvent = (typeof PO_EVENTS)[number];

/** Sent, Partially Confirmed and Confirmed accept the same events. */
const BEFORE_WORK = {
  confirm: { to: "derived" },
  markInProgress: { to: "in_progress" },
  receive: { to: "derived" },
  quickComplete: { to: "completed" },
  hold: { to: "on_hold" },
  dispute: { to: "disputed" },
  cancel: { to: "cancelled" },
} as const;

export const PO_TRANSITIONS: TransitionTable<PoStatus, PoEvent> = {
  draft: { send: { to: "sent" }, cancel: { to: "cancelled" }, delete: { to: "deleted" } },
  sent: BEFORE_WORK,
  partially_confirmed: BEFORE_WORK,
  confirmed: BEFORE_WORK,
  in_progress: {
    confirm: { to: "derived" },
    receive: { to: "derived" },
    complete: { to: "completed" },
    quickComplete: { to: "completed" },
    hold: { to: "on_hold" },
    dispute: { to: "disputed" },
    cancel: { to: "cancelled" },
  },
  partially_received: {
    confirm: { to: "derived" },
    receive: { to: "derived" },
    unreceive: { to: "derived" },
    complete: { to: "completed" },
    quickComplete: { to: "completed" },
    hold: { to: "on_hold" },
    dispute: { to: "disputed" },
    cancel: { to: "cancelled" },
  },
  received: {
    confirm: { to: "derived" },
    receive: { to: "derived" },
    unreceive: { to: "derived" },
    complete: { to: "completed" },
    hold: { to: "on_hold" },
    dispute: { to: "disputed" },
  },
  on_hold: { resume: { to: "remembered" }, dispute: { to: "disputed" }, cancel: { to: "cancelled", ifRememberedAllows: true } },
  disputed: { resume: { to: "remembered" }, cancel: { to: "cancelled", ifRememberedAllows: true } },
  completed: { reopen: { to: "derived" } },
  cancelled: { delete: { to: "deleted" } },
};

export const PO_MACHINE: Machine<PoStatus, PoEvent> = assertValidMachine({
  label: "purchase order",
  statuses: PURCHASE_ORDER_STATUSES,
  events: PO_EVENTS,
  initial: "draft",
  terminal: ["cancelled"],
  derived: ["sent", "partially_confirmed", "confirmed", "in_progress", "partially_received", "received"],
  transitions: PO_TRANSITIONS,
});

/** Open POs count their outstanding units as incoming (§4.1). */
export const PO_OPEN_STATUSES: readonly PoStatus[] = PURCHASE_ORDER_STATUSES.filter((s) => s !== "draft" && s !== "completed" && s !== "cancelled");

export function allowedPoEvents(order: MachineState<PoStatus>): PoEvent[] {
  return allowedEvents(PO_MACHINE, order);
}

export function applyPoEvent(order: MachineState<PoStatus>, event: PoEvent, derive: () => PoStatus): PoStatus | "deleted" {
  return applyEvent(PO_MACHINE, order, event, derive);
}

/** Refuses `event` unless the order's status accepts it, without moving (for checks before changes). */
export function requirePoMove(order: MachineState<PoStatus>, event: PoEvent): void {
  requireMove(PO_MACHINE, order, event);
}
