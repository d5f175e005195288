// The quality rules of a drawn exercise, checked on a fast float64 replica of the step graph.
//
// Why floats: the exact solver costs about a millisecond per exercise, and a draw is rejected
// several times before one passes. Every rule has a margin far above float64 error (a tie margin of
// 0.001 in units of the last decimal is ≥ 1e-9 absolute; float error here is ~1e-15), so the float
// verdict equals the exact one; the draw loop still re-checks ties on the exact key it keeps.
import type { Exercise } from "./exercise.js";
import { ACTIVATIONS, LOSSES, type Activation } from "./ops/index.js";
import { ids } from "./ids.js";

/**
 * The quality rules of a draw, in the order they are counted, each with the point of the replay where
 * it is checked: a unit's net input (before its activation), any step's value, the gradients once all
 * are known, or a digit of the exact key (draw.ts, for the ties floats cannot settle). A draw that
 * breaks one is redrawn; the first rule it breaks is the one counted.
 */
export type QualityRule =
  | { readonly name: "saturated" | "relu_at_zero"; readonly at: "net_input"; readonly broken: (f: Activation, z: number, halfUnit: number) => boolean }
  | { readonly name: "tie"; readonly at: "value"; readonly broken: (v: number, decimals: number) => boolean }
  | { readonly name: "zero_gradients"; readonly at: "gradients"; readonly broken: (zero: number, total: number) => boolean }
  | { readonly name: "tie_exact"; readonly at: "key"; readonly broken: (value: string, decimals: number) => boolean };

export const QUALITY_RULES: readonly QualityRule[] = [
  // A saturated sigmoid/tanh/softmax unit: f′ ≈ 0, nothing readable by hand.
  { name: "saturated", at: "net_input", broken: (f, z) => f.traits.saturates && Math.abs(z) > MAX_ABS_Z },
  // A ReLU-type unit within half a unit of its kink: the sheet's rounding decides which side it is on.
  { name: "relu_at_zero", at: "net_input", broken: (f, z, half) => f.traits.kink && Math.abs(z) < half },
  // More than a quarter of the weight gradients round to 0: little to compute.
  { name: "zero_gradients", at: "gradients", broken: (zero, total) => zero * 4 > total },
  // A value within TIE_MARGIN of a rounding tie: half-up and half-even, or two careful students, disagree.
  { name: "tie", at: "value", broken: (v, d) => tieDistance(v, d) < TIE_MARGIN },
  { name: "tie_exact", at: "key", broken: (value, d) => tieDistanceOfDecimal(value, d) < TIE_MARGIN },
];

export const RULES = QUALITY_RULES.map((r) => r.name);
export type Rule = QualityRule["name"];

const rulesAt = <A extends QualityRule["at"]>(at: A) => QUALITY_RULES.filter((r): r is Extract<QualityRule, { at: A }> => r.at === at);
const AT_NET_INPUT = rulesAt("net_input");
const AT_VALUE = rulesAt("value");
const AT_GRADIENTS = rulesAt("gradients");
export const AT_KEY = rulesAt("key");

/** |z| above this is a saturated sigmoid/tanh/softmax unit (derivative ≈ 0, unreadable by hand). */
export const MAX_ABS_Z = 4;
/** A value closer than this to a rounding tie, in units of the last asked decimal, is ambiguous. */
export const TIE_MARGIN = 0.001;

/** Distance of v·10^d from the nearest k + ½, in units of the last decimal (0 is an exact tie). */
export function tieDistance(v: number, decimals: number): number {
  const s = Math.abs(v) * 10 ** decimals;
  return Math.abs(s - Math.floor(s) - 0.5);
}

/** The same distance from a plain decimal string (a key's `value`): no float scaling error at all. */
export function tieDistanceOfDecimal(value: string, decimals: number): number {
  const dot = value.indexOf(".");
  if (dot < 0) return 0.5;
  const rest = value.slice(dot + 1 + decimals, dot + 1 + decimals + 15);
  return rest === "" ? 0.5 : Math.abs(Number(`0.${rest}`) - 0.5);
}

function derivative(f: Activation, z: number, a: number, slope: number): number {
  if (!f.floatDerivative) throw new Error(`internal: ${f.name} has no elementwise derivative`);
  return f.floatDerivative(z, a, slope);
}

class Rejected {
  constructor(readonly rule: Rule) {}
}

/**
 * Evaluates the exercise's step graph in float64, in the solver's order and with its carry mode,
 * and returns the first quality rule the draw breaks, or null when it is a good exercise.
 */
export function checkDraw(ex: Exercise, record?: (id: string, value: number) => void): Rule | null {
  try {
    run(ex, record);
    return null;
  } catch (e) {
    if (e instanceof Rejected) return e.rule;
    throw e;
  }
}

