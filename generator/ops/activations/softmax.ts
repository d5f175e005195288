// Softmax over a layer: p_j = e^{z_j} / Σ_k e^{z_k}; only as the output with cross-entropy (δ = p − y).
import { Q } from "../../num/q.js";
import { exp } from "../../num/transcendental.js";
import { fexp } from "../../num/float.js";
import type { Activation } from "../types.js";
import { call } from "../../formula.js";

export function softmax(z: readonly Q[]): Q[] {
  // Shift by the largest z: the same ratio, and no exponent grows.
  const max = z.reduce((m, v) => (v.gt(m) ? v : m));
  const e = z.map((v) => exp(v.sub(max)));
  const sum = e.reduce((s, v) => s.add(v));
  return e.map((v) => v.div(sum).approx());
}

export const softmaxOp: Activation = {
  name: "softmax",
  words: { en: "softmax", zh: "Softmax 函数" },
  forward: (z) => softmax(z),
  formula: (z) => call("softmax", z),
  plausible: (a) => a.sign() > 0 && a.lt(Q.ONE),
  floatForward: (z) => {
    const m = Math.max(...z);
    const e = z.map((v) => fexp(v - m));
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / s);
  },
  traits: {
    elementwise: false, saturates: true, kink: false, identity: false, slope: false, distribution: true, outputOnly: true, minOutputs: 2,
    needsLoss: { loss: "cce", message: "cli.ex.softmaxNeedsCce" },
  },
  mistakes: {},
};
