// The exercise record (DESIGN.md contract): parsing, validation with field-path messages, exact values.
import { parse as parseJsonc, printParseErrorCode, type ParseError } from "jsonc-parser";
import * as z from "zod";
import { Q, type Rounding } from "./num/q.js";
import { ACTIVATION_NAMES, LOSS_NAMES, type ActivationName, type LossName } from "./ops/index.js";

export type BiasMode = "per_neuron" | "shared" | "none";
export type Carry = "exact" | "rounded";

export interface Sample {
  readonly x: readonly string[];
  readonly y: readonly string[];
}

/** A fully specified exercise, exactly as in an exercise JSON file. */
export interface Exercise {
  readonly layers: readonly number[];
  readonly activations: readonly ActivationName[];
  readonly loss: LossName;
  readonly bias: BiasMode;
  readonly updateBiases: boolean;
  readonly weights: readonly (readonly (readonly string[])[])[];
  readonly biases: readonly (readonly string[])[];
  readonly samples: readonly Sample[];
  readonly learningRate: string;
  readonly decimals: number;
  readonly carry: Carry;
  readonly rounding?: Rounding;
  readonly leakySlope?: string;
  /** Grader settings (tolerances, step weights); validated by the grader. */
  readonly grading?: Readonly<Record<string, unknown>>;
}

/** An author's mistake in an exercise file: the CLI prints `message` on one line. */
export class ExerciseError extends Error {
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(path ? `${path}: ${detail}` : detail);
    this.name = "ExerciseError";
  }
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function describe(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v);
  if (typeof v === "number") return `the number ${v}`;
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (typeof v === "object") return "an object";
  return String(v);
}

const decimalString = z.custom<string>((v) => typeof v === "string" && DECIMAL.test(v.trim()), {
  error: (iss) =>
    typeof iss.input === "number"
      ? `expected a decimal string such as "${iss.input}" (in quotes, so no digit is lost), got the number ${iss.input}`
      : `expected a decimal string such as "0.15", got ${describe(iss.input)}`,
});

const oneOf = <T extends string>(names: readonly T[], what: string) =>
  z.custom<T>((v) => typeof v === "string" && (names as readonly string[]).includes(v), {
    error: (iss) => `expected ${what}: one of ${names.join(", ")}; got ${describe(iss.input)}`,
  });

const list = <T extends z.ZodType>(item: T, what: string) =>
  z.array(item, { error: (iss) => `expected a list of ${what}, got ${describe(iss.input)}` });

const integer = (min: number, max: number) =>
  z.custom<number>((v) => typeof v === "number" && Number.isInteger(v) && v >= min && v <= max, {
    error: (iss) => `expected a whole number from ${min} to ${max}, got ${describe(iss.input)}`,
  });

const boolean = z.custom<boolean>((v) => typeof v === "boolean", {
  error: (iss) => `expected true or false, got ${describe(iss.input)}`,
});

const schema = z.strictObject(
  {
    layers: list(integer(1, 64), "layer sizes"),
    activations: list(oneOf(ACTIVATION_NAMES, "an activation"), "activation names"),
    loss: oneOf(LOSS_NAMES, "a loss"),
    bias: oneOf(["per_neuron", "shared", "none"] as const, "a bias mode"),
    updateBiases: boolean.optional(),
    weights: list(list(list(decimalString, "decimal strings"), "rows"), "weight matrices"),
    biases: list(list(decimalString, "decimal strings"), "bias lists").optional(),
    samples: list(
      z.strictObject(
        { x: list(decimalString, "decimal strings"), y: list(decimalString, "decimal strings") },
        { error: (iss) => unknownOrType(iss, "a sample {\"x\": [...], \"y\": [...]}") },
      ),
      "samples",
    ),
    learningRate: decimalString,
    decimals: integer(0, 12),
    carry: oneOf(["exact", "rounded"] as const, "a carry mode"),
    rounding: oneOf(["half_up", "half_even"] as const, "a rounding mode").optional(),
    leakySlope: decimalString.optional(),
    grading: z.record(z.string(), z.unknown()).optional(),
  },
  { error: (iss) => unknownOrType(iss, "an exercise object") },
);

