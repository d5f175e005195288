// The exercise record (DESIGN.md contract): parsing, validation with field-path messages, exact values.
import { parse as parseJsonc, printParseErrorCode, type ParseError } from "jsonc-parser";
import * as z from "zod";
import { Q, type Rounding } from "./num/q.js";
import { ACTIVATION_NAMES, ACTIVATIONS, LOSS_NAMES, LOSSES, type ActivationName, type LossName } from "./ops/index.js";
import { CoreError, msg, type Message } from "./message.js";

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
  /** The book's sign conventions (DESIGN.md "Conventions, schedules and exercise forms"); absent: gradient, add. */
  readonly convention?: Convention;
  /** "chain": ∂E/∂a and f′(z) as steps of their own before each δ; absent: "delta". */
  readonly granularity?: Granularity;
  /** "online": each sample followed by its own update; absent: "batch". */
  readonly schedule?: Schedule;
  /** The whole pass repeated from the updated weights, 2 or 3 times; absent: once. */
  readonly iterations?: number;
  /** The steps the sheet asks for: step ids, kinds or phases; absent: all. */
  readonly ask?: readonly string[];
}

export interface Convention {
  /** "error": the δ step holds −∂E/∂z (Err_j, g_j, e_h) and updates are w + Δw. */
  readonly delta?: "gradient" | "error";
  /** "subtract": z = Σw·a − θ, the bias givens hold θ. */
  readonly bias?: "add" | "subtract";
}
export type Granularity = "delta" | "chain";
export type Schedule = "batch" | "online";

/** The step kinds and phases an `ask` selector may name (besides step ids). */
export const ASK_KINDS = ["z", "a", "E", "dEda", "dadz", "delta", "dW", "db", "newW", "newb", "newE"] as const;
export const ASK_PHASES = ["forward", "loss", "backward", "gradients", "update"] as const;

/** The settings of an exercise with defaults filled in: what the solver reads. */
export function settingsOf(ex: Exercise) {
  return {
    errorTerm: ex.convention?.delta === "error",
    subtract: ex.convention?.bias === "subtract",
    chain: ex.granularity === "chain",
    online: ex.schedule === "online",
    passes: ex.iterations ?? 1,
  };
}

/**
 * An author's mistake in an exercise file: the CLI prints it on one line, in the user's language
 * (`msg`, rendered at the edge by templates/i18n.ts); `detailMsg` is what is wrong without the path.
 */
export class ExerciseError extends CoreError {
  constructor(
    readonly path: string,
    readonly detailMsg: Message | string,
  ) {
    super(path ? msg("cli.ex.at", { path, detail: detailMsg }) : detailMsg);
    this.name = "ExerciseError";
  }
}

// Linear time: no two parts can take the same digits (the old (\d+\.?\d*|\.\d+) backtracked on "1111…x").
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Limits of an exercise file, checked before any number is computed: far above anything worked by hand,
 * far below what could hang or exhaust the machine (10^1000000 would be built as a BigInt).
 */
export const LIMITS = {
  /** Characters in one number, sign and exponent included. */
  numberChars: 100,
  /** |exponent| of a number written with e. */
  exponent: 20,
  /** |value| of any number: weights, biases, inputs, targets, η, α. */
  magnitude: 1000,
  /** Layers, input layer included. */
  layers: 10,
  /** Weights × samples: the size of one pass's work. */
  work: 20000,
  /** Nesting of the JSON text. */
  depth: 32,
  /** Characters of exercise or submission JSON. */
  jsonChars: 2_000_000,
} as const;

const MAGNITUDE = Q.int(LIMITS.magnitude);

/** Why a decimal string is refused, or undefined when it is a decimal within the limits. */
function decimalProblem(v: string): Message | undefined {
  const s = v.trim();
  if (s.length > LIMITS.numberChars) return msg("cli.ex.numberLong", { max: LIMITS.numberChars, n: s.length });
  if (!DECIMAL.test(s)) return msg("cli.ex.decimal", { got: describe(v) });
  const e = /[eE]([+-]?\d+)$/.exec(s);
  if (e && Math.abs(Number(e[1])) > LIMITS.exponent) return msg("cli.ex.exponent", { max: LIMITS.exponent, got: s });
  if (Q.dec(s).abs().gt(MAGNITUDE)) return msg("cli.ex.magnitude", { max: LIMITS.magnitude, got: s });
  return undefined;
}

