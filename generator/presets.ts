// The presets: plain data naming a network, its number grids and its default difficulty (never code paths).
//
// Frozen with code version 1: a code names (preset codeId, draw number, knob overrides), so changing a
// preset's topology, grids or default knobs would change the exercise behind every code already
// printed (test/generator/golden.test.ts fails). Add a new preset with a new codeId instead.
import type { BiasMode, Carry, Exercise } from "./exercise.js";
import type { NotationName } from "./notation.js";
import type { ActivationName, LossName } from "./ops/index.js";

/** A closed range of decimal numbers drawn as integer counts of `step` (at most 2 decimals each). */
export interface Grid {
  readonly min: string;
  readonly max: string;
  readonly step: string;
  /** Leave 0 out (a zero weight or input is a step with nothing to compute). */
  readonly nonzero?: boolean;
}

/** Difficulty knobs: every preset has defaults, the command line may override each one. */
export interface Knobs {
  readonly decimals: number;
  readonly carry: Carry;
  readonly learningRate: string;
  readonly updateBiases: boolean;
  /** The steps a partial sheet asks for (kinds and phases), when a code carries them. */
  readonly ask?: readonly string[];
}

/** A size that is either fixed or drawn from [min, max]. */
export type Size = number | readonly [number, number];

/** One network shape; sizes in `layers` may be ranges (the logistic preset draws 2 or 3 inputs). */
export interface FixedTopology {
  readonly kind: "fixed";
  readonly layers: readonly Size[];
  readonly activations: readonly ActivationName[];
  readonly loss: LossName;
  readonly bias: BiasMode;
}

/** An output layer with the loss it is taught with. */
export interface Head {
  readonly activation: ActivationName;
  readonly loss: LossName;
  /** Fewest output units the head makes sense with (softmax needs 2). */
  readonly minOutputs?: number;
}

/** A topology that is itself drawn, within limits a person can still compute by hand. */
export interface RandomTopology {
  readonly kind: "random";
  readonly inputs: readonly [number, number];
  readonly hiddenLayers: readonly [number, number];
  readonly units: readonly [number, number];
  readonly outputs: readonly [number, number];
  readonly hiddenActivations: readonly ActivationName[];
  readonly heads: readonly Head[];
  readonly biasModes: readonly BiasMode[];
  /** Redraw the shape while it has more weights than this. */
  readonly maxWeights: number;
}

export interface Preset {
  readonly name: string;
  /** The preset's number inside exercise codes: stable forever, never reused (0–15). */
  readonly codeId: number;
  readonly description: { readonly zh: string; readonly en: string };
  readonly topology: FixedTopology | RandomTopology;
  /** How many samples (a batch when more than one). */
  readonly samples: Size;
  readonly grids: {
    readonly weights: Grid;
    readonly biases: Grid;
    readonly inputs: Grid;
    /** Targets of regression-type outputs; cce targets are one-hot and bce targets 0/1 regardless. */
    readonly targets?: Partial<Readonly<Record<ActivationName, Grid>>>;
  };
  readonly knobs: Knobs;
  /** A book's conventions and forms (DESIGN.md), part of every exercise the preset draws. */
  readonly forms?: Pick<Exercise, "convention" | "granularity" | "schedule" | "iterations">;
  /** The labels its book uses; sheets and keys use them unless --notation says otherwise. */
  readonly notation?: NotationName;
}

/** Regression targets inside each output function's range, unless a preset says otherwise. */
export const DEFAULT_TARGETS: Readonly<Record<ActivationName, Grid>> = {
  sigmoid: { min: "0.05", max: "0.95", step: "0.05" },
  tanh: { min: "-0.9", max: "0.9", step: "0.1", nonzero: true },
  linear: { min: "-1", max: "1", step: "0.1", nonzero: true },
  relu: { min: "0.1", max: "1", step: "0.1" },
  leaky_relu: { min: "0.1", max: "1", step: "0.1" },
  softmax: { min: "0", max: "1", step: "1" }, // unused: softmax targets are one-hot
};

const W05 = { min: "-0.8", max: "0.8", step: "0.05", nonzero: true } as const;
const B05 = { min: "-0.5", max: "0.5", step: "0.05" } as const;
const X05 = { min: "0.05", max: "1", step: "0.05" } as const;
const W1 = { min: "-1", max: "1", step: "0.1", nonzero: true } as const;
const B1 = { min: "-0.5", max: "0.5", step: "0.1" } as const;
const X1 = { min: "-1", max: "1", step: "0.1", nonzero: true } as const;

