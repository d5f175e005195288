// solve() runs once per exercise: the key, the sheet, the grader and the site read its Solution and
// never evaluate the step graph again; and the digits the key prints are the digits the grader expects.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";

// Every evaluation of a step graph goes through graph.ts's evaluate: a spy on it counts them all.
const evaluations = vi.hoisted(() => ({ count: 0 }));
vi.mock("../../generator/graph.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../generator/graph.js")>();
  return {
    ...real,
    evaluate: (...args: Parameters<typeof real.evaluate>) => {
      evaluations.count++;
      return real.evaluate(...args);
    },
  };
});

const { drawPlanned, exerciseFromCode, keySetItemText, planSet } = await import("../../generator/classset.js");
const { keyOf, solve } = await import("../../generator/solution.js");
const { parseExercise } = await import("../../generator/exercise.js");
const { gradePrepared, prepare } = await import("../../grader/grade.js");
const { gradeText, PreparedCache } = await import("../../grader/batch.js");
const { sheetView } = await import("../../templates/viewmodel.js");
const { renderKeys, renderWorksheets } = await import("../../templates/render.js");
const engine = await import("../../site/src/engine.js");

beforeEach(() => {
  evaluations.count = 0;
});

const CASES = [
  { preset: "classic-2-3-2", overrides: {} },
  { preset: "softmax-2-4-4-3", overrides: {} },
  { preset: "random", overrides: {} },
  { preset: "relu-2-3-1", overrides: { carry: "rounded" as const, decimals: 3, learningRate: "0.2" } },
];

describe("solve once", () => {
  it.each(CASES)("$preset $overrides: a code's draw, key, sheet, key page and grading evaluate each chain once", ({ preset, overrides }) => {
    for (const { code } of planSet({ preset, seed: "once", count: 4, overrides })) {
      evaluations.count = 0;
      const item = drawPlanned({ code }, "matrix");
      // The draw solves each candidate that passes the float prefilter once; a candidate refused on
      // its exact digits (tie_exact) cost one evaluation of its own.
      const drawn = 1 + item.rejections.tie_exact;
      expect(evaluations.count, code).toBe(drawn);
      keySetItemText(item, 0, 1, "json");
      keySetItemText(item, 0, 1, "csv");
      const view = sheetView(item.solution, item.key, item.code, { lang: "zh" });
      renderWorksheets([view], { lang: "zh" });
      renderKeys([view], { lang: "zh" });
      keyOf(item.solution, "classic");
      expect(evaluations.count, `${code}: the key and the sheet read the Solution`).toBe(drawn);
      // Grading reads both chains: the one the key prints is the draw's, the other is evaluated once.
      const p = prepare(item.solution);
      gradePrepared(p, Object.fromEntries(item.key.steps.map((s) => [s.id, s.rounded])));
      gradePrepared(prepare(item.solution), {});
      expect(evaluations.count, `${code}: the other chain, once`).toBe(drawn + 1);
    }
  });

  it("a class's submissions of one code, and of one hand-written exercise, are solved once per batch", () => {
    const [{ code }] = planSet({ preset: "classic-2-3-2", seed: "once-batch", count: 1 });
    const { rejections } = exerciseFromCode(code);
    const ex = parseExercise(JSON.parse(readFileSync(new URL("../../examples/mazur-2-2-2.json", import.meta.url), "utf8")));
    evaluations.count = 0;
    const cache = new PreparedCache();
    for (let k = 0; k < 5; k++) {
      expect(gradeText(`c${k}.json`, JSON.stringify({ code, answers: { z1_1: "0.1" } }), cache).kind).toBe("report");
      expect(gradeText(`e${k}.json`, JSON.stringify({ exercise: ex, answers: { z1_1: "0.3775" } }), cache).kind).toBe("report");
    }
    // The code: its draw (with any refused candidate) and the hand chain; the exercise: both chains.
    expect(evaluations.count).toBe(1 + rejections.tie_exact + 1 + 2);
  });

  it("the site: opening a code, showing its key and givens and checking answers twice", () => {
    const [{ code }] = planSet({ preset: "chain-1-2-2-1", seed: "once-site", count: 1 });
    const { rejections } = exerciseFromCode(code);
    evaluations.count = 0;
    const r = engine.openCode(code);
    if (!r.ok) throw new Error(JSON.stringify(r.problem));
    const key = engine.keyOf(r.opened.solution);
    engine.givens(r.opened.solution);
    const p = engine.prepareGrading(r.opened.solution);
    engine.grade(p, Object.fromEntries(key.steps.map((s) => [s.id, s.rounded])));
    engine.grade(p, {});
    expect(evaluations.count).toBe(1 + rejections.tie_exact + 1);
  });

  it("only solve() evaluates a whole exercise: no other source file imports evaluate", () => {
    const root = new URL("../../", import.meta.url).pathname;
    const IMPORTS_EVALUATE = /import\s*\{[^}]*\bevaluate\b[^}]*\}\s*from\s*"[^"]*\/graph\.js"/;
    const callers: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(join(root, dir))) {
        const rel = join(dir, name);
        if (statSync(join(root, rel)).isDirectory()) walk(rel);
        else if (rel.endsWith(".ts") && IMPORTS_EVALUATE.test(readFileSync(join(root, rel), "utf8"))) callers.push(rel);
      }
    };
    for (const dir of ["generator", "grader", "templates", "site", "cli"]) walk(dir);
    expect(callers.sort()).toEqual(["generator/solution.ts"]);
  });
});

