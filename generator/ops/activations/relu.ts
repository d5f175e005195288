// ReLU: max(0, z); ReLU′(z) = 1 for z > 0 and 0 otherwise (ReLU′(0) = 0 by our convention).
import { Q } from "../../num/q.js";
import type { Activation } from "../types.js";
import { brackets, call, op, row, text } from "../../formula.js";

export const reluOp: Activation = {
  name: "relu",
  words: { en: "ReLU", zh: "ReLU 函数" },
  forward: (z) => z.map((v) => (v.sign() > 0 ? v : Q.ZERO)),
  derivative: (z) => (z.sign() > 0 ? Q.ONE : Q.ZERO),
  formula: (z) => call("max", text(0), z),
  derivativeFormula: (z) => row({ k: "bb1" }, brackets(row(z, op(">", true), text(0)))),
  plausible: (a) => a.sign() >= 0,
  floatForward: (z) => z.map((v) => (v > 0 ? v : 0)),
  floatDerivative: (z) => (z > 0 ? 1 : 0),
  traits: { elementwise: true, saturates: false, kink: true, identity: false, slope: false, distribution: false, outputOnly: false, minOutputs: 1 },
  mistakes: {},
};
