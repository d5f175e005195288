// Every quality rule of issue 4 on the exact keys of thousands of accepted draws per fixed preset (the big
// softmax batches: a thousand); each accepted draw stands on several rejected candidates, all float-checked.
import { describe, it } from "vitest";
import { runDraws } from "./quality-rules.js";

const RUNS = [
  { preset: "classic-2-3-2", count: 2000 },
  { preset: "chain-1-2-2-1", count: 2000 },
  { preset: "relu-2-3-1", count: 2000 },
  { preset: "logistic", count: 3000 },
  { preset: "softmax-2-4-4-3", count: 1000 },
  { preset: "warmup-2-2-2", count: 2000 },
];

describe("quality rules on accepted draws", () => {
  for (const run of RUNS)
    it(`${run.preset}: ${run.count} draws pass every rule, each within a few hundred tries`, () => runDraws(run), 300000);
});
