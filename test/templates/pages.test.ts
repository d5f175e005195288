// Page budgets of the Typst PDFs: every one-sample preset's worksheet on one A4 page, the softmax batch worksheet
// (four samples, 8 mm grid cells) on three, every step still boxed and keyed.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseExercise, parseExerciseText } from "../../generator/exercise.js";
import { buildGraph } from "../../generator/solver.js";
import { keyOf, solve } from "../../generator/solution.js";
import { formatNumber } from "../../templates/number.js";
import { bpdrillAsync } from "../helpers/cli.js";

const tmp = mkdtempSync(join(tmpdir(), "bpdrill-pages-"));
const pages = (pdf: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))![1]);

/** Prints one worksheet as PDF and as HTML with the same arguments. */
async function print(kind: "worksheet" | "key", name: string, args: readonly string[]): Promise<{ pdf: string; html: string }> {
  const pdf = join(tmp, `${name}.pdf`);
  const html = join(tmp, `${name}.html`);
  for (const out of [pdf, html]) {
    const r = await bpdrillAsync([kind, ...args, "--out", out]);
    expect(r.code, r.stderr).toBe(0);
  }
  return { pdf, html: readFileSync(html, "utf8") };
}

const SOFTMAX = ["--preset", "softmax-2-4-4-3", "--seed", "pages"];
const softmaxExercise = async () => parseExercise(JSON.parse((await bpdrillAsync(["generate", ...SOFTMAX, "--count", "1"])).stdout)[0].exercise);

/** Worksheets of `count` exercises in one PDF: each sheet starts a page, so one page per sheet means pages === count. */
const sheetPages = async (name: string, args: readonly string[]) => {
  const pdf = join(tmp, `${name}.pdf`);
  const r = await bpdrillAsync(["worksheet", ...args, "--out", pdf]);
  expect(r.code, r.stderr).toBe(0);
  return pages(pdf);
};

// Not every one-sample preset: "random" draws up to 20 weights with per-neuron biases (83 boxes), which takes two pages.
const ONE_PAGE = ["warmup-2-2-2", "logistic", "chain-1-2-2-1", "relu-2-3-1"] as const;

/** Printed height (pt) of the exercise code in the header of page 1: smaller when Chromium shrank the page to fit. */
const codeHeight = (pdf: string): number => {
  const word = /<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">BP1-/.exec(execFileSync("pdftotext", ["-bbox", "-f", "1", "-l", "1", pdf, "-"], { encoding: "utf8" }));
  expect(word, `no code on page 1 of ${pdf}`).not.toBeNull();
  return Number(word![2]) - Number(word![1]);
};

describe("pages never shrunk to fit", () => {
  // A random draw with binary cross-entropy over three outputs: its loss formula is about 250 mm
  // long in classic labels, wider than the page; it used to make Chromium scale the whole page to ~72%.
  it("a loss formula wider than the line is scaled down whole, and the sheet and key keep their size", async () => {
    const normal = join(tmp, "normal.pdf");
    expect((await bpdrillAsync(["worksheet", "--preset", "classic-2-3-2", "--seed", "pages", "--count", "1", "--lang", "en", "--out", normal])).code).toBe(0);
    const sheet = join(tmp, "wide.pdf");
    const key = join(tmp, "wide-key.pdf");
    const r = await bpdrillAsync(["worksheet", "--code", "BP1-GRYF-QBZP", "--lang", "en", "--out", sheet, "--keys", key]);
    expect(r.code, r.stderr).toBe(0);
    for (const pdf of [sheet, key]) expect(codeHeight(pdf) / codeHeight(normal)).toBeCloseTo(1, 2);
  });
});

describe("page budgets", () => {
  for (const notation of ["classic", "matrix", "xigua"] as const)
    for (const lang of ["zh", "en"] as const)
      it(`classic-2-3-2, ${lang}, ${notation} labels: one page per worksheet`, async () => {
        expect(await sheetPages(`classic-${lang}-${notation}`, ["--preset", "classic-2-3-2", "--seed", "pages", "--count", "2", "--lang", lang, "--notation", notation])).toBe(2);
      });
  // English with matrix labels is the widest combination; Chinese with classic labels the default.
  for (const [lang, notation] of [["en", "matrix"], ["zh", "classic"]] as const)
    for (const preset of ONE_PAGE)
      it(`${preset}, ${lang}, ${notation} labels: one page per worksheet`, async () => {
        expect(await sheetPages(`${preset}-${lang}-${notation}`, ["--preset", preset, "--seed", "pages", "--count", "2", "--lang", lang, "--notation", notation])).toBe(2);
      });
  for (const lang of ["zh", "en"] as const) {
    it(`${lang}: the mazur 2-2-2 worksheet is one page`, async () => {
      expect(pages((await print("worksheet", `mazur-${lang}`, ["--exercise", "examples/mazur-2-2-2.json", "--lang", lang])).pdf)).toBe(1);
    });
    for (const notation of ["matrix", "classic"] as const)
      it(`${lang}, ${notation} labels: a softmax batch worksheet of four samples fits in three pages and boxes every step once`, async () => {
        const ex = await softmaxExercise();
        expect(ex.samples.length).toBe(4);
        const { pdf, html } = await print("worksheet", `softmax-${lang}-${notation}`, [...SOFTMAX, "--lang", lang, "--notation", notation]);
        expect(pages(pdf)).toBeLessThanOrEqual(3);
        const boxes = [...html.matchAll(/<div class="box" data-step="([^"]+)">/g)].map((m) => m[1]);
        expect(boxes.sort()).toEqual(buildGraph(ex).steps.map((s) => s.id).sort());
      });
  }
  it("a softmax batch key gives every step's rounded value in its own cell", async () => {
    const ex = await softmaxExercise();
    const { html } = await print("key", "softmax-key", [...SOFTMAX, "--lang", "en"]);
    for (const s of keyOf(solve(ex), "classic").steps) {
      const at = html.indexOf(`data-step="${s.id}"`);
      expect(at, s.id).toBeGreaterThan(0);
      expect(html.indexOf(`data-step="${s.id}"`, at + 1), `${s.id} twice`).toBe(-1);
      expect(html.slice(at, html.indexOf("</", html.indexOf('class="num"', at))), s.id).toContain(`>${formatNumber(s.rounded)}`);
    }
  });
  it("the mazur key puts Mazur's published out_h1 = 0.593269992 (→ 0.5933) in its cell", async () => {
    const ex = parseExerciseText(readFileSync("examples/mazur-2-2-2.json", "utf8"), "mazur-2-2-2.json");
    expect(ex.decimals).toBe(4);
    const { html } = await print("key", "mazur-key", ["--exercise", "examples/mazur-2-2-2.json", "--lang", "zh"]);
    const at = html.indexOf('data-step="a1_1"');
    expect(html.slice(at, at + 200)).toContain(">0.5933<");
  });
});
