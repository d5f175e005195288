// Judging a submission step by step on the step graph: both carry chains, follow-through, named mistakes.
import type { Exercise } from "../generator/exercise.js";
import { applyStep, type Graph, type MistakeCode, type Step } from "../generator/graph.js";
import { digitCount, Q, type Rounding } from "../generator/num/q.js";
import type { Solution } from "../generator/solution.js";
import { gradingConfig, type GradingConfig } from "./config.js";
import { ruleOf, type Note } from "./notes.js";
import { clip, parseAnswer, type Parsed } from "./parse.js";
import { halfUnit, within, withinEither, type Tolerance } from "./tolerance.js";

export type Verdict = "correct" | "carried" | "imprecise" | "wrong" | "missing" | "invalid";
export const VERDICTS: readonly Verdict[] = ["correct", "carried", "imprecise", "wrong", "missing", "invalid"];

export interface StepReport {
  readonly id: string;
  readonly verdict: Verdict;
  /** The named mistake of a wrong answer, when one of the step's known variants matches. */
  readonly mistake: MistakeCode | null;
  /** The key's value to the sheet's decimals (the exercise's own carry mode). */
  readonly expected: string;
  /** What the student typed (trimmed, clipped), or null when nothing was. */
  readonly given: string | null;
  readonly points: number;
  readonly weight: number;
  /** What the grader decided, as a code with parameters; the edge words it (templates/feedback.ts). */
  readonly note: Note;
}

export interface Report {
  readonly steps: readonly StepReport[];
  readonly score: number;
  readonly max: number;
}

/** A solved exercise made ready for grading many submissions: graph, both chains, settings. */
export interface Prepared {
  readonly exercise: Exercise;
  readonly graph: Graph;
  readonly exact: ReadonlyMap<string, Q>;
  readonly rounded: ReadonlyMap<string, Q>;
  /** The key's rounded answers, the very strings the key and the sheet print. */
  readonly expected: ReadonlyMap<string, string>;
  readonly config: GradingConfig;
  readonly decimals: number;
  readonly rounding: Rounding;
  readonly outputLayer: number;
  readonly max: number;
  /** Each mistake variant on the key's own numbers (exact, rounded chain), filled on first use. */
  readonly variantsOnKey: Map<string, readonly ({ readonly exact: Q; readonly rounded: Q } | undefined)[]>;
}

/**
 * Reads what grading needs off a solved exercise; throws ExerciseError on a bad `grading` field. The
 * graph and both chains are the Solution's (the hand chain of an exact-carry exercise is evaluated
 * once, on first use, by the Solution itself).
 */
export function prepare(sol: Solution): Prepared {
  const ex = sol.exercise;
  const config = gradingConfig(ex);
  const { graph } = sol;
  const expected = new Map(graph.steps.map((s, k) => [s.id, sol.answers[k].rounded]));
  const max = graph.steps.reduce((m, s) => m + config.weights[s.kind], 0);
  return {
    exercise: ex, graph, exact: sol.exact, rounded: sol.hand, expected, config, decimals: ex.decimals, rounding: ex.rounding ?? "half_up",
    outputLayer: ex.layers.length - 1, max, variantsOnKey: new Map(),
  };
}

/** Grades one submission's answers (step id → what was typed) against a solved exercise. Never throws on answers. */
export function gradeSubmission(sol: Solution, answers: Readonly<Record<string, unknown>>): Report {
  return gradePrepared(prepare(sol), answers);
}

// Verdicts whose value differs from the key: the steps after them are judged on the student's numbers.
const OFF_KEY: ReadonlySet<Verdict> = new Set(["wrong", "carried", "imprecise"]);

// Student values beyond this size are not fed to a step's function: nothing in a hand exercise is that
// large, and exp of a huge argument would only burn time.
const HUGE = Q.int(1_000_000);

