// solve(exercise) → Solution: the one evaluation of an exercise, and every digit shown of it.
//
// Where a printed digit comes from: solve() evaluates the step graph (solver.ts) once on the exact
// engine (num/q.ts, num/transcendental.ts), prints each step's value (Q.toPlain) and rounds it to the
// sheet's decimals (Q.round, Q.toFixed: the one rounding routine). The key (keyOf here, format.ts),
// the sheet (templates/viewmodel.ts), the grader (grader/grade.ts) and the site (site/src/engine.ts)
// are handed the Solution and read those strings and values; none of them evaluates the graph again.
import { ExerciseError, type Exercise } from "./exercise.js";
import { msg } from "./message.js";
import { evaluate, type EvalOptions, type Graph, type Step } from "./graph.js";
import { DEFAULT_NOTATION, notation as makeNotation, type NotationName } from "./notation.js";
import type { Q, Rounding } from "./num/q.js";
import { num, toLatex, type Formula } from "./formula.js";
import { buildGraph, cached, shapeKey } from "./solver.js";

/** Significant digits of a key step's `value` (exact values may be shorter). */
export const KEY_DIGITS = 24;

/** One step's digits as every reader shows them. */
export interface StepAnswer {
  /** Plain decimal, KEY_DIGITS significant digits unless exact and shorter: the key's `value`. */
  readonly value: string;
  /** Exactly `decimals` decimals: the key's and the sheet's `rounded`, the grader's `expected`. */
  readonly rounded: string;
  /** Whether `rounded` is the value itself (printed with "="), not an approximation ("≈"). */
  readonly roundedIsExact: boolean;
}

/** An exercise solved: its graph, both carry chains and the digits of its key. */
export interface Solution {
  readonly exercise: Exercise;
  readonly graph: Graph;
  /** The chain the key prints: the exercise's own carry mode (givens included). */
  readonly sheet: ReadonlyMap<string, Q>;
  /** Every step from exact predecessors (carry "exact"). */
  readonly exact: ReadonlyMap<string, Q>;
  /** The hand chain: each step rounded to the sheet's decimals before later steps use it (carry "rounded"). */
  readonly hand: ReadonlyMap<string, Q>;
  /** The digits of each step of graph.steps, in that order. */
  readonly answers: readonly StepAnswer[];
  /** The steps the sheet asks for, when it asks for some only (`ask`); the others are printed as givens. */
  readonly asked?: ReadonlySet<string>;
}

const PHASES: Readonly<Record<string, readonly Step["kind"][]>> = {
  forward: ["z", "a"], loss: ["E"], backward: ["dEda", "dadz", "delta"], gradients: ["dW", "db"], update: ["newW", "newb"],
};

/** The ids an exercise's `ask` names: steps by id, kind or phase; an id it has no step of is refused. */
export function askedSteps(ex: Exercise, graph: Graph): ReadonlySet<string> | undefined {
  if (ex.ask === undefined) return undefined;
  const out = new Set<string>();
  ex.ask.forEach((sel, k) => {
    const kinds = PHASES[sel] ?? (graph.steps.some((st) => st.kind === sel) ? [sel] : undefined);
    if (kinds !== undefined) {
      for (const st of graph.steps) if (kinds.includes(st.kind)) out.add(st.id);
      return;
    }
    if (graph.byId.has(sel)) out.add(sel);
    // A kind the exercise has no step of (dEda without granularity "chain") is as wrong as an unknown id.
    else throw new ExerciseError(`ask[${k}]`, msg("cli.ex.askUnknown", { id: sel, example: graph.steps.slice(0, 3).map((s) => s.id).join(", ") }));
  });
  return out;
}

export interface SolveOptions {
  /** Sees each step's value before it is carried (the draw's tie rule for carry "rounded"). */
  readonly observe?: EvalOptions["observe"];
}

const chainOptions = (ex: Exercise, carry: Exercise["carry"]): EvalOptions => ({ carry, decimals: ex.decimals, rounding: ex.rounding ?? "half_up" });

/**
 * A Solution whose other chain (the one the key does not print) is evaluated the first time it is
 * read, and kept: the grader reads it, a key never does, and a key set should not pay for it.
 */
