// Bad exercise files: one case per kind of error, each message naming the field and what is expected.
import { describe, expect, it } from "vitest";
import { parseExercise, parseExerciseText } from "../../generator/exercise.js";

const good = () => ({
  layers: [2, 2, 2], activations: ["sigmoid", "sigmoid"], loss: "half_sse", bias: "shared", updateBiases: false,
  weights: [[["0.15", "0.20"], ["0.25", "0.30"]], [["0.40", "0.45"], ["0.50", "0.55"]]],
  biases: [["0.35"], ["0.60"]],
  samples: [{ x: ["0.05", "0.10"], y: ["0.01", "0.99"] }],
  learningRate: "0.5", decimals: 4, carry: "exact",
});
type Obj = Record<string, unknown>;
const withField = (f: (e: Obj) => void) => {
  const e = good() as Obj;
  f(e);
  return e;
};

const cases: [string, Obj, string][] = [
  ["non-number weight", withField((e) => ((e.weights as string[][][])[1][0][1] = "abc")), 'weights[1][0][1]: expected a decimal string such as "0.15", got "abc"'],
  ["JSON number instead of string", withField((e) => ((e.weights as unknown[][][])[0][0][0] = 0.15)), 'weights[0][0][0]: expected a decimal string such as "0.15" (in quotes, so no digit is lost), got the number 0.15'],
  ["unknown activation", withField((e) => (e.activations = ["sigmoid", "sigmod"])), 'activations[1]: expected an activation: one of sigmoid, tanh, relu, leaky_relu, linear, softmax; got "sigmod"'],
  ["unknown loss", withField((e) => (e.loss = "l2")), 'loss: expected a loss: one of half_sse, mse, bce, cce; got "l2"'],
  ["unknown field", withField((e) => (e.learningrate = "0.5")), 'unknown field "learningrate" (check the spelling)'],
  ["missing field", withField((e) => delete e.samples), "samples: this field is required"],
  ["wrong number of activations", withField((e) => (e.activations = ["sigmoid"])), "activations: expected 2 activation names (one per layer after the input), got 1"],
  ["wrong row count", withField((e) => (e.weights as string[][][])[1].pop()), "weights[1]: expected 2 rows (one per neuron of layer 2), got 1"],
  ["wrong row length", withField((e) => (e.weights as string[][][])[0][1].push("0.1")), "weights[0][1]: expected 2 weights (one per neuron of the layer before), got 3"],
  ["shared bias with two values", withField((e) => ((e.biases as string[][])[0] = ["0.1", "0.2"])), "biases[0]: expected 1 value (the layer's shared bias), got 2"],
  ["per-neuron bias count", withField((e) => (e.bias = "per_neuron")), "biases[0]: expected 2 values (one per neuron of layer 1), got 1"],
  ["updateBiases missing", withField((e) => delete e.updateBiases), 'updateBiases: required when bias is "shared" (true or false: is the bias updated?)'],
  ["input count", withField((e) => ((e.samples as Obj[])[0].x = ["0.05"])), "samples[0].x: expected 2 inputs, got 1"],
  ["target count", withField((e) => ((e.samples as Obj[])[0].y = ["0.01", "0.99", "0"])), "samples[0].y: expected 2 targets, got 3"],
  ["softmax without cce", withField((e) => (e.activations = ["sigmoid", "softmax"])), "loss: a softmax output layer is supported with loss cce, got half_sse"],
  ["cce without softmax", withField((e) => (e.loss = "cce")), "loss: cce (categorical cross-entropy) needs a softmax output layer, got sigmoid"],
  ["bce with tanh", withField((e) => { e.loss = "bce"; e.activations = ["sigmoid", "tanh"]; }), "loss: bce (binary cross-entropy) needs a sigmoid output layer, got tanh"],
  ["bce target out of range", withField((e) => { e.loss = "bce"; (e.samples as Obj[])[0].y = ["0", "2"]; }), 'samples[0].y[1]: cross-entropy targets lie in [0, 1], got "2"'],
  ["softmax hidden", withField((e) => { e.layers = [2, 2, 2, 2]; e.activations = ["softmax", "sigmoid", "sigmoid"]; }), "activations[0]: softmax is only supported on the output layer"],
  ["decimals out of range", withField((e) => (e.decimals = 40)), "decimals: expected a whole number from 0 to 12, got the number 40"],
  ["bad carry", withField((e) => (e.carry = "round")), 'carry: expected a carry mode: one of exact, rounded; got "round"'],
  ["negative learning rate", withField((e) => (e.learningRate = "-0.5")), 'learningRate: expected a positive number, got "-0.5"'],
  ["not an object", [] as unknown as Obj, "expected an exercise object, got a list of 0"],
  ["no samples", withField((e) => (e.samples = [])), "samples: expected at least one sample"],
  ["one layer", withField((e) => (e.layers = [2])), "layers: expected at least 2 layer sizes (input and output), got 1"],
];

describe("exercise validation", () => {
  it("accepts the DESIGN.md example and makes defaults explicit", () => {
    const ex = parseExercise(good());
    expect(ex.rounding).toBe("half_up");
    expect(ex.leakySlope).toBe("0.01");
  });
  it.each(cases)("%s", (_name, input, message) => {
    expect(() => parseExercise(input)).toThrowWords(message);
  });
  it("names the line and column of a JSON syntax error", () => {
    expect(() => parseExerciseText('{\n  "layers": [2, 2,\n}', "bad.json")).toThrowWords(/bad\.json is not valid JSON at line 3, column 1: value expected/);
  });
});
