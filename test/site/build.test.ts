// The site build: the slim zod in the browser bundle says exactly what Node says; KaTeX CSS keeps woff2 only.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { packageRoot, woff2Only, zodLite } from "../../site/build.js";
import { parseExercise } from "../../generator/exercise.js";

const mazur = JSON.parse(readFileSync("examples/mazur-2-2-2.json", "utf8")) as Record<string, unknown>;
const softmax = JSON.parse(readFileSync("examples/softmax-batch-2-4-4-3.json", "utf8")) as Record<string, unknown>;

/** Bad (and good) exercises touching every schema builder the validator uses. */
const CASES: readonly unknown[] = [
  mazur,
  softmax,
  null,
  [],
  "exercise",
  {},
  { ...mazur, layers: "2-2-2" },
  { ...mazur, layers: [2, 2.5, 2] },
  { ...mazur, activations: ["sigmoid", "sigmod"] },
  { ...mazur, loss: 3 },
  { ...mazur, weights: [[["0.15", 0.2], ["0.25", "0.30"]], [["0.40", "0.45"], ["0.50", "0.55"]]] },
  { ...mazur, weights: [[["0.15", "x"]]] },
  { ...mazur, biases: "0.35" },
  { ...mazur, samples: [{ x: ["0.05", "0.10"], y: ["0.01", "0.99"], z: [] }] },
  { ...mazur, samples: [3] },
  { ...mazur, samples: [{ x: ["0.05", "0.10"] }] },
  { ...mazur, learningRate: 0.5 },
  { ...mazur, decimals: 13 },
  { ...mazur, carry: "rounding" },
  { ...mazur, rounding: "bankers" },
  { ...mazur, leakySlope: true },
  { ...mazur, grading: "strict" },
  { ...mazur, grading: { tolerance: 1 } },
  { ...mazur, updateBiases: "yes" },
  { ...mazur, extra: 1, more: 2 },
  { ...mazur, layers: undefined },
];

function outcome(parse: (v: unknown) => unknown, v: unknown): string {
  try {
    return `ok ${JSON.stringify(parse(v))}`;
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
}

describe("the browser bundle's zod", () => {
  it("validates exercises with the same results and messages as Node", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bpdrill-zod-"));
    const entry = join(dir, "entry.ts");
    writeFileSync(entry, `export { parseExercise } from ${JSON.stringify(join(packageRoot(), "generator/exercise.ts"))};\n`);
    const out = join(dir, "bundle.mjs");
    const r = await build({ entryPoints: [entry], outfile: out, bundle: true, format: "esm", platform: "neutral", mainFields: ["module", "main"], plugins: [zodLite()], metafile: true, logLevel: "error" });
    const inputs = Object.keys(r.metafile.inputs);
    expect(inputs.some((p) => p.includes("zod/v4/mini"))).toBe(true);
    expect(inputs.some((p) => p.includes("zod/v4/classic"))).toBe(false);
    const slim = (await import(pathToFileURL(out).href)) as { parseExercise: (v: unknown) => unknown };
    const results = CASES.map((c) => [outcome(slim.parseExercise, c), outcome(parseExercise, c)]);
    for (const [got, want] of results) expect(got).toBe(want);
    // Everything but the two examples and the object-valued grading settings is refused.
    expect(results.filter(([, want]) => want.startsWith("ExerciseError")).length).toBe(CASES.length - 3);
  });
});

describe("KaTeX's stylesheet", () => {
  it("keeps only the woff2 source of each font", () => {
    const css = '@font-face{font-family:KaTeX_AMS;src:url(fonts/KaTeX_AMS-Regular.woff2) format("woff2"),url(fonts/KaTeX_AMS-Regular.woff) format("woff"),url(fonts/KaTeX_AMS-Regular.ttf) format("truetype")}';
    expect(woff2Only(css)).toBe('@font-face{font-family:KaTeX_AMS;src:url(fonts/KaTeX_AMS-Regular.woff2) format("woff2")}');
  });
});
