// The file formats as zod schemas, for people and editors: schemas/*.schema.json are generated from
// these (scripts/schemas.ts); the course file is also read with its schema (cli/course.ts). The
// exercise and submission readers keep their own validators (their messages name the field in zh and
// en); test/package/schemas.test.ts holds those readers and these schemas to the same verdicts.
import * as z from "zod";
import { MAX_COUNT } from "../generator/classset.js";
import { LIMITS } from "../generator/exercise.js";
import { NOTATIONS } from "../generator/notation.js";
import { ACTIVATION_NAMES, LOSS_NAMES } from "../generator/ops/index.js";
import { PRESET_NAMES } from "../generator/presets.js";
import { VERDICTS } from "../grader/grade.js";

const decimal = z
  .string()
  .regex(/^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/)
  .max(LIMITS.numberChars)
  .meta({ description: `A decimal number as text ("0.15", "-2", "1e-3"): nothing is lost to binary floating point. |value| ≤ ${LIMITS.magnitude}.` });
const lang = z.enum(["zh", "en"]);
const notation = z.enum(NOTATIONS as [string, ...string[]]);
const schemaRef = z.string().meta({ description: "The JSON Schema this file follows (ignored by bpdrill)." });

export const exerciseSchema = z
  .strictObject({
    $schema: schemaRef.optional(),
    layers: z.array(z.int().min(1).max(64)).min(2).max(LIMITS.layers).meta({ description: "Neurons per layer, input layer first." }),
    activations: z.array(z.enum(ACTIVATION_NAMES as [string, ...string[]])).min(1).meta({ description: "One per non-input layer." }),
    loss: z.enum(LOSS_NAMES as [string, ...string[]]),
    bias: z.enum(["per_neuron", "shared", "none"]),
    updateBiases: z.boolean().optional(),
    weights: z.array(z.array(z.array(decimal))).meta({ description: "weights[l][j][i]: from neuron i of layer l to neuron j of layer l+1 (0-based)." }),
    biases: z.array(z.array(decimal)).optional(),
    samples: z.array(z.strictObject({ x: z.array(decimal), y: z.array(decimal) })).min(1),
    learningRate: decimal,
    decimals: z.int().min(0).max(12).meta({ description: "Decimals answers are given to." }),
    carry: z.enum(["exact", "rounded"]),
    rounding: z.enum(["half_up", "half_even"]).optional(),
    leakySlope: decimal.optional(),
    grading: z.record(z.string(), z.unknown()).optional().meta({ description: "Tolerances and weights per step (see the README)." }),
    convention: z
      .strictObject({
        delta: z.enum(["gradient", "error"]).optional().meta({ description: "error: the delta steps hold the error term −∂E/∂z (Err_j, g_j, e_h) and updates are w + Δw." }),
        bias: z.enum(["add", "subtract"]).optional().meta({ description: "subtract: z = Σw·a − θ (a threshold, 西瓜书)." }),
      })
      .optional()
      .meta({ description: "The book's sign conventions (default: gradient, add)." }),
    granularity: z.enum(["delta", "chain"]).optional().meta({ description: "chain: ∂E/∂a and ∂a/∂z as steps of their own before each δ (Mazur)." }),
    schedule: z.enum(["batch", "online"]).optional().meta({ description: "online: each sample followed by its own update (standard BP)." }),
    iterations: z.int().min(1).max(3).optional().meta({ description: "The whole pass repeated from the updated weights; steps of pass t ≥ 2 carry #t." }),
    ask: z
      .union([z.literal("all"), z.array(z.string()).min(1)])
      .optional()
      .meta({ description: "The steps the sheet asks for: step ids, kinds or phases; the others are printed as givens, rounded." }),
  })
  .meta({ title: "bpdrill exercise", description: "A fully specified backpropagation exercise." });

export const submissionSchema = z
  .union([
    z.looseObject({ $schema: schemaRef.optional(), code: z.string().min(1), answers: z.record(z.string(), z.unknown()) }),
    z.looseObject({ $schema: schemaRef.optional(), exercise: exerciseSchema, answers: z.record(z.string(), z.unknown()) }),
  ])
  .meta({ title: "bpdrill submission", description: "A student's answers (step id → what they typed) to an exercise code or to an exercise of their own. Other fields are ignored." });

