// Leaky ReLU: z for z > 0, α·z otherwise; derivative 1 or α (α at z = 0, like ReLU′(0) = 0).
import { Q } from "../../num/q.js";
import type { Activation } from "../types.js";
import { call, num, paren, op, row, sym, text } from "../../formula.js";

export const leakyReluOp: Activation = {
  name: "leaky_relu",
  words: { en: "leaky ReLU", zh: "Leaky ReLU 函数" },
  forward: (z, p) => z.map((v) => (v.sign() > 0 ? v : v.mul(p.leakySlope))),
  derivative: (z, _a, p) => (z.sign() > 0 ? Q.ONE : p.leakySlope),
  formula: (z) => call("max", row(sym("alpha"), text(" "), z), z),
  derivativeFormula: (z, _a, p) => paren(row(z, op(">", true), text(0), op("?"), text(1), op(":"), num(p.leakySlope.toPlain()))),
  plausible: () => true,
  floatForward: (z, slope) => z.map((v) => (v > 0 ? v : v * slope)),
  floatDerivative: (z, _a, slope) => (z > 0 ? 1 : slope),
  traits: { elementwise: true, saturates: false, kink: true, identity: false, slope: true, distribution: false, outputOnly: false, minOutputs: 1 },
  mistakes: {},
};
