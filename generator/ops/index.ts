// The operation registry: plain data, looked up by the names used in exercise files.
import type { Activation, ActivationName, Loss, LossName } from "./types.js";
import { sigmoidOp } from "./activations/sigmoid.js";
import { tanhOp } from "./activations/tanh.js";
import { reluOp } from "./activations/relu.js";
import { leakyReluOp } from "./activations/leaky_relu.js";
import { linearOp } from "./activations/linear.js";
import { softmaxOp } from "./activations/softmax.js";
import { halfSseOp } from "./losses/half_sse.js";
import { mseOp } from "./losses/mse.js";
import { bceOp } from "./losses/bce.js";
import { cceOp } from "./losses/cce.js";

export const ACTIVATIONS: Readonly<Record<ActivationName, Activation>> = {
  sigmoid: sigmoidOp,
  tanh: tanhOp,
  relu: reluOp,
  leaky_relu: leakyReluOp,
  linear: linearOp,
  softmax: softmaxOp,
};

export const LOSSES: Readonly<Record<LossName, Loss>> = {
  half_sse: halfSseOp,
  mse: mseOp,
  bce: bceOp,
  cce: cceOp,
};

export const ACTIVATION_NAMES = Object.keys(ACTIVATIONS) as ActivationName[];
export const LOSS_NAMES = Object.keys(LOSSES) as LossName[];
export type { Activation, ActivationName, ActivationParams, Loss, LossName } from "./types.js";
