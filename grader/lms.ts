// What an LMS's numerical question can hold of the grader's rule: one answer and one ± tolerance per step.
// The grader accepts a value within the step's tolerance of the exact-carry value or of the
// rounded-carry value, or anywhere between them (grader/tolerance.ts withinEither). An LMS blank gets
// the key's printed answer and the smallest tolerance, rounded up to two more decimals than the sheet
// asks, that covers all of that: it accepts everything the grader accepts on the key's own numbers (and
// a hair more). What it cannot do is follow-through from a student's own earlier numbers, or name a
// mistake: README, "LMS exports".
import { pow10, Q } from "../generator/num/q.js";
import type { Solution } from "../generator/solution.js";
import { prepare } from "./grade.js";
import { margin } from "./tolerance.js";

export interface Blank {
  readonly id: string;
  /** The key's printed answer (the sheet's decimals). */
  readonly answer: string;
  /** The ± tolerance, a decimal string with decimals + 2 places. */
  readonly tolerance: string;
}

/** One blank per step of a solved exercise, in the key's order. */
export function blanksOf(sol: Solution): Blank[] {
  const p = prepare(sol);
  const places = p.decimals + 2;
  const unit = Q.of(1n, pow10(places));
  return p.graph.steps.map((step) => {
    const answer = p.expected.get(step.id)!;
    const r = Q.dec(answer);
    const exact = p.exact.get(step.id)!;
    const hand = p.rounded.get(step.id)!;
    const tol = p.config.tolerance[step.kind];
    // The farthest accepted value on either side: each chain's value pushed out by its own margin.
    const reach = [exact, hand].map((v) => v.sub(r).abs().add(margin(tol, v, p.decimals)));
    const need = reach[0].gt(reach[1]) ? reach[0] : reach[1];
    // Rounded up to `places` decimals, so the printed tolerance never falls short of the rule.
    let t = Q.dec(need.round(places).toFixed(places));
    if (t.lt(need)) t = t.add(unit);
    return { id: step.id, answer, tolerance: t.toFixed(places) };
  });
}
