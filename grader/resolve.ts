// From an exercise code to its exercise: the one place the grader depends on the generator's codes.
import type { Exercise } from "../generator/exercise.js";
import { SubmissionError } from "./submission-error.js";

export interface Resolved {
  /** The code in its printed form. */
  readonly code: string;
  readonly exercise: Exercise;
}

/**
 * The exercise behind a code. The generator that decodes codes (`exerciseFromCode`) is not part of
 * this build yet, so every code is refused with a message that says what to do instead.
 */
export function resolveCode(code: string): Resolved {
  throw new SubmissionError(
    `exercise codes such as "${code.trim().slice(0, 40)}" are not supported yet in this build; ` +
      `put the exercise itself in the submission as "exercise": {…} instead of "code"`,
  );
}
