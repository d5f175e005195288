// The step graph: named steps with dependencies, a pure function each, formulas; and its evaluators.
import type { Address } from "./ids.js";
import type { Formula } from "./formula.js";
import { PRECISION, Q, type Rounding } from "./num/q.js";

/** Significant digits an inexact step value is kept to between steps (10 guard digits). */
export const CARRIED_DIGITS = PRECISION + 10;

export type StepKind = "z" | "a" | "E" | "dEda" | "dadz" | "delta" | "dW" | "db" | "newW" | "newb" | "newE";

/** Known mistakes a step can be computed with; the grader names the one that matches. */
export type MistakeCode =
  | "updated_weights"
  | "missing_output_derivative"
  | "missing_hidden_derivative"
  | "derivative_of_output"
  | "update_sign"
  | "single_path"
  | "activation_not_applied"
  | "missing_learning_rate"
  | "factor_two"
  | "target_sign"
  | "transposed_weight"
  | "relu_derivative_at_output"
  | "softmax_jacobian_again"
  /** The book's error term −∂E/∂z written as δ = ∂E/∂z (convention "error"): the sign of g_j, Err_j. */
  | "error_term_sign"
  /** z = Σw·a + θ where the threshold is subtracted (convention bias "subtract"). */
  | "threshold_added"
  /** ∂E/∂θ or Δθ with the sign of an added bias's (convention bias "subtract"). */
  | "threshold_sign"
  /** A later sample or pass computed from the weights before the last update (online, iterations). */
  | "old_weights"
  /** A hidden error term from the outgoing weights' gradients Σ_k ∂E/∂w_kj instead of Σ_k w_kj·δ_k. */
  | "summed_gradients";

/** The same step computed the wrong way: its own dependencies and function. */
export interface Variant {
  readonly code: MistakeCode;
  readonly deps: readonly string[];
  readonly fn: (v: readonly Q[]) => Q;
}

export interface Step {
  readonly id: string;
  readonly kind: StepKind;
  readonly layer?: number;
  readonly neuron?: number;
  readonly from?: number;
  readonly sample?: number;
  /** Pass, 2.. when the exercise repeats its pass; absent for the first. */
  readonly pass?: number;
  /** Ids of the steps and givens this step is computed from, in the order fn takes them. */
  readonly deps: readonly string[];
  readonly fn: (v: readonly Q[]) => Q;
  /**
   * The right-hand side of the step's formula, written over its dependencies: pass their labels
   * for the symbolic formula, or their numbers for the substituted one (formula.ts renders both).
   */
  readonly formula: (args: readonly Formula[]) => Formula;
  /** Whether a value could come out of this step at all (guards follow-through marks). */
  readonly plausible?: (v: Q) => boolean;
  /**
   * The step as a careful student works it by hand when it hides a chain of its own (newE: a whole
   * forward pass), each value of that chain rounded to the sheet's decimals before the next uses it.
   */
  readonly byHand?: (v: readonly Q[], decimals: number, rounding: Rounding) => Q;
  readonly variants: readonly Variant[];
}

export interface Graph {
  /** The given numbers (inputs, targets, weights, biases, η), by id, in display order. */
  readonly givens: ReadonlyMap<string, Q>;
  /** Where each given and each step sits (kind, layer, neuron, source, sample), by id: nothing parses ids back. */
  readonly addresses: ReadonlyMap<string, Address>;
  /** Steps in the order a student computes them; every dependency comes earlier (or is given). */
  readonly steps: readonly Step[];
  readonly byId: ReadonlyMap<string, Step>;
}

export interface EvalOptions {
  /** Round each step to `decimals` before later steps use it (a careful student's hand chain). */
  readonly carry: "exact" | "rounded";
  readonly decimals: number;
  readonly rounding: Rounding;
  /** Sees each step's value as its function returns it, before it is kept or rounded (the draw's tie rule). */
  readonly observe?: (step: Step, value: Q) => void;
  /** Steps the sheet prints as givens (not asked): rounded to `decimals`, and later steps use the printed number. */
  readonly printed?: ReadonlySet<string>;
}

/**
 * Evaluates every step in order; with carry "rounded" each value is rounded before it is used.
 * Only solve() (solution.ts) evaluates a whole exercise: everything else reads its Solution.
 */
export function evaluate(graph: Graph, opts: EvalOptions): Map<string, Q> {
  const values = new Map<string, Q>(graph.givens);
  const { observe } = opts;
  for (const step of graph.steps) {
    let v = step.fn(step.deps.map((d) => values.get(d)!));
    if (observe !== undefined) observe(step, v);
    // An inexact value is only good to PRECISION digits: carrying hundreds more costs time, not accuracy.
    if (!v.exact) v = v.approx(CARRIED_DIGITS);
    // A carried value is the number written on the sheet: exact from here on.
    if (opts.carry === "rounded" || opts.printed?.has(step.id) === true) v = v.round(opts.decimals, opts.rounding).markExact();
    values.set(step.id, v);
  }
  return values;
}

/** A step's function applied to given dependency values (follow-through, mistake variants). */
export function applyStep(fn: (v: readonly Q[]) => Q, deps: readonly string[], values: ReadonlyMap<string, Q>): Q {
  return fn(deps.map((d) => {
    const v = values.get(d);
    if (v === undefined) throw new Error(`internal: no value for ${d}`);
    return v;
  }));
}