/** What a field held instead, in words. */
function describe(v: unknown): Message {
  if (v === undefined) return msg("cli.ex.got.nothing");
  if (v === null) return msg("cli.ex.got.null");
  if (typeof v === "string") return msg("cli.ex.got.text", { text: JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v) });
  if (typeof v === "number") return msg("cli.ex.got.number", { n: v });
  if (Array.isArray(v)) return msg("cli.ex.got.list", { n: v.length });
  if (typeof v === "object") return msg("cli.ex.got.object");
  return msg("cli.ex.got.text", { text: String(v) });
}

// zod keeps an issue's message as a string: the message travels in it as JSON and is read back in parseExercise.
const issue = (m: Message) => JSON.stringify(m);
function issueMessage(text: string): Message | string {
  try {
    const m = JSON.parse(text) as Message;
    if (typeof m === "object" && m !== null && typeof m.key === "string") return m;
  } catch {
    // zod's own words (a field no callback covers)
  }
  return text;
}

const decimalString = z.custom<string>((v) => typeof v === "string" && decimalProblem(v) === undefined, {
  error: (iss) =>
    issue(
      typeof iss.input === "number"
        ? msg("cli.ex.decimalNumber", { n: iss.input })
        : typeof iss.input === "string"
          ? decimalProblem(iss.input)!
          : msg("cli.ex.decimal", { got: describe(iss.input) }),
    ),
});

const oneOf = <T extends string>(names: readonly T[], what: Message) =>
  z.custom<T>((v) => typeof v === "string" && (names as readonly string[]).includes(v), {
    error: (iss) => issue(msg("cli.ex.oneOf", { what, names: names.join(", "), got: describe(iss.input) })),
  });

const list = <T extends z.ZodType>(item: T, what: Message) =>
  z.array(item, { error: (iss) => issue(msg("cli.ex.list", { what, got: describe(iss.input) })) });

const integer = (min: number, max: number) =>
  z.custom<number>((v) => typeof v === "number" && Number.isInteger(v) && v >= min && v <= max, {
    error: (iss) => issue(msg("cli.ex.integer", { min, max, got: describe(iss.input) })),
  });

const boolean = z.custom<boolean>((v) => typeof v === "boolean", {
  error: (iss) => issue(msg("cli.ex.boolean", { got: describe(iss.input) })),
});

const schema = z.strictObject(
  {
    layers: list(integer(1, 64), msg("cli.ex.what.layerSizes")),
    activations: list(oneOf(ACTIVATION_NAMES, msg("cli.ex.what.activation")), msg("cli.ex.what.activationNames")),
    loss: oneOf(LOSS_NAMES, msg("cli.ex.what.loss")),
    bias: oneOf(["per_neuron", "shared", "none"] as const, msg("cli.ex.what.biasMode")),
    updateBiases: boolean.optional(),
    weights: list(list(list(decimalString, msg("cli.ex.what.decimals")), msg("cli.ex.what.rows")), msg("cli.ex.what.weightMatrices")),
    biases: list(list(decimalString, msg("cli.ex.what.decimals")), msg("cli.ex.what.biasLists")).optional(),
    samples: list(
      z.strictObject(
        { x: list(decimalString, msg("cli.ex.what.decimals")), y: list(decimalString, msg("cli.ex.what.decimals")) },
        { error: (iss) => unknownOrType(iss, msg("cli.ex.what.sample")) },
      ),
      msg("cli.ex.what.samples"),
    ),
    learningRate: decimalString,
    decimals: integer(0, 12),
    carry: oneOf(["exact", "rounded"] as const, msg("cli.ex.what.carry")),
    rounding: oneOf(["half_up", "half_even"] as const, msg("cli.ex.what.rounding")).optional(),
    leakySlope: decimalString.optional(),
    grading: z.record(z.string(), z.unknown()).optional(),
    convention: z
      .strictObject(
        {
          delta: oneOf(["gradient", "error"] as const, msg("cli.ex.what.deltaConvention")).optional(),
          bias: oneOf(["add", "subtract"] as const, msg("cli.ex.what.biasConvention")).optional(),
        },
        { error: (iss) => unknownOrType(iss, msg("cli.ex.what.convention")) },
      )
      .optional(),
    granularity: oneOf(["delta", "chain"] as const, msg("cli.ex.what.granularity")).optional(),
    schedule: oneOf(["batch", "online"] as const, msg("cli.ex.what.schedule")).optional(),
    iterations: integer(1, 3).optional(),
    ask: z
      .union([
        z.literal("all"),
        list(z.custom<string>((v) => typeof v === "string", { error: (iss) => issue(msg("cli.ex.askSelector", { got: describe(iss.input) })) }), msg("cli.ex.what.ask")),
      ], { error: (iss) => issue(msg("cli.ex.what.askList", { got: describe(iss.input) })) })
      .optional(),
  },
  { error: (iss) => unknownOrType(iss, msg("cli.ex.what.exercise")) },
);

