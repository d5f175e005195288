// Categorical cross-entropy: E = −Σ t_j ln p_j; with softmax, δ = p − t.
import { Q } from "../../num/q.js";
import { ln } from "../../num/transcendental.js";
import { flog } from "../../num/float.js";
import type { Loss } from "../types.js";
import { apply, brackets, frac, join, op, row } from "../../formula.js";

export const cceOp: Loss = {
  name: "cce",
  words: { en: "categorical cross-entropy", zh: "多分类交叉熵" },
  value: (a, t) => a.reduce((s, aj, j) => (t[j].isZero() ? s : s.add(t[j].mul(ln(aj)))), Q.ZERO).neg(),
  gradient: (a, t) => t.div(a).neg().approx(),
  formula: (a, t) => row(op("-", true), brackets(join(a.map((aj, j) => row(t[j], apply("ln", aj))), "+", true), true)),
  errorFormula: (a, t) => frac(t, a),
  gradientFormula: (a, t) => row(op("-", true), frac(t, a)),
  fusedWith: "softmax",
  floatValue: (a, t) => {
    let s = 0;
    for (let j = 0; j < a.length; j++) if (t[j] !== 0) s += t[j] * flog(a[j]);
    return -s;
  },
  floatGradient: (a, t) => -t / a,
  targets: "one_hot",
  needsOutput: { activation: "softmax", message: "cli.ex.cceNeedsSoftmax" },
  mistakes: {},
};
