// The network diagram: every weight on its edge, no two labels overlapping, up to 4 units and 4 weight layers.
import { describe, expect, it } from "vitest";
import { parseExercise, type Exercise } from "../../generator/exercise.js";
import { diagramSvg, layoutDiagram, type Box } from "../../templates/diagram.js";
import { formatNumber } from "../../templates/number.js";
import { goldenCases } from "./golden.js";

function net(layers: number[], bias: "shared" | "per_neuron" | "none", samples = 1): Exercise {
  let k = 0;
  // Distinct, varied-length values so a test can find each label by its text.
  const v = () => { k++; return (k % 3 === 0 ? "-" : "") + `0.${String(k).padStart(2, "0")}`; };
  return parseExercise({
    layers, activations: layers.slice(1).map(() => "sigmoid"), loss: "half_sse", bias, updateBiases: bias !== "none",
    weights: layers.slice(1).map((n, l) => Array.from({ length: n }, () => Array.from({ length: layers[l] }, v))),
    biases: bias === "none" ? [] : layers.slice(1).map((n) => Array.from({ length: bias === "shared" ? 1 : n }, v)),
    samples: Array.from({ length: samples }, () => ({ x: layers.slice(0, 1).flatMap((n) => Array.from({ length: n }, v)), y: Array.from({ length: layers[layers.length - 1] }, v) })),
    learningRate: "0.5", decimals: 4, carry: "exact",
  });
}

const area = (a: Box, b: Box) =>
  Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));

const shapes: [number[], "shared" | "per_neuron" | "none", number][] = [
  [[2, 2, 2], "shared", 1], [[4, 4, 4, 4], "per_neuron", 1], [[4, 4, 4, 4, 4], "shared", 1], [[3, 4, 4, 3], "per_neuron", 3],
  [[1, 2, 2, 1], "none", 1], [[4, 1], "per_neuron", 1], [[2, 4, 4, 3], "per_neuron", 4],
];

describe("diagram", () => {
  for (const [layers, bias, samples] of shapes) {
    it(`${layers.join("-")} ${bias} bias, ${samples} sample(s): labels never overlap and every weight is written`, () => {
      const ex = net(layers, bias, samples);
      const lay = layoutDiagram(ex);
      for (let a = 0; a < lay.labels.length; a++)
        for (let b = a + 1; b < lay.labels.length; b++)
          expect(area(lay.labels[a], lay.labels[b]), `${lay.labels[a].text} / ${lay.labels[b].text}`).toBe(0);
      for (const l of lay.labels) {
        expect(l.x).toBeGreaterThanOrEqual(0);
        expect(l.x + l.w).toBeLessThanOrEqual(lay.width);
      }
      const weights = lay.labels.filter((l) => l.kind === "weight").map((l) => l.text).sort();
      expect(weights).toEqual(ex.weights.flat(2).map(formatNumber).sort());
      // Inputs and targets sit beside their neurons only for one sample; a batch shows them in a table.
      expect(lay.labels.filter((l) => l.kind === "input")).toHaveLength(samples === 1 ? layers[0] : 0);
      const biasCount = bias === "none" ? 0 : bias === "shared" ? layers.length - 1 : layers.slice(1).reduce((s, n) => s + n, 0);
      expect(lay.labels.filter((l) => l.kind === "bias")).toHaveLength(biasCount);
    });
  }
  it("is a well-formed SVG for every example", () => {
    for (const c of goldenCases()) {
      const svg = diagramSvg(c.exercise, { input: "in", hidden: "hid", output: "out", target: "t" });
      expect(svg.startsWith("<svg")).toBe(true);
      expect(svg.endsWith("</svg>")).toBe(true);
      expect(svg).not.toMatch(/NaN|undefined/);
    }
  });
});
