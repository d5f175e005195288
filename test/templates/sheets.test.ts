// What every sheet and key must show: the code, the given numbers, every step (box or rounded value), in valid TeX.
import { parseId } from "../../generator/ids.js";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseExercise, parseExerciseText, type Exercise } from "../../generator/exercise.js";
import { NOTATIONS, notation, type NotationName } from "../../generator/notation.js";
import { buildGraph } from "../../generator/solver.js";
import { keyOf, solve } from "../../generator/solution.js";
import { t, type Lang } from "../../templates/i18n.js";
import { tex } from "../../templates/katex.js";
import { MarkdownError, markdownToHtml } from "../../templates/markdown.js";
import { formatNumber } from "../../templates/number.js";
import { renderKeys, renderWorksheets } from "../../templates/render.js";
import { sheetView } from "../../templates/viewmodel.js";
import { goldenCases } from "./golden.js";
import { randomExercise } from "../helpers/random-exercise.js";

const between = (html: string, open: string, close: string) => {
  const a = html.indexOf(open);
  expect(a, `no ${open}`).toBeGreaterThanOrEqual(0);
  return html.slice(a, html.indexOf(close, a));
};

/** The sheet view of an exercise solved here, in a notation. */
function view(ex: Exercise, code: string, lang: Lang, notationName: NotationName) {
  const sol = solve(ex);
  return sheetView(sol, keyOf(sol, notationName), code, { lang });
}

function givenNumbers(ex: Exercise): string[] {
  return [...ex.weights.flat(2), ...ex.biases.flat(), ...ex.samples.flatMap((s) => [...s.x, ...s.y]), ex.learningRate];
}

describe("worksheets", () => {
  for (const c of goldenCases()) {
    it(`${c.name}: code, given numbers and one answer box per step`, () => {
      const v = view(c.exercise, "BP1-K7Q2-9XF4", c.lang, c.notation);
      const html = renderWorksheets([v, v], { lang: c.lang, instructions: markdownToHtml(t(c.lang, "ws.instructions")) });
      const sheets = html.split('<table class="page worksheet').slice(1);
      expect(sheets).toHaveLength(2);
      for (const sheet of sheets) {
        expect(sheet).toContain('<span class="code-value">BP1-K7Q2-9XF4</span>');
        const table = c.exercise.samples.length > 1 ? between(sheet, '<table class="samples">', "</table>") + between(sheet, '<table class="givens">', "</table>") : between(sheet, '<table class="givens">', "</table>");
        for (const n of givenNumbers(c.exercise)) expect(table, n).toContain(`>${formatNumber(n)}<`);
        const boxes = [...sheet.matchAll(/<div class="box" data-step="([^"]+)">/g)].map((m) => m[1]);
        // Every step has exactly one box, in an order a student can compute in: each step after the steps it uses
        // (a batch's tables run family by family, so samples interleave differently from the graph's own order).
        const graph = buildGraph(c.exercise);
        expect([...boxes].sort()).toEqual(graph.steps.map((s) => s.id).sort());
        const seen = new Set<string>();
        for (const id of boxes) {
          for (const d of graph.byId.get(id)!.deps) if (graph.byId.has(d)) expect(seen.has(d), `${id} before ${d}`).toBe(true);
          seen.add(id);
        }
        // A batch's per-sample lines name the sample generically, (s) or s, never by a stand-in number.
        expect(sheet).not.toContain("987654321");
        expect(sheet).toContain(t(c.lang, "ws.roundOnce", { decimals: c.exercise.decimals, rounding: t(c.lang, c.exercise.rounding === "half_even" ? "rounding.half_even" : "rounding.half_up") }));
      }
    });
  }
});

