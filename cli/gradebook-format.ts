// Gradebooks as files: bpdrill's own CSV (UTF-8 with BOM, so Excel shows Chinese; words in zh or en) and the
// grade-import layouts of Moodle and Canvas. One row per roster student, missing hand-ins included.
import type { BatchEntry } from "../grader/batch.js";
import type { Verdict } from "../grader/grade.js";
import { marksOf, type Book, type BookRow, type Graded } from "../grader/gradebook.js";
import { render, t, type CliKey, type Lang } from "./words.js";

export const GRADEBOOKS = ["plain", "moodle", "canvas"] as const;
export type GradebookLayout = (typeof GRADEBOOKS)[number];

const BOM = "\uFEFF";

/**
 * A CSV cell. Text a spreadsheet would run as a formula (= + - @ at the start: a name typed into the
 * site is the student's) is prefixed with ' (OWASP's advice), numbers are written as they are.
 */
export function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return String(v);
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const csv = (rows: readonly (readonly (string | number | null | undefined)[])[]) => BOM + rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";

/** The step ids of the reports, in first-seen order (exercises of different presets have different steps). */
function stepIds(entries: readonly BatchEntry[]): string[] {
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const e of entries) if (e.kind === "report") for (const s of e.report.steps) if (!seen.has(s.id)) (seen.add(s.id), ids.push(s.id));
  return ids;
}

/** Each verdict's word in a gradebook cell (short: the site's sentences are for students). */
export const VERDICT_WORD: Readonly<Record<Verdict, CliKey>> = {
  correct: "cli.verdict.correct",
  carried: "cli.verdict.carried",
  imprecise: "cli.verdict.imprecise",
  wrong: "cli.verdict.wrong",
  missing: "cli.verdict.missing",
  invalid: "cli.verdict.invalid",
};

const verdicts = (e: BatchEntry | undefined, ids: readonly string[], lang: Lang): string[] => {
  if (e?.kind !== "report") return ids.map(() => "");
  const v = new Map(e.report.steps.map((s) => [s.id, s.verdict]));
  return ids.map((id) => (v.has(id) ? t(lang, VERDICT_WORD[v.get(id)!]) : ""));
};

const COLUMNS: readonly CliKey[] = ["cli.book.col.id", "cli.book.col.name", "cli.book.col.class", "cli.book.col.code", "cli.book.col.score", "cli.book.col.max", "cli.book.col.percent"];
const header = (lang: Lang, ids: readonly string[]) => [...COLUMNS.map((k) => t(lang, k)), ...ids, t(lang, "cli.book.col.flags"), t(lang, "cli.book.col.note"), t(lang, "cli.book.col.source")];

/** The flags cell: a possible copy names the code whose exercise the answers fit better. */
const flagsCell = (e: BatchEntry | undefined, lang: Lang): string =>
  e?.kind === "report" && e.flags !== undefined ? e.flags.map((f) => t(lang, "cli.book.flag.copy", { code: f.code })).join("; ") : "";

/** What a row's status says, with the error of a refused hand-in and the sources it replaced. */
function note(row: BookRow, lang: Lang): string {
  const parts: string[] = [];
  const e = row.handIn?.entry;
  switch (row.status) {
    case "graded":
      break;
    case "missing":
      parts.push(t(lang, "cli.book.missing"));
      break;
    case "refused":
      parts.push(t(lang, "cli.book.refused", { why: e?.kind === "error" ? render(lang, e.error) : "" }));
      break;
    case "own_exercise":
      parts.push(t(lang, "cli.book.ownExercise"));
      break;
    case "other_student":
      parts.push(t(lang, "cli.book.otherStudent", { id: row.codeOf ?? "" }));
      break;
    case "not_assigned":
      parts.push(t(lang, "cli.book.notAssigned"));
      break;
  }
  if (row.by === "name") parts.push(t(lang, "cli.book.byName"));
  if (row.replaced.length > 0) parts.push(t(lang, "cli.book.replaced", { n: row.replaced.length, sources: row.replaced.map((g) => g.source).join("; ") }));
  return parts.join("; ");
}

const codeOf = (e: BatchEntry | undefined) => (e?.kind === "report" ? (e.code ?? "") : "");

