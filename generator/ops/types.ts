// The contract of one operation module: forward rule, local derivative, formula, words in zh/en.
import type { Q } from "../num/q.js";

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
  /** LaTeX of a = f(z), given the LaTeX of z (symbolic) — e.g. \sigma(z). */
  texForward(z: string): string;
  /** LaTeX of f′ in terms of the labels of z and a, as textbooks write it (a(1−a) for sigmoid). */
  texDerivative?(z: string, a: string, p: ActivationParams): string;
  /** Whether a value can be an output of this function at all (guards follow-through marks). */
  plausible(a: Q): boolean;
}

export interface Loss {
  readonly name: LossName;
  readonly words: Words;
  /** The loss of one sample. */
  value(a: readonly Q[], t: readonly Q[]): Q;
  /** ∂E/∂a_j for one sample, from a_j, t_j and the number n of outputs. */
  gradient(a: Q, t: Q, n: number): Q;
  /** LaTeX of E over output labels (or numbers) a and targets t. */
  tex(a: readonly string[], t: readonly string[]): string;
  /** LaTeX of ∂E/∂a_j. */
  texGradient(a: string, t: string, n: number): string;
  /** Output activation with which δ = a − t (sigmoid+bce, softmax+cce). */
  readonly fusedWith?: ActivationName;
}
