// The seeded draw: preset + knobs + draw number → a well-posed exercise, solved.
//
// Frozen for code version 1: the stream seed, the order of draws and the rejection rules below
// decide which exercise a code names. Change any of them only under a new CODE_VERSION.
import seedrandom from "seedrandom";
import { CODE_VERSION, DRAW_BITS } from "./code.js";
import type { Exercise, Sample } from "./exercise.js";
import { askedSteps, solve, type Solution } from "./solution.js";
import { buildGraph } from "./solver.js";
import { CoreError, msg, type Message } from "./message.js";
import { LOSSES, type ActivationName, type LossName } from "./ops/index.js";
import { DEFAULT_TARGETS, type Grid, type Knobs, type Preset, type Size } from "./presets.js";
import { AT_KEY, checkDraw, RULES, type Rule } from "./quality.js";
import type { BiasMode } from "./exercise.js";

/** A preset that finds no good exercise in this many draws is a bad preset (or bad knobs). */
export const MAX_DRAWS = 5000;

export type Rejections = Readonly<Record<Rule, number>>;

export interface Drawn {
  readonly exercise: Exercise;
  /** The solve() the draw was accepted on: its key, sheet and grader read it. */
  readonly solution: Solution;
  /** Draws rejected before this one, by rule. */
  readonly rejections: Rejections;
}

/** The user asked for something the generator cannot do (bad knobs, hopeless preset). */
export class GenerateError extends CoreError {
  /** The message goes with it, for the edge to say in the user's language. */
  constructor(m: Message | string) {
    super(m);
    this.name = "GenerateError";
  }
}

type Rng = () => number;

/**
 * One stream per exercise: the code's version, preset and draw number, nothing else; a sealed code's
 * stream is seeded by its course key's MAC of the code's public part instead (generator/seal.ts).
 */
export function exerciseStream(preset: Preset, draw: number, sealedSeed?: string): Rng {
  return seedrandom(sealedSeed === undefined ? `bpdrill/${CODE_VERSION}/${preset.codeId}/${draw}` : `bpdrill/${CODE_VERSION}/sealed/${sealedSeed}`);
}

/** A 30-bit draw number derived from a class seed and a label (the index, or a student id). */
export function drawNumber(seed: string, label: string): number {
  return seedrandom(`${seed}\u0000${label}`).int32() >>> (32 - DRAW_BITS);
}

const int = (rng: Rng, n: number) => Math.floor(rng() * n);
const between = (rng: Rng, [lo, hi]: readonly [number, number]) => lo + int(rng, hi - lo + 1);
const size = (rng: Rng, s: Size) => (typeof s === "number" ? s : between(rng, s));

/** Integer hundredths of a decimal string with at most 2 decimals. */
export function hundredths(s: string): number {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) throw new Error(`internal: grid value "${s}" is not a decimal with at most 2 decimals`);
  return (m[1] ? -1 : 1) * (Number(m[2]) * 100 + Number((m[3] ?? "").padEnd(2, "0")));
}

/** Hundredths back to a decimal string with `places` decimals ("-0.05", "0.10", "1"). */
export function fromHundredths(h: number, places: number): string {
  const sign = h < 0 ? "-" : "";
  const a = Math.abs(h);
  const whole = Math.floor(a / 100);
  const frac = String(a % 100).padStart(2, "0").slice(0, places);
  return places === 0 ? `${sign}${whole}` : `${sign}${whole}.${frac}`;
}

const placesOf = (s: string) => (s.includes(".") ? s.length - s.indexOf(".") - 1 : 0);

interface GridValues {
  readonly values: readonly string[];
}
const gridCache = new WeakMap<Grid, GridValues>();

/** Every value of a grid as a decimal string, in increasing order (the draw picks an index). */
export function gridValues(g: Grid): readonly string[] {
  let c = gridCache.get(g);
  if (!c) {
    const lo = hundredths(g.min);
    const hi = hundredths(g.max);
    const st = hundredths(g.step);
    const places = Math.max(placesOf(g.min), placesOf(g.max), placesOf(g.step));
    const values: string[] = [];
    for (let h = lo; h <= hi; h += st) if (!(g.nonzero && h === 0)) values.push(fromHundredths(h, places));
    c = { values };
    gridCache.set(g, c);
  }
  return c.values;
}

const pick = (rng: Rng, g: Grid) => {
  const v = gridValues(g);
  return v[int(rng, v.length)];
};

interface Shape {
  readonly layers: readonly number[];
  readonly activations: readonly ActivationName[];
  readonly loss: LossName;
  readonly bias: BiasMode;
}

function drawShape(rng: Rng, preset: Preset): Shape {
  const t = preset.topology;
  if (t.kind === "fixed")
    return { layers: t.layers.map((s) => size(rng, s)), activations: t.activations, loss: t.loss, bias: t.bias };
  for (;;) {
    const inputs = between(rng, t.inputs);
    const hidden = Array.from({ length: between(rng, t.hiddenLayers) }, () => between(rng, t.units));
    const head = t.heads[int(rng, t.heads.length)];
    const outputs = between(rng, [Math.max(t.outputs[0], head.minOutputs ?? 1), t.outputs[1]]);
    const acts = hidden.map(() => t.hiddenActivations[int(rng, t.hiddenActivations.length)]);
    const bias = t.biasModes[int(rng, t.biasModes.length)];
    const layers = [inputs, ...hidden, outputs];
    let weights = 0;
    for (let l = 1; l < layers.length; l++) weights += layers[l] * layers[l - 1];
    if (weights <= t.maxWeights) return { layers, activations: [...acts, head.activation], loss: head.loss, bias };
  }
}

