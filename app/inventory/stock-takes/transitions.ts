/** The stock-take state machine (spec/domain.md §6.1), as data. Pure. */
import { STOCK_TAKE_STATUSES } from "../../../db/schema";
import { allowedEvents, applyEvent, assertValidMachine, type Machine, type MachineState, type TransitionTable } from "../state-machine";

export { STOCK_TAKE_STATUSES };
export type StStatus = (typeof STOCK_TAKE_STATUSES)[number];

export const ST_EVENTS = ["startCounting", "complete", "cancel", "delete"] as const;
export type StEvent = (typeof ST_EVENTS)[number];

export const ST_TRANSITIONS: TransitionTable<StStatus, StEvent> = {
  draft: { startCounting: { to: "counting" }, cancel: { to: "cancelled" }, delete: { to: "deleted" } },
  counting: { complete: { to: "completed" }, cancel: { to: "cancelled" } },
  completed: {},
  cancelled: {},
};

export const ST_MACHINE: Machine<StStatus, StEvent> = assertValidMachine({
  label: "stock take",
  statuses: STOCK_TAKE_STATUSES,
  events: ST_EVENTS,
  initial: "draft",
  terminal: ["completed", "cancelled"],
  derived: [],
  transitions: ST_TRANSITIONS,
});

export function allowedStEvents(stockTake: MachineState<StStatus>): StEvent[] {
  return allowedEvents(ST_MACHINE, stockTake);
}

export function applyStEvent(stockTake: MachineState<StStatus>, event: StEvent): StStatus | "deleted" {
  return applyEvent(ST_MACHINE, stockTake, event, () => stockTake.status);
}