class Solved implements Solution {
  private other: ReadonlyMap<string, Q> | undefined = undefined;
  constructor(
    readonly exercise: Exercise,
    readonly graph: Graph,
    readonly sheet: ReadonlyMap<string, Q>,
    readonly answers: readonly StepAnswer[],
    readonly asked: ReadonlySet<string> | undefined,
    private readonly printed: ReadonlySet<string> | undefined,
  ) {}
  get exact(): ReadonlyMap<string, Q> {
    return this.exercise.carry === "exact" ? this.sheet : this.otherChain();
  }
  get hand(): ReadonlyMap<string, Q> {
    return this.exercise.carry === "rounded" ? this.sheet : this.otherChain();
  }
  private otherChain(): ReadonlyMap<string, Q> {
    const o = chainOptions(this.exercise, this.exercise.carry === "exact" ? "rounded" : "exact");
    return (this.other ??= evaluateOrRefuse(this.graph, this.printed ? { ...o, printed: this.printed } : o));
  }
}

/** A step's value as printed and as rounded to `decimals`: the only place a key digit is made. */
function answerOf(v: Q, decimals: number, rounding: Rounding): StepAnswer {
  const r = v.round(decimals, rounding);
  return { value: v.toPlain(KEY_DIGITS), rounded: r.toFixed(decimals, rounding), roundedIsExact: v.eq(r) };
}

/** Builds the exercise's graph and evaluates it once, under the exercise's own carry mode. */
/**
 * evaluate(), with an exercise whose numbers cannot be computed (exp of a net input beyond 10^4, ln of
 * an output that rounds to 0) refused as the author's error: a weight of 1e5 is a bad file, not a bug.
 */
function evaluateOrRefuse(graph: Graph, opts: EvalOptions): Map<string, Q> {
  try {
    return evaluate(graph, opts);
  } catch (e) {
    if (e instanceof RangeError) throw new ExerciseError("", msg("cli.ex.tooLarge", { why: e.message }));
    throw e;
  }
}

export function solve(ex: Exercise, opts: SolveOptions = {}): Solution {
  const graph = buildGraph(ex);
  const asked = askedSteps(ex, graph);
  // What is not asked is printed on the sheet as a given, rounded: the asked steps are keyed from those numbers.
  const printed = asked && new Set(graph.steps.filter((st) => !asked.has(st.id)).map((st) => st.id));
  let o: EvalOptions = chainOptions(ex, ex.carry);
  if (printed) o = { ...o, printed };
  const sheet = evaluateOrRefuse(graph, opts.observe === undefined ? o : { ...o, observe: opts.observe });
  const answers = graph.steps.map((st) => answerOf(sheet.get(st.id)!, o.decimals, o.rounding));
  return new Solved(ex, graph, sheet, answers, asked, printed);
}

// ---------------------------------------------------------------- the answer key

export interface KeyStep {
  readonly id: string;
  readonly kind: Step["kind"];
  readonly layer?: number;
  readonly neuron?: number;
  readonly from?: number;
  readonly sample?: number;
  readonly pass?: number;
  /** Whether the sheet asks for this step; only in the key of an exercise with an `ask` list. */
  readonly asked?: boolean;
  readonly label: string;
  readonly deps: readonly string[];
  /** Symbolic right-hand side (LaTeX). */
  readonly formula: string;
  /** The same with numbers: givens as given, earlier steps as rounded on the sheet. */
  readonly substituted: string;
  /** Plain decimal, ≥ 20 significant digits unless exact and shorter. */
  readonly value: string;
  /** Exactly `decimals` decimals. */
  readonly rounded: string;
  /** Whether `rounded` is the value itself (printed with "="), not an approximation ("≈"). */
  readonly roundedIsExact: boolean;
}

export interface Key {
  readonly decimals: number;
  readonly carry: Exercise["carry"];
  readonly rounding: NonNullable<Exercise["rounding"]>;
  readonly notation: NotationName;
  readonly convention?: Exercise["convention"];
  readonly granularity?: Exercise["granularity"];
  readonly schedule?: Exercise["schedule"];
  readonly iterations?: number;
  readonly ask?: readonly string[];
  readonly steps: readonly KeyStep[];
}

/** Labels and symbolic formulas of a shape's steps: they name ids, never numbers, so one shape shares them. */
interface Words {
  readonly labels: readonly string[];
  readonly formulas: readonly string[];
}

