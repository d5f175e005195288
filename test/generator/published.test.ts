// Published hand-worked examples, reproduced to the decimals each source prints (see fixtures/published/README.md).
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseExercise } from "../../generator/exercise.js";
import { applyStep, evaluate } from "../../generator/graph.js";
import { buildGraph } from "../../generator/solver.js";

interface Fixture {
  source: string;
  url: string;
  exercise: unknown;
  expected: Record<string, string>;
}

const dir = new URL("../fixtures/published/", import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith(".json"));

describe("published worked examples", () => {
  it("has at least three sources", () => expect(files.length).toBeGreaterThanOrEqual(3));

  for (const file of files) {
    const fx = JSON.parse(readFileSync(new URL(file, dir), "utf8")) as Fixture;
    it(`${file}: ${fx.source}`, () => {
      const ex = parseExercise(fx.exercise);
      const graph = buildGraph(ex);
      // The source's own chain: full precision, or every step rounded to its printed decimals.
      const chain = evaluate(graph, { carry: ex.carry, decimals: ex.decimals, rounding: "half_up" });
      for (const [id, printed] of Object.entries(fx.expected)) {
        const places = printed.includes(".") ? printed.split(".")[1].length : 0;
        const step = graph.byId.get(id);
        expect(step, `${file}: no step ${id}`).toBeDefined();
        // A value printed with more decimals than the chain carries (Han & Kamber print Err to 4
        // while carrying 3) is that step's own function on the carried inputs, rounded as printed.
        const value = applyStep(step!.fn, step!.deps, chain);
        expect(value.toFixed(places), `${file}: ${id}`).toBe(printed);
      }
    });
  }
});
