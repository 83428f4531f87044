/** The transfer-order state machine (spec/domain.md §5.1), as data. Pure. */
import { TRANSFER_ORDER_STATUSES } from "../../../db/schema";
import { allowedEvents, applyEvent, assertValidMachine, type Machine, type MachineState, type TransitionTable } from "../state-machine";

export { TRANSFER_ORDER_STATUSES };
export type ToStatus = (typeof TRANSFER_ORDER_STATUSES)[number];

/** `changePlanned`: a planned quantity changed on a sent transfer, which moves stock (§5.3). */
export const TO_EVENTS = ["send", "receive", "changePlanned", "complete", "hold", "resume", "revert", "cancel", "delete"] as const;
export type ToEvent = (typeof TO_EVENTS)[number];

export const TO_TRANSITIONS: TransitionTable<ToStatus, ToEvent> = {
  draft: { send: { to: "sent" }, cancel: { to: "cancelled" }, delete: { to: "deleted" } },
  sent: {
    receive: { to: "derived" },
    changePlanned: { to: "derived" },
    hold: { to: "on_hold" },
    revert: { to: "draft" },
    cancel: { to: "cancelled" },
  },
  partially_received: {
    receive: { to: "derived" },
    changePlanned: { to: "derived" },
    complete: { to: "completed" },
    hold: { to: "on_hold" },
    revert: { to: "sent" },
    cancel: { to: "cancelled" },
  },
  received: { changePlanned: { to: "derived" }, complete: { to: "completed" }, revert: { to: "sent" }, cancel: { to: "cancelled" } },
  on_hold: { resume: { to: "remembered" }, cancel: { to: "cancelled" } },
  completed: {},
  cancelled: {},
};

export const TO_MACHINE: Machine<ToStatus, ToEvent> = assertValidMachine({
  label: "transfer order",
  statuses: TRANSFER_ORDER_STATUSES,
  events: TO_EVENTS,
  initial: "draft",
  terminal: ["completed", "cancelled"],
  derived: ["sent", "partially_received", "received"],
  transitions: TO_TRANSITIONS,
});

export function allowedToEvents(transfer: MachineState<ToStatus>): ToEvent[] {
  return allowedEvents(TO_MACHINE, transfer);
}

export function applyToEvent(transfer: MachineState<ToStatus>, event: ToEvent, derive: () => ToStatus): ToStatus | "deleted" {
  return applyEvent(TO_MACHINE, transfer, event, derive);
}
