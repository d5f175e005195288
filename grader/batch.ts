// Grading many submission files in order: one result per file, a refused file never stops the batch.
import { copyFlags, type CopyFlag, type Handed } from "./copies.js";
import { resolveCode } from "./resolve.js";
import { ExerciseError, type Exercise } from "../generator/exercise.js";
import { CoreError, type Message, msg } from "../generator/message.js";
import type { Solution } from "../generator/solution.js";
import { gradePrepared, prepare, type Prepared, type Report } from "./grade.js";
import { parseSubmissionText, SubmissionError } from "./submission.js";

// As many as resolve.ts keeps solved: a long-lived process does not grow without bound.
const MAX_PREPARED = 10000;

export type BatchEntry =
  | {
      readonly kind: "report";
      readonly file: string;
      readonly code: string | null;
      readonly report: Report;
      /** A submission that brought its own exercise: that exercise as canonical JSON (its grading block dropped), else null. */
      readonly exerciseKey: string | null;
      /** What the batch found about it beyond its marks: answers that fit another code better (grader/copies.ts). */
      readonly flags?: readonly CopyFlag[];
      /** The student id and name the submission says it is from (an answer string carries them). */
      readonly studentId?: string;
      readonly name?: string;
    }
  | { readonly kind: "error"; readonly file: string; readonly error: Message | string };

/**
 * Prepares each solved exercise once per batch: submissions of one code, or of one hand-written
 * exercise, resolve to the same Solution (resolve.ts), so they share its Prepared.
 */
export class PreparedCache {
  private readonly cache = new Map<Solution, Prepared>();
  get(sol: Solution): Prepared {
    let p = this.cache.get(sol);
    if (p === undefined) {
      if (this.cache.size >= MAX_PREPARED) this.cache.clear();
      try {
        p = prepare(sol);
      } catch (e) {
        if (e instanceof ExerciseError) throw new SubmissionError(msg("sub.exerciseField", { detail: e.msg }));
        throw e;
      }
      this.cache.set(sol, p);
    }
    return p;
  }
}

/** An exercise as canonical JSON without its grading block: equal exercises, equal keys. */
export function exerciseKeyOf(ex: Exercise): string {
  const { grading: _grading, ...rest } = ex;
  return JSON.stringify(rest);
}

/**
 * Grades one submission's text; never throws. Errors a student or teacher can fix become an error
 * entry, and so does anything else that goes wrong with this one file: no file can stop a class's batch.
 */
export function gradeText(file: string, text: string, cache: PreparedCache = new PreparedCache()): BatchEntry {
  try {
    const sub = parseSubmissionText(text);
    const exerciseKey = sub.code === null ? exerciseKeyOf(sub.solution.exercise) : null;
    const who = { ...(sub.studentId !== undefined ? { studentId: sub.studentId } : {}), ...(sub.name !== undefined ? { name: sub.name } : {}) };
    return { kind: "report", file, code: sub.code, report: gradePrepared(cache.get(sub.solution), sub.answers), exerciseKey, ...who };
  } catch (e) {
    if (e instanceof SubmissionError) return { kind: "error", file, error: e.msg };
    if (e instanceof CoreError) return { kind: "error", file, error: msg("sub.exerciseField", { detail: e.msg }) };
    const why = e instanceof Error ? e.message : String(e);
    return { kind: "error", file, error: msg("sub.internal", { why: why.length > 200 ? why.slice(0, 200) + "…" : why }) };
  }
}

/**
 * The copy flags of a batch of submission texts (grader/copies.ts): each text parsed (codes are
 * regenerated once, through the caches), then the answers compared across codes. A text that cannot be
 * parsed has no flags (its graded entry says why).
 */
export function batchCopyFlags(texts: readonly (string | undefined)[], cache: PreparedCache): (readonly CopyFlag[])[] {
  const handed: Handed[] = [];
  const at: number[] = [];
  texts.forEach((text, k) => {
    if (text === undefined) return;
    try {
      const sub = parseSubmissionText(text);
      if (sub.code === null) return;
      handed.push({ code: sub.code, answers: sub.answers });
      at.push(k);
    } catch {
      // refused when graded: nothing to compare
    }
  });
  const flags: (readonly CopyFlag[])[] = texts.map(() => []);
  copyFlags(handed, (code) => cache.get(resolveCode(code).solution)).forEach((f, j) => (flags[at[j]] = f));
  return flags;
}

/** The entry with its flags, when it has any. */
export function withFlags(e: BatchEntry, flags: readonly CopyFlag[] | undefined): BatchEntry {
  return e.kind === "report" && flags !== undefined && flags.length > 0 ? { ...e, flags } : e;
}
