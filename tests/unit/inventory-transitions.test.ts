import { describe, expect, it } from "vitest";
import { TransitionError } from "../../app/inventory/errors";
import { PO_MACHINE, allowedPoEvents, applyPoEvent } from "../../app/inventory/purchase-orders/transitions";
import { type Machine, allowedEvents, applyEvent, validateMachine } from "../../app/inventory/state-machine";
import { ST_MACHINE } from "../../app/inventory/stock-takes/transitions";
import { RMA_MACHINE } from "../../app/inventory/supplier-returns/transitions";
import { TO_MACHINE } from "../../app/inventory/transfer-orders/transitions";

const MACHINES = [PO_MACHINE, TO_MACHINE, ST_MACHINE, RMA_MACHINE] as Machine<string, string>[];

describe.each(MACHINES.map((machine) => [machine.label, machine] as const))("the %s state machine", (_label, machine) => {
  it("is a sound graph: every status reachable, terminal statuses closed, no dead ends", () => {
    expect(validateMachine(machine)).toEqual([]);
  });

  const cells = machine.statuses.flatMap((status) => machine.events.map((event) => [status, event] as const));

  it.each(cells)("in %s, %s moves exactly as the table says or is refused naming the allowed events", (status, event) => {
    const move = machine.transitions[status]![event];
    // The remembered status is one whose row accepts the event, unless that is impossible.
    const remembered = machine.statuses.find((s) => s !== status && machine.transitions[s]![event] !== undefined) ?? machine.initial;
    const state = { status, statusBeforeHold: remembered, closedFromStatus: remembered };
    const DERIVED = "__derived__";
    if (!move) {
      const refusal = catchTransition(() => applyEvent(machine, state, event, () => DERIVED));
      expect(refusal.code).toBe("INVALID_TRANSITION");
      expect(refusal.details).toEqual({ status, operation: event, allowedOperations: allowedEvents(machine, state) });
      expect(refusal.message).toContain(`in status ${status}`);
      return;
    }
    const next = applyEvent(machine, state, event, () => DERIVED);
    if (move.to === "derived") expect(next).toBe(DERIVED);
    else if (move.to === "remembered" || move.to === "closed_from") expect(next).toBe(remembered);
    else expect(next).toBe(move.to);
    expect(allowedEvents(machine, state)).toContain(event);
  });
});

describe("purchase orders on hold or disputed", () => {
  it.each(["on_hold", "disputed"] as const)("can be cancelled from %s only when the remembered status allows cancel", (status) => {
    expect(applyPoEvent({ status, statusBeforeHold: "partially_received" }, "cancel", () => "sent")).toBe("cancelled");
    expect(allowedPoEvents({ status, statusBeforeHold: "received" })).not.toContain("cancel");
    const refusal = catchTransition(() => applyPoEvent({ status, statusBeforeHold: "received" }, "cancel", () => "sent"));
    expect(refusal.details).toMatchObject({ status, operation: "cancel" });
  });

  it("resume returns to the status the hold left", () => {
    expect(applyPoEvent({ status: "on_hold", statusBeforeHold: "in_progress" }, "resume", () => "sent")).toBe("in_progress");
  });
});

describe("graph validation", () => {
  const tiny = (transitions: Machine<"a" | "b" | "c", "go" | "back">["transitions"], terminal: ("a" | "b" | "c")[]) =>
    ({ label: "test", statuses: ["a", "b", "c"], events: ["go", "back"], initial: "a", terminal, derived: [], transitions }) as const;

  it("reports a status nothing leads to", () => {
    expect(validateMachine(tiny({ a: { go: { to: "b" } }, b: {}, c: {} }, ["b", "c"]))).toContain("c cannot be reached from a");
  });

  it("reports a terminal status with a way out, and a dead end not declared terminal", () => {
    const problems = validateMachine(tiny({ a: { go: { to: "b" } }, b: { go: { to: "c" } }, c: { back: { to: "a" } } }, ["b"]));
    expect(problems).toContain("terminal status b leads to c");
    expect(validateMachine(tiny({ a: { go: { to: "b" } }, b: { go: { to: "c" } }, c: {} }, []))).toContain("c has no way out but is not declared terminal");
  });
});

function catchTransition(run: () => unknown): TransitionError {
  try {
    run();
  } catch (error) {
    if (error instanceof TransitionError) return error;
    throw error;
  }
  throw new Error("expected a TransitionError");
}
