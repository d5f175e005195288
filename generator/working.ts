// The key's working: each step's formula with numbers, written so that doing the arithmetic shown, with
// the digits shown, rounds to the answer printed on that line (issue 17 item 3).
//
// The rule: givens are written as given; an earlier step's number is written with the sheet's
// decimals, and where that arithmetic would round to a different last digit (carry "exact" keys,
// whose answers come from unrounded predecessors), with guard digits: the fewest extra decimals (1 to
// MAX_GUARD) for which it rounds to the printed answer. Keys with carry "rounded" work the hand chain:
// their inputs are the rounded values, so the sheet's decimals already add up.
import { num, type Formula } from "./formula.js";
import type { Step } from "./graph.js";
import { Q, type Rounding } from "./num/q.js";
import type { Solution } from "./solution.js";

/** At most this many guard decimals: the carried chain is good to many more. */
export const MAX_GUARD = 8;

export interface Working {
  /** The right-hand side with numbers. */
  readonly formula: Formula;
  /** Extra decimals given to earlier steps' numbers on this line (0: the sheet's decimals). */
  readonly guard: number;
}

/**
 * The working of every step of a solution, in graph order (null where the formula shows no numbers:
 * the loss after the update names its pass instead).
 */
export function workingOf(sol: Solution): (Working | null)[] {
  const { exercise: ex, graph, answers } = sol;
  const rounding = ex.rounding ?? "half_up";
  const d = ex.decimals;
  const stepIds = new Set(graph.steps.map((s) => s.id));
  const text = (id: string, guard: number): string => {
    const v = sol.sheet.get(id)!;
    return stepIds.has(id) ? v.toFixed(d + guard, rounding) : v.toPlain();
  };
  return graph.steps.map((st, k) => {
    if (st.deps.length === 0 || st.kind === "newE") return null;
    const printed = answers[k].rounded;
    const upTo = st.deps.some((id) => stepIds.has(id)) ? MAX_GUARD : 0;
    let guard = 0;
    for (; guard < upTo; guard++) if (roundsTo(st, st.deps.map((id) => text(id, guard)), d, rounding, printed)) break;
    return { formula: st.formula(st.deps.map((id) => num(text(id, guard)))), guard };
  });
}

function roundsTo(st: Step, shown: readonly string[], d: number, rounding: Rounding, printed: string): boolean {
  return st.fn(shown.map((s) => Q.dec(s))).toFixed(d, rounding) === printed;
}
