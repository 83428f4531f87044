/**
 * Where a write is allowed, read from the domain's own tables (transition tables, edit rules), so
 * what `search_api` shows cannot drift from what the domain enforces. Pure.
 */

type Move = { readonly ifRememberedAllows?: true };

/**
 * The statuses whose row in a transition table has `event`. A move out of a pause that depends on
 * the status before the pause is shown with that condition.
 */
export function statusesAccepting<S extends string, E extends string>(
  transitions: { readonly [K in S]: { readonly [V in E]?: Move } },
  event: E,
): string[] {
  return statusesOf(transitions).flatMap((status) => {
    const move = transitions[status][event];
    if (!move) return [];
    return [move.ifRememberedAllows ? `${status} (if the status before the hold allows ${event})` : status];
  });
}

/** The statuses whose rule passes `test`, in the table's order. */
export function statusesWhere<S extends string, Rule>(rules: { readonly [K in S]: Rule }, test: (rule: Rule) => boolean): S[] {
  return statusesOf(rules).filter((status) => test(rules[status]));
}

/** Every status but `excluded`, for the spec's "in any status except …" rules. */
export function statusesExcept<S extends string>(statuses: readonly S[], excluded: readonly S[]): S[] {
  return statuses.filter((status) => !excluded.includes(status));
}

/** `union(["draft"], statusesAccepting(...))`: both lists, each status once, in order of first mention. */
export function union(...lists: readonly (readonly string[])[]): string[] {
  return [...new Set(lists.flat())];
}

function statusesOf<S extends string>(table: { readonly [K in S]: unknown }): S[] {
  // A table keyed by every status (a mapped type over the status list) has exactly those keys.
  return Object.keys(table) as S[];
}
