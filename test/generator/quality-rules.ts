// Shared by the quality tests: every rule of issue 4 re-checked on an accepted draw's exact key.
import { expect } from "vitest";
import { parseExercise, type Exercise } from "../../generator/exercise.js";
import { buildGraph } from "../../generator/solver.js";
import { keyOf, type Key } from "../../generator/solution.js";
import { applyStep } from "../../generator/graph.js";
import { Q } from "../../generator/num/q.js";
import { checkDraw } from "../../generator/quality.js";
import { presetByName, type Grid, type Preset } from "../../generator/presets.js";
import { drawExercise } from "../../generator/draw.js";
import { codeKnobs, knobsOf, type Overrides } from "../../generator/classset.js";

/** Exact distance test, independent of the generator's own: |frac(|v|·10^d) − ½| < 1/1000 ⇔ |2000·r − 1000·D| < D. */
function onTie(v: Q, d: number): boolean {
  const n = (v.n < 0n ? -v.n : v.n) * 10n ** BigInt(d);
  const r = n % v.d;
  const diff = 2000n * r - 1000n * v.d;
  return (diff < 0n ? -diff : diff) < v.d;
}

/** A grid value: at most 2 decimals, within [min, max], an integer count of steps from min. */
function onGrid(v: string, g: Grid): boolean {
  if (!/^-?\d+(\.\d{1,2})?$/.test(v)) return false;
  const h = Math.round(Number(v) * 100);
  const [lo, hi, st] = [g.min, g.max, g.step].map((s) => Math.round(Number(s) * 100));
  if (g.nonzero && h === 0) return false;
  return h >= lo && h <= hi && (h - lo) % st === 0;
}

const SATURATING = new Set(["sigmoid", "tanh", "softmax"]);

export function checkAll(preset: Preset, ex: Exercise, key: Key): void {
  const d = ex.decimals;
  // The record is exactly what parseExercise makes of it (valid, defaults explicit).
  expect(parseExercise(JSON.parse(JSON.stringify(ex)))).toEqual(ex);
  // Givens on the preset's grids; targets meaningful for the loss.
  for (const m of ex.weights) for (const r of m) for (const w of r) expect(onGrid(w, preset.grids.weights), w).toBe(true);
  for (const b of ex.biases) for (const v of b) expect(onGrid(v, preset.grids.biases), v).toBe(true);
  const out = ex.activations[ex.activations.length - 1];
  for (const s of ex.samples) {
    for (const x of s.x) expect(onGrid(x, preset.grids.inputs), x).toBe(true);
    if (ex.loss === "cce") expect(s.y.slice().sort()).toEqual([...Array(s.y.length - 1).fill("0"), "1"]);
    else if (ex.loss === "bce") for (const y of s.y) expect(["0", "1"]).toContain(y);
    else
      for (const y of s.y) {
        expect(y).toMatch(/^-?\d+(\.\d{1,2})?$/);
        const t = Number(y);
        if (out === "sigmoid") expect(t > 0 && t < 1).toBe(true);
        if (out === "tanh") expect(t > -1 && t < 1).toBe(true);
      }
  }
  const byId = new Map(key.steps.map((s) => [s.id, s]));
  let zero = 0;
  let grads = 0;
  for (const s of key.steps) {
    const v = Q.dec(s.value);
    if (s.kind === "z") {
      const act = ex.activations[s.layer! - 1];
      if (SATURATING.has(act)) expect(Math.abs(Number(s.value)), `${s.id} saturated`).toBeLessThanOrEqual(4);
      if (act === "relu" || act === "leaky_relu") expect(v.isZero(), `${s.id} ReLU at 0`).toBe(false);
    }
    if (s.kind === "dW") {
      grads++;
      if (/^-?0\.0+$/.test(s.rounded)) zero++;
    }
    if (ex.carry === "exact") expect(onTie(v, d), `${s.id} = ${s.value} on a tie at ${d} decimals`).toBe(false);
  }
  expect(zero * 4, "more than a quarter of the weight gradients round to 0").toBeLessThanOrEqual(grads);
  if (ex.carry === "rounded") {
    // Each step's value before rounding, from the rounded values of its inputs, as a student has them.
    const graph = buildGraph(ex);
    const values = new Map<string, Q>(graph.givens);
    for (const s of key.steps) values.set(s.id, Q.dec(s.rounded));
    for (const st of graph.steps) expect(onTie(applyStep(st.fn, st.deps, values), d), `${st.id} on a tie`).toBe(false);
  }
  // The float replica that filters draws agrees with the exact key (exact carry only: rounded
  // carry replays the key's own rounded inputs, so a float copy would compare a value with itself).
  if (ex.carry === "exact") {
    let n = 0;
    checkDraw(ex, (id, f) => {
      const exact = Number(byId.get(id)!.value);
      expect(Math.abs(f - exact), id).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(exact)));
      n++;
    });
    expect(n).toBe(key.steps.length);
  }
}


/** Draws `count` exercises and re-checks each on its exact key; a good preset needs few tries each. */
export function runDraws(run: { preset: string; count: number; overrides?: Overrides; maxTries?: number }): void {
  const preset = presetByName(run.preset)!;
  const knobs = knobsOf(preset, codeKnobs(preset, run.overrides));
  let worst = 0;
  let total = 0;
  for (let i = 0; i < run.count; i++) {
    const d = drawExercise(preset, knobs, 7919 * i + 1);
    checkAll(preset, d.exercise, keyOf(d.solution));
    const tries = Object.values(d.rejections).reduce((a, b) => a + b, 0);
    worst = Math.max(worst, tries);
    total += tries;
    // The float filter decides like the exact check: no accepted draw was caught only late.
    expect(d.rejections.tie_exact).toBe(0);
  }
  expect(worst).toBeLessThan(run.maxTries ?? 300);
  expect(total / run.count).toBeLessThan((run.maxTries ?? 300) / 10);
}
