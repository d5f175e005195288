// The contract of one operation module: forward rule, local derivative, formula, words in zh/en.
import type { Q } from "../num/q.js";
import type { Formula } from "../formula.js";

export type ActivationName = "sigmoid" | "tanh" | "relu" | "leaky_relu" | "linear" | "softmax";
export type LossName = "half_sse" | "mse" | "bce" | "cce";

export interface Words {
  readonly en: string;
  readonly zh: string;
}

export interface ActivationParams {
  /** Slope of leaky_relu for z < 0. */
  readonly leakySlope: Q;
}

export interface Activation {
  readonly name: ActivationName;
  readonly words: Words;
  /** The layer's outputs from its net inputs (elementwise except softmax). */
  forward(z: readonly Q[], p: ActivationParams): Q[];
  /**
   * f′ of one neuron from its own z and a (sigmoid uses a(1−a), ReLU looks at z).
   * Undefined for softmax, whose output deltas come fused with cross-entropy.
   */
  derivative?(z: Q, a: Q, p: ActivationParams): Q;
  /** The formula of a = f(z), over z (a label or a number) — e.g. σ(z) = 1/(1+e^{−z}). */
  formula(z: Formula): Formula;
  /** f′ over z and a, as textbooks write it (a(1−a) for sigmoid). */
  derivativeFormula?(z: Formula, a: Formula, p: ActivationParams): Formula;
  /** Whether a value can be an output of this function at all (guards follow-through marks). */
  plausible(a: Q): boolean;

  /** The same forward rule in float64: the draw's prefilter (quality.ts) only; it never prints a digit. */
  floatForward(z: readonly number[], slope: number): number[];
  /** f′ in float64 (undefined where `derivative` is). */
  floatDerivative?(z: number, a: number, slope: number): number;

  /** What the rest of the code may ask of an activation, instead of comparing its name. */
  readonly traits: ActivationTraits;
  /** The op's own named mistakes (see graph.ts MistakeCode), as functions of the student's inputs. */
  readonly mistakes: {
    /** "derivative_of_output": f′ written with f applied to the output again, f′(a) for f′(z). */
    readonly derivativeOfOutput?: (a: Q) => Q;
  };
}

export interface ActivationTraits {
  /** Each output depends on its own z only (false for softmax: the whole layer's z). */
  readonly elementwise: boolean;
  /** |z| beyond a few units flattens it (f′ ≈ 0): the draw rejects such z (quality rule "saturated"). */
  readonly saturates: boolean;
  /** f′ jumps at z = 0 (ReLU-type): the draw keeps z away from 0, and a forgotten f′ is named "ReLU′(0) = 1". */
  readonly kink: boolean;
  /** f is the identity (a = z): "activation not applied" and "forgot f′" change nothing. */
  readonly identity: boolean;
  /** It takes the exercise's `leakySlope` α, printed beside its formula. */
  readonly slope: boolean;
  /** Its outputs are a probability distribution (labelled p, a row summing to 1). */
  readonly distribution: boolean;
  /** Allowed only as the output layer. */
  readonly outputOnly: boolean;
  /** Needs at least this many output units. */
  readonly minOutputs: number;
  /** The loss it must be trained with, and the catalogue message that says so. */
  readonly needsLoss?: { readonly loss: LossName; readonly message: string };
}

export interface Loss {
  readonly name: LossName;
  readonly words: Words;
  /** The loss of one sample. */
  value(a: readonly Q[], t: readonly Q[]): Q;
  /** ∂E/∂a_j for one sample, from a_j, t_j and the number n of outputs. */
  gradient(a: Q, t: Q, n: number): Q;
  /** The formula of E over outputs a and targets t (labels or numbers). */
  formula(a: readonly Formula[], t: readonly Formula[]): Formula;
  /** ∂E/∂a_j over a_j and t_j. */
  gradientFormula(a: Formula, t: Formula, n: number): Formula;
  /**
   * −∂E/∂a_j over a_j and t_j, as the books that work with the error term write it ((t − a) for ½Σ(t−a)²):
   * Han & Kamber's Err_j and 西瓜书's g_j start from it.
   */
  errorFormula(a: Formula, t: Formula, n: number): Formula;
  /** Output activation with which δ = a − t (sigmoid+bce, softmax+cce). */
  readonly fusedWith?: ActivationName;

  /** The loss of one sample in float64: the draw's prefilter only. */
  floatValue(a: readonly number[], t: readonly number[]): number;
  /** ∂E/∂a_j in float64. */
  floatGradient(a: number, t: number, n: number): number;

  /** What targets it takes: any decimal, 0 or 1 each (probabilities), or one-hot rows summing to 1. */
  readonly targets: "real" | "binary" | "one_hot";
  /** The output activation it must be used with, and the catalogue message that says so. */
  readonly needsOutput?: { readonly activation: ActivationName; readonly message: string };
  readonly mistakes: {
    /** "factor_two": the ½ or the 1/n forgotten or doubled; applied to the loss or to its gradient. */
    readonly factorTwo?: (v: Q) => Q;
  };
}
