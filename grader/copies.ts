// Copying: a hand-in whose answers fit another code of the same batch better than its own. Honest work
// fits its own exercise (right values, or values carried from its own slips); a copy of a neighbour's
// sheet fits the neighbour's numbers. Pure.
//
// First a cheap screen: each answer is compared with every code's printed key value for that step (an
// index from value to codes, so a class costs steps × hand-ins lookups, not hand-ins²). A hand-in is
// looked at closely only when another code's key matches at least MIN_MATCHES of its answers and at
// least MARGIN more than its own key does. Then it is graded against that code in full, and flagged when
// it earns more right steps (correct, carried or imprecise) there than on its own exercise.
import { gradePrepared, type Prepared, type Report } from "./grade.js";

export interface CopyFlag {
  readonly kind: "copy";
  /** The code whose exercise the answers fit better. */
  readonly code: string;
}

export interface Handed {
  readonly code: string | null;
  readonly answers: Readonly<Record<string, unknown>>;
}

export const MIN_MATCHES = 3;
export const MARGIN = 2;

/** An answer as the screen compares it: a plain decimal's value (0,5 and 0。50 are 0.5), else null. */
function valueOf(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v !== "string") return null;
  const s = v.normalize("NFKC").trim().replace(/[,，。]/, ".");
  return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(s) ? Number(s) : null;
}

const rightSteps = (r: Report) => r.steps.filter((s) => s.verdict === "correct" || s.verdict === "carried" || s.verdict === "imprecise").length;

/** The flags of each hand-in (empty for most), in order; `prepared` gives each code's exercise ready to grade. */
export function copyFlags(handed: readonly Handed[], prepared: (code: string) => Prepared): (readonly CopyFlag[])[] {
  const codes = [...new Set(handed.flatMap((h) => (h.code === null ? [] : [h.code])))];
  if (codes.length < 2) return handed.map(() => []);
  // step id → key value → the codes printing that value there.
  const index = new Map<string, Map<number, number[]>>();
  codes.forEach((code, c) => {
    for (const [id, text] of prepared(code).expected) {
      let byValue = index.get(id);
      if (byValue === undefined) index.set(id, (byValue = new Map()));
      const v = Number(text);
      byValue.set(v, [...(byValue.get(v) ?? []), c]);
    }
  });
  const codeIndex = new Map(codes.map((c, k) => [c, k]));
  return handed.map((h) => {
    if (h.code === null) return [];
    const own = codeIndex.get(h.code)!;
    const matches = new Array<number>(codes.length).fill(0);
    for (const [id, raw] of Object.entries(h.answers)) {
      const v = valueOf(raw);
      if (v === null) continue;
      for (const c of index.get(id)?.get(v) ?? []) matches[c]++;
    }
    let best = -1;
    for (let c = 0; c < codes.length; c++) if (c !== own && (best < 0 || matches[c] > matches[best])) best = c;
    if (best < 0 || matches[best] < MIN_MATCHES) return [];
    // Its own key counted generously: within two units of the last place (a hand-rounded chain or a
    // slip carried forward sits there), so honest work is rarely graded twice.
    const p = prepared(h.code);
    const near = 2 * 10 ** -p.decimals + 1e-12;
    let home = 0;
    for (const [id, text] of p.expected) {
      const v = valueOf(h.answers[id]);
      if (v !== null && Math.abs(v - Number(text)) <= near) home++;
    }
    if (matches[best] < Math.max(home, matches[own]) + MARGIN) return [];
    const there = gradePrepared(prepared(codes[best]), h.answers);
    const mine = gradePrepared(p, h.answers);
    return rightSteps(there) > rightSteps(mine) ? [{ kind: "copy" as const, code: codes[best] }] : [];
  });
}
