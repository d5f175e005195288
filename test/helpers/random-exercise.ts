// Seeded random valid exercises over every activation, loss, bias mode and batch size (for tests).
import seedrandom from "seedrandom";
import type { Exercise } from "../../generator/exercise.js";
import type { ActivationName, LossName } from "../../generator/ops/index.js";

const HIDDEN: readonly ActivationName[] = ["sigmoid", "tanh", "relu", "leaky_relu", "linear"];
const OUTPUT_FOR: Readonly<Record<LossName, readonly ActivationName[]>> = {
  half_sse: ["sigmoid", "tanh", "linear", "relu", "leaky_relu"],
  mse: ["sigmoid", "tanh", "linear", "leaky_relu"],
  bce: ["sigmoid"],
  cce: ["softmax"],
};

export function randomExercise(seed: string, opts: { maxSamples?: number } = {}): Exercise {
  const rng = seedrandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)];
  // Decimal strings built from integer counts of 0.01: never a float product.
  const dec = (lo: number, hi: number) => {
    const k = int(Math.round(lo * 100), Math.round(hi * 100));
    const s = (Math.abs(k) / 100).toFixed(2);
    return k < 0 ? `-${s}` : s;
  };
  const loss = pick<LossName>(["half_sse", "mse", "bce", "cce"]);
  const hiddenLayers = int(0, 2);
  const layers = [int(1, 3), ...Array.from({ length: hiddenLayers }, () => int(1, 3)), loss === "cce" ? int(2, 3) : int(1, 3)];
  const activations = [...Array.from({ length: hiddenLayers }, () => pick(HIDDEN)), pick(OUTPUT_FOR[loss])];
  const bias = pick(["per_neuron", "shared", "none"] as const);
  const weights = layers.slice(1).map((n, l) => Array.from({ length: n }, () => Array.from({ length: layers[l] }, () => dec(-1, 1))));
  const biases = bias === "none" ? [] : layers.slice(1).map((n) => Array.from({ length: bias === "shared" ? 1 : n }, () => dec(-0.5, 0.5)));
  const nOut = layers[layers.length - 1];
  const samples = Array.from({ length: int(1, opts.maxSamples ?? 3) }, () => ({
    x: Array.from({ length: layers[0] }, () => dec(-1, 1)),
    y:
      loss === "cce"
        ? (() => {
            const hot = int(0, nOut - 1);
            return Array.from({ length: nOut }, (_, j) => (j === hot ? "1" : "0"));
          })()
        : loss === "bce"
          ? Array.from({ length: nOut }, () => pick(["0", "1"]))
          : Array.from({ length: nOut }, () => dec(0, 1)),
  }));
  return {
    layers, activations, loss, bias,
    updateBiases: bias === "none" ? false : rng() < 0.5,
    weights, biases, samples,
    learningRate: pick(["0.1", "0.5", "1", "0.25"]),
    decimals: int(2, 6),
    carry: pick(["exact", "rounded"] as const),
    rounding: "half_up",
    leakySlope: "0.01",
  };
}