/** bpdrill's gradebook: id, name, class, code, score, max, percent, a verdict per step, note, source. */
export function gradebookCsv(book: Book, lang: Lang, counted: Counted = (e) => e.code !== null): string {
  const entries = [...book.rows.flatMap((r) => (r.handIn ? [r.handIn.entry] : [])), ...book.unmatched.map((g) => g.entry)];
  const ids = stepIds(entries);
  const rows: (string | number | null)[][] = [header(lang, ids)];
  for (const r of book.rows) {
    const m = marksOf(r);
    const e = r.handIn?.entry;
    rows.push([
      r.student.id,
      r.student.name,
      r.student.className ?? "",
      codeOf(e) || (r.planned ?? ""),
      m?.score ?? null,
      m?.max ?? null,
      m?.percent ?? null,
      ...verdicts(e, ids, lang),
      flagsCell(e, lang),
      note(r, lang),
      r.handIn?.source ?? "",
    ]);
  }
  // Hand-ins that matched no student: below the class, never dropped.
  for (const g of book.unmatched) rows.push(handInRow(g, ids, lang, t(lang, "cli.book.unmatched"), counted));
  return csv(rows);
}

type Counted = (e: BatchEntry & { kind: "report" }) => boolean;

function handInRow(g: Graded, ids: readonly string[], lang: Lang, extra: string, counted: Counted): (string | number | null)[] {
  const e = g.entry;
  const rep = e.kind === "report" && counted(e) ? e.report : undefined;
  const why = e.kind === "error" ? t(lang, "cli.book.refused", { why: render(lang, e.error) }) : rep === undefined ? t(lang, "cli.grade.notCounted") : "";
  return [
    (e.kind === "report" ? e.studentId : undefined) ?? g.hint.id ?? "",
    (e.kind === "report" ? e.name : undefined) ?? g.hint.name ?? "",
    "",
    codeOf(e),
    rep?.score ?? null,
    rep?.max ?? null,
    rep ? (rep.max > 0 ? Math.round((rep.score / rep.max) * 1000) / 10 : 0) : null,
    ...verdicts(e, ids, lang),
    flagsCell(e, lang),
    [extra, why].filter((s) => s !== "").join("; "),
    g.source,
  ];
}

/** Without a roster: one row per hand-in, with the id and name it carries (a submission with its own exercise counts only if `counted`). */
export function handInsCsv(graded: readonly Graded[], lang: Lang, counted: Counted = (e) => e.code !== null): string {
  const ids = stepIds(graded.map((g) => g.entry));
  return csv([header(lang, ids), ...graded.map((g) => handInRow(g, ids, lang, "", counted))]);
}

/**
 * Moodle's grade import (Grades › Import › CSV file): a header row, an identifier column to map to a user
 * field (ID number, which schools fill with the student id, or Email address) and one grade column, in points
 * of the assignment's maximum. Students without a counted hand-in get an empty cell: Moodle leaves them as they are.
 */
export function moodleCsv(book: Book, assignment: string): string {
  const rows: (string | number | null)[][] = [["ID number", "Email address", "Full name", assignment]];
  for (const r of book.rows) rows.push([r.student.id, r.student.email ?? "", r.student.name, marksOf(r)?.score ?? null]);
  return csv(rows);
}

/**
 * Canvas's gradebook import (Grades › Import): its export layout, Student, ID, SIS User ID, SIS Login ID,
 * Section, then the assignment; the "Points Possible" row under the header sets a new assignment's points.
 * Canvas matches a row by ID (its own user id, unknown here), SIS User ID (the student id) or SIS Login ID.
 */
export function canvasCsv(book: Book, assignment: string): string {
  const max = book.rows.map((r) => marksOf(r)?.max).find((m) => m !== undefined) ?? null;
  const rows: (string | number | null)[][] = [["Student", "ID", "SIS User ID", "SIS Login ID", "Section", assignment], ["    Points Possible", "", "", "", "", max]];
  for (const r of book.rows) rows.push([r.student.name, "", r.student.id, "", r.student.className ?? "", marksOf(r)?.score ?? null]);
  return csv(rows);
}
