// From a submission's exercise code or exercise to the solved exercise the grader judges on: the one
// place the grader depends on the generator's codes and solver.
import { exerciseFromCode } from "../generator/classset.js";
import { CodeError } from "../generator/code.js";
import { GenerateError } from "../generator/draw.js";
import { ExerciseError, type Exercise } from "../generator/exercise.js";
import { solve, type Solution } from "../generator/solution.js";
import { gradingConfig } from "./config.js";
import { msg } from "../generator/message.js";
import { onCourseKeyChange } from "../generator/seal.js";
import { SubmissionError } from "./submission-error.js";

export interface Resolved {
  /** The code in its printed form. */
  readonly code: string;
  /** The exercise behind the code, solved by the draw that regenerated it. */
  readonly solution: Solution;
}

// A class hands in many submissions per code or per exercise: each is regenerated and solved once per
// batch (bounded for long-lived processes), so every submission of it is graded on the same Solution.
const resolved = new Map<string, Resolved>();
const solvedExercises = new Map<string, Solution>();
const MAX_RESOLVED = 10000;
// A sealed code regenerates differently under another course key: a new key empties the cache.
onCourseKeyChange(() => resolved.clear());

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= MAX_RESOLVED) cache.clear();
  cache.set(key, value);
  return value;
}

/** The exercise behind a code, regenerated and solved by the generator; a bad code is a SubmissionError. */
export function resolveCode(code: string): Resolved {
  const hit = resolved.get(code);
  if (hit !== undefined) return hit;
  try {
    const r = exerciseFromCode(code);
    return remember(resolved, code, { code: r.code, solution: r.solution });
  } catch (e) {
    if (e instanceof CodeError || e instanceof GenerateError) throw new SubmissionError(msg("sub.code", { detail: e.msg }));
    throw e;
  }
}

/** A submission's own (validated) exercise, solved; a bad `grading` field or unsolvable numbers are a SubmissionError. */
export function resolveExercise(ex: Exercise): Solution {
  const k = JSON.stringify(ex);
  const hit = solvedExercises.get(k);
  if (hit !== undefined) return hit;
  try {
    gradingConfig(ex); // its `grading` field first, as before any number is computed
    return remember(solvedExercises, k, solve(ex));
  } catch (e) {
    if (e instanceof ExerciseError) throw new SubmissionError(msg("sub.exerciseField", { detail: e.msg }));
    // A valid-looking exercise whose numbers cannot be solved (e.g. a weight of 10^6 under a sigmoid).
    if (e instanceof RangeError) throw new SubmissionError(msg("sub.unsolvable", { detail: e.message }));
    throw e;
  }
}
