// A class's hand-ins matched to its roster: one row per student (missing ones too), and every hand-in that
// matched no one or the same student twice kept and named. Pure: the command line reads files and says it in words.
import type { Student } from "../generator/roster.js";
import type { BatchEntry } from "./batch.js";

/** Who a hand-in's surroundings say it is from (an LMS folder's name, a form's 学号/姓名 columns). */
export interface Hint {
  readonly id?: string;
  readonly name?: string;
}

/** One hand-in, graded (or refused), with where it came from. */
export interface Graded {
  readonly source: string;
  readonly hint: Hint;
  readonly entry: BatchEntry;
}

/** How a hand-in found its student. */
export type MatchedBy = "id" | "name" | "code";

/**
 * A student's standing: graded and counted; or a hand-in that is not counted and why (refused; brought
 * its own exercise; the exercise of another student of the roster: a possible copy; an exercise that is
 * not of this assignment); or no hand-in.
 */
export type Status = "graded" | "missing" | "refused" | "own_exercise" | "other_student" | "not_assigned";

export interface BookRow {
  readonly student: Student;
  /** The code planned for the student (preset, seed and roster given), if known. */
  readonly planned?: string;
  readonly status: Status;
  readonly handIn?: Graded;
  readonly by?: MatchedBy;
  /** For other_student: whose exercise the hand-in holds. */
  readonly codeOf?: string;
  /** Earlier hand-ins for the same student that this one replaced. */
  readonly replaced: readonly Graded[];
}

export interface Book {
  readonly rows: readonly BookRow[];
  /** Hand-ins no roster student could be found for. */
  readonly unmatched: readonly Graded[];
}

/** Score, max and percent (one decimal) of a counted row; null otherwise. */
export function marksOf(row: BookRow): { readonly score: number; readonly max: number; readonly percent: number } | null {
  if (row.status !== "graded" || row.handIn?.entry.kind !== "report") return null;
  const { score, max } = row.handIn.entry.report;
  return { score, max, percent: max > 0 ? Math.round((score / max) * 1000) / 10 : 0 };
}

const norm = (s: string) => s.normalize("NFKC").replace(/\s+/g, "").toLowerCase();

/**
 * Matches hand-ins to students, in this order of trust: the id an LMS or form row gives, the name an LMS
 * folder gives (when exactly one student has it), the id and then the name the submission carries, and
 * last the code (when `plan` maps each student's code to them). With a plan, a hand-in whose code is
 * another student's, or no one's, is kept on its row but not counted. A later hand-in for the same
 * student replaces an earlier one, unless the later is refused and the earlier is not.
 */
export function matchHandIns(
  graded: readonly Graded[],
  roster: readonly Student[],
  plan?: ReadonlyMap<string, string>,
  /** Whether a submission that brought its own exercise counts (the teacher gave that exercise). */
  ownCounts: (e: BatchEntry & { kind: "report" }) => boolean = () => false,
): Book {
  const byId = new Map(roster.map((s) => [s.id, s] as const));
  const byName = new Map<string, Student | null>();
  for (const s of roster) if (s.name !== "") byName.set(norm(s.name), byName.has(norm(s.name)) ? null : s);
  const codeOfStudent = new Map<string, string>();
  if (plan) for (const [code, id] of plan) codeOfStudent.set(id, code);
  const found = new Map<string, { g: Graded; by: MatchedBy; status: Status; codeOf?: string; replaced: Graded[] }>();
  const unmatched: Graded[] = [];
  const name = (n: string | undefined) => (n === undefined ? undefined : (byName.get(norm(n)) ?? undefined));
  const norm2 = (c: string) => c.toUpperCase();
  const planned = new Map([...(plan ?? new Map<string, string>())].map(([c, id]) => [norm2(c), id]));
  for (const g of graded) {
    const e = g.entry;
    const said = e.kind === "report" ? { id: e.studentId, name: e.name } : {};
    const codeStudent = e.kind === "report" && e.code !== null ? planned.get(norm2(e.code)) : undefined;
    let who: { s: Student; by: MatchedBy } | undefined;
    const tries: [Student | undefined, MatchedBy][] = [
      [g.hint.id !== undefined ? byId.get(g.hint.id) : undefined, "id"],
      [name(g.hint.name), "name"],
      [said.id !== undefined ? byId.get(said.id) : undefined, "id"],
      [name(said.name), "name"],
      [codeStudent !== undefined ? byId.get(codeStudent) : undefined, "code"],
    ];
    for (const [s, by] of tries)
      if (s !== undefined) {
        who = { s, by };
        break;
      }
    // An id the LMS or form gives for the submitter, not on the roster: the strings inside do not overrule it.
    if (who === undefined || (g.hint.id !== undefined && !byId.has(g.hint.id))) {
      unmatched.push(g);
      continue;
    }
    let status: Status = "graded";
    let codeOf: string | undefined;
    if (e.kind === "error") status = "refused";
    else if (e.code === null) status = ownCounts(e) ? "graded" : "own_exercise";
    else if (plan) {
      if (codeStudent === undefined) status = "not_assigned";
      else if (codeStudent !== who.s.id) (status = "other_student"), (codeOf = codeStudent);
    }
    const before = found.get(who.s.id);
    const next = { g, by: who.by, status, codeOf, replaced: before ? [...before.replaced] : [] };
    if (before === undefined) found.set(who.s.id, next);
    else if (before.status === "refused" || status !== "refused") {
      next.replaced.push(before.g);
      found.set(who.s.id, next);
    } else before.replaced.push(g);
  }
  const rows = roster.map((student): BookRow => {
    const f = found.get(student.id);
    const planned = codeOfStudent.get(student.id);
    const base = { student, ...(planned !== undefined ? { planned } : {}) };
    if (f === undefined) return { ...base, status: "missing", replaced: [] };
    return { ...base, status: f.status, handIn: f.g, by: f.by, ...(f.codeOf !== undefined ? { codeOf: f.codeOf } : {}), replaced: f.replaced };
  });
  return { rows, unmatched };
}