export const PRESETS: readonly Preset[] = [
  {
    name: "classic-2-3-2",
    codeId: 1,
    description: {
      en: "The classic hand exercise: 2-3-2 sigmoid network, one shared bias per layer, η = 0.5, E = ½Σ(t − a)².",
      zh: "经典手算题：2-3-2 Sigmoid 网络，每层一个共享偏置，η = 0.5，E = ½Σ(t − a)²。",
    },
    topology: { kind: "fixed", layers: [2, 3, 2], activations: ["sigmoid", "sigmoid"], loss: "half_sse", bias: "shared" },
    samples: 1,
    grids: { weights: W05, biases: B05, inputs: X05 },
    knobs: { decimals: 4, carry: "exact", learningRate: "0.5", updateBiases: false },
  },
  {
    name: "chain-1-2-2-1",
    codeId: 2,
    description: {
      en: "A 1-2-2-1 sigmoid chain with two hidden layers, E = ½(y − t)²: the chain rule through depth.",
      zh: "1-2-2-1 Sigmoid 链式网络（两个隐藏层），E = ½(y − t)²：练习多层链式法则。",
    },
    topology: { kind: "fixed", layers: [1, 2, 2, 1], activations: ["sigmoid", "sigmoid", "sigmoid"], loss: "half_sse", bias: "per_neuron" },
    samples: 1,
    grids: { weights: W05, biases: B05, inputs: X05 },
    knobs: { decimals: 4, carry: "exact", learningRate: "0.5", updateBiases: true },
  },
  {
    name: "relu-2-3-1",
    codeId: 3,
    description: {
      en: "2-3-1 network with ReLU hidden units, a sigmoid output and binary cross-entropy (δ = a − t at the output).",
      zh: "2-3-1 网络：ReLU 隐藏单元、Sigmoid 输出、二元交叉熵（输出层 δ = a − t）。",
    },
    topology: { kind: "fixed", layers: [2, 3, 1], activations: ["relu", "sigmoid"], loss: "bce", bias: "per_neuron" },
    samples: 1,
    grids: { weights: W1, biases: B1, inputs: X1 },
    knobs: { decimals: 4, carry: "exact", learningRate: "0.1", updateBiases: true },
  },
  {
    name: "logistic",
    codeId: 4,
    description: {
      en: "Logistic regression: a single sigmoid neuron with 2–3 inputs and binary cross-entropy.",
      zh: "逻辑回归：单个 Sigmoid 神经元，2–3 个输入，二元交叉熵。",
    },
    topology: { kind: "fixed", layers: [[2, 3], 1], activations: ["sigmoid"], loss: "bce", bias: "per_neuron" },
    samples: 1,
    grids: { weights: W1, biases: B1, inputs: X1 },
    knobs: { decimals: 4, carry: "exact", learningRate: "0.1", updateBiases: true },
  },
  {
    name: "softmax-2-4-4-3",
    codeId: 5,
    description: {
      en: "A 2-4-4-3 classifier: two ReLU hidden layers, softmax output, cross-entropy over a batch of 2–4 samples.",
      zh: "2-4-4-3 分类网络：两个 ReLU 隐藏层、Softmax 输出，2–4 个样本的小批量交叉熵。",
    },
    topology: { kind: "fixed", layers: [2, 4, 4, 3], activations: ["relu", "relu", "softmax"], loss: "cce", bias: "per_neuron" },
    samples: [2, 4],
    grids: { weights: W1, biases: B1, inputs: X1 },
    knobs: { decimals: 4, carry: "exact", learningRate: "0.1", updateBiases: true },
  },
  {
    name: "warmup-2-2-2",
    codeId: 6,
    description: {
      en: "Warm-up: a 2-2-2 sigmoid network with shared biases, three decimals.",
      zh: "热身题：2-2-2 Sigmoid 网络，共享偏置，保留三位小数。",
    },
    topology: { kind: "fixed", layers: [2, 2, 2], activations: ["sigmoid", "sigmoid"], loss: "half_sse", bias: "shared" },
    samples: 1,
    grids: { weights: W05, biases: B05, inputs: X05 },
    knobs: { decimals: 3, carry: "exact", learningRate: "0.5", updateBiases: false },
  },
  {
    name: "random",
    codeId: 7,
    description: {
      en: "A random network: 1–2 hidden layers of 1–4 units, mixed activations and losses, per-neuron or shared biases.",
      zh: "随机网络：1–2 个隐藏层，每层 1–4 个单元，激活函数与损失函数随机搭配，偏置逐神经元或逐层共享。",
    },
    topology: {
      kind: "random",
      inputs: [1, 3],
      hiddenLayers: [1, 2],
      units: [1, 4],
      outputs: [1, 3],
      hiddenActivations: ["sigmoid", "tanh", "relu", "leaky_relu"],
      heads: [
        { activation: "sigmoid", loss: "half_sse" },
        { activation: "sigmoid", loss: "mse" },
        { activation: "sigmoid", loss: "bce" },
        { activation: "tanh", loss: "half_sse" },
        { activation: "linear", loss: "mse" },
        { activation: "softmax", loss: "cce", minOutputs: 2 },
      ],
      biasModes: ["per_neuron", "shared"],
      maxWeights: 20,
    },
    samples: 1,
    grids: { weights: W1, biases: B1, inputs: X1 },
    knobs: { decimals: 4, carry: "exact", learningRate: "0.5", updateBiases: true },
  },
  {
    name: "xigua-standard-bp",
    codeId: 8,
    description: {
      en: "西瓜书 (Zhou, Machine Learning §5.3) standard BP: 2-2-1 sigmoid, thresholds subtracted and updated, g_j and e_h, Δw = ηg_jb_h, two samples one after another, η = 0.1.",
      zh: "西瓜书（周志华《机器学习》§5.3）标准 BP：2-2-1 Sigmoid 网络，阈值相减并更新，g_j 与 e_h，Δw = ηg_jb_h，两个样本逐个更新，η = 0.1。",
    },
    topology: { kind: "fixed", layers: [2, 2, 1], activations: ["sigmoid", "sigmoid"], loss: "half_sse", bias: "per_neuron" },
    samples: 2,
    grids: { weights: W05, biases: B05, inputs: X05 },
    knobs: { decimals: 4, carry: "exact", learningRate: "0.1", updateBiases: true },
    forms: { convention: { delta: "error", bias: "subtract" }, schedule: "online" },
    notation: "xigua",
  },
  {
    name: "han-kamber-3-2-1",
    codeId: 9,
    description: {
      en: "Han & Kamber (Data Mining §9.2.3): 3-2-1 sigmoid, biases θ_j added and updated, Err_j, Δw_ij = (l)Err_jO_i, l = 0.9.",
      zh: "Han & Kamber《数据挖掘：概念与技术》§9.2.3：3-2-1 Sigmoid 网络，偏置 θ_j 相加并更新，误差 Err_j，Δw_ij = (l)Err_jO_i，l = 0.9。",
    },
    topology: { kind: "fixed", layers: [3, 2, 1], activations: ["sigmoid", "sigmoid"], loss: "half_sse", bias: "per_neuron" },
    samples: 1,
    grids: { weights: W05, biases: B05, inputs: { min: "0", max: "1", step: "1" } },
    knobs: { decimals: 4, carry: "exact", learningRate: "0.9", updateBiases: true },
    forms: { convention: { delta: "error" } },
  },
  {
    name: "mazur-2-2-2",
    codeId: 10,
    description: {
      en: "Mazur's step-by-step example: 2-2-2 sigmoid, one shared bias per layer (not updated), ∂E/∂out and ∂out/∂net as steps of their own, η = 0.5.",
      zh: "Mazur 逐步示例：2-2-2 Sigmoid 网络，每层一个共享偏置（不更新），∂E/∂out 与 ∂out/∂net 单独成步，η = 0.5。",
    },
    topology: { kind: "fixed", layers: [2, 2, 2], activations: ["sigmoid", "sigmoid"], loss: "half_sse", bias: "shared" },
    samples: 1,
    grids: { weights: W05, biases: B05, inputs: X05 },
    knobs: { decimals: 4, carry: "exact", learningRate: "0.5", updateBiases: false },
    forms: { granularity: "chain" },
  },
];

