// A submission file: {"code", "answers"} or {"exercise", "answers"}; nothing else in it is trusted or read.
import { ExerciseError, parseExercise, parseJsonText } from "../generator/exercise.js";
import type { Solution } from "../generator/solution.js";
import { resolveCode, resolveExercise } from "./resolve.js";
import { SubmissionError } from "./submission-error.js";

export { SubmissionError } from "./submission-error.js";

export interface Submission {
  /** The exercise code, or null for a submission that carries its exercise. */
  readonly code: string | null;
  /** The exercise, solved: regenerated from its code, or the submission's own. */
  readonly solution: Solution;
  /** Step id → what the student typed; only the exercise's own step ids are ever read from it. */
  readonly answers: Readonly<Record<string, unknown>>;
}

const SHAPE = 'a submission {"code": "BP1-…", "answers": {…}} or {"exercise": {…}, "answers": {…}}';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Validates a parsed JSON value as a submission (a `score` or any other extra field is ignored). */
export function parseSubmission(value: unknown): Submission {
  if (!isObject(value)) throw new SubmissionError(`expected ${SHAPE}, got ${Array.isArray(value) ? "a list" : value === null ? "null" : typeof value}`);
  const hasCode = Object.hasOwn(value, "code");
  const hasExercise = Object.hasOwn(value, "exercise");
  if (!Object.hasOwn(value, "answers")) throw new SubmissionError(`answers: this field is required (an object of step id → answer, e.g. {"z1_1": "0.3775"})`);
  const answers = value.answers;
  if (!isObject(answers)) throw new SubmissionError(`answers: expected an object of step id → answer, e.g. {"z1_1": "0.3775"}`);
  if (hasCode && hasExercise) throw new SubmissionError(`give either "code" or "exercise", not both`);
  if (hasCode) {
    if (typeof value.code !== "string" || value.code.trim() === "") throw new SubmissionError(`code: expected an exercise code such as "BP1-…", got ${JSON.stringify(value.code)}`);
    const r = resolveCode(value.code);
    return { code: r.code, solution: r.solution, answers };
  }
  if (hasExercise) {
    let exercise;
    try {
      exercise = parseExercise(value.exercise);
    } catch (e) {
      if (e instanceof ExerciseError) throw new SubmissionError(`exercise${e.path ? (e.path.startsWith("[") ? "" : ".") + e.path : ""}: ${e.detail}`);
      throw e;
    }
    return { code: null, solution: resolveExercise(exercise), answers };
  }
  throw new SubmissionError(`expected "code" or "exercise": ${SHAPE}`);
}

/** Parses submission text; JSON syntax errors name the line and column. */
export function parseSubmissionText(text: string): Submission {
  let value: unknown;
  try {
    value = parseJsonText(text.replace(/^\uFEFF/, ""), "the file");
  } catch (e) {
    if (e instanceof ExerciseError) throw new SubmissionError(e.message);
    throw e;
  }
  return parseSubmission(value);
}