export function gradePrepared(p: Prepared, answers: Readonly<Record<string, unknown>>): Report {
  const { graph, config } = p;
  const h = halfUnit(p.decimals);
  // Only the graph's own ids are ever looked up, and only as own properties: "__proto__",
  // "constructor" or any other unknown key in a submission is never read.
  const parsed = new Map<string, Parsed>();
  const sv = new Map<string, Q>(graph.givens);
  const sheet = p.exercise.carry === "exact" ? p.exact : p.rounded;
  for (const step of graph.steps) {
    const raw = answers !== null && typeof answers === "object" && Object.hasOwn(answers, step.id) ? answers[step.id] : undefined;
    const r = parseAnswer(raw);
    parsed.set(step.id, r);
    // What the student works on: their own number when readable, the key's otherwise.
    sv.set(step.id, r.kind === "ok" && !r.value.abs().gt(HUGE) ? r.value : sheet.get(step.id)!);
  }

  const verdicts = new Map<string, Verdict>();
  const steps: StepReport[] = [];
  let score = 0;
  for (const step of graph.steps) {
    const r = parsed.get(step.id)!;
    const raw = answers !== null && typeof answers === "object" && Object.hasOwn(answers, step.id) ? answers[step.id] : undefined;
    const given = r.kind === "missing" ? null : typeof raw === "string" ? clip(raw.trim()) : r.kind === "invalid" ? r.part : clip(String(raw));
    const judged = judge(p, step, r, given ?? "", sv, verdicts, h);
    verdicts.set(step.id, judged.verdict);
    const weight = config.weights[step.kind];
    const share =
      judged.verdict === "correct" ? 1 : judged.verdict === "carried" ? config.credit.carried : judged.verdict === "imprecise" ? config.credit.imprecise : 0;
    const points = weight * share;
    score += points;
    steps.push({
      id: step.id,
      verdict: judged.verdict,
      mistake: judged.mistake ?? null,
      expected: p.expected.get(step.id)!,
      given,
      points,
      weight,
      note: judged.note,
    });
  }
  return { steps, score: roundScore(score), max: roundScore(p.max) };
}

