// The books' presets and every convention combination lay out as sheets and keys in zh and en, in
// every notation, with the labels the books use.
import { describe, expect, it } from "vitest";
import { drawPlanned, planSet } from "../../generator/classset.js";
import { NOTATIONS } from "../../generator/notation.js";
import { parseExercise } from "../../generator/exercise.js";
import { keyOf, solve } from "../../generator/solution.js";
import { renderKeys, renderWorksheets } from "../../templates/render.js";
import { sheetView } from "../../templates/viewmodel.js";

const BOOKS = ["xigua-standard-bp", "han-kamber-3-2-1", "mazur-2-2-2"] as const;

describe("the books' presets on paper", () => {
  for (const preset of BOOKS)
    it(`${preset}: sheets and keys in zh and en, in every notation`, () => {
      for (const notation of NOTATIONS) {
        const [it0] = planSet({ preset, seed: "paper", count: 1 }).map((p) => drawPlanned(p, notation));
        for (const lang of ["zh", "en"] as const) {
          const v = sheetView(it0.solution, it0.key, it0.code, { lang });
          expect(renderWorksheets([v], { lang }).length).toBeGreaterThan(1000);
          expect(renderKeys([v], { lang }).length).toBeGreaterThan(1000);
        }
      }
    });
  it("uses each book's words: Err and Δw (Han & Kamber), g and e with θ, γ (西瓜书), ∂E/∂out and ∂out/∂net (Mazur)", () => {
    const key = (preset: string, notation: (typeof NOTATIONS)[number]) => keyOf(planSet({ preset, seed: "paper", count: 1 }).map((p) => drawPlanned(p, notation))[0].solution, notation);
    const labels = (preset: string, notation: (typeof NOTATIONS)[number]) => key(preset, notation).steps.map((s) => s.label).join(" ");
    expect(labels("han-kamber-3-2-1", "classic")).toContain("\\mathrm{Err}_{o1}");
    expect(labels("han-kamber-3-2-1", "classic")).toContain("\\Delta w_{7}");
    const xg = labels("xigua-standard-bp", "xigua");
    expect(xg).toContain("g^{(1)}_{1}");
    expect(xg).toContain("e^{(2)}_{1}");
    expect(xg).toContain("\\Delta \\theta^{(1)}_{1}");
    const mz = labels("mazur-2-2-2", "classic");
    expect(mz).toContain("\\frac{\\partial E_{\\mathit{total}}}{\\partial \\mathit{out}_{o1}}");
    expect(mz).toContain("\\frac{\\partial \\mathit{out}_{o1}}{\\partial \\mathit{net}_{o1}}");
  });
  it("says on the sheet which conventions it uses, in both languages", () => {
    const [x] = planSet({ preset: "xigua-standard-bp", seed: "paper", count: 1 }).map((p) => drawPlanned(p, "xigua"));
    const zh = renderWorksheets([sheetView(x.solution, x.key, x.code, { lang: "zh" })], { lang: "zh" });
    const en = renderWorksheets([sheetView(x.solution, x.key, x.code, { lang: "en" })], { lang: "en" });
    expect(zh).toContain("逐个处理");
    expect(zh).toContain("阈值 θ 从净输入中减去");
    expect(en).toContain("taken one at a time");
    expect(en).toContain("error term is −∂E/∂z");
  });
  it("lays out a 3-pass, chain-granularity exercise with error terms and thresholds", () => {
    const ex = parseExercise({
      layers: [2, 2, 1], activations: ["sigmoid", "sigmoid"], loss: "half_sse", bias: "shared", updateBiases: true,
      weights: [[["0.1", "0.2"], ["0.3", "0.4"]], [["0.5", "0.6"]]], biases: [["0.1"], ["0.2"]],
      samples: [{ x: ["0.5", "1"], y: ["1"] }, { x: ["1", "0.5"], y: ["0"] }], learningRate: "0.5", decimals: 4, carry: "exact",
      convention: { delta: "error", bias: "subtract" }, granularity: "chain", schedule: "online", iterations: 3,
    });
    const sol = solve(ex);
    for (const notation of NOTATIONS)
      for (const lang of ["zh", "en"] as const) {
        const v = sheetView(sol, keyOf(sol, notation), "passes", { lang });
        expect(renderKeys([v], { lang })).toContain(`data-step="newW2_1_1@2#3"`);
      }
  });
});
