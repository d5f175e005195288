// What a class got right and wrong, from its graded hand-ins: the score distribution, each step's
// difficulty and discrimination, and the named mistakes ranked by how many students made them. Pure.
//
// Difficulty is the classical item p-value: the share of students whose step is right (correct, or
// carried: right from their own earlier numbers). Discrimination is Kelley's upper–lower index
// D = p(upper 27 %) − p(lower 27 %), the groups taken by total score (ties broken by hand-in order);
// with fewer than 10 students it is not computed (the groups would be 2 students or fewer).
import type { MistakeCode } from "../generator/graph.js";
import type { Report, Verdict } from "./grade.js";

export interface StepStat {
  readonly id: string;
  /** Students whose hand-in has this step. */
  readonly n: number;
  /** Count per verdict. */
  readonly verdicts: Readonly<Record<Verdict, number>>;
  /** Difficulty: share right (correct or carried), 0…1. */
  readonly p: number;
  /** Upper–lower 27 % discrimination, −1…1; null for fewer than 10 students. */
  readonly discrimination: number | null;
}

export interface MistakeStat {
  readonly mistake: MistakeCode;
  /** Students who made it at least once. */
  readonly students: number;
  /** Times it was made, over all steps. */
  readonly times: number;
  /** The steps it was made in, most frequent first. */
  readonly steps: readonly string[];
}

export interface ClassStats {
  readonly students: number;
  /** Each student's percent (0…100, one decimal), in hand-in order. */
  readonly percents: readonly number[];
  readonly mean: number;
  readonly median: number;
  readonly steps: readonly StepStat[];
  readonly mistakes: readonly MistakeStat[];
}

const right = (v: Verdict) => v === "correct" || v === "carried";
const ZERO: Record<Verdict, number> = { correct: 0, carried: 0, imprecise: 0, wrong: 0, missing: 0, invalid: 0 };
export const MIN_FOR_DISCRIMINATION = 10;

/** The statistics of a class's reports (one per student). */
export function classStats(reports: readonly Report[]): ClassStats {
  const percents = reports.map((r) => (r.max > 0 ? Math.round((r.score / r.max) * 1000) / 10 : 0));
  const sorted = [...percents].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const median = sorted.length === 0 ? 0 : sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
  const mean = percents.length === 0 ? 0 : Math.round((percents.reduce((a, b) => a + b, 0) / percents.length) * 10) / 10;
  // Upper and lower groups by score: 27 % of the class each (at least one student).
  const order = reports.map((r, k) => ({ k, s: r.max > 0 ? r.score / r.max : 0 })).sort((a, b) => b.s - a.s || a.k - b.k);
  const g = Math.max(1, Math.round(reports.length * 0.27));
  const upper = new Set(order.slice(0, g).map((x) => x.k));
  const lower = new Set(order.slice(-g).map((x) => x.k));
  const ids: string[] = [];
  const byId = new Map<string, { verdicts: Record<Verdict, number>; n: number; up: number; upN: number; lo: number; loN: number }>();
  const mistakes = new Map<MistakeCode, { students: Set<number>; times: number; steps: Map<string, number> }>();
  reports.forEach((r, k) => {
    for (const s of r.steps) {
      let st = byId.get(s.id);
      if (st === undefined) {
        st = { verdicts: { ...ZERO }, n: 0, up: 0, upN: 0, lo: 0, loN: 0 };
        byId.set(s.id, st);
        ids.push(s.id);
      }
      st.n++;
      st.verdicts[s.verdict]++;
      if (upper.has(k)) (st.upN++, (st.up += right(s.verdict) ? 1 : 0));
      if (lower.has(k)) (st.loN++, (st.lo += right(s.verdict) ? 1 : 0));
      if (s.mistake !== null) {
        let m = mistakes.get(s.mistake);
        if (m === undefined) mistakes.set(s.mistake, (m = { students: new Set(), times: 0, steps: new Map() }));
        m.students.add(k);
        m.times++;
        m.steps.set(s.id, (m.steps.get(s.id) ?? 0) + 1);
      }
    }
  });
  const steps = ids.map((id): StepStat => {
    const st = byId.get(id)!;
    const p = st.n === 0 ? 0 : (st.verdicts.correct + st.verdicts.carried) / st.n;
    const discrimination = reports.length < MIN_FOR_DISCRIMINATION || st.upN === 0 || st.loN === 0 ? null : st.up / st.upN - st.lo / st.loN;
    return { id, n: st.n, verdicts: st.verdicts, p, discrimination };
  });
  const ranked = [...mistakes.entries()]
    .map(([mistake, m]): MistakeStat => ({
      mistake,
      students: m.students.size,
      times: m.times,
      steps: [...m.steps.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id),
    }))
    .sort((a, b) => b.students - a.students || b.times - a.times || (a.mistake < b.mistake ? -1 : 1));
  return { students: reports.length, percents, mean, median, steps, mistakes: ranked };
}