function roundScore(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

interface Judged {
  readonly verdict: Verdict;
  readonly mistake?: MistakeCode;
  readonly note: Note;
}

/** A step's function on given values; undefined when it cannot be computed (ln of 0, a huge exp…). */
function tryApply(fn: (v: readonly Q[]) => Q, deps: readonly string[], values: ReadonlyMap<string, Q>): Q | undefined {
  try {
    return applyStep(fn, deps, values);
  } catch {
    return undefined;
  }
}

function judge(p: Prepared, step: Step, r: Parsed, given: string, sv: ReadonlyMap<string, Q>, verdicts: ReadonlyMap<string, Verdict>, h: Q): Judged {
  const expected = p.expected.get(step.id)!;
  if (r.kind === "missing") return { verdict: "missing", note: { code: "missing", expected } };
  if (r.kind === "invalid") return { verdict: "invalid", note: { code: "invalid", reason: r.reason, part: r.part } };

  const g = r.value;
  const tol = p.config.tolerance[step.kind];
  const d = p.decimals;
  const fmt = (q: Q) => q.toFixed(d, p.rounding);
  const exact = p.exact.get(step.id)!;
  const rounded = p.rounded.get(step.id)!;

  if (withinEither(tol, g, exact, rounded, d)) return { verdict: "correct", note: { code: "correct" } };

  // The step's own function on the numbers the student wrote for its inputs (the key's where a box
  // was left empty or unreadable).
  const stepDeps = step.deps.filter((dep) => verdicts.has(dep));
  const own = stepDeps.length > 0 ? tryApply(step.fn, step.deps, sv) : undefined;
  // Inputs that differ from the key: what follows from them is judged on the student's numbers.
  const offDeps = stepDeps.filter((dep) => OFF_KEY.has(verdicts.get(dep)!));

  // Every input right, but written from the other chain (say the exact key rounded, then carried as
  // written): the rounding of the inputs moved this step, and a careful student lands on `own`.
  if (own !== undefined && offDeps.length === 0 && within(tol, g, own, d)) return { verdict: "correct", note: { code: "correct" } };

  let slackMemo: Q | undefined;
  const slack = () => (slackMemo ??= own === undefined ? Q.ZERO : propagated(p, step, sv, own, h));
  const nearOwn = (ref: Q, tolerance: Tolerance) =>
    within(tolerance, g, ref, d) || (tolerance.kind === "decimals" && within(tolerance, g, ref, d, slack()));

  if (own !== undefined && offDeps.length > 0 && nearOwn(own, tol) && plausible(p, step, g, sv, h))
    return { verdict: "carried", note: { code: "carried", expected, from: offDeps.join(", ") } };

  // Imprecise: right at the precision the student wrote, which is less than the sheet asks.
  if (r.decimalsGiven !== null && r.decimalsGiven < d && significant(g, r.decimalsGiven) >= 2) {
    const coarse: Tolerance = { kind: "decimals" };
    const dg = r.decimalsGiven;
    if (withinEither(coarse, g, exact, rounded, dg))
      return { verdict: "imprecise", note: { code: "imprecise", decimals: d, target: expected } };
    if (own !== undefined && (offDeps.length === 0 || plausible(p, step, g, sv, h)) && within(coarse, g, own, dg))
      return { verdict: "imprecise", note: { code: "imprecise", decimals: d, target: fmt(own) } };
  }

  // Wrong: name the mistake when one of the step's known variants gives the student's number.
  const right = own ?? sheetValue(p, step.id);
  const mistake = nameMistake(p, step, g, sv, tol);
  if (mistake !== undefined)
    return { verdict: "wrong", mistake, note: { code: "mistake", mistake, given, expected, right: fmt(right) } };
  const rule = ruleOf(step.kind, step.layer === p.outputLayer);
  return {
    verdict: "wrong",
    note: { code: "wrong", rule, given, expected, ...(own !== undefined && fmt(own) !== expected ? { right: fmt(own) } : {}) },
  };
}

function sheetValue(p: Prepared, id: string): Q {
  return (p.exercise.carry === "exact" ? p.exact : p.rounded).get(id)!;
}

/** Significant digits the student wrote: "0.59" has 2, "12" has 2, "0.3" has 1. */
function significant(g: Q, decimalsGiven: number): number {
  const scaled = g.abs().mul(Q.of(10n ** BigInt(decimalsGiven))).round(0);
  return scaled.isZero() ? 0 : digitCount(scaled.n / scaled.d);
}

/**
 * The propagated rounding of the inputs: how far the step moves when each input the student
 * wrote moves by half a unit (givens are exact and do not move). A student who kept more digits in
 * the calculator than on the sheet lands within this of the step applied to the written numbers.
 */
function propagated(p: Prepared, step: Step, sv: ReadonlyMap<string, Q>, base: Q, h: Q): Q {
  let total = Q.ZERO;
  const values = step.deps.map((dep) => sv.get(dep)!);
  for (let i = 0; i < step.deps.length; i++) {
    if (p.graph.givens.has(step.deps[i])) continue;
    const moved = values.slice();
    moved[i] = values[i].add(h);
    try {
      // Rounded per term: a bound needs no 50 digits, and exact sums of unlike denominators grow huge.
      total = total.add(step.fn(moved).sub(base).abs().approx(12));
    } catch {
      // An input at the edge of the function's domain: no slack from it.
    }
  }
  return total;
}

/**
 * Guards follow-through against gaming: the value must be one the step can produce at all (within
 * half a unit, since it was rounded), and a softmax row must still sum to 1.
 */
function plausible(p: Prepared, step: Step, g: Q, sv: ReadonlyMap<string, Q>, h: Q): boolean {
  const ok = step.plausible;
  if (ok && !(ok(g) || ok(g.sub(h)) || ok(g.add(h)))) return false;
  const l = step.layer;
  if (step.kind === "a" && l !== undefined && p.exercise.activations[l - 1] === "softmax") {
    const n = p.exercise.layers[l];
    let sum = Q.ZERO;
    for (let j = 1; j <= n; j++) sum = sum.add(sv.get(step.id.replace(/^a(\d+)_\d+/, `a$1_${j}`))!);
    if (sum.sub(Q.ONE).abs().gt(h.mul(Q.int(2 * n)))) return false;
  }
  return true;
}

/**
 * The step's mistake variant closest to the student's number among those within tolerance of it,
 * computed on the student's own inputs or on the key's. A variant that equals the right value on
 * those inputs names nothing (forgetting f′ where f′ = 1 is not a mistake).
 */
function nameMistake(p: Prepared, step: Step, g: Q, sv: ReadonlyMap<string, Q>, tol: Tolerance): MistakeCode | undefined {
  const d = p.decimals;
  const right = tryApply(step.fn, step.deps, sv);
  const ke = p.exact.get(step.id)!;
  const kr = p.rounded.get(step.id)!;
  let best: { code: MistakeCode; distance: Q } | undefined;
  const consider = (code: MistakeCode, value: Q) => {
    const distance = g.sub(value).abs();
    if (best === undefined || distance.lt(best.distance)) best = { code, distance };
  };
  let onKey = p.variantsOnKey.get(step.id);
  if (onKey === undefined) {
    // The same for every submission: computed once per exercise. A variant that gives the key's
    // own value is dropped here.
    onKey = step.variants.map((v) => {
      const exact = tryApply(v.fn, v.deps, p.exact);
      const rounded = tryApply(v.fn, v.deps, p.rounded);
      if (exact === undefined || rounded === undefined) return undefined;
      return withinEither(tol, exact, ke, kr, d) || withinEither(tol, rounded, ke, kr, d) ? undefined : { exact, rounded };
    });
    p.variantsOnKey.set(step.id, onKey);
  }
  step.variants.forEach((v, i) => {
    const mine = tryApply(v.fn, v.deps, sv);
    if (mine !== undefined && right !== undefined && !within(tol, mine, right, d) && within(tol, g, mine, d)) consider(v.code, mine);
    const k = onKey[i];
    if (k === undefined) return;
    if (within(tol, g, k.exact, d)) consider(v.code, k.exact);
    if (within(tol, g, k.rounded, d)) consider(v.code, k.rounded);
  });
  return best?.code;
}