function unknownOrType(iss: { code?: string; input?: unknown; keys?: string[] }, what: Message): string {
  if (iss.code === "unrecognized_keys")
    return issue(msg((iss.keys?.length ?? 0) > 1 ? "cli.ex.unknownFields" : "cli.ex.unknownField", { names: iss.keys?.map((k) => JSON.stringify(k)).join(", ") ?? "" }));
  return issue(msg("cli.ex.expected", { what, got: describe(iss.input) }));
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
  // A "$schema" text names the JSON Schema an editor checks the file with (schemas/exercise.schema.json):
  // no part of the exercise, so it is dropped (any other "$schema" is refused as an unknown field).
  if (typeof input === "object" && input !== null && typeof (input as { $schema?: unknown }).$schema === "string") {
    const { $schema: _, ...rest } = input as Record<string, unknown>;
    input = rest;
  }
  const r = schema.safeParse(input, { reportInput: true });
  if (!r.success) {
    const first = r.error.issues[0];
    const missing = first.code === "invalid_type" && (first as { input?: unknown }).input === undefined;
    throw new ExerciseError(formatPath(first.path), missing ? msg("cli.ex.required") : issueMessage(first.message));
  }
  const ex = r.data;
  const L = ex.layers.length;
  if (L < 2) throw new ExerciseError("layers", msg("cli.ex.layersMin", { n: L }));
  if (L > LIMITS.layers) throw new ExerciseError("layers", msg("cli.ex.layersMax", { max: LIMITS.layers, n: L }));
  const work = ex.layers.slice(1).reduce((s, n, l) => s + n * ex.layers[l], 0) * Math.max(1, ex.samples.length);
  if (work > LIMITS.work) throw new ExerciseError("layers", msg("cli.ex.work", { max: LIMITS.work, n: work }));
  if (ex.activations.length !== L - 1)
    throw new ExerciseError(
      "activations",
      msg("cli.ex.activationCount", { want: L - 1, n: ex.activations.length }),
    );
  ex.activations.forEach((a, l) => {
    if (ACTIVATIONS[a].traits.outputOnly && l !== L - 2)
      throw new ExerciseError(`activations[${l}]`, msg("cli.ex.softmaxHidden"));
  });
  const out = ex.activations[L - 2];
  const nOut = ex.layers[L - 1];
  const loss = LOSSES[ex.loss];
  const outTraits = ACTIVATIONS[out].traits;
  // A loss that needs an output which needs it back (cross-entropy and softmax) is named first, as the
  // pair's own rule; then what the output needs; then a loss's one-way need (bce needs a sigmoid).
  const mutual = loss.needsOutput !== undefined && ACTIVATIONS[loss.needsOutput.activation].traits.needsLoss?.loss === ex.loss;
  if (mutual && loss.needsOutput!.activation !== out)
    throw new ExerciseError("loss", msg(loss.needsOutput!.message, { got: out }));
  if (outTraits.needsLoss && outTraits.needsLoss.loss !== ex.loss)
    throw new ExerciseError("loss", msg(outTraits.needsLoss.message, { got: ex.loss }));
  if (nOut < outTraits.minOutputs)
    throw new ExerciseError("layers", msg("cli.ex.softmaxTwo"));
  if (!mutual && loss.needsOutput && loss.needsOutput.activation !== out)
    throw new ExerciseError("loss", msg(loss.needsOutput.message, { got: out }));

  // Weights: L-1 matrices, matrix l is layers[l+1] rows of layers[l] columns.
  if (ex.weights.length !== L - 1)
    throw new ExerciseError("weights", msg("cli.ex.weightCount", { want: L - 1, n: ex.weights.length }));
  ex.weights.forEach((m, l) => {
    if (m.length !== ex.layers[l + 1])
      throw new ExerciseError(`weights[${l}]`, msg("cli.ex.rowCount", { want: ex.layers[l + 1], layer: l + 1, n: m.length }));
    m.forEach((row, j) => {
      if (row.length !== ex.layers[l])
        throw new ExerciseError(
          `weights[${l}][${j}]`,
          msg("cli.ex.rowLength", { want: ex.layers[l], n: row.length }),
        );
    });
  });

  let biases = ex.biases ?? [];
  if (ex.bias === "none") {
    if (biases.some((b) => b.length > 0))
      throw new ExerciseError("biases", msg("cli.ex.biasNone"));
    biases = [];
  } else {
    if (ex.biases === undefined) throw new ExerciseError("biases", msg("cli.ex.biasesRequired", { bias: ex.bias }));
    if (ex.updateBiases === undefined)
      throw new ExerciseError("updateBiases", msg("cli.ex.updateBiasesRequired", { bias: ex.bias }));
    if (biases.length !== L - 1)
      throw new ExerciseError("biases", msg("cli.ex.biasListCount", { want: L - 1, n: biases.length }));
    biases.forEach((b, l) => {
      const want = ex.bias === "shared" ? 1 : ex.layers[l + 1];
      if (b.length !== want)
        throw new ExerciseError(
          `biases[${l}]`,
          ex.bias === "shared"
            ? msg("cli.ex.sharedBias", { n: b.length })
            : msg("cli.ex.biasCount", { want, layer: l + 1, n: b.length }),
        );
    });
  }

  if (ex.samples.length < 1) throw new ExerciseError("samples", msg("cli.ex.samplesMin"));
  if (ex.samples.length > 64) throw new ExerciseError("samples", msg("cli.ex.samplesMax", { max: 64, n: ex.samples.length }));
  ex.samples.forEach((s, i) => {
    if (s.x.length !== ex.layers[0])
      throw new ExerciseError(`samples[${i}].x`, msg("cli.ex.inputCount", { want: ex.layers[0], n: s.x.length }));
    if (s.y.length !== nOut)
      throw new ExerciseError(`samples[${i}].y`, msg("cli.ex.targetCount", { want: nOut, n: s.y.length }));
    if (loss.targets !== "real") {
      s.y.forEach((t, j) => {
        const q = Q.dec(t);
        if (q.sign() < 0 || q.gt(Q.ONE))
          throw new ExerciseError(`samples[${i}].y[${j}]`, msg("cli.ex.targetRange", { got: t }));
      });
    }
    if (loss.targets === "one_hot") {
      const sum = s.y.reduce((acc, t) => acc.add(Q.dec(t)), Q.ZERO);
      if (!sum.eq(Q.ONE))
        throw new ExerciseError(`samples[${i}].y`, msg("cli.ex.targetSum", { got: sum.toPlain() }));
    }
  });
  if (Q.dec(ex.learningRate).sign() <= 0)
    throw new ExerciseError("learningRate", msg("cli.ex.learningRate", { got: ex.learningRate }));
  if (ex.convention?.bias === "subtract" && ex.bias === "none")
    throw new ExerciseError("convention.bias", msg("cli.ex.subtractNone"));
  const ask = ex.ask === undefined || ex.ask === "all" ? undefined : ex.ask.map((a) => a.trim());
  ask?.forEach((a, k) => {
    if (!isSelector(a)) throw new ExerciseError(`ask[${k}]`, msg("cli.ex.askSelector", { got: describe(a) }));
  });
  if (ask !== undefined && ask.length === 0) throw new ExerciseError("ask", msg("cli.ex.askEmpty"));
  // Defaults are left out, so an exercise written before these fields existed is the same record.
  const convention = {
    ...(ex.convention?.delta === "error" ? { delta: "error" as const } : {}),
    ...(ex.convention?.bias === "subtract" ? { bias: "subtract" as const } : {}),
  };

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
    ...(Object.keys(convention).length ? { convention } : {}),
    ...(ex.granularity === "chain" ? { granularity: "chain" as const } : {}),
    ...(ex.schedule === "online" && ex.samples.length > 1 ? { schedule: "online" as const } : {}),
    ...(ex.iterations !== undefined && ex.iterations > 1 ? { iterations: ex.iterations } : {}),
    ...(ask ? { ask } : {}),
  };
}

