// The submission file `bpdrill grade` reads: built for export, validated on import.
import type { Exercise } from "./engine.js";
import { MAX_ANSWER } from "./storage.js";

export type Submission =
  | { readonly code: string; readonly answers: Readonly<Record<string, string>> }
  | { readonly exercise: Exercise; readonly answers: Readonly<Record<string, string>> };

/** Why an imported file was refused; the page words each in its language. */
export type ImportProblem = "json" | "shape" | "big";

export type Parsed =
  | { readonly ok: true; readonly code?: string; readonly exercise?: unknown; readonly answers: Readonly<Record<string, string>> }
  | { readonly ok: false; readonly problem: ImportProblem };

export const MAX_FILE = 1_000_000;

export function submissionJson(s: Submission): string {
  const answers = Object.fromEntries(Object.entries(s.answers).filter(([, v]) => v.trim() !== ""));
  return `${JSON.stringify("code" in s ? { code: s.code, answers } : { exercise: s.exercise, answers }, null, 2)}\n`;
}

/** Reads an imported file's text: the shape only; the code or exercise is checked by the engine. */
export function parseSubmission(text: string): Parsed {
  if (text.length > MAX_FILE) return { ok: false, problem: "big" };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { ok: false, problem: "json" };
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return { ok: false, problem: "shape" };
  const d = doc as Record<string, unknown>;
  const a = d.answers;
  if (typeof a !== "object" || a === null || Array.isArray(a)) return { ok: false, problem: "shape" };
  const answers: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries(a as Record<string, unknown>)) {
    if (typeof v === "number" && Number.isFinite(v)) answers[k] = String(v);
    else if (typeof v === "string") answers[k] = v.slice(0, MAX_ANSWER);
    else return { ok: false, problem: "shape" };
  }
  const hasCode = typeof d.code === "string";
  const hasEx = typeof d.exercise === "object" && d.exercise !== null;
  if (hasCode === hasEx) return { ok: false, problem: "shape" };
  return hasCode ? { ok: true, code: d.code as string, answers } : { ok: true, exercise: d.exercise, answers };
}
