// Writes the golden corpus of exercise codes (test/fixtures/golden/*.json): run only when adding a
// new generator version; codes of an existing version must never change (test/generator/golden.test.ts).
import { writeFileSync, mkdirSync } from "node:fs";
import { generateSet, type Overrides } from "../generator/classset.js";
import { PRESETS } from "../generator/presets.js";
import { CODE_VERSION } from "../generator/code.js";

interface SetSpec {
  readonly file: string;
  readonly preset: string;
  readonly seed: string;
  readonly count: number;
  readonly overrides: Overrides;
}

const SPECS: SetSpec[] = [
  ...PRESETS.map((p) => ({ file: p.name, preset: p.name, seed: "golden", count: p.name === "softmax-2-4-4-3" ? 20 : 30, overrides: {} })),
  { file: "classic-2-3-2.knobs", preset: "classic-2-3-2", seed: "knobs", count: 15, overrides: { decimals: 3, carry: "rounded", learningRate: "0.25", updateBiases: true } },
  { file: "relu-2-3-1.knobs", preset: "relu-2-3-1", seed: "knobs", count: 10, overrides: { decimals: 6, learningRate: "1.5", updateBiases: false } },
  { file: "random.knobs", preset: "random", seed: "knobs", count: 20, overrides: { decimals: 2, carry: "rounded" } },
  { file: "softmax-2-4-4-3.knobs", preset: "softmax-2-4-4-3", seed: "knobs", count: 5, overrides: { decimals: 5, carry: "rounded", learningRate: "0.05" } },
];

const dir = new URL("../test/fixtures/golden/", import.meta.url);
mkdirSync(dir, { recursive: true });
let total = 0;
for (const spec of SPECS) {
  const items = generateSet({ preset: spec.preset, seed: spec.seed, count: spec.count, overrides: spec.overrides });
  const corpus = {
    version: CODE_VERSION,
    set: { preset: spec.preset, seed: spec.seed, count: spec.count, overrides: spec.overrides },
    exercises: items.map((it) => ({
      code: it.code,
      exercise: it.exercise,
      key: it.key.steps.map((s) => ({ id: s.id, value: s.value, rounded: s.rounded })),
    })),
  };
  // One exercise per line, so a diff points at the code that changed.
  const lines = corpus.exercises.map((e) => JSON.stringify(e)).join(",\n");
  const text = `{"version":${corpus.version},"set":${JSON.stringify(corpus.set)},"exercises":[\n${lines}\n]}\n`;
  writeFileSync(new URL(`v${CODE_VERSION}.${spec.file}.json`, dir), text);
  total += items.length;
}
process.stdout.write(`wrote ${total} golden exercises in ${SPECS.length} files\n`);