/** Whether an `ask` entry names a kind, a phase, or is shaped like a step id (the solver checks it exists). */
export function isSelector(a: string): boolean {
  return (ASK_KINDS as readonly string[]).includes(a) || (ASK_PHASES as readonly string[]).includes(a) || STEP_ID.test(a);
}
const STEP_ID = /^(?:newW|newb|newE|delta|dEda|dadz|dW|db|z|a|E)(?:\d+(?:_\d+(?:_\d+)?)?)?(?:@\d+)?(?:#\d+)?$/;

/** Parses JSON text; a syntax error names the file, line and column (for exercise and submission files). */
// The JSON parser's error codes that the catalogues put into words (cli.json.what.*); others are spelled out.
const JSON_ERRORS_IN_WORDS: ReadonlySet<string> = new Set([
  "InvalidSymbol", "InvalidNumberFormat", "PropertyNameExpected", "ValueExpected", "ColonExpected", "CommaExpected",
  "CloseBraceExpected", "CloseBracketExpected", "EndOfFileExpected", "InvalidCommentToken", "UnexpectedEndOfComment",
  "UnexpectedEndOfString", "UnexpectedEndOfNumber", "InvalidUnicode", "InvalidEscapeCharacter", "InvalidCharacter",
]);

/** How deep lists and objects nest, counted outside strings, in one linear pass. */
function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // a backslash escapes the next character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) max = Math.max(max, ++depth);
    else if (c === 93 || c === 125) depth--;
  }
  return max;
}