/** One candidate exercise: shape, then weights, biases, samples (x then y), in that order. */
function drawCandidate(rng: Rng, preset: Preset, knobs: Knobs): Exercise {
  const shape = drawShape(rng, preset);
  const nSamples = size(rng, preset.samples);
  const { layers } = shape;
  const g = preset.grids;
  const weights = layers.slice(1).map((n, l) => Array.from({ length: n }, () => Array.from({ length: layers[l] }, () => pick(rng, g.weights))));
  const biases =
    shape.bias === "none" ? [] : layers.slice(1).map((n) => Array.from({ length: shape.bias === "shared" ? 1 : n }, () => pick(rng, g.biases)));
  const out = shape.activations[shape.activations.length - 1];
  const K = layers[layers.length - 1];
  const targetGrid = g.targets?.[out] ?? DEFAULT_TARGETS[out];
  const samples: Sample[] = Array.from({ length: nSamples }, () => {
    const x = Array.from({ length: layers[0] }, () => pick(rng, g.inputs));
    let y: string[];
    const targets = LOSSES[shape.loss].targets;
    if (targets === "one_hot") {
      const cls = int(rng, K);
      y = Array.from({ length: K }, (_, j) => (j === cls ? "1" : "0"));
    } else if (targets === "binary") y = Array.from({ length: K }, () => String(int(rng, 2)));
    else y = Array.from({ length: K }, () => pick(rng, targetGrid));
    return { x, y };
  });
  // The exact shape parseExercise returns (defaults explicit, same key order).
  return {
    layers,
    activations: shape.activations,
    loss: shape.loss,
    bias: shape.bias,
    updateBiases: shape.bias === "none" ? false : knobs.updateBiases,
    weights,
    biases,
    samples,
    learningRate: knobs.learningRate,
    decimals: knobs.decimals,
    carry: knobs.carry,
    rounding: "half_up",
    leakySlope: "0.01",
    ...preset.forms,
    ...(knobs.ask !== undefined ? { ask: knobs.ask } : {}),
  };
}

/**
 * The exercise solved, or null when one of its steps lands within TIE_MARGIN of a rounding tie: for
 * carry "exact" on the key's own digits (its printed values), for carry "rounded" on each value
 * before it is rounded (30 significant digits), seen as the one evaluation computes it.
 */
/** Whether a digit string of the exact key breaks a rule checked there (QUALITY_RULES, at "key"). */
const brokenOnKey = (value: string, d: number) => AT_KEY.some((r) => r.broken(value, d));

function tieFreeSolution(ex: Exercise): Solution | null {
  const d = ex.decimals;
  if (ex.ask !== undefined) {
    // A partial sheet prints what it does not ask, rounded, and the asked steps are worked from those
    // short decimals: their values are exact and often end in a 5 (η = 0.5 halves an odd digit), which
    // the stated rounding settles. Only the printed steps' own values must not sit on a tie.
    const asked = askedSteps(ex, buildGraph(ex))!;
    let ok = true;
    const sol = solve(ex, {
      observe: (st, v) => {
        if (ok && !asked.has(st.id) && brokenOnKey(v.toPlain(30), d)) ok = false;
      },
    });
    return ok ? sol : null;
  }
  if (ex.carry === "exact") {
    const sol = solve(ex);
    return sol.answers.every((a) => !brokenOnKey(a.value, d)) ? sol : null;
  }
  let ok = true;
  const sol = solve(ex, {
    observe: (_, v) => {
      if (ok && brokenOnKey(v.toPlain(30), d)) ok = false;
    },
  });
  return ok ? sol : null;
}

export function emptyRejections(): Record<Rule, number> {
  return Object.fromEntries(RULES.map((r) => [r, 0])) as Record<Rule, number>;
}

/** Draws candidates from the exercise's own stream until one passes every quality rule; solved. */
export function drawExercise(preset: Preset, knobs: Knobs, draw: number, sealedSeed?: string): Drawn {
  const rng = exerciseStream(preset, draw, sealedSeed);
  const rejections = emptyRejections();
  for (let i = 0; i < MAX_DRAWS; i++) {
    const ex = drawCandidate(rng, preset, knobs);
    const rule = checkDraw(ex);
    if (rule) {
      rejections[rule]++;
      continue;
    }
    const solution = tieFreeSolution(ex);
    if (solution === null) {
      rejections.tie_exact++;
      continue;
    }
    return { exercise: ex, solution, rejections };
  }
  throw new GenerateError(hopeless(preset, knobs, rejections));
}

/**
 * Share of updates W − η·g that land exactly on a rounding tie when g is carried rounded: with η = e/100
 * and g = m·10^−d, 10^d·η·g = e·m/100 sits on a half exactly when e·m ≡ 50 (mod 100).
 */
export function structuralTieShare(learningRate: string): number {
  const e = hundredths(learningRate);
  let hits = 0;
  for (let m = 0; m < 100; m++) if ((e * m) % 100 === 50) hits++;
  return hits / 100;
}

/** Why no draw passed, in words a teacher can act on (in either language: see templates/i18n.ts). */
function hopeless(preset: Preset, knobs: Knobs, rejections: Readonly<Record<Rule, number>>): Message {
  const settings = { preset: preset.name, draws: MAX_DRAWS, decimals: knobs.decimals, carry: knobs.carry, eta: knobs.learningRate };
  const share = structuralTieShare(knobs.learningRate);
  const ties = rejections.tie + rejections.tie_exact;
  if (knobs.carry === "rounded" && share > 0 && ties * 2 > MAX_DRAWS) return msg("cli.gen.hopelessTie", { ...settings, share: Math.round(share * 100) });
  const worst = (Object.entries(rejections) as [Rule, number][]).reduce((a, b) => (b[1] > a[1] ? b : a));
  return msg("cli.gen.hopeless", { ...settings, rule: worst[0] });
}