const keyStep = z.looseObject({
  id: z.string(),
  value: z.string().meta({ description: "Plain decimal, at least 20 significant digits (exact values may be shorter)." }),
  rounded: z.string().meta({ description: "Exactly `decimals` decimals." }),
  kind: z.string(),
  layer: z.int().optional(),
  neuron: z.int().optional(),
  from: z.int().optional(),
  sample: z.int().optional(),
  pass: z.int().optional(),
  asked: z.boolean().optional().meta({ description: "Whether the sheet asks for this step (only with an `ask` list)." }),
  label: z.string(),
  deps: z.array(z.string()),
  formula: z.string(),
  substituted: z.string(),
});
const key = z.looseObject({
  code: z.string().optional(),
  studentId: z.string().optional(),
  name: z.string().optional(),
  decimals: z.int(),
  carry: z.enum(["exact", "rounded"]),
  rounding: z.enum(["half_up", "half_even"]),
  notation,
  steps: z.array(keyStep),
});
export const keySchema = z.union([key, z.array(key)]).meta({ title: "bpdrill answer key", description: "`bpdrill solve --format json` (one key) or `bpdrill key --format json` (a class set's keys, with their codes)." });

const entry = z.union([
  z.strictObject({ file: z.string(), error: z.string() }),
  z.strictObject({
    file: z.string(),
    code: z.string().nullable(),
    source: z.literal("submission").optional(),
    score: z.number(),
    max: z.number(),
    flags: z
      .array(z.strictObject({ kind: z.literal("copy"), code: z.string() }))
      .optional()
      .meta({ description: "Present when the batch found something: kind copy means the answers fit that other code's exercise better than their own." }),
    steps: z.array(
      z.strictObject({
        id: z.string(),
        verdict: z.enum(VERDICTS as [string, ...string[]]),
        mistake: z.string().nullable(),
        expected: z.string(),
        given: z.string().nullable(),
        feedback: z.unknown(),
      }),
    ),
  }),
]);
export const reportSchema = z.array(entry).meta({ title: "bpdrill grade report", description: "`bpdrill grade --format json`: one entry per submission file, in order." });

export const assignmentSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/).max(64).meta({ description: "Names the assignment's folder of outputs and its committed keys (letters, digits, . _ -)." }),
  preset: z.enum(PRESET_NAMES as [string, ...string[]]),
  seed: z.string().min(1),
  roster: z.string().min(1).optional().meta({ description: "A roster CSV (student_id,name), relative to the course file: one exercise per student." }),
  count: z.int().min(1).max(MAX_COUNT).optional().meta({ description: "Exercises 1..count (when there is no roster)." }),
  knobs: z
    .strictObject({
      decimals: z.int().min(2).max(6).optional(),
      carry: z.enum(["exact", "rounded"]).optional(),
      learningRate: z.string().regex(/^\d*\.?\d{1,2}$/).optional().meta({ description: "0.01 to 10.23, at most two decimals." }),
      updateBiases: z.boolean().optional(),
    })
    .optional(),
  lang: lang.optional(),
  notation: notation.optional(),
  mode: z.enum(["practice", "selfcheck", "submit"]).optional(),
});

export const courseSchema = z
  .strictObject({
    $schema: schemaRef.optional(),
    title: z.string().min(1),
    lang: lang.optional(),
    notation: notation.optional(),
    secretFile: z.string().optional().meta({ description: "A file holding the course secret (at least 16 characters), relative to the course file: every code of the course is then sealed. BPDRILL_SECRET or --secret-file, when given, take its place. Keep the file out of version control." }),
    assignments: z.array(assignmentSchema).min(1),
  })
  .meta({ title: "bpdrill course", description: "bpdrill.course.json: a course's assignments, built by `bpdrill build` and re-checked by `bpdrill check`." });

export type CourseFile = z.infer<typeof courseSchema>;
export type Assignment = z.infer<typeof assignmentSchema>;

/** Every schema file: name → JSON Schema (draft 2020-12). */
export function jsonSchemas(): Record<string, object> {
  const out: Record<string, object> = {};
  for (const [name, s] of [["exercise", exerciseSchema], ["submission", submissionSchema], ["key", keySchema], ["report", reportSchema], ["course", courseSchema]] as const)
    out[`${name}.schema.json`] = z.toJSONSchema(s, { target: "draft-2020-12" });
  return out;
}

/** The text of a schema file, as scripts/schemas.ts writes it. */
export const schemaText = (s: object) => JSON.stringify(s, null, 2) + "\n";