export function parseJsonText(text: string, file: string): unknown {
  // Refused before any parser runs: a recursive parser overflows the stack on '[' × 10000.
  if (text.length > LIMITS.jsonChars) throw new ExerciseError("", msg("cli.json.big", { file, max: LIMITS.jsonChars }));
  if (jsonDepth(text) > LIMITS.depth) throw new ExerciseError("", msg("cli.json.deep", { file, max: LIMITS.depth }));
  try {
    return JSON.parse(text);
  } catch {
    // JSON.parse's messages differ between engines and rarely say where: ask a parser that does.
    const errors: ParseError[] = [];
    parseJsonc(text.replace(/^\uFEFF/, ""), errors, { disallowComments: true, allowTrailingComma: false });
    const first = errors[0];
    if (!first) throw new ExerciseError("", msg("cli.json.invalid", { file }));
    const before = text.slice(0, first.offset);
    const line = before.split("\n").length;
    const col = first.offset - before.lastIndexOf("\n");
    const code = printParseErrorCode(first.error);
    const what = JSON_ERRORS_IN_WORDS.has(code) ? msg(`cli.json.what.${code}`) : code.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
    throw new ExerciseError("", msg("cli.json.invalidAt", { file, line, col, what }));
  }
}

/** Parses exercise JSON text. */
export function parseExerciseText(text: string, file = "exercise"): Exercise {
  return parseExercise(parseJsonText(text.replace(/^\uFEFF/, ""), file));
}