/** A step's right-hand side with numbers: each dependency's number as `shown` gives it. */
export function substitutedFormula(st: Step, shown: (id: string) => string): Formula {
  return st.formula(st.deps.map((d) => num(shown(d))));
}
const words = new Map<string, Words>();

/** A key step's label, symbolic right-hand side and substituted right-hand side as formula trees. */
export interface StepFormulas {
  readonly label: Formula;
  readonly formula: Formula;
  readonly substituted: Formula;
}

/**
 * The trees of a key's steps (keyOf writes the same trees as LaTeX), for a renderer other than LaTeX:
 * the print engine's Typst math. Earlier steps go in as rounded on the key, givens as given.
 */
export function keyFormulas(sol: Solution, key: Key): Map<string, StepFormulas> {
  const { exercise: ex, graph } = sol;
  const N = makeNotation(ex, key.notation);
  const rounded = new Map(key.steps.map((s) => [s.id, s.rounded]));
  const label = new Map<string, Formula>();
  const of = (id: string) => {
    let l = label.get(id);
    if (l === undefined) label.set(id, (l = N.formula(graph.addresses.get(id)!)));
    return l;
  };
  const shown = (id: string) => rounded.get(id) ?? sol.sheet.get(id)!.toPlain();
  const out = new Map<string, StepFormulas>();
  for (const st of graph.steps) out.set(st.id, { label: of(st.id), formula: st.formula(st.deps.map(of)), substituted: substitutedFormula(st, shown) });
  return out;
}

/** The key of a solved exercise in a notation: its digits, with labels and formulas written around them. */
export function keyOf(sol: Solution, notation: NotationName = DEFAULT_NOTATION): Key {
  const { exercise: ex, graph, answers } = sol;
  const { labels, formulas } = cached(words, `${notation}${shapeKey(ex)}`, () => {
    const N = makeNotation(ex, notation);
    const label = new Map<string, Formula>();
    const of = (id: string) => {
      let l = label.get(id);
      if (l === undefined) label.set(id, (l = N.formula(graph.addresses.get(id)!)));
      return l;
    };
    return { labels: graph.steps.map((st) => toLatex(of(st.id))), formulas: graph.steps.map((st) => toLatex(st.formula(st.deps.map(of)))) };
  });
  // Earlier steps go into later formulas as rounded on the sheet; givens as they are.
  const shownText = new Map<string, string>();
  const shown = (id: string): string => {
    let r = shownText.get(id);
    if (r === undefined) shownText.set(id, (r = sol.sheet.get(id)!.toPlain())); // a given: as given
    return r;
  };
  const asked = sol.asked;
  const steps: KeyStep[] = graph.steps.map((st, k) => {
    const a = answers[k];
    shownText.set(st.id, a.rounded);
    // Built field by field (no spreads): one of the hot spots of a 10 000-key run.
    const step: { -readonly [K in keyof KeyStep]?: KeyStep[K] } = { id: st.id, kind: st.kind };
    if (st.layer !== undefined) step.layer = st.layer;
    if (st.neuron !== undefined) step.neuron = st.neuron;
    if (st.from !== undefined) step.from = st.from;
    if (st.sample !== undefined) step.sample = st.sample;
    if (st.pass !== undefined) step.pass = st.pass;
    if (asked !== undefined) step.asked = asked.has(st.id);
    step.label = labels[k];
    step.deps = st.deps;
    step.formula = formulas[k];
    // The JSON's text as it has always been: every negative number in its own parentheses.
    step.substituted = toLatex(substitutedFormula(st, shown), { legacyParens: true });
    step.value = a.value;
    step.rounded = a.rounded;
    step.roundedIsExact = a.roundedIsExact;
    return step as KeyStep;
  });
  const settings = {
    ...(ex.convention ? { convention: ex.convention } : {}),
    ...(ex.granularity ? { granularity: ex.granularity } : {}),
    ...(ex.schedule ? { schedule: ex.schedule } : {}),
    ...(ex.iterations ? { iterations: ex.iterations } : {}),
    ...(ex.ask ? { ask: ex.ask } : {}),
  };
  return { decimals: ex.decimals, carry: ex.carry, rounding: ex.rounding ?? "half_up", notation, ...settings, steps };
}
