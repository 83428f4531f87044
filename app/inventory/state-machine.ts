/**
 * Document state machines as data. A machine's table maps every status (the mapped type makes a
 * forgotten status a compile error) to the events it accepts and where each leads. Refusing a move
 * and describing the allowed moves both read the same table.
 *
 * A move leads to a fixed status, or is resolved when applied:
 * - `derived`: the document computes its status from its lines (for example after a receipt);
 * - `remembered`: back to the status `hold` left (`statusBeforeHold`);
 * - `closed_from`: back to the status the document was closed from (`closedFromStatus`);
 * - `deleted`: the document is removed.
 * `ifRememberedAllows` limits a move out of a paused status to documents whose remembered status
 * accepts the same event (a PO held while Received cannot be cancelled).
 */
import { TransitionError } from "./errors";

export type Move<S extends string> = {
  readonly to: S | "derived" | "remembered" | "closed_from" | "deleted";
  readonly ifRememberedAllows?: true;
};

export type TransitionTable<S extends string, E extends string> = {
  readonly [K in S]: { readonly [V in E]?: Move<S> };
};

export type Machine<S extends string, E extends string> = {
  /** How messages name the document: "purchase order". */
  readonly label: string;
  readonly statuses: readonly S[];
  readonly events: readonly E[];
  readonly initial: S;
  /** Statuses nothing leads out of, except deletion. */
  readonly terminal: readonly S[];
  /** The statuses a `derived` move can produce. */
  readonly derived: readonly S[];
  readonly transitions: TransitionTable<S, E>;
};

export type MachineState<S extends string> = {
  status: S;
  statusBeforeHold?: S | null;
  closedFromStatus?: S | null;
};

function movesFrom<S extends string, E extends string>(machine: Machine<S, E>, status: S): [E, Move<S>][] {
  const row = machine.transitions[status];
  return machine.events.flatMap((event) => {
    const move = row[event];
    return move ? [[event, move] as [E, Move<S>]] : [];
  });
}

function permits<S extends string, E extends string>(machine: Machine<S, E>, state: MachineState<S>, event: E, move: Move<S>): boolean {
  if (!move.ifRememberedAllows) return true;
  const remembered = state.statusBeforeHold;
  return remembered != null && machine.transitions[remembered][event] !== undefined;
}

/** The events the document accepts now, in the machine's event order. */
export function allowedEvents<S extends string, E extends string>(machine: Machine<S, E>, state: MachineState<S>): E[] {
  return movesFrom(machine, state.status)
    .filter(([event, move]) => permits(machine, state, event, move))
    .map(([event]) => event);
}

/** The move `event` makes from the document's status, or a TransitionError naming what is allowed. */
export function requireMove<S extends string, E extends string>(machine: Machine<S, E>, state: MachineState<S>, event: E): Move<S> {
  const move = machine.transitions[state.status][event];
  if (!move || !permits(machine, state, event, move)) {
    throw new TransitionError(machine.label, state.status, event, allowedEvents(machine, state));
  }
  return move;
}

/**
 * The status after `event`, or `deleted`. `derive` computes a derived status (from the lines as
 * they will be after the operation); it is called only for derived moves.
 */
export function applyEvent<S extends string, E extends string>(
  machine: Machine<S, E>,
  state: MachineState<S>,
  event: E,
  derive: () => S,
): S | "deleted" {
  const move = requireMove(machine, state, event);
  switch (move.to) {
    case "derived":
      return derive();
    case "remembered":
      return rememberedOrFail(machine, state, event, state.statusBeforeHold);
    case "closed_from":
      return rememberedOrFail(machine, state, event, state.closedFromStatus);
    default:
      return move.to;
  }
}

function rememberedOrFail<S extends string, E extends string>(machine: Machine<S, E>, state: MachineState<S>, event: E, remembered: S | null | undefined): S {
  // A paused document always remembers where it came from; a row without it is corrupt data.
  if (remembered == null) throw new Error(`${machine.label} in ${state.status} has no remembered status to ${event} to`);
  return remembered;
}

/** Where each move can lead, for graph checks: remembered moves lead back to any status that enters this one. */
function successors<S extends string, E extends string>(machine: Machine<S, E>, status: S): S[] {
  const out = new Set<S>();
  for (const [, move] of movesFrom(machine, status)) {
    if (move.to === "derived") machine.derived.forEach((s) => out.add(s));
    else if (move.to === "remembered" || move.to === "closed_from") predecessors(machine, status).forEach((s) => out.add(s));
    else if (move.to !== "deleted") out.add(move.to);
  }
  return [...out];
}

function predecessors<S extends string, E extends string>(machine: Machine<S, E>, target: S): S[] {
  return machine.statuses.filter((status) => movesFrom(machine, status).some(([, move]) => move.to === target));
}

/**
 * Problems with the table as a graph: a status not reachable from the initial one, a terminal
 * status with a way out, a status with no way out that is not declared terminal, a derived move in
 * a machine that declares no derived statuses. Empty when the machine is sound.
 */
export function validateMachine<S extends string, E extends string>(machine: Machine<S, E>): string[] {
  const problems: string[] = [];
  const reached = new Set<S>([machine.initial]);
  const queue: S[] = [machine.initial];
  while (queue.length) {
    for (const next of successors(machine, queue.shift()!)) {
      if (!reached.has(next)) {
        reached.add(next);
        queue.push(next);
      }
    }
  }
  for (const status of machine.statuses) {
    if (!reached.has(status)) problems.push(`${status} cannot be reached from ${machine.initial}`);
    const exits = successors(machine, status);
    if (machine.terminal.includes(status) && exits.length) problems.push(`terminal status ${status} leads to ${exits.join(", ")}`);
    if (!machine.terminal.includes(status) && !exits.length) problems.push(`${status} has no way out but is not declared terminal`);
    for (const [event, move] of movesFrom(machine, status)) {
      if (move.to === "derived" && !machine.derived.length) problems.push(`${status} --${event}--> derived, but no derived statuses are declared`);
      if ((move.to === "remembered" || move.to === "closed_from") && !predecessors(machine, status).length) {
        problems.push(`${status} --${event}--> ${move.to}, but nothing enters ${status}`);
      }
    }
  }
  return problems;
}

/** For start-up: a machine with problems is a defect, found before any request. */
export function assertValidMachine<S extends string, E extends string>(machine: Machine<S, E>): Machine<S, E> {
  const problems = validateMachine(machine);
  if (problems.length) throw new Error(`The ${machine.label} state machine is unsound: ${problems.join("; ")}`);
  return machine;
}
