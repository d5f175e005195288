// E = ½ Σ (t − a)², ∂E/∂a = a − t.
import { Q } from "../../num/q.js";
import type { Loss } from "../types.js";

const HALF = Q.dec("0.5");

export const halfSseOp: Loss = {
  name: "half_sse",
  words: { en: "half sum of squared errors", zh: "误差平方和的一半" },
  value: (a, t) => a.reduce((s, aj, j) => s.add(t[j].sub(aj).mul(t[j].sub(aj))), Q.ZERO).mul(HALF),
  gradient: (a, t) => a.sub(t),
  tex: (a, t) => `\\tfrac{1}{2}\\left[${a.map((aj, j) => `(${t[j]}-${aj})^2`).join("+")}\\right]`,
  texGradient: (a, t) => `(${a}-${t})`,
  floatValue: (a, t) => a.reduce((s, aj, j) => s + (t[j] - aj) ** 2, 0) / 2,
  floatGradient: (a, t) => a - t,
  targets: "real",
  mistakes: { factorTwo: (v) => v.mul(Q.int(2)) },
};
