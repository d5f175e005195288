// E = (1/n) Σ (t − a)² over the n outputs, ∂E/∂a = (2/n)(a − t).
import { Q } from "../../num/q.js";
import type { Loss } from "../types.js";
import { brackets, frac, join, num, op, paren, row, script, text } from "../../formula.js";

export const mseOp: Loss = {
  name: "mse",
  words: { en: "mean squared error", zh: "均方误差" },
  value: (a, t) =>
    a.reduce((s, aj, j) => s.add(t[j].sub(aj).mul(t[j].sub(aj))), Q.ZERO).div(Q.int(a.length)),
  gradient: (a, t, n) => a.sub(t).mul(Q.int(2)).div(Q.int(n)),
  // With one output the mean is the squared error itself: no 1/1 on the sheet.
  formula: (a, t) => {
    const sq = (j: number) => script(paren(row(t[j], op("-", true), a[j])), { sup: num("2") });
    return a.length === 1 ? sq(0) : row(frac(text(1), text(a.length), "t"), brackets(join(a.map((_, j) => sq(j)), "+", true), true));
  },
  errorFormula: (a, t, n) => mseOp.gradientFormula(t, a, n),
  gradientFormula: (a, t, n) => {
    const d = paren(row(a, op("-", true), t));
    return n === 1 ? row(text(2), d) : n === 2 ? d : row(frac(text(2), text(n), "t"), d);
  },
  floatValue: (a, t) => a.reduce((s, aj, j) => s + (t[j] - aj) ** 2, 0) / a.length,
  floatGradient: (a, t, n) => (2 * (a - t)) / n,
  targets: "real",
  mistakes: { factorTwo: (v) => v.div(Q.int(2)) },
};
