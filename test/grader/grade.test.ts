// The grader judged against the solver across many random exercises (the way PrairieLearn elements test themselves).
import { describe, expect, it } from "vitest";
import seedrandom from "seedrandom";
import { buildGraph } from "../../generator/solver.js";
import { keyOf, solve } from "../../generator/solution.js";
import { planSet } from "../../generator/classset.js";
import { resolveCode } from "../../grader/resolve.js";
import { Q } from "../../generator/num/q.js";
import { gradePrepared, prepare } from "../../grader/grade.js";
import { noteText } from "../../templates/feedback.js";
import { halfUnit, withinEither } from "../../grader/tolerance.js";
import { randomExercise } from "../helpers/random-exercise.js";
import { studentAnswers } from "./chain.js";

const N = 500;
const exercises = Array.from({ length: N }, (_, i) => randomExercise(`grade-${i}`));

describe("right answers", () => {
  it("score full marks with the key of either carry mode, whatever the sheet's carry", () => {
    let graded = 0;
    for (const ex of exercises) {
      const p = prepare(solve(ex));
      for (const carry of ["exact", "rounded"] as const) {
        const key = keyOf(solve({ ...ex, carry }));
        const answers = Object.fromEntries(key.steps.map((s) => [s.id, s.rounded]));
        const r = gradePrepared(p, answers);
        expect(r.steps.filter((s) => s.verdict !== "correct").map((s) => s.id), `${JSON.stringify(ex)} ${carry}`).toEqual([]);
        expect(r.score).toBe(r.max);
        graded++;
      }
    }
    expect(graded).toBe(2 * N);
  });

  it("still score full marks when typed with full-width digits, a Unicode minus and spaces", () => {
    const wide = (s: string) => ` ${s.replace(/[0-9.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).replace("-", "\u2212")}\u3000`;
    for (const ex of exercises.slice(0, 50)) {
      const sol = solve(ex);
      const r = gradePrepared(prepare(sol), Object.fromEntries(keyOf(sol).steps.map((s) => [s.id, wide(s.rounded)])));
      expect(r.score).toBe(r.max);
    }
  });
});

describe("tolerance edges", () => {
  it("accepts a value just inside half a unit beyond both chains and refuses one just past it", () => {
    const rng = seedrandom("edges");
    let refused = 0;
    for (const ex of exercises) {
      const sol = solve(ex);
      const p = prepare(sol);
      const key = keyOf(sol);
      const answers = Object.fromEntries(key.steps.map((s) => [s.id, s.rounded]));
      const step = p.graph.steps[Math.floor(rng() * p.graph.steps.length)];
      const e = p.exact.get(step.id)!;
      const r = p.rounded.get(step.id)!;
      // A careful student may also carry the key's rounded inputs as written: the step on those.
      const own = step.fn(step.deps.map((d) => (d in answers ? Q.dec(answers[d]) : p.graph.givens.get(d)!)));
      // And for newE, the forward pass worked by hand on those inputs, every value rounded (issue 16).
      const hand = step.byHand?.(step.deps.map((d) => (d in answers ? Q.dec(answers[d]) : p.graph.givens.get(d)!)), ex.decimals, ex.rounding ?? "half_up");
      const all = [e, r, own, ...(hand ? [hand] : [])];
      const hi = all.reduce((m, v) => (v.gt(m) ? v : m));
      const lo = all.reduce((m, v) => (v.lt(m) ? v : m));
      const h = halfUnit(ex.decimals);
      const tiny = Q.of(1n, 10n ** BigInt(ex.decimals + 3));
      for (const [value, ok] of [
        [hi.add(h).sub(tiny), true],
        [hi.add(h).add(tiny), false],
        [lo.sub(h).add(tiny), true],
        [lo.sub(h).sub(tiny), false],
      ] as const) {
        const typed = value.toFixed(ex.decimals + 3);
        const got = gradePrepared(p, { ...answers, [step.id]: typed });
        const verdict = got.steps.find((s) => s.id === step.id)!.verdict;
        expect(verdict, `${step.id}=${typed} vs ${e.toPlain()} / ${r.toPlain()}`).toBe(ok ? "correct" : "wrong");
        expect(got.score === got.max).toBe(ok);
        if (!ok) refused++;
      }
    }
    expect(refused).toBe(2 * N);
  });
});

