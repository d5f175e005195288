// Marks that can't be gamed (issue 15): sheets filled in rather than worked score at most 10 %, on every preset.
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { generateSet } from "../../generator/classset.js";
import { PRESETS } from "../../generator/presets.js";
import { gradeSubmission } from "../../grader/grade.js";

const SEEDS = 24;

describe.each(PRESETS.map((p) => p.name))("%s: degenerate sheets", (preset) => {
  const set = generateSet({ preset, seed: "gaming", count: SEEDS });
  const rng = seedrandom(`gaming-${preset}`);

  it("all ones, every box a copied given, and random digits score at most 10 %", () => {
    for (const it of set) {
      const ids = it.solution.graph.steps.map((s) => s.id);
      const givens = [...it.solution.graph.givens.values()].map((q) => q.toPlain());
      const sheets = {
        ones: ids.map(() => "1"),
        given: ids.map(() => givens[0]),
        givens: ids.map((_, k) => givens[k % givens.length]),
        random: ids.map(() => (rng() * 2 - 1).toFixed(it.exercise.decimals)),
      };
      for (const [name, values] of Object.entries(sheets)) {
        const r = gradeSubmission(it.solution, Object.fromEntries(ids.map((id, k) => [id, values[k]])));
        expect(r.score / r.max, `${it.code} ${name}`).toBeLessThanOrEqual(0.1);
      }
    }
  });

  it("an all-zero sheet earns at most 10 % beyond the steps whose answer really is 0", () => {
    for (const it of set) {
      const ids = it.solution.graph.steps.map((s) => s.id);
      const r = gradeSubmission(it.solution, Object.fromEntries(ids.map((id) => [id, "0"])));
      // A dead ReLU's output, δ and gradients are 0 on the key: writing 0 there is right, not gamed.
      const zeroOnKey = r.steps.filter((s) => Number(s.expected) === 0).reduce((m, s) => m + s.points, 0);
      expect((r.score - zeroOnKey) / r.max, it.code).toBeLessThanOrEqual(0.1);
    }
  });
});