describe("answer keys", () => {
  it("show Mazur's published values, rounded to 4 decimals by hand from the 9 printed", () => {
    const pub = JSON.parse(readFileSync(new URL("../fixtures/published/mazur-2015.json", import.meta.url), "utf8"));
    const ex = parseExercise({ ...pub.exercise, decimals: 4 });
    const html = renderKeys([view(ex, "MAZUR", "en", "classic")], { lang: "en" });
    // e.g. out_h1 = 0.593269992 → 0.5933, E = 0.298371109 → 0.2984; none of the printed values sits on a tie.
    for (const [id, printed] of Object.entries(pub.expected as Record<string, string>)) {
      const want = Number(printed).toFixed(4);
      expect(between(html, `data-step="${id}"`, "</td>"), id).toContain(`<span class="num">${want}</span>`);
    }
    expect(html).toContain("±0.00005");
  });
  for (const c of goldenCases().filter((c) => c.lang === "zh")) {
    it(`${c.name}: every step's rounded value, code and tolerance in the page header`, () => {
      const key = keyOf(solve(c.exercise), c.notation);
      const html = renderKeys([view(c.exercise, "BP1-K7Q2-9XF4", c.lang, c.notation)], { lang: c.lang });
      for (const s of key.steps) expect(between(html, `data-step="${s.id}"`, "</td>"), s.id).toContain(`>${formatNumber(s.rounded)}<`);
      expect(between(html, "<thead>", "</thead>")).toContain("BP1-K7Q2-9XF4");
      expect(between(html, "<thead>", "</thead>")).toContain(`±0.${"0".repeat(c.exercise.decimals)}5`);
    });
  }
  it("batch keys have one section per code", () => {
    const [a, b] = goldenCases().filter((c) => c.lang === "en");
    const html = renderKeys(
      [view(a.exercise, "CODE-A", "en", "matrix"), view(b.exercise, "CODE-B", "en", "matrix")],
      { lang: "en" },
    );
    const parts = html.split('<table class="page key">').slice(1);
    expect(parts.map((p) => /code-value">([^<]+)</.exec(p)?.[1])).toEqual(["CODE-A", "CODE-B"]);
  });
});

describe("notations", () => {
  it("give every id a label that KaTeX typesets, distinct within an exercise", () => {
    for (let k = 0; k < 40; k++) {
      const ex = randomExercise(`nota-${k}`, { maxSamples: 3 });
      const g = buildGraph(ex);
      const allIds = [...g.givens.keys(), ...g.steps.map((s) => s.id)];
      for (const name of NOTATIONS) {
        const N = notation(ex, name);
        // Every id has its address in the graph, and the address reads back as the id does.
        expect(g.addresses.size).toBe(allIds.length);
        const fields = (a: object | undefined) => {
          const { kind, layer, neuron, from, sample } = (a ?? {}) as Record<string, unknown>;
          return { kind, layer, neuron, from, sample };
        };
        for (const id of allIds) expect(fields(g.addresses.get(id)), id).toEqual(fields(parseId(id)!));
        const labels = allIds.map((id) => N.label(g.addresses.get(id)!));
        for (const l of labels) expect(() => tex(l), `${name} ${l}`).not.toThrow();
        expect(new Set(labels).size, name).toBe(allIds.length);
      }
    }
  });
  it("write 西瓜书 symbols for a one-hidden-layer net", () => {
    const ex = parseExerciseText(readFileSync(new URL("../../examples/mazur-2-2-2.json", import.meta.url), "utf8"));
    const N = notation(ex, "xigua");
    expect(["W1_1_2", "W2_2_1", "z1_1", "a1_2", "z2_1", "a2_2", "b1", "b2"].map((id) => N.label(parseId(id)!))).toEqual([
      "v_{21}", "w_{12}", "\\alpha_{1}", "b_{2}", "\\beta_{1}", "\\hat{y}_{2}", "\\gamma", "\\theta",
    ]);
  });
});

describe("instructions markdown", () => {
  it("typesets $…$ with KaTeX and keeps Markdown", () => {
    const html = markdownToHtml("**Note** $\\eta = 0.5$");
    expect(html).toContain("<strong>Note</strong>");
    expect(html).toContain('class="katex"');
    expect(html).not.toContain("$");
  });
  it("names the bad math in its error", () => {
    expect(() => markdownToHtml("see $\\frac{1}{$ here")).toThrow(MarkdownError);
    expect(() => markdownToHtml("see $\\frac{1}{$ here")).toThrowWords(/\\frac\{1\}\{/);
  });
});

describe("where the functions stand", () => {
  // The position of the functions table: inside the left column (beside the givens) or after the network block.
  const place = (ex: Exercise, lang: "zh" | "en") => {
    const html = renderWorksheets([view(ex, "BP1-K7Q2-9XF4", lang, "classic")], { lang });
    const left = between(html, '<div class="left">', '<div class="right">');
    return left.includes('<table class="functions">') ? "left" : html.includes('<table class="functions">') ? "below" : "missing";
  };
  const withOutputs = (loss: "bce" | "half_sse", k: number): Exercise =>
    parseExercise({
      layers: [2, 2, k], activations: ["sigmoid", "sigmoid"], loss, bias: "shared", updateBiases: false,
      weights: [[["0.1", "0.2"], ["0.3", "0.4"]], Array.from({ length: k }, () => ["0.5", "-0.6"])],
      biases: [["0.1"], ["0.2"]], samples: [{ x: ["0.5", "0.9"], y: Array.from({ length: k }, (_, j) => String(j % 2)) }],
      learningRate: "0.5", decimals: 4, carry: "exact", rounding: "half_up",
    });
  it("beside the diagram for the presets' losses and two outputs, below the network for a cross-entropy over three", () => {
    for (const lang of ["zh", "en"] as const) {
      expect(place(withOutputs("half_sse", 2), lang)).toBe("left");
      expect(place(withOutputs("bce", 1), lang)).toBe("left");
      expect(place(withOutputs("bce", 2), lang)).toBe("left");
      // E = −[t1 ln o1 + (1 − t1) ln(1 − o1) + …] over three outputs: six short lines beside the diagram.
      expect(place(withOutputs("bce", 3), lang)).toBe("below");
    }
  });
});
