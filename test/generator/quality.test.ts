// Every quality rule of issue 4 on the exact keys of hundreds to a thousand accepted draws per fixed preset
// (each accepted draw stands on several rejected candidates, all checked by the float filter).
import { describe, it } from "vitest";
import { runDraws } from "./quality-rules.js";

const RUNS = [
  { preset: "classic-2-3-2", count: 400 },
  { preset: "chain-1-2-2-1", count: 300 },
  { preset: "relu-2-3-1", count: 400 },
  { preset: "logistic", count: 1000 },
  { preset: "softmax-2-4-4-3", count: 80 },
  { preset: "warmup-2-2-2", count: 600 },
];

describe("quality rules on accepted draws", () => {
  for (const run of RUNS)
    it(`${run.preset}: ${run.count} draws pass every rule, each within a few hundred tries`, () => runDraws(run), 60000);
});
