// Sigmoid: σ(z) = 1/(1+e^−z), σ′ = a(1−a).
import { Q } from "../../num/q.js";
import { exp } from "../../num/transcendental.js";
import { fexp } from "../../num/float.js";
import type { Activation } from "../types.js";
import { call, frac, op, paren, row, space, sup, text } from "../../formula.js";

export function sigmoid(z: Q): Q {
  return Q.ONE.div(Q.ONE.add(exp(z.neg()))).approx();
}

export const sigmoidOp: Activation = {
  name: "sigmoid",
  words: { en: "sigmoid", zh: "Sigmoid 函数" },
  forward: (z) => z.map(sigmoid),
  derivative: (_z, a) => a.mul(Q.ONE.sub(a)),
  formula: (z) => row(call("sigma", z), op("="), frac(text(1), row(text(1), op("+", true), sup(text("e"), row(op("-", true), z))))),
  derivativeFormula: (_z, a) => row(a, space("thin"), paren(row(text(1), op("-", true), a))),
  plausible: (a) => a.sign() > 0 && a.lt(Q.ONE),
  floatForward: (z) => z.map((v) => 1 / (1 + fexp(-v))),
  floatDerivative: (_z, a) => a * (1 - a),
  traits: { elementwise: true, saturates: true, kink: false, identity: false, slope: false, distribution: false, outputOnly: false, minOutputs: 1 },
  mistakes: {
    // σ′ written with σ applied to the output again: σ(a)(1−σ(a)).
    derivativeOfOutput: (a) => {
      const s = sigmoid(a);
      return s.mul(Q.ONE.sub(s));
    },
  },
};
