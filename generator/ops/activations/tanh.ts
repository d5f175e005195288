// tanh: (e^z − e^−z)/(e^z + e^−z), tanh′ = 1 − a².
import { Q } from "../../num/q.js";
import { exp } from "../../num/transcendental.js";
import { ftanh } from "../../num/float.js";
import type { Activation } from "../types.js";

export function tanh(z: Q): Q {
  if (z.sign() < 0) return tanh(z.neg()).neg();
  const e = exp(z.mul(Q.int(-2))); // e^{-2z} in (0, 1]: no overflow, no cancellation in the ratio
  return Q.ONE.sub(e).div(Q.ONE.add(e)).approx();
}

export const tanhOp: Activation = {
  name: "tanh",
  words: { en: "tanh", zh: "tanh 函数" },
  forward: (z) => z.map(tanh),
  derivative: (_z, a) => Q.ONE.sub(a.mul(a)),
  texForward: (z) => `\\tanh(${z}) = \\frac{e^{${z}}-e^{-${z}}}{e^{${z}}+e^{-${z}}}`,
  texDerivative: (_z, a) => `(1-{${a}}^2)`,
  plausible: (a) => a.gt(Q.ONE.neg()) && a.lt(Q.ONE),
  floatForward: (z) => z.map(ftanh),
  floatDerivative: (_z, a) => 1 - a * a,
  traits: { elementwise: true, saturates: true, kink: false, identity: false, slope: false, distribution: false, outputOnly: false, minOutputs: 1 },
  mistakes: {},
};
