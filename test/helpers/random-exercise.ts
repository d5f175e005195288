// Random valid exercises from a seeded RNG, covering every activation, loss, bias mode and batch size (test helper).
import seedrandom from "seedrandom";
import { parseExercise, type Exercise } from "../../generator/exercise.js";

type Rng = () => number;

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));

/** A decimal string k/100 with k drawn from [lo, hi] hundredths (never a float product). */
const hundredths = (rng: Rng, lo: number, hi: number): string => {
  const k = int(rng, lo, hi);
  const s = Math.abs(k).toString().padStart(3, "0");
  return `${k < 0 ? "-" : ""}${s.slice(0, -2)}.${s.slice(-2)}`;
};

// Output layer and loss pairs the exercise format accepts.
const OUTPUTS = [
  ["sigmoid", "half_sse"], ["sigmoid", "mse"], ["sigmoid", "bce"],
  ["tanh", "half_sse"], ["tanh", "mse"], ["relu", "half_sse"], ["leaky_relu", "mse"],
  ["linear", "half_sse"], ["linear", "mse"], ["softmax", "cce"],
] as const;
const HIDDEN = ["sigmoid", "tanh", "relu", "leaky_relu", "linear"] as const;

export function randomExercise(seed: string, opts: { maxSamples?: number } = {}): Exercise {
  const rng = seedrandom(seed);
  const [outAct, loss] = pick(rng, OUTPUTS);
  const hidden = int(rng, 0, 2);
  const layers = [int(rng, 1, 3), ...Array.from({ length: hidden }, () => int(rng, 1, 3)), outAct === "softmax" ? int(rng, 2, 3) : int(rng, 1, 2)];
  const activations = [...Array.from({ length: hidden }, () => pick(rng, HIDDEN)), outAct];
  const bias = pick(rng, ["per_neuron", "shared", "none"] as const);
  const L = layers.length - 1;
  const weights = Array.from({ length: L }, (_, l) => Array.from({ length: layers[l + 1] }, () => Array.from({ length: layers[l] }, () => hundredths(rng, -100, 100))));
  const biases = bias === "none" ? [] : Array.from({ length: L }, (_, l) => Array.from({ length: bias === "shared" ? 1 : layers[l + 1] }, () => hundredths(rng, -50, 50)));
  const nOut = layers[L];
  const target = (): string[] => {
    if (loss === "cce") {
      const hot = int(rng, 0, nOut - 1);
      return Array.from({ length: nOut }, (_, j) => (j === hot ? "1" : "0"));
    }
    if (loss === "bce") return Array.from({ length: nOut }, () => pick(rng, ["0", "1", hundredths(rng, 1, 99)]));
    return Array.from({ length: nOut }, () => (outAct === "sigmoid" ? hundredths(rng, 1, 99) : hundredths(rng, -100, 100)));
  };
  const samples = Array.from({ length: int(rng, 1, opts.maxSamples ?? 2) }, () => ({ x: Array.from({ length: layers[0] }, () => hundredths(rng, -100, 100)), y: target() }));
  return parseExercise({
    layers, activations, loss, bias,
    ...(bias === "none" ? {} : { updateBiases: rng() < 0.5 }),
    weights, ...(bias === "none" ? {} : { biases }), samples,
    learningRate: pick(rng, ["0.1", "0.25", "0.5", "1"]),
    decimals: int(rng, 2, 5),
    carry: pick(rng, ["exact", "rounded"] as const),
    rounding: pick(rng, ["half_up", "half_even"] as const),
    ...(activations.includes("leaky_relu") ? { leakySlope: pick(rng, ["0.01", "0.1", "0.2"]) } : {}),
  });
}
