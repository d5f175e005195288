// Partial sheets (`ask`): the steps not asked are printed as givens, rounded, and the asked steps are
// keyed, shown and graded from those printed numbers.
import { describe, expect, it } from "vitest";
import { parseExercise } from "../../generator/exercise.js";
import { keyOf, solve } from "../../generator/solution.js";
import { gradeSubmission } from "../../grader/grade.js";
import { renderWorksheets } from "../../templates/render.js";
import { sheetView } from "../../templates/viewmodel.js";
import { ExerciseError } from "../../generator/exercise.js";

// Mazur's 2-2-2 network (see fixtures/published/mazur-2015.json), asking only for w5⁺ and w1⁺.
const base = {
  layers: [2, 2, 2], activations: ["sigmoid", "sigmoid"], loss: "half_sse", bias: "shared", updateBiases: false,
  weights: [[["0.15", "0.20"], ["0.25", "0.30"]], [["0.40", "0.45"], ["0.50", "0.55"]]], biases: [["0.35"], ["0.60"]],
  samples: [{ x: ["0.05", "0.10"], y: ["0.01", "0.99"] }], learningRate: "0.5", decimals: 4, carry: "exact",
};
const ex = parseExercise({ ...base, ask: ["newW2_1_1", "newW1_1_1"] });

describe("ask: compute w5⁺ and w1⁺ only", () => {
  it("keys w5⁺ from the printed, rounded givens, as the student computes it", () => {
    // Printed to 4 decimals (Mazur's values rounded): out_h1 = 0.5933, δ_o1 = 0.1385, so
    // ∂E/∂w5 = 0.1385 · 0.5933 = 0.08217205 → printed 0.0822, and w5⁺ = 0.4 − 0.5 · 0.0822 = 0.3589.
    const sol = solve(ex);
    const key = keyOf(sol);
    const step = (id: string) => key.steps.find((s) => s.id === id)!;
    expect(step("a1_1").rounded).toBe("0.5933");
    expect(step("delta2_1").rounded).toBe("0.1385");
    expect(step("dW2_1_1").rounded).toBe("0.0822");
    expect(sol.exact.get("newW2_1_1")!.toPlain()).toBe("0.3589");
    expect(step("newW2_1_1").asked).toBe(true);
    expect(step("dW2_1_1").asked).toBe(false);
  });
  it("grades the asked steps only: two right answers are full marks", () => {
    const sol = solve(ex);
    const key = keyOf(sol);
    const answers = Object.fromEntries(key.steps.filter((s) => s.asked).map((s) => [s.id, s.rounded]));
    const r = gradeSubmission(sol, answers);
    expect(r.steps.map((s) => s.id).sort()).toEqual(["newW1_1_1", "newW2_1_1"]);
    expect(r.score).toBe(r.max);
    expect(r.max).toBe(2);
    const empty = gradeSubmission(sol, {});
    expect(empty.score).toBe(0);
  });
  it("prints the other steps' numbers where boxes would be, and boxes only for the asked ones", () => {
    const sol = solve(ex);
    const html = renderWorksheets([sheetView(sol, keyOf(sol), "ask", { lang: "en" })], { lang: "en" });
    const boxes = [...html.matchAll(/class="box" data-step="([^"]+)"/g)].map((m) => m[1]).sort();
    expect(boxes).toEqual(["newW1_1_1", "newW2_1_1"]);
    expect(html).toContain("0.0822");
  });
  it("accepts kinds and phases, and refuses a step the exercise does not have in one line", () => {
    const phases = solve(parseExercise({ ...base, ask: ["update", "newE"] }));
    expect([...phases.asked!].sort()).toEqual(["newE", "newW1_1_1", "newW1_1_2", "newW1_2_1", "newW1_2_2", "newW2_1_1", "newW2_1_2", "newW2_2_1", "newW2_2_2"]);
    expect(() => solve(parseExercise({ ...base, ask: ["newW3_1_1"] }))).toThrow(ExerciseError);
    expect(() => parseExercise({ ...base, ask: ["forwards"] })).toThrow(ExerciseError);
    expect(() => parseExercise({ ...base, ask: [] })).toThrow(ExerciseError);
  });
});
