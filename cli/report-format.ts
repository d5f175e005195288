// Grade reports for the command line: JSON (one object per submission, in order) and CSV for a gradebook.
import type { BatchEntry } from "../grader/batch.js";
import type { Report } from "../grader/grade.js";
import { feedback } from "../templates/feedback.js";
import { msg, render } from "./words.js";

export const REPORT_FORMATS = ["json", "csv"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Field order fixed here, so the same grading is the same bytes. */
export function entryToJson(e: BatchEntry): object {
  if (e.kind === "error") return { file: e.file, error: render("en", e.error) };
  return {
    file: e.file,
    code: e.code,
    // A submission that brought its own exercise: graded so students can check hand-written ones, but
    // the exercise is the student's, so no gradebook should count it as an assignment's mark.
    ...(e.code === null ? { source: "submission" } : {}),
    score: e.report.score,
    max: e.report.max,
    // Only when the batch found something: answers that fit another code better than their own.
    ...(e.flags !== undefined && e.flags.length > 0 ? { flags: e.flags } : {}),
    steps: e.report.steps.map((s) => ({
      id: s.id,
      verdict: s.verdict,
      mistake: s.mistake,
      expected: s.expected,
      given: s.given,
      feedback: feedback(s.note),
    })),
  };
}

function csvField(v: string | number | null): string {
  const s = v === null ? "" : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * One row per submission: file, code, score, max, then one verdict column per step id (the union
 * over the batch, in first-seen order, since exercises of different sizes have different steps),
 * then the error of a refused file.
 */
export function entriesToCsv(entries: readonly BatchEntry[], counted: (e: BatchEntry & { kind: "report" }) => boolean = (e) => e.code !== null): string {
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const e of entries) if (e.kind === "report") for (const s of e.report.steps) if (!seen.has(s.id)) (seen.add(s.id), ids.push(s.id));
  const rows = [["file", "code", "score", "max", ...ids, "error"]];
  for (const e of entries) {
    if (e.kind === "error") rows.push([e.file, "", "", "", ...ids.map(() => ""), render("en", e.error)]);
    else {
      const v = new Map(e.report.steps.map((s) => [s.id, s.verdict]));
      // A submission that brought its own exercise: its verdicts, but no mark, unless the teacher passed that exercise.
      const count = counted(e);
      const marks = count ? [String(e.report.score), String(e.report.max)] : ["", ""];
      rows.push([e.file, e.code ?? "", ...marks, ...ids.map((id) => v.get(id) ?? ""), count ? "" : render("en", msg("cli.grade.notCounted"))]);
    }
  }
  return rows.map((r) => r.map(csvField).join(",")).join("\n") + "\n";
}

/**
 * One entry of the JSON report array as JSON.stringify(array, null, 2) writes it (two spaces in,
 * no separator): formatEntries' JSON is "[\n" + these joined by ",\n" + "\n]\n".
 */
export function entryJsonText(e: BatchEntry): string {
  return JSON.stringify([entryToJson(e)], null, 2).slice(2, -2);
}

/** What the CSV needs of an entry: its verdicts, not its feedback (small enough to pass between threads). */
export function csvSlim(e: BatchEntry): BatchEntry {
  if (e.kind === "error") return e;
  return { ...e, report: { ...e.report, steps: e.report.steps.map((s) => ({ id: s.id, verdict: s.verdict }) as Report["steps"][number]) } };
}

export function formatEntries(entries: readonly BatchEntry[], format: ReportFormat): string {
  switch (format) {
    case "json":
      return JSON.stringify(entries.map(entryToJson), null, 2) + "\n";
    case "csv":
      return entriesToCsv(entries);
  }
}