export const PRESET_NAMES: readonly string[] = PRESETS.map((p) => p.name);

export function presetByName(name: string): Preset | undefined {
  return PRESETS.find((p) => p.name === name);
}

export function presetByCodeId(id: number): Preset | undefined {
  return PRESETS.find((p) => p.codeId === id);
}

export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

/** The preset name closest to a mistyped one, for "did you mean …?" (undefined when nothing is close). */
export function suggestPreset(name: string): string | undefined {
  const lower = name.toLowerCase();
  const prefix = PRESET_NAMES.find((n) => n.startsWith(lower) || lower.startsWith(n.split("-")[0]));
  let best: string | undefined;
  let bestD = Infinity;
  for (const n of PRESET_NAMES) {
    // Compare with the whole name and with its first word ("clasic" is close to "classic").
    const d = Math.min(editDistance(lower, n), editDistance(lower, n.split("-")[0]));
    if (d < bestD) {
      bestD = d;
      best = n;
    }
  }
  if (best !== undefined && bestD <= Math.max(2, Math.floor(best.length / 3))) return best;
  return prefix;
}

/** "2-3-2" for a fixed shape ("2–3-1" for a drawn input size); a short phrase for the random preset. */
export function topologyLabel(p: Preset): string {
  const t = p.topology;
  if (t.kind === "random") return `${t.inputs[0]}–${t.inputs[1]} · ${t.hiddenLayers[0]}–${t.hiddenLayers[1]}×(${t.units[0]}–${t.units[1]}) · ${t.outputs[0]}–${t.outputs[1]}`;
  return t.layers.map((s) => (typeof s === "number" ? String(s) : `${s[0]}–${s[1]}`)).join("-");
}

/** Whether a preset's sheet shape (layers, samples) is the same for every draw: then a sealed code's shape is public. */
export function shapeIsPublic(p: Preset): boolean {
  return p.topology.kind === "fixed" && p.topology.layers.every((s) => typeof s === "number") && typeof p.samples === "number";
}
