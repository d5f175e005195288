// Grading in the books' conventions: a fully hand-rounded sheet is full marks in every combination,
// each named mistake is found where it is made (every mistake that gives the same rounded number
// is named with it), and everything after a slip is carried.
import { describe, expect, it } from "vitest";
import { parseExercise, type Exercise } from "../../generator/exercise.js";
import { solve } from "../../generator/solution.js";
import { Q } from "../../generator/num/q.js";
import { gradePrepared, prepare } from "../../grader/grade.js";
import { noteText } from "../../templates/feedback.js";
import { halfUnit, withinEither } from "../../grader/tolerance.js";
import { randomExercise } from "../helpers/random-exercise.js";
import { studentAnswers } from "./chain.js";

function randomWith(prefix: string, bias: Exercise["bias"], samples: number): Exercise {
  for (let k = 1; k < 2000; k++) {
    const ex = randomExercise(`${prefix}-${k}`, { maxSamples: samples });
    if (ex.bias === bias && ex.samples.length === samples) return { ...ex, updateBiases: true };
  }
  throw new Error("no such draw");
}

const SETTINGS = (["gradient", "error"] as const).flatMap((delta) =>
  (["add", "subtract"] as const).flatMap((bias) =>
    (["delta", "chain"] as const).flatMap((granularity) =>
      (["batch", "online"] as const).map((schedule) => ({ convention: { delta, bias }, granularity, schedule, iterations: schedule === "batch" ? 2 : 1 })),
    ),
  ),
);

/** A handful of random networks in every combination of the settings. */
const CASES: Exercise[] = SETTINGS.flatMap((s, k) =>
  [0, 1].map((r) => parseExercise({ ...randomWith(`conv-grade-${k}-${r}`, r === 0 ? "per_neuron" : "shared", 2), ...s })),
);

describe("grading in every convention", () => {
  it("scores a fully hand-rounded sheet full marks (newE included, after online samples and repeated passes)", () => {
    for (const ex of CASES) {
      const sol = solve(ex);
      const { answers } = studentAnswers(ex, sol.graph);
      const r = gradePrepared(prepare(sol), answers);
      const lost = r.steps.filter((s) => s.verdict !== "correct").map((s) => `${s.id} ${s.given} vs ${s.expected}`);
      expect(lost, JSON.stringify({ convention: ex.convention, granularity: ex.granularity, schedule: ex.schedule, iterations: ex.iterations })).toEqual([]);
      expect(r.score).toBe(r.max);
    }
  });

  it("names each mistake where it is made, names every mistake that gives the same number, and carries what follows", { timeout: 120_000 }, () => {
    const named = new Map<string, number>();
    for (const ex of CASES) {
      const sol = solve(ex);
      const graph = sol.graph;
      const p = prepare(sol);
      const h = halfUnit(ex.decimals);
      for (const step of graph.steps) {
        for (const variant of step.variants) {
          let sub: ReturnType<typeof studentAnswers>;
          try {
            sub = studentAnswers(ex, graph, { id: step.id, variant }, p.rounded);
          } catch {
            continue;
          }
          const given = sub.values.get(step.id)!;
          const right = step.fn(step.deps.map((d) => sub.values.get(d)!));
          if (!given.sub(right).abs().gt(h.mul(Q.int(2)))) continue;
          if (withinEither({ kind: "decimals" }, given, p.exact.get(step.id)!, p.rounded.get(step.id)!, ex.decimals)) continue;
          const same = step.variants
            .filter((v) => {
              try {
                const x = v.fn(v.deps.map((d) => sub.values.get(d)!));
                return x.toFixed(ex.decimals, ex.rounding) === given.toFixed(ex.decimals, ex.rounding) && !x.sub(right).abs().lt(h);
              } catch {
                return false;
              }
            })
            .map((v) => v.code);
          const r = gradePrepared(p, sub.answers);
          const mine = r.steps.find((s) => s.id === step.id)!;
          const ctx = `${step.id} ${variant.code} ${JSON.stringify(ex.convention)} ${ex.granularity} ${ex.schedule}`;
          expect(mine.verdict, ctx).toBe("wrong");
          const note = mine.note as { code: string; mistake?: string; also?: readonly string[] };
          expect(note.code, ctx).toBe("mistake");
          const all = [note.mistake!, ...(note.also ?? [])];
          for (const code of same) expect(all, ctx).toContain(code);
          const text = noteText("en", mine.note);
          for (const code of all) named.set(code, (named.get(code) ?? 0) + 1);
          if (all.length > 1) expect(text, ctx).toContain("Either:");
          // A slip whose number no step could produce (z written as a sigmoid's output, outside (0, 1)) earns
          // nothing downstream on purpose (issue 15's guard against gaming): only plausible slips carry.
          const plausibleSlip = step.plausible === undefined || step.plausible(given);
          for (const s of plausibleSlip ? r.steps : []) {
            if (s.id === step.id) continue;
            // As in grade.test.ts: a consequence no step could produce, or one from implausible inputs, is not carried.
            const st = graph.byId.get(s.id)!;
            if (s.verdict === "wrong" && st.plausible && !st.plausible(Q.dec(s.given!))) continue;
            const implausibleInput = st.deps.some((d) => {
              const ok = graph.byId.get(d)?.plausible;
              return ok !== undefined && !ok(sub.values.get(d)!);
            });
            if (s.verdict === "wrong" && implausibleInput) continue;
            expect(["correct", "carried"], `${ctx}: ${s.id} ${s.verdict} ${s.given} vs ${s.expected}`).toContain(s.verdict);
          }
        }
      }
    }
    for (const code of ["error_term_sign", "threshold_added", "threshold_sign", "old_weights", "summed_gradients", "update_sign", "missing_learning_rate"])
      expect(named.get(code) ?? 0, code).toBeGreaterThan(0);
  });

  it("speaks the sheet's convention: an update with the wrong sign is w + Δw on an error-term sheet, w − η·∂E/∂w otherwise", () => {
    const note = (flavor?: "error") => ({ code: "mistake", mistake: "update_sign", given: "0.1", expected: "0.2", right: "0.2", ...(flavor ? { flavor } : {}) }) as const;
    expect(noteText("en", note("error"))).toContain("w′ = w + Δw");
    expect(noteText("zh", note("error"))).toContain("w′ = w + Δw");
    expect(noteText("en", note())).toContain("w − η·∂E/∂w");
  });

  it("names both when two mistakes give one number, in zh and en", () => {
    const n = { code: "mistake", mistake: "updated_weights", also: ["derivative_of_output"], given: "0.1", expected: "0.2", right: "0.2" } as const;
    expect(noteText("en", n)).toMatch(/Either: .*already-updated weights.* Or: .*sigmoid again/);
    expect(noteText("zh", n)).toMatch(/可能是：.*已经更新过的权重.*也可能是：.*/);
  });
});
