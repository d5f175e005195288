// Identity output: a = z, derivative 1.
import { Q } from "../../num/q.js";
import type { Activation } from "../types.js";
import { text } from "../../formula.js";

export const linearOp: Activation = {
  name: "linear",
  words: { en: "linear (identity)", zh: "线性（恒等）函数" },
  forward: (z) => [...z],
  derivative: () => Q.ONE,
  formula: (z) => z,
  derivativeFormula: () => text(1),
  plausible: () => true,
  floatForward: (z) => [...z],
  floatDerivative: () => 1,
  traits: { elementwise: true, saturates: false, kink: false, identity: true, slope: false, distribution: false, outputOnly: false, minOutputs: 1 },
  mistakes: {},
};
