// Binary cross-entropy summed over outputs: E = −Σ [t ln a + (1−t) ln(1−a)]; with sigmoid, δ = a − t.
import { Q } from "../../num/q.js";
import { ln } from "../../num/transcendental.js";
import { flog } from "../../num/float.js";
import type { Loss } from "../types.js";
import { apply, brackets, call, frac, join, op, paren, row, text } from "../../formula.js";

export const bceOp: Loss = {
  name: "bce",
  words: { en: "binary cross-entropy", zh: "二元交叉熵" },
  value: (a, t) =>
    a
      .reduce((s, aj, j) => {
        // A term whose weight is exactly 0 contributes exactly 0 (no ln evaluated).
        const pos = t[j].isZero() ? Q.ZERO : t[j].mul(ln(aj));
        const oneMinusT = Q.ONE.sub(t[j]);
        const neg = oneMinusT.isZero() ? Q.ZERO : oneMinusT.mul(ln(Q.ONE.sub(aj)));
        return s.add(pos).add(neg);
      }, Q.ZERO)
      .neg(),
  gradient: (a, t) => a.sub(t).div(a.mul(Q.ONE.sub(a))).approx(),
  formula: (a, t) =>
    row(
      op("-", true),
      brackets(join(a.map((aj, j) => row(t[j], apply("ln", aj), op("+"), paren(row(text(1), op("-", true), t[j])), call("ln", row(text(1), op("-", true), aj)))), "+", true), true),
    ),
  errorFormula: (a, t) => frac(row(t, op("-", true), a), row(a, paren(row(text(1), op("-", true), a)))),
  gradientFormula: (a, t) => frac(row(a, op("-", true), t), row(a, paren(row(text(1), op("-", true), a)))),
  fusedWith: "sigmoid",
  floatValue: (a, t) => {
    let s = 0;
    for (let j = 0; j < a.length; j++) {
      if (t[j] !== 0) s += t[j] * flog(a[j]);
      if (t[j] !== 1) s += (1 - t[j]) * flog(1 - a[j]);
    }
    return -s;
  },
  floatGradient: (a, t) => (a - t) / (a * (1 - a)),
  targets: "binary",
  needsOutput: { activation: "sigmoid", message: "cli.ex.bceNeedsSigmoid" },
  mistakes: {},
};