describe("one source of digits", () => {
  it("the key prints, the sheet shows and the grader expects the same rounded strings", () => {
    for (const { code } of planSet({ preset: "random", seed: "digits", count: 20, overrides: { decimals: 3 } })) {
      const item = drawPlanned({ code }, "xigua");
      const view = sheetView(item.solution, item.key, code, { lang: "en" });
      const shown = new Map<string, string>();
      for (const sec of view.sections)
        for (const b of sec.blocks) {
          const cells =
            b.kind === "rows" ? b.rows.flatMap((r) => r.cells.map((c) => c.step))
            : b.kind === "table" ? b.table.lines.flatMap((l) => l.cells)
            : b.items.flatMap((m) => m.rows.flatMap((r) => r.cells.filter((c) => c !== null)));
          for (const c of cells) shown.set(c!.id, c!.rounded);
        }
      const expected = prepare(item.solution).expected;
      expect(shown.size).toBe(item.key.steps.length);
      for (const s of item.key.steps) {
        expect(shown.get(s.id), `${code} ${s.id}`).toBe(s.rounded);
        expect(expected.get(s.id), `${code} ${s.id}`).toBe(s.rounded);
      }
    }
  });

  it("the Solution's chains are the graph evaluated under each carry mode", async () => {
    // Against an independent evaluation: the real evaluate, outside the Solution.
    const { evaluate } = await vi.importActual<typeof import("../../generator/graph.js")>("../../generator/graph.js");
    const { buildGraph } = await import("../../generator/solver.js");
    const { randomExercise } = await import("../helpers/random-exercise.js");
    for (let i = 0; i < 30; i++) {
      const ex = randomExercise(`solution-${i}`);
      const sol = solve(ex);
      const graph = buildGraph(ex);
      for (const carry of ["exact", "rounded"] as const) {
        const want = evaluate(graph, { carry, decimals: ex.decimals, rounding: ex.rounding ?? "half_up" });
        const got = carry === "exact" ? sol.exact : sol.hand;
        for (const st of graph.steps) expect(got.get(st.id)!.eq(want.get(st.id)!), `${i} ${carry} ${st.id}`).toBe(true);
      }
      expect(sol.sheet).toBe(ex.carry === "exact" ? sol.exact : sol.hand);
    }
  });
});