describe("named mistakes", () => {
  it("name each variant applied consistently and judge everything after it carried", { timeout: 60_000 }, () => {
    const named = new Map<string, number>();
    let carried = 0;
    for (const ex of exercises.slice(0, 150)) {
      const graph = buildGraph(ex);
      const p = prepare(solve(ex));
      const h = halfUnit(ex.decimals);
      for (const step of graph.steps) {
        for (const variant of step.variants) {
          let sub: ReturnType<typeof studentAnswers>;
          try {
            sub = studentAnswers(ex, graph, { id: step.id, variant }, p.rounded);
          } catch {
            continue; // the mistake leaves the function's domain (ln of a negative "output"): nothing to write
          }
          const given = sub.values.get(step.id)!;
          // A mistake that gives the right number here is no mistake (forgetting f′ where f′ = 1).
          const right = step.fn(step.deps.map((d) => sub.values.get(d)!));
          const tol = { kind: "decimals" } as const;
          if (!given.sub(right).abs().gt(h.mul(Q.int(2)))) continue;
          if (withinEither(tol, given, p.exact.get(step.id)!, p.rounded.get(step.id)!, ex.decimals)) continue;
          // Two variants can give the same number on these inputs; either name is then right.
          const same = step.variants
            .filter((v) => {
              try {
                const x = v.fn(v.deps.map((d) => sub.values.get(d)!));
                return x.toFixed(ex.decimals, ex.rounding) === given.toFixed(ex.decimals, ex.rounding);
              } catch {
                return false;
              }
            })
            .map((v) => v.code);
          const r = gradePrepared(p, sub.answers);
          const mine = r.steps.find((s) => s.id === step.id)!;
          const ctx = `${JSON.stringify(ex)} ${step.id} ${variant.code}`;
          expect(mine.verdict, ctx).toBe("wrong");
          expect(same, ctx).toContain(mine.mistake);
          expect(noteText("en", mine.note)).toContain(mine.given!);
          for (const s of r.steps) {
            if (s.id === step.id) continue;
            // A consequence the step could never produce (a negative loss from an "output" below 0) is
            // not carried: that guard against gaming is tested on its own below.
            const st = graph.byId.get(s.id)!;
            if (s.verdict === "wrong" && st.plausible && !st.plausible(Q.dec(s.given!))) continue;
            // Nor one computed from an input no step could produce (a negative ReLU "output" from
            // activation_not_applied): a carried mark needs plausible inputs (issue 15).
            const implausibleInput = st.deps.some((d) => {
              const ok = graph.byId.get(d)?.plausible;
              return ok !== undefined && !ok(sub.values.get(d)!);
            });
            if (s.verdict === "wrong" && implausibleInput) continue;
            expect(["correct", "carried"], `${ctx}: ${s.id} ${s.verdict} ${s.given} vs ${s.expected}`).toContain(s.verdict);
            if (s.verdict === "carried") carried++;
          }
          named.set(variant.code, (named.get(variant.code) ?? 0) + 1);
        }
      }
    }
    // Every mistake the issue lists was produced, named and checked at least a few times.
    for (const code of [
      "updated_weights", "missing_output_derivative", "derivative_of_output", "update_sign", "single_path",
      "activation_not_applied", "missing_learning_rate", "factor_two", "target_sign", "transposed_weight",
      "relu_derivative_at_output", "softmax_jacobian_again", "missing_hidden_derivative",
    ])
      expect(named.get(code) ?? 0, code).toBeGreaterThan(3);
    expect(carried).toBeGreaterThan(1000);
  });
});

describe("error carried forward", () => {
  it("one wrong first net input leaves every correct consequence carried, costing only its own marks", () => {
    let consequences = 0;
    for (const ex of exercises) {
      const graph = buildGraph(ex);
      const p = prepare(solve(ex));
      const first = graph.steps[0];
      // 0.1 off: far outside any tolerance at 2..5 decimals.
      const sub = studentAnswers(ex, graph, { id: first.id, value: (v) => v.add(Q.dec("0.1")) });
      const r = gradePrepared(p, sub.answers);
      const verdicts = new Map(r.steps.map((s) => [s.id, s.verdict]));
      expect(verdicts.get(first.id)).toBe("wrong");
      for (const s of r.steps.slice(1)) {
        expect(["correct", "carried"], `${JSON.stringify(ex)} ${s.id}: ${s.given} vs ${s.expected}`).toContain(s.verdict);
        if (s.verdict === "carried") consequences++;
      }
      expect(r.score).toBe(r.max - p.config.weights.z);
    }
    expect(consequences).toBeGreaterThan(N);
  });

  it("does not carry an implausible value: a sigmoid output of 1.5 from a wrong net input", () => {
    const ex = exercises.find((e) => e.activations[0] === "sigmoid")!;
    const graph = buildGraph(ex);
    const sub = studentAnswers(ex, graph, { id: graph.steps[0].id, value: (v) => v.add(Q.int(3)) });
    const a = graph.steps.find((s) => s.kind === "a")!;
    const r = gradePrepared(prepare(solve(ex)), { ...sub.answers, [a.id]: "1.5" });
    expect(r.steps.find((s) => s.id === a.id)!.verdict).toBe("wrong");
  });
});

describe("prepare() on an exercise regenerated from its code", () => {
  // The draw hands over the Solution it accepted the exercise on; grading reads it and must come out
  // exactly as from a fresh solve of a copy of the same exercise.
  it.each([
    ["classic-2-3-2", {}],
    ["random", {}],
    ["classic-2-3-2", { carry: "rounded" as const, learningRate: "0.2" }],
    ["relu-2-3-1", { carry: "rounded" as const, decimals: 3, learningRate: "0.2" }],
  ])("%s %o: both chains and the expected answers equal a fresh evaluation", (preset, overrides) => {
    for (const { code } of planSet({ preset, seed: "prepare", count: 6, overrides })) {
      const { solution } = resolveCode(code);
      expect(resolveCode(code).solution, "one Solution per code").toBe(solution);
      const [a, b] = [prepare(solution), prepare(solve(structuredClone(solution.exercise)))];
      for (const chain of ["exact", "rounded"] as const)
        for (const [id, v] of b[chain]) expect(a[chain].get(id)?.eq(v) && a[chain].get(id)?.exact === v.exact, `${code} ${chain} ${id}`).toBe(true);
      expect([...a.expected]).toEqual([...b.expected]);
    }
  });
});
