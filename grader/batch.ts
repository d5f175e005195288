// Grading many submission files in order: one result per file, a refused file never stops the batch.
import { ExerciseError } from "../generator/exercise.js";
import { gradePrepared, prepare, type Prepared, type Report } from "./grade.js";
import { parseSubmissionText, SubmissionError } from "./submission.js";

export type BatchEntry =
  | { readonly kind: "report"; readonly file: string; readonly code: string | null; readonly report: Report }
  | { readonly kind: "error"; readonly file: string; readonly error: string };

/** Prepares exercises once per batch: a class often shares one hand-written exercise. */
export class PreparedCache {
  private readonly cache = new Map<string, Prepared>();
  // Submissions by code share the exercise object the code resolved to: found without serialising it.
  private readonly byObject = new WeakMap<Prepared["exercise"], Prepared>();
  get(ex: Prepared["exercise"]): Prepared {
    const hit = this.byObject.get(ex);
    if (hit !== undefined) return hit;
    const k = JSON.stringify(ex);
    let p = this.cache.get(k);
    if (p === undefined) {
      try {
        p = prepare(ex);
      } catch (e) {
        if (e instanceof ExerciseError) throw new SubmissionError(`exercise.${e.message}`);
        // A valid-looking exercise whose numbers cannot be solved (e.g. a weight of 10^6 under a sigmoid).
        if (e instanceof RangeError) throw new SubmissionError(`exercise cannot be solved: ${e.message}`);
        throw e;
      }
      this.cache.set(k, p);
    }
    this.byObject.set(ex, p);
    return p;
  }
}

/** Grades one submission's text; errors a student or teacher can fix become an error entry. */
export function gradeText(file: string, text: string, cache: PreparedCache = new PreparedCache()): BatchEntry {
  try {
    const sub = parseSubmissionText(text);
    return { kind: "report", file, code: sub.code, report: gradePrepared(cache.get(sub.exercise), sub.answers) };
  } catch (e) {
    if (e instanceof SubmissionError) return { kind: "error", file, error: e.message };
    throw e;
  }
}
