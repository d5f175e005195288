// Rounded carry differs from exact carry exactly where a hand computation does.
import { describe, expect, it } from "vitest";
import { parseExercise } from "../../generator/exercise.js";
import { keyOf, solve } from "../../generator/solution.js";
import { randomExercise } from "../helpers/random-exercise.js";
import { buildGraph } from "../../generator/solver.js";
import { evaluate } from "../../generator/graph.js";

// Han & Kamber's 3-2-1 network (test/fixtures/published/han-kamber-2012.json), to 4 decimals.
const hanKamber = (carry: "exact" | "rounded", decimals: number) =>
  parseExercise({
    layers: [3, 2, 1], activations: ["sigmoid", "sigmoid"], loss: "half_sse", bias: "per_neuron", updateBiases: true,
    weights: [[["0.2", "0.4", "-0.5"], ["-0.3", "0.1", "0.2"]], [["-0.3", "-0.2"]]],
    biases: [["-0.4", "0.2"], ["0.1"]],
    samples: [{ x: ["1", "0", "1"], y: ["1"] }],
    learningRate: "0.9", decimals, carry,
  });
const rounded = (ex: ReturnType<typeof hanKamber>) => new Map(keyOf(solve(ex)).steps.map((s) => [s.id, s.rounded]));

describe("rounded carry", () => {
  it("matches a hand computation with 3-decimal intermediate values", () => {
    const r = rounded(hanKamber("rounded", 3));
    const e = rounded(hanKamber("exact", 3));
    // By hand: z1_1 = 0.2 − 0.5 − 0.4 = −0.7 → σ = 0.331812… ≈ 0.332; z1_2 = −0.3 + 0.2 + 0.2 = 0.1 → 0.524979 ≈ 0.525.
    expect([r.get("a1_1"), r.get("a1_2")]).toEqual(["0.332", "0.525"]);
    // z2_1 = −0.3·0.332 − 0.2·0.525 + 0.1 = −0.0996 − 0.105 + 0.1 = −0.1046 → −0.105 (carried);
    // exact: −0.3·0.331812 − 0.2·0.524979 + 0.1 = −0.104539… → −0.105 as well.
    expect(r.get("z2_1")).toBe("-0.105");
    expect(e.get("z2_1")).toBe("-0.105");
    // a2_1 = σ(−0.105) = 0.473774… ≈ 0.474 by hand; exact carry has σ(−0.104539…) = 0.473889… ≈ 0.474.
    // δ = (a − t)·a(1 − a): by hand (0.474 − 1)·0.474·0.526 = −0.131144… → −0.131;
    // exact: (0.473889 − 1)·0.473889·0.526111 = −0.131169… → −0.131.
    expect(r.get("delta2_1")).toBe("-0.131");
    expect(e.get("delta2_1")).toBe("-0.131");
    // The hidden δ₁ = w·δ·a(1−a): by hand −0.3·(−0.131)·0.332·0.668 = 0.0087158… → 0.009;
    // exact −0.3·(−0.131169)·0.331812·0.668188 = 0.0087246… → 0.009.
    expect(r.get("delta1_1")).toBe("0.009");
    // dW2_1_1 = δ·a1_1: by hand −0.131·0.332 = −0.043492 → −0.043; exact −0.131169·0.331812 = −0.0435237 → −0.044.
    expect(r.get("dW2_1_1")).toBe("-0.043");
    expect(e.get("dW2_1_1")).toBe("-0.044");
    // newW2_1_1 = −0.3 − 0.9·dW: by hand −0.3 + 0.9·0.043 = −0.2613 → −0.261; exact −0.3 + 0.9·0.0435237 = −0.260829 → −0.261.
    expect(r.get("newW2_1_1")).toBe("-0.261");
    expect(e.get("newW2_1_1")).toBe("-0.261");
  });

  it("leaves the first forward step (givens only) identical, and rounds every carried value", () => {
    for (let k = 0; k < 40; k++) {
      const ex = randomExercise(`carry-${k}`);
      const g = buildGraph(ex);
      const exact = evaluate(g, { carry: "exact", decimals: ex.decimals, rounding: "half_up" });
      const carried = evaluate(g, { carry: "rounded", decimals: ex.decimals, rounding: "half_up" });
      for (const step of g.steps) {
        const v = carried.get(step.id)!;
        // What the rounded chain carries is a number with at most `decimals` decimals.
        expect(v.eq(v.round(ex.decimals)), `${step.id} carried as ${v.toPlain()}`).toBe(true);
        // Steps computed from givens alone agree in both chains.
        if (step.deps.every((d) => g.givens.has(d))) expect(v.toFixed(ex.decimals)).toBe(exact.get(step.id)!.toFixed(ex.decimals));
      }
    }
  });
});
