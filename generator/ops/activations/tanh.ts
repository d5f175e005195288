// tanh: (e^z − e^−z)/(e^z + e^−z), tanh′ = 1 − a².
import { Q } from "../../num/q.js";
import { exp } from "../../num/transcendental.js";
import { ftanh } from "../../num/float.js";
import type { Activation } from "../types.js";
import { call, frac, num, op, paren, row, script, sup, text } from "../../formula.js";

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
  formula: (z) => {
    const e = (neg: boolean) => sup(text("e"), neg ? row(op("-", true), z) : z);
    return row(call("tanh", z), op("="), frac(row(e(false), op("-", true), e(true)), row(e(false), op("+", true), e(true))));
  },
  derivativeFormula: (_z, a) => paren(row(text(1), op("-", true), script(a, { sup: num("2"), group: true }))),
  plausible: (a) => a.gt(Q.ONE.neg()) && a.lt(Q.ONE),
  floatForward: (z) => z.map(ftanh),
  floatDerivative: (_z, a) => 1 - a * a,
  traits: { elementwise: true, saturates: true, kink: false, identity: false, slope: false, distribution: false, outputOnly: false, minOutputs: 1 },
  mistakes: {},
};
