// A submission file: {"code", "answers"} or {"exercise", "answers"}; nothing else in it is trusted or read.
import { ExerciseError, parseExercise, parseJsonText } from "../generator/exercise.js";
import { msg } from "../generator/message.js";
import type { Solution } from "../generator/solution.js";
import { answersByStep, decodeAnswerString, type AnswerStringIssue } from "./answer-string.js";
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
  /** The student id and name an answer string carried, when it carried them. */
  readonly studentId?: string;
  readonly name?: string;
}

/** What a JSON value is, for "expected …, got …". */
const got = (v: unknown) => msg(`sub.got.${Array.isArray(v) ? "list" : v === null ? "null" : typeof v}`);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Validates a parsed JSON value as a submission (a `score` or any other extra field is ignored). */
export function parseSubmission(value: unknown): Submission {
  if (!isObject(value)) throw new SubmissionError(msg("sub.notObject", { got: got(value) }));
  const hasCode = Object.hasOwn(value, "code");
  const hasExercise = Object.hasOwn(value, "exercise");
  if (!Object.hasOwn(value, "answers")) throw new SubmissionError(msg("sub.answersRequired"));
  const answers = value.answers;
  if (!isObject(answers)) throw new SubmissionError(msg("sub.answersNotObject"));
  if (hasCode && hasExercise) throw new SubmissionError(msg("sub.both"));
  if (hasCode) {
    if (typeof value.code !== "string" || value.code.trim() === "") throw new SubmissionError(msg("sub.codeNotText", { got: String(JSON.stringify(value.code)) }));
    const r = resolveCode(value.code);
    return { code: r.code, solution: r.solution, answers };
  }
  if (hasExercise) {
    let exercise;
    // Nothing in a submission decides how it is graded: a `grading` block (tolerances, weights) the
    // student wrote is dropped, and the exercise is graded with the defaults.
    const own = isObject(value.exercise) ? Object.fromEntries(Object.entries(value.exercise).filter(([k]) => k !== "grading")) : value.exercise;
    try {
      exercise = parseExercise(own);
    } catch (e) {
      if (e instanceof ExerciseError) throw new SubmissionError(msg("sub.exercise", { path: e.path ? (e.path.startsWith("[") ? "" : ".") + e.path : "", detail: e.detailMsg }));
      throw e;
    }
    return { code: null, solution: resolveExercise(exercise), answers };
  }
  throw new SubmissionError(msg("sub.neither"));
}

/** The message of an answer string that cannot be read (answerString.* keys in both catalogues). */
export function answerStringMessage(e: AnswerStringIssue) {
  return msg(`answerString.${e.code}`, "params" in e ? e.params : undefined);
}

/** Whether text is an answer string (BPA1-…) rather than JSON: its first letters say so. */
export const looksLikeAnswerString = (text: string): boolean => /^BPA/i.test(text.replace(/^[\s\uFEFF]+/, "").slice(0, 8).normalize("NFKC"));

/** A submission from one answer string: its code regenerated, its answers put back on the step ids. */
export function parseAnswerString(line: string): Submission {
  const d = decodeAnswerString(line);
  if (!d.ok) throw new SubmissionError(answerStringMessage(d.error));
  const r = resolveCode(d.data.code);
  const byStep = answersByStep(d.data.answers, r.solution.graph.steps.map((s) => s.id));
  if (!byStep.ok) throw new SubmissionError(answerStringMessage(byStep.error));
  return {
    code: r.code,
    solution: r.solution,
    answers: byStep.data,
    ...(d.data.studentId !== undefined ? { studentId: d.data.studentId } : {}),
    ...(d.data.name !== undefined ? { name: d.data.name } : {}),
  };
}

/** Parses submission text: an answer string (BPA1-…), or JSON whose syntax errors name the line and column. */
export function parseSubmissionText(text: string): Submission {
  if (looksLikeAnswerString(text)) return parseAnswerString(text);
  let value: unknown;
  try {
    value = parseJsonText(text.replace(/^\uFEFF/, ""), "the file");
  } catch (e) {
    if (e instanceof ExerciseError) throw new SubmissionError(e.msg);
    throw e;
  }
  return parseSubmission(value);
}
