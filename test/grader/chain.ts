// Test helper: what a careful student writes, step by step, when some steps are done their own way.
import type { Exercise } from "../../generator/exercise.js";
import { evaluate, type Graph, type Variant } from "../../generator/graph.js";
import type { Q } from "../../generator/num/q.js";

/**
 * The rounded hand chain: every step from the student's own written numbers, rounded to the
 * sheet's decimals. `override` replaces one step's computation (a mistake variant, or a fixed
 * wrong value); ids a variant needs that come later in the sheet take the rounded key's values.
 * Returns the answers as typed (exactly `decimals` decimals) and the values behind them.
 */
export function studentAnswers(
  ex: Exercise,
  graph: Graph,
  override?: { readonly id: string; readonly variant?: Variant; readonly value?: (right: Q) => Q },
  roundedKey?: ReadonlyMap<string, Q>,
): { answers: Record<string, string>; values: Map<string, Q> } {
  const rounding = ex.rounding ?? "half_up";
  const later = roundedKey ?? evaluate(graph, { carry: "rounded", decimals: ex.decimals, rounding });
  const values = new Map<string, Q>(graph.givens);
  const answers: Record<string, string> = {};
  for (const step of graph.steps) {
    const get = (d: string) => values.get(d) ?? later.get(d)!;
    let v = step.fn(step.deps.map(get));
    if (override?.id === step.id) {
      if (override.variant) v = override.variant.fn(override.variant.deps.map(get));
      if (override.value) v = override.value(v);
    }
    const written = v.round(ex.decimals, rounding).markExact();
    values.set(step.id, written);
    answers[step.id] = v.toFixed(ex.decimals, rounding);
  }
  return { answers, values };
}
