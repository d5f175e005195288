// The library's Node entry ("bpdrill"): everything in bpdrill/core, plus worksheets and answer keys as HTML.
import { keyOf, type Solution } from "../generator/solution.js";
import type { NotationName } from "../generator/notation.js";
import { renderKeys, renderWorksheets } from "../templates/render.js";
import { sheetView } from "../templates/viewmodel.js";
import { solutionOf, type ExerciseInput } from "./core.js";

export * from "./core.js";
/**
 * Sealed codes: `useCourseKey(courseKeyOf(secret))` seals the codes generate() makes from then on and
 * opens sealed codes for solve() and grade(); `useCourseKey(undefined)` goes back to public codes.
 */
export { courseKeyOf } from "./course-key.js";
export { useCourseKey, type CourseKey } from "../generator/seal.js";

export interface SheetOptions {
  /** "zh" (default) or "en". */
  readonly lang?: "zh" | "en";
  readonly notation?: NotationName;
  readonly title?: string;
}

/** One sheet: an exercise code, or an exercise (its JSON) with the code printed on it (default "custom"). */
export type SheetInput = string | { readonly code?: string; readonly exercise: ExerciseInput; readonly student?: { readonly id: string; readonly name: string } };

function views(input: SheetInput | readonly SheetInput[], o: SheetOptions) {
  const lang = o.lang ?? "zh";
  const list: readonly SheetInput[] = Array.isArray(input) ? input : [input as SheetInput];
  return list.map((s) => {
    let sol: Solution;
    let code: string;
    let student: { id: string; name: string } | undefined;
    if (typeof s === "string") {
      sol = solutionOf(s);
      code = s.trim();
    } else {
      sol = solutionOf(s.exercise);
      code = s.code ?? (typeof s.exercise === "string" ? s.exercise.trim() : "custom");
      student = s.student ? { id: s.student.id, name: s.student.name } : undefined;
    }
    return sheetView(sol, keyOf(sol, o.notation), code, { lang, title: o.title, student });
  });
}

/** Worksheets as one self-contained HTML page (print it, or hand it to a PDF printer). */
export function renderWorksheet(input: SheetInput | readonly SheetInput[], o: SheetOptions = {}): string {
  return renderWorksheets(views(input, o), { lang: o.lang ?? "zh" });
}

/** Answer keys as one self-contained HTML page. */
export function renderKey(input: SheetInput | readonly SheetInput[], o: SheetOptions = {}): string {
  return renderKeys(views(input, o), { lang: o.lang ?? "zh" });
}
