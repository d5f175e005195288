// Judging a submission step by step on the step graph: both carry chains, follow-through, named mistakes.
import { settingsOf, type Exercise } from "../generator/exercise.js";
import { applyStep, type Graph, type MistakeCode, type Step } from "../generator/graph.js";
import { ids } from "../generator/ids.js";
import { digitCount, Q, type Rounding } from "../generator/num/q.js";
import { ACTIVATIONS } from "../generator/ops/index.js";
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
  /** The steps the sheet asks for (`ask`), when not all: only these are judged and scored. */
  readonly asked?: ReadonlySet<string>;
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
  const { asked } = sol;
  const max = graph.steps.reduce((m, s) => m + (asked === undefined || asked.has(s.id) ? config.weights[s.kind] : 0), 0);
  return {
    exercise: ex, graph, exact: sol.exact, rounded: sol.hand, expected, config, decimals: ex.decimals, rounding: ex.rounding ?? "half_up",
    outputLayer: ex.layers.length - 1, max, variantsOnKey: new Map(), ...(asked ? { asked } : {}),
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
  // A step the sheet does not ask for is printed on it: everyone works from that number, nothing is judged.
  const judged = p.asked === undefined ? graph.steps : graph.steps.filter((s) => p.asked!.has(s.id));
  if (p.asked !== undefined) for (const step of graph.steps) if (!p.asked.has(step.id)) sv.set(step.id, sheet.get(step.id)!);
  for (const step of judged) {
    const raw = answers !== null && typeof answers === "object" && Object.hasOwn(answers, step.id) ? answers[step.id] : undefined;
    const r = parseAnswer(raw);
    parsed.set(step.id, r);
    // What the student works on: their own number when readable, the key's otherwise.
    sv.set(step.id, r.kind === "ok" && !r.value.abs().gt(HUGE) ? r.value : sheet.get(step.id)!);
  }

  const filler = fillerSheet(p, parsed);
  const verdicts = new Map<string, Verdict>();
  const steps: StepReport[] = [];
  let score = 0;
  for (const step of judged) {
    const r = parsed.get(step.id)!;
    const raw = answers !== null && typeof answers === "object" && Object.hasOwn(answers, step.id) ? answers[step.id] : undefined;
    const given = r.kind === "missing" ? null : typeof raw === "string" ? clip(raw.trim()) : r.kind === "invalid" ? r.part : clip(String(raw));
    const judged = judge(p, step, r, given ?? "", sv, verdicts, h, filler);
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

/** What every verdict rule may read about one answer; the costly parts are computed on first use, once. */
class Case {
  readonly expected: string;
  readonly tol: Tolerance;
  readonly d: number;
  /** The step's inputs that the student answered (the others are givens). */
  readonly stepDeps: readonly string[];
  /** Inputs that differ from the key: what follows from them is judged on the student's numbers. */
  readonly offDeps: readonly string[];
  private ownMemo: { value: Q | undefined } | undefined;
  private slackMemo: Q | undefined;
  private handMemo: { value: Q | undefined } | undefined;

  constructor(
    readonly p: Prepared,
    readonly step: Step,
    readonly r: Parsed,
    readonly given: string,
    readonly sv: ReadonlyMap<string, Q>,
    readonly verdicts: ReadonlyMap<string, Verdict>,
    readonly h: Q,
    /** The sheet is mostly fillers (see fillerSheet). */
    readonly filler: boolean,
  ) {
    this.expected = p.expected.get(step.id)!;
    this.tol = p.config.tolerance[step.kind];
    this.d = p.decimals;
    this.stepDeps = step.deps.filter((dep) => verdicts.has(dep));
    this.offDeps = this.stepDeps.filter((dep) => OFF_KEY.has(verdicts.get(dep)!));
  }
  /** The number the student typed (only rules after "missing" and "invalid" ask). */
  get g(): Q {
    if (this.r.kind !== "ok") throw new Error("internal: no value to judge");
    return this.r.value;
  }
  get exact(): Q {
    return this.p.exact.get(this.step.id)!;
  }
  get rounded(): Q {
    return this.p.rounded.get(this.step.id)!;
  }
  /** The step's own function on the numbers the student wrote for its inputs (the key's where a box was empty or unreadable). */
  get own(): Q | undefined {
    this.ownMemo ??= { value: this.stepDeps.length > 0 ? tryApply(this.step.fn, this.step.deps, this.sv) : undefined };
    return this.ownMemo.value;
  }
  /** The step worked by hand on the student's inputs, every value of its inner chain rounded (newE's forward pass), when it has one. */
  get hand(): Q | undefined {
    const byHand = this.step.byHand;
    if (byHand === undefined || this.stepDeps.length === 0) return undefined;
    this.handMemo ??= { value: tryApply((v) => byHand(v, this.d, this.p.rounding), this.step.deps, this.sv) };
    return this.handMemo.value;
  }
  /** Whether the answer is the step on the student's inputs, computed exactly or by hand. */
  fromOwn(tolerance: Tolerance): boolean {
    const own = this.own;
    if (own !== undefined && within(tolerance, this.g, own, this.d)) return true;
    const hand = this.hand;
    return hand !== undefined && within(tolerance, this.g, hand, this.d);
  }
  /** How far the inputs' rounding can move the step (see propagated). */
  get slack(): Q {
    const own = this.own;
    return (this.slackMemo ??= own === undefined ? Q.ZERO : propagated(this.p, this.step, this.sv, own, this.h));
  }
  fmt(q: Q): string {
    return q.toFixed(this.d, this.p.rounding);
  }
  nearOwn(ref: Q, tolerance: Tolerance): boolean {
    return within(tolerance, this.g, ref, this.d) || (tolerance.kind === "decimals" && within(tolerance, this.g, ref, this.d, this.slack));
  }
  plausible(): boolean {
    return plausible(this.p, this.step, this.g, this.sv, this.h);
  }
  /** A bare 0, a ±1 or a given's number. */
  isFiller(v: Q): boolean {
    return isFillerValue(this.p, v);
  }
  /**
   * Whether following the student's own numbers here earns nothing, because the chain they came from
   * is not work: an input no step could produce (a sigmoid output of 0 or 1: no output of these
   * exercises comes within a rounding unit of either, since the draw keeps |z| ≤ 4), an input that is
   * a bare 0 or ±1 and was itself wrong (not derived), or an answer that only passes on a given copied
   * into an input box (ReLU of a copied weight); the last two only on a sheet mostly filled with such
   * numbers (fillerSheet). All-zero, all-one and copied-given sheets are such chains; an honest slip is
   * derived, so what follows from it keeps its marks.
   */
  degenerate(): boolean {
    const own = this.own;
    if (own === undefined) return true;
    return this.offDeps.some((dep) => {
      const v = this.sv.get(dep)!;
      const ok = this.p.graph.byId.get(dep)?.plausible;
      if (ok && !ok(v)) return true;
      if (!this.filler || this.verdicts.get(dep) !== "wrong") return false; // a worked sheet, or derived from the student's own work
      return v.isZero() || v.abs().eq(Q.ONE) || (own.eq(v) && this.isFiller(v));
    });
  }
}

const CORRECT: Judged = { verdict: "correct", note: { code: "correct" } };

/**
 * The grader's verdicts as an ordered table: the first rule that decides, decides. The order is the
 * grading policy: a blank or unreadable box first; a filler on a filled-in sheet; right on either chain; right from inputs written
 * off the other chain; carried from the student's own earlier numbers; right at the precision written;
 * a named mistake; else wrong.
 */
export const VERDICT_RULES: readonly { readonly name: string; readonly judge: (c: Case) => Judged | undefined }[] = [
  { name: "missing", judge: (c) => (c.r.kind === "missing" ? { verdict: "missing", note: { code: "missing", expected: c.expected } } : undefined) },
  { name: "invalid", judge: (c) => (c.r.kind === "invalid" ? { verdict: "invalid", note: { code: "invalid", reason: c.r.reason, part: c.r.part } } : undefined) },
  {
    // A sheet filled with 0, ±1 or copied givens rather than worked (fillerSheet): such a number earns
    // nothing, even in a box whose answer happens to be it (a dead ReLU's 0).
    name: "filler",
    judge: (c) => (c.filler && c.isFiller(c.g) ? { verdict: "wrong", note: { code: "filler", given: c.given } } : undefined),
  },
  { name: "correct", judge: (c) => (withinEither(c.tol, c.g, c.exact, c.rounded, c.d) ? CORRECT : undefined) },
  {
    // Every input right, but written from the other chain (say the exact key rounded, then carried as
    // written): the rounding of the inputs moved this step, and a careful student lands on `own`, or,
    // for a step with a chain inside (newE), on that chain worked by hand with every value rounded.
    name: "correct_from_other_chain",
    judge: (c) => (c.offDeps.length === 0 && c.fromOwn(c.tol) ? CORRECT : undefined),
  },
  {
    name: "carried",
    judge: (c) =>
      c.own !== undefined && c.offDeps.length > 0 && (c.nearOwn(c.own, c.tol) || c.fromOwn(c.tol)) && c.plausible() && !c.degenerate()
        ? { verdict: "carried", note: { code: "carried", expected: c.expected, from: c.offDeps.join(", ") } }
        : undefined,
  },
  {
    // Right at the precision the student wrote, which is less than the sheet asks.
    name: "imprecise",
    judge: (c) => {
      const r = c.r;
      if (r.kind !== "ok" || r.decimalsGiven === null || r.decimalsGiven >= c.d || significant(c.g, r.decimalsGiven) < 2) return undefined;
      const coarse: Tolerance = { kind: "decimals" };
      const dg = r.decimalsGiven;
      if (withinEither(coarse, c.g, c.exact, c.rounded, dg)) return { verdict: "imprecise", note: { code: "imprecise", decimals: c.d, target: c.expected } };
      const own = c.own;
      if (own !== undefined && (c.offDeps.length === 0 || (c.plausible() && !c.degenerate())) && within(coarse, c.g, own, dg))
        return { verdict: "imprecise", note: { code: "imprecise", decimals: c.d, target: c.fmt(own) } };
      return undefined;
    },
  },
  {
    // Wrong, and one of the step's known variants gives the student's number: name the mistake.
    name: "named_mistake",
    judge: (c) => {
      const named = nameMistake(c.p, c.step, c.g, c.sv, c.tol);
      if (named === undefined) return undefined;
      const mistake = named.code;
      const extra = {
        ...(named.also.length ? { also: named.also } : {}),
        ...(settingsOf(c.p.exercise).errorTerm ? { flavor: "error" as const } : {}),
      };
      const right = c.own ?? sheetValue(c.p, c.step.id);
      return { verdict: "wrong", mistake, note: { code: "mistake", mistake, given: c.given, expected: c.expected, right: c.fmt(right), ...extra } };
    },
  },
  {
    name: "wrong",
    judge: (c) => {
      const rule = ruleOf(c.step.kind, c.step.layer === c.p.outputLayer, c.p.exercise);
      const own = c.own;
      return {
        verdict: "wrong",
        note: { code: "wrong", rule, given: c.given, expected: c.expected, ...(own !== undefined && c.fmt(own) !== c.expected ? { right: c.fmt(own) } : {}) },
      };
    },
  },
];

/**
 * Whether most answers the student wrote are a bare 0, a ±1 or a given copied over, where the key has
 * another number: a sheet filled in, not worked. On such a sheet those numbers never start a carried
 * chain; on a worked sheet an honest slip that happens to land on one (0.10 when η = 0.1) still does.
 */
function isFillerValue(p: Prepared, v: Q): boolean {
  if (v.isZero() || v.abs().eq(Q.ONE)) return true;
  for (const g of p.graph.givens.values()) if (v.eq(g)) return true;
  return false;
}

function fillerSheet(p: Prepared, parsed: ReadonlyMap<string, Parsed>): boolean {
  let answered = 0;
  let fillers = 0;
  for (const [id, r] of parsed) {
    if (r.kind !== "ok") continue;
    answered++;
    const v = r.value;
    if (p.expected.get(id) === v.toFixed(p.decimals, p.rounding)) continue;
    if (isFillerValue(p, v)) fillers++;
  }
  return answered > 0 && fillers * 2 >= answered;
}

function judge(
  p: Prepared, step: Step, r: Parsed, given: string, sv: ReadonlyMap<string, Q>, verdicts: ReadonlyMap<string, Verdict>, h: Q, filler: boolean,
): Judged {
  const c = new Case(p, step, r, given, sv, verdicts, h, filler);
  for (const rule of VERDICT_RULES) {
    const j = rule.judge(c);
    if (j !== undefined) return j;
  }
  throw new Error(`internal: no verdict rule decided ${step.id}`);
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
  if (step.kind === "a" && l !== undefined && ACTIVATIONS[p.exercise.activations[l - 1]].traits.distribution) {
    const n = p.exercise.layers[l];
    let sum = Q.ZERO;
    for (let j = 1; j <= n; j++) sum = sum.add(sv.get(ids.a(l, j, step.sample, step.pass))!);
    if (sum.sub(Q.ONE).abs().gt(h.mul(Q.int(2 * n)))) return false;
  }
  return true;
}

/**
 * The step's mistake variant closest to the student's number among those within tolerance of it,
 * computed on the student's own inputs or on the key's. A variant that equals the right value on
 * those inputs names nothing (forgetting f′ where f′ = 1 is not a mistake).
 */
function nameMistake(p: Prepared, step: Step, g: Q, sv: ReadonlyMap<string, Q>, tol: Tolerance): { code: MistakeCode; also: MistakeCode[] } | undefined {
  const d = p.decimals;
  const right = tryApply(step.fn, step.deps, sv);
  const ke = p.exact.get(step.id)!;
  const kr = p.rounded.get(step.id)!;
  let best: { code: MistakeCode; distance: Q; value: Q } | undefined;
  const seen: { code: MistakeCode; value: Q }[] = [];
  const consider = (code: MistakeCode, value: Q) => {
    seen.push({ code, value });
    const distance = g.sub(value).abs();
    if (best === undefined || distance.lt(best.distance)) best = { code, distance, value };
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
  if (best === undefined) return undefined;
  // Another mistake that rounds to the same number as the best one fits the sheet as well: say both.
  const shown = best.value.toFixed(d, p.rounding);
  const code = best.code;
  const also = [...new Set(seen.filter((s) => s.code !== code && s.value.toFixed(d, p.rounding) === shown).map((s) => s.code))];
  return { code, also };
}
