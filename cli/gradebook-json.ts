// The gradebook as JSON (grade --roster --format json): each student with their report, then what matched no one.
import type { Book, Graded } from "../grader/gradebook.js";
import { marksOf } from "../grader/gradebook.js";
import { entryToJson } from "./report-format.js";

const handIn = (g: Graded) => ({ source: g.source, ...(g.hint.id !== undefined || g.hint.name !== undefined ? { hint: g.hint } : {}), report: entryToJson(g.entry) });

export function bookToJson(book: Book): object {
  return {
    students: book.rows.map((r) => {
      const m = marksOf(r);
      return {
        studentId: r.student.id,
        name: r.student.name,
        ...(r.student.className !== undefined ? { class: r.student.className } : {}),
        ...(r.student.email !== undefined ? { email: r.student.email } : {}),
        ...(r.planned !== undefined ? { plannedCode: r.planned } : {}),
        status: r.status,
        ...(r.by !== undefined ? { matchedBy: r.by } : {}),
        ...(r.codeOf !== undefined ? { codeOfStudent: r.codeOf } : {}),
        score: m?.score ?? null,
        max: m?.max ?? null,
        percent: m?.percent ?? null,
        ...(r.handIn ? { handIn: handIn(r.handIn) } : {}),
        replaced: r.replaced.map(handIn),
      };
    }),
    unmatched: book.unmatched.map(handIn),
  };
}
