// E = ½ Σ (t − a)², ∂E/∂a = a − t.
import { Q } from "../../num/q.js";
import type { Loss } from "../types.js";
import { brackets, frac, join, num, op, paren, row, script, text } from "../../formula.js";

const HALF = Q.dec("0.5");

export const halfSseOp: Loss = {
  name: "half_sse",
  words: { en: "half sum of squared errors", zh: "误差平方和的一半" },
  value: (a, t) => a.reduce((s, aj, j) => s.add(t[j].sub(aj).mul(t[j].sub(aj))), Q.ZERO).mul(HALF),
  gradient: (a, t) => a.sub(t),
  formula: (a, t) => row(frac(text(1), text(2), "t"), brackets(join(a.map((aj, j) => script(paren(row(t[j], op("-", true), aj)), { sup: num("2") })), "+", true), true)),
  errorFormula: (a, t) => paren(row(t, op("-", true), a)),
  gradientFormula: (a, t) => paren(row(a, op("-", true), t)),
  floatValue: (a, t) => a.reduce((s, aj, j) => s + (t[j] - aj) ** 2, 0) / 2,
  floatGradient: (a, t) => a - t,
  targets: "real",
  mistakes: { factorTwo: (v) => v.mul(Q.int(2)) },
};
