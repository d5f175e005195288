// The key's working adds up (issue 17 item 3): on every line, doing the arithmetic shown, with the
// digits shown, rounds to the answer printed on that line. The checker (generator/evaluate-formula.ts)
// reads the formula tree, not the step's function; a hand check of one line is below.
import { describe, expect, it } from "vitest";
import { generateSet } from "../../generator/classset.js";
import { evaluateWorking } from "../../generator/evaluate-formula.js";
import { num, row, op, toLatex } from "../../generator/formula.js";
import { Q } from "../../generator/num/q.js";
import { PRESETS } from "../../generator/presets.js";
import { solve } from "../../generator/solution.js";
import { workingOf } from "../../generator/working.js";
import { sheetView } from "../../templates/viewmodel.js";
import { ACTIVATIONS } from "../../generator/ops/index.js";

describe("the checker", () => {
  it("does the issue's line as written: (−0.15) − 0.5·(−0.0529) = −0.12355, which does not round to −0.1235 half up", () => {
    const line = row(num("-0.15"), op("-"), num("0.5"), op("cdot"), num("-0.0529"));
    expect(evaluateWorking(line).toFixed(4)).toBe("-0.1236");
    // σ(0) = 1/(1+e^0) = 0.5 exactly; tanh′ at a = −0.5: 1 − 0.25 = 0.75.
    expect(evaluateWorking(ACTIVATIONS.sigmoid.formula(num("0"))).toFixed(6)).toBe("0.500000");
    expect(evaluateWorking(ACTIVATIONS.tanh.derivativeFormula!(num("0.2"), num("-0.5"), { leakySlope: Q.dec("0.01") })).toFixed(4)).toBe("0.7500");
  });
});

describe("every working line rounds to its printed answer", () => {
  it("over thousands of keys of every preset and several seeds", () => {
    let lines = 0;
    let guarded = 0;
    const wrong: string[] = [];
    for (const p of PRESETS) {
      for (const seed of ["w1", "w2", "w3"]) {
        for (const it of generateSet({ preset: p.name, seed, count: p.name.includes("softmax") || p.name.includes("batch") ? 8 : 25 })) {
          const sol = solve(it.exercise);
          const work = workingOf(sol);
          const alpha = Q.dec(it.exercise.leakySlope ?? "0.01");
          sol.graph.steps.forEach((st, k) => {
            const w = work[k];
            if (!w) return;
            lines++;
            if (w.guard > 0) guarded++;
            const got = evaluateWorking(w.formula, { alpha }).toFixed(it.exercise.decimals, it.exercise.rounding ?? "half_up");
            if (got !== sol.answers[k].rounded) wrong.push(`${it.code} ${st.id}: ${toLatex(w.formula)} -> ${got}, printed ${sol.answers[k].rounded}`);
          });
        }
      }
    }
    console.log(`working lines checked: ${lines}, with guard digits: ${guarded}`);
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(lines).toBeGreaterThan(5000);
  });

  it("the HTML key shows that working, in zh and en, with one set of parentheses", () => {
    for (const p of PRESETS.slice(0, 4)) {
      const [it] = generateSet({ preset: p.name, seed: "w-view", count: 1 });
      const sol = solve(it.exercise);
      const work = workingOf(sol);
      for (const lang of ["zh", "en"] as const) {
        const v = sheetView(sol, it.key, it.code, { lang });
        const shown = new Map<string, string>();
        const visit = (x: unknown): void => {
          if (x && typeof x === "object") {
            const o = x as Record<string, unknown>;
            if (typeof o.id === "string" && typeof o.substituted === "string") shown.set(o.id, o.substituted);
            Object.values(o).forEach(visit);
          }
        };
        visit(v.sections);
        sol.graph.steps.forEach((st, k) => {
          if (work[k] && shown.has(st.id)) expect(shown.get(st.id)).toBe(toLatex(work[k]!.formula));
        });
        expect([...shown.values()].join("\n")).not.toMatch(/\\(sigma|max|tanh|exp|ln)\(\(-/);
      }
    }
  });
});