function unknownOrType(iss: { code?: string; input?: unknown; keys?: string[] }, what: string): string {
  if (iss.code === "unrecognized_keys") return `unknown field${(iss.keys?.length ?? 0) > 1 ? "s" : ""} ${iss.keys?.map((k) => JSON.stringify(k)).join(", ")} (check the spelling)`;
  return `expected ${what}, got ${describe(iss.input)}`;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

/**
 * Validates an already-parsed JSON value as an exercise. Throws ExerciseError naming the first
 * problem's field path; the returned record is the input with defaults made explicit.
 */
export function parseExercise(input: unknown): Exercise {
  const r = schema.safeParse(input, { reportInput: true });
  if (!r.success) {
    const issue = r.error.issues[0];
    const missing = issue.code === "invalid_type" && (issue as { input?: unknown }).input === undefined;
    throw new ExerciseError(formatPath(issue.path), missing ? "this field is required" : issue.message);
  }
  const ex = r.data;
  const L = ex.layers.length;
  if (L < 2) throw new ExerciseError("layers", `expected at least 2 layer sizes (input and output), got ${L}`);
  if (ex.activations.length !== L - 1)
    throw new ExerciseError(
      "activations",
      `expected ${L - 1} activation names (one per layer after the input), got ${ex.activations.length}`,
    );
  ex.activations.forEach((a, l) => {
    if (a === "softmax" && l !== L - 2)
      throw new ExerciseError(`activations[${l}]`, "softmax is only supported on the output layer");
  });
  const out = ex.activations[L - 2];
  const nOut = ex.layers[L - 1];
  if (ex.loss === "cce" && out !== "softmax")
    throw new ExerciseError("loss", `cce (categorical cross-entropy) needs a softmax output layer, got ${out}`);
  if (out === "softmax" && ex.loss !== "cce")
    throw new ExerciseError("loss", `a softmax output layer is supported with loss cce, got ${ex.loss}`);
  if (out === "softmax" && nOut < 2)
    throw new ExerciseError("layers", "a softmax output layer needs at least 2 neurons");
  if (ex.loss === "bce" && out !== "sigmoid")
    throw new ExerciseError("loss", `bce (binary cross-entropy) needs a sigmoid output layer, got ${out}`);

  // Weights: L-1 matrices, matrix l is layers[l+1] rows of layers[l] columns.
  if (ex.weights.length !== L - 1)
    throw new ExerciseError("weights", `expected ${L - 1} weight matrices (one per layer after the input), got ${ex.weights.length}`);
  ex.weights.forEach((m, l) => {
    if (m.length !== ex.layers[l + 1])
      throw new ExerciseError(`weights[${l}]`, `expected ${ex.layers[l + 1]} rows (one per neuron of layer ${l + 1}), got ${m.length}`);
    m.forEach((row, j) => {
      if (row.length !== ex.layers[l])
        throw new ExerciseError(
          `weights[${l}][${j}]`,
          `expected ${ex.layers[l]} weights (one per neuron of the layer before), got ${row.length}`,
        );
    });
  });

  let biases = ex.biases ?? [];
  if (ex.bias === "none") {
    if (biases.some((b) => b.length > 0))
      throw new ExerciseError("biases", 'bias is "none", so biases must be absent or empty');
    biases = [];
  } else {
    if (ex.biases === undefined) throw new ExerciseError("biases", `required when bias is "${ex.bias}"`);
    if (ex.updateBiases === undefined)
      throw new ExerciseError("updateBiases", `required when bias is "${ex.bias}" (true or false: is the bias updated?)`);
    if (biases.length !== L - 1)
      throw new ExerciseError("biases", `expected ${L - 1} bias lists (one per layer after the input), got ${biases.length}`);
    biases.forEach((b, l) => {
      const want = ex.bias === "shared" ? 1 : ex.layers[l + 1];
      if (b.length !== want)
        throw new ExerciseError(
          `biases[${l}]`,
          ex.bias === "shared"
            ? `expected 1 value (the layer's shared bias), got ${b.length}`
            : `expected ${want} values (one per neuron of layer ${l + 1}), got ${b.length}`,
        );
    });
  }

  if (ex.samples.length < 1) throw new ExerciseError("samples", "expected at least one sample");
  if (ex.samples.length > 64) throw new ExerciseError("samples", `expected at most 64 samples, got ${ex.samples.length}`);
  ex.samples.forEach((s, i) => {
    if (s.x.length !== ex.layers[0])
      throw new ExerciseError(`samples[${i}].x`, `expected ${ex.layers[0]} inputs, got ${s.x.length}`);
    if (s.y.length !== nOut)
      throw new ExerciseError(`samples[${i}].y`, `expected ${nOut} targets, got ${s.y.length}`);
    if (ex.loss === "bce" || ex.loss === "cce") {
      s.y.forEach((t, j) => {
        const q = Q.dec(t);
        if (q.sign() < 0 || q.gt(Q.ONE))
          throw new ExerciseError(`samples[${i}].y[${j}]`, `cross-entropy targets lie in [0, 1], got "${t}"`);
      });
    }
    if (ex.loss === "cce") {
      const sum = s.y.reduce((acc, t) => acc.add(Q.dec(t)), Q.ZERO);
      if (!sum.eq(Q.ONE))
        throw new ExerciseError(`samples[${i}].y`, `cce targets must sum to 1 (a one-hot or a distribution), got ${sum.toPlain()}`);
    }
  });
  if (Q.dec(ex.learningRate).sign() <= 0)
    throw new ExerciseError("learningRate", `expected a positive number, got "${ex.learningRate}"`);

  return {
    layers: ex.layers,
    activations: ex.activations,
    loss: ex.loss,
    bias: ex.bias,
    updateBiases: ex.bias === "none" ? false : ex.updateBiases!,
    weights: ex.weights.map((m) => m.map((r) => r.map((v) => v.trim()))),
    biases: biases.map((b) => b.map((v) => v.trim())),
    samples: ex.samples.map((s) => ({ x: s.x.map((v) => v.trim()), y: s.y.map((v) => v.trim()) })),
    learningRate: ex.learningRate.trim(),
    decimals: ex.decimals,
    carry: ex.carry,
    rounding: ex.rounding ?? "half_up",
    leakySlope: (ex.leakySlope ?? "0.01").trim(),
    ...(ex.grading ? { grading: ex.grading } : {}),
  };
}

/** Parses JSON text; a syntax error names the file, line and column (for exercise and submission files). */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // JSON.parse's messages differ between engines and rarely say where: ask a parser that does.
    const errors: ParseError[] = [];
    parseJsonc(text.replace(/^\uFEFF/, ""), errors, { disallowComments: true, allowTrailingComma: false });
    const first = errors[0];
    if (!first) throw new ExerciseError("", `${file} is not valid JSON`);
    const before = text.slice(0, first.offset);
    const line = before.split("\n").length;
    const col = first.offset - before.lastIndexOf("\n");
    const what = printParseErrorCode(first.error).replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
    throw new ExerciseError("", `${file} is not valid JSON at line ${line}, column ${col}: ${what}`);
  }
}

/** Parses exercise JSON text. */
export function parseExerciseText(text: string, file = "exercise"): Exercise {
  return parseExercise(parseJsonText(text.replace(/^\uFEFF/, ""), file));
}
