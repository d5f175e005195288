// E = (1/n) Σ (t − a)² over the n outputs, ∂E/∂a = (2/n)(a − t).
import { Q } from "../../num/q.js";
import type { Loss } from "../types.js";

export const mseOp: Loss = {
  name: "mse",
  words: { en: "mean squared error", zh: "均方误差" },
  value: (a, t) =>
    a.reduce((s, aj, j) => s.add(t[j].sub(aj).mul(t[j].sub(aj))), Q.ZERO).div(Q.int(a.length)),
  gradient: (a, t, n) => a.sub(t).mul(Q.int(2)).div(Q.int(n)),
  // With one output the mean is the squared error itself: no 1/1 on the sheet.
  tex: (a, t) =>
    a.length === 1
      ? `(${t[0]}-${a[0]})^2`
      : `\\tfrac{1}{${a.length}}\\left[${a.map((aj, j) => `(${t[j]}-${aj})^2`).join("+")}\\right]`,
  texGradient: (a, t, n) => (n === 1 ? `2(${a}-${t})` : n === 2 ? `(${a}-${t})` : `\\tfrac{2}{${n}}(${a}-${t})`),
  floatValue: (a, t) => a.reduce((s, aj, j) => s + (t[j] - aj) ** 2, 0) / a.length,
  floatGradient: (a, t, n) => (2 * (a - t)) / n,
  targets: "real",
  mistakes: { factorTwo: (v) => v.div(Q.int(2)) },
};