function run(ex: Exercise, record?: (id: string, value: number) => void): void {
  const d = ex.decimals;
  const scale = 10 ** d;
  const rounded = ex.carry === "rounded";
  const half = 0.5 / scale;
  const slope = Number(ex.leakySlope ?? "0.01");
  // Every step value passes here: the tie rule, then the carry (half-up is half away from zero).
  // `id` is a thunk so the hot path never builds id strings; only a test's recorder asks for them.
  const step = (v: number, id: () => string): number => {
    record?.(id(), v);
    for (const r of AT_VALUE) if (r.broken(v, d)) throw new Rejected(r.name);
    if (!rounded) return v;
    const r = Math.floor(Math.abs(v) * scale + 0.5) / scale;
    return v < 0 ? -r : r;
  };
  const L = ex.layers.length - 1;
  const W = ex.weights.map((m) => m.map((r) => r.map(Number)));
  // A subtracted threshold θ is an added bias −θ: the replay works with −θ (a tie of θ′ is a tie of −θ′).
  const sgn = ex.convention?.bias === "subtract" ? -1 : 1;
  const B = ex.biases.map((b) => b.map((v) => sgn * Number(v)));
  const bias = (l: number, j: number) => (ex.bias === "none" ? 0 : ex.bias === "shared" ? B[l][0] : B[l][j]);
  const eta = Number(ex.learningRate);
  const S = ex.samples.length;
  const loss = LOSSES[ex.loss];
  const fused = loss.fusedWith === ex.activations[L - 1];

  // Forward pass and loss, sample by sample: zs[s][l][j], as[s][l][j] with as[s][0] = x.
  const zs: number[][][] = [];
  const as: number[][][] = [];
  const Es: number[] = [];
  ex.samples.forEach((smp, s0) => {
    const sid = S > 1 ? s0 + 1 : undefined;
    const z: number[][] = [[]];
    const a: number[][] = [smp.x.map(Number)];
    for (let l = 1; l <= L; l++) {
      const f = ACTIVATIONS[ex.activations[l - 1]];
      const zl: number[] = [];
      for (let j = 0; j < ex.layers[l]; j++) {
        let acc = bias(l - 1, j);
        for (let i = 0; i < ex.layers[l - 1]; i++) acc += W[l - 1][j][i] * a[l - 1][i];
        for (const r of AT_NET_INPUT) if (r.broken(f, acc, half)) throw new Rejected(r.name);
        zl.push(step(acc, () => ids.z(l, j + 1, sid)));
      }
      z.push(zl);
      a.push(f.floatForward(zl, slope).map((v, j) => step(v, () => ids.a(l, j + 1, sid))));
    }
    zs.push(z);
    as.push(a);
    Es.push(step(loss.floatValue(a[L], smp.y.map(Number)), () => ids.E(sid)));
  });
  if (S > 1) step(Es.reduce((p, q) => p + q, 0) / S, () => ids.E());

  // Deltas, output layer first, with the weights before the update.
  const deltas: number[][][] = [];
  ex.samples.forEach((smp, s) => {
    const sid = S > 1 ? s + 1 : undefined;
    const dl: number[][] = [];
    const t = smp.y.map(Number);
    for (let l = L; l >= 1; l--) {
      const f = ACTIVATIONS[ex.activations[l - 1]];
      const row: number[] = [];
      for (let j = 0; j < ex.layers[l]; j++) {
        const z = zs[s][l][j];
        const a = as[s][l][j];
        let v: number;
        if (l === L) v = fused ? a - t[j] : loss.floatGradient(a, t[j], ex.layers[L]) * derivative(f, z, a, slope);
        else {
          let back = 0;
          for (let k = 0; k < ex.layers[l + 1]; k++) back += W[l][k][j] * dl[l + 1][k];
          v = back * derivative(f, z, a, slope);
        }
        row.push(step(v, () => ids.delta(l, j + 1, sid)));
      }
      dl[l] = row;
    }
    deltas.push(dl);
  });

  // Gradients (means over the batch), then the update.
  const dW: number[][][] = [];
  const dB: number[][] = [];
  let zeroGrads = 0;
  let nGrads = 0;
  for (let l = L; l >= 1; l--) {
    const m: number[][] = [];
    for (let j = 0; j < ex.layers[l]; j++) {
      const r: number[] = [];
      for (let i = 0; i < ex.layers[l - 1]; i++) {
        let acc = 0;
        for (let s = 0; s < S; s++) acc += deltas[s][l][j] * as[s][l - 1][i];
        const g = acc / S;
        nGrads++;
        if (Math.abs(g) < half) zeroGrads++;
        r.push(step(g, () => ids.dW(l, j + 1, i + 1)));
      }
      m.push(r);
    }
    dW[l] = m;
    if (ex.updateBiases && ex.bias !== "none") {
      if (ex.bias === "shared") {
        let acc = 0;
        for (let s = 0; s < S; s++) for (let j = 0; j < ex.layers[l]; j++) acc += deltas[s][l][j];
        dB[l] = [step(acc / S, () => ids.db(l))];
      } else {
        dB[l] = [];
        for (let j = 0; j < ex.layers[l]; j++) {
          let acc = 0;
          for (let s = 0; s < S; s++) acc += deltas[s][l][j];
          dB[l].push(step(acc / S, () => ids.db(l, j + 1)));
        }
      }
    }
  }
  for (const r of AT_GRADIENTS) if (r.broken(zeroGrads, nGrads)) throw new Rejected(r.name);

  const newW = W.map((m, l0) => m.map((r, j) => r.map((w, i) => step(w - eta * dW[l0 + 1][j][i], () => ids.newW(l0 + 1, j + 1, i + 1)))));
  const newB = B.map((b, l0) =>
    ex.updateBiases ? b.map((v, j) => step(v - eta * dB[l0 + 1][j], () => (ex.bias === "shared" ? ids.newb(l0 + 1) : ids.newb(l0 + 1, j + 1)))) : b,
  );

  // The loss after the update: one unrounded forward pass per sample, rounded once at the end.
  let total = 0;
  for (const smp of ex.samples) {
    let a = smp.x.map(Number);
    for (let l = 1; l <= L; l++) {
      const z: number[] = [];
      for (let j = 0; j < ex.layers[l]; j++) {
        let acc = ex.bias === "none" ? 0 : ex.bias === "shared" ? newB[l - 1][0] : newB[l - 1][j];
        for (let i = 0; i < a.length; i++) acc += newW[l - 1][j][i] * a[i];
        z.push(acc);
      }
      a = ACTIVATIONS[ex.activations[l - 1]].floatForward(z, slope);
    }
    total += loss.floatValue(a, smp.y.map(Number));
  }
  step(total / S, () => ids.newE());
}
