// Quality rules under overridden knobs and for the random preset; impossible knobs fail in words.
import { describe, expect, it } from "vitest";
import { runDraws } from "./quality-rules.js";
import { drawExercise, structuralTieShare } from "../../generator/draw.js";
import { codeKnobs, knobsOf } from "../../generator/classset.js";
import { PRESETS, presetByName } from "../../generator/presets.js";

const RUNS = [
  { preset: "random", count: 400 },
  { preset: "classic-2-3-2", count: 150, overrides: { decimals: 2, carry: "rounded" as const, updateBiases: true, learningRate: "0.2" } },
  { preset: "random", count: 150, overrides: { decimals: 3, carry: "rounded" as const, learningRate: "1" } },
  { preset: "relu-2-3-1", count: 150, overrides: { decimals: 6, learningRate: "2" } },
  // Rounded carry with a batch of 2 or 4: the mean loss (E¹ + E²)/2 of rounded terms ties half the time.
  { preset: "softmax-2-4-4-3", count: 30, overrides: { decimals: 5, carry: "rounded" as const, learningRate: "0.4" }, maxTries: 1000 },
];

describe("quality rules with knobs", () => {
  for (const run of RUNS)
    it(`${run.preset} ${JSON.stringify(run.overrides ?? {})}: ${run.count} draws pass every rule`, () => runDraws(run), 60000);

  it("carry rounded with η = 0.5 on 2-3-2 is hopeless (updates end in 5 half the time) and says so", () => {
    // 0.5·g for g on the 10^-d grid ends in 5 one place further whenever g's last digit is odd: 50%.
    expect(structuralTieShare("0.5")).toBe(0.5);
    expect(structuralTieShare("0.25")).toBe(0.25); // 25·m ≡ 50 (mod 100) ⇔ m ≡ 2 (mod 4)
    expect(structuralTieShare("0.2")).toBe(0); // 20·m is never ≡ 50 (mod 100)
    expect(structuralTieShare("1")).toBe(0);
    const p = presetByName("classic-2-3-2")!;
    expect(() => drawExercise(p, knobsOf(p, codeKnobs(p, { carry: "rounded", decimals: 2, updateBiases: true })), 1)).toThrowWords(
      /with carry rounded, η = 0\.5 puts 50% of the updated weights exactly on a tie; use a learning rate such as 0\.2, 0\.4 or 1, or carry exact/,
    );
  });

  it("random covers its whole space of shapes, activations, losses and bias modes", () => {
    const preset = presetByName("random")!;
    const seen = { hidden: new Set<number>(), units: new Set<number>(), acts: new Set<string>(), loss: new Set<string>(), bias: new Set<string>() };
    for (let i = 0; i < 300; i++) {
      const { exercise: ex } = drawExercise(preset, preset.knobs, i);
      seen.hidden.add(ex.layers.length - 2);
      ex.layers.slice(1, -1).forEach((u) => seen.units.add(u));
      ex.activations.forEach((a) => seen.acts.add(a));
      seen.loss.add(ex.loss);
      seen.bias.add(ex.bias);
      let w = 0;
      for (let l = 1; l < ex.layers.length; l++) w += ex.layers[l] * ex.layers[l - 1];
      expect(w).toBeLessThanOrEqual(20);
    }
    expect([...seen.hidden].sort()).toEqual([1, 2]);
    expect([...seen.units].sort()).toEqual([1, 2, 3, 4]);
    expect([...seen.acts].sort()).toEqual(["leaky_relu", "linear", "relu", "sigmoid", "softmax", "tanh"]);
    expect([...seen.loss].sort()).toEqual(["bce", "cce", "half_sse", "mse"]);
    expect([...seen.bias].sort()).toEqual(["per_neuron", "shared"]);
  });

  it("logistic draws both 2 and 3 inputs; softmax batches of 2, 3 and 4", () => {
    const logistic = presetByName("logistic")!;
    const softmax = presetByName("softmax-2-4-4-3")!;
    const sizes = new Set<number>();
    const batches = new Set<number>();
    for (let i = 0; i < 40; i++) sizes.add(drawExercise(logistic, logistic.knobs, i).exercise.layers[0]);
    for (let i = 0; i < 40; i++) batches.add(drawExercise(softmax, softmax.knobs, i).exercise.samples.length);
    expect([...sizes].sort()).toEqual([2, 3]);
    expect([...batches].sort()).toEqual([2, 3, 4]);
  });

  it("every preset is valid data: unique names and code ids, 2-decimal grids, codeable knobs", () => {
    expect(new Set(PRESETS.map((p) => p.name)).size).toBe(PRESETS.length);
    expect(new Set(PRESETS.map((p) => p.codeId)).size).toBe(PRESETS.length);
    for (const p of PRESETS) {
      expect(p.codeId).toBeGreaterThanOrEqual(0);
      expect(p.codeId).toBeLessThan(16);
      for (const g of [p.grids.weights, p.grids.biases, p.grids.inputs]) for (const s of [g.min, g.max, g.step]) expect(s).toMatch(/^-?\d+(\.\d{1,2})?$/);
      expect(p.knobs.decimals).toBeGreaterThanOrEqual(2);
      expect(p.knobs.decimals).toBeLessThanOrEqual(6);
      expect(Math.round(Number(p.knobs.learningRate) * 100)).toBe(Number(p.knobs.learningRate) * 100);
      expect(p.description.en.length).toBeGreaterThan(10);
      expect(p.description.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
