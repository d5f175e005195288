// The class report: a teacher's view of what a class got right and wrong. HTML for screens and Typst
// source for the PDF (the same typesetter as the sheets, no browser), with charts drawn by Vega-Lite as
// SVG in Node, the network diagram coloured by each neuron's success rate, the named mistakes ranked,
// and each step's difficulty and discrimination.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { TopLevelSpec } from "vega-lite";
import type { Exercise } from "../generator/exercise.js";
import type { Key } from "../generator/solution.js";
import { MIN_FOR_DISCRIMINATION, type ClassStats } from "../grader/classstats.js";
import { diagramSvg } from "./diagram.js";
import { t, type Lang } from "./i18n.js";
import { katexCss, tex } from "./katex.js";
import { escapeMarkup as esc } from "./escape.js";
import { str } from "./typst.js";

/** Words the command line gives the report (its own catalogue), by key. */
export type Words = (key: string, params?: Record<string, string | number>) => string;

export interface ClassReportInput {
  readonly lang: Lang;
  readonly words: Words;
  readonly title: string;
  readonly stats: ClassStats;
  /** The exercise and key the steps' labels and the diagram come from (the first graded hand-in's). */
  readonly exercise?: Exercise;
  readonly key?: Key;
  readonly notation?: string;
  /** Lines of the summary: hand-ins, students, missing, refused… */
  readonly summary: readonly string[];
  /** Possible copies and other hand-ins the teacher should look at, one line each. */
  readonly flags: readonly string[];
  /** The steps' labels as Typst math (generator/formula.ts toTypst), for the PDF. */
  readonly labelsTyp?: ReadonlyMap<string, string>;
}

const pct = (p: number) => `${Math.round(p * 100)}%`;
const FONT = "Noto Sans CJK SC, Noto Sans, sans-serif";

/** templates/charts.mjs from the sources (templates/report.ts) and from the bundle (dist/cli.cjs). */
function chartsWorker(): URL {
  for (const rel of ["./charts.mjs", "../templates/charts.mjs", "../../templates/charts.mjs"]) {
    const url = new URL(rel, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  throw new Error("internal: cannot find templates/charts.mjs next to the program");
}

/** Vega-Lite specs drawn as SVG (by Vega, in a worker thread: see templates/charts.mjs). */
function chartSvgs(specs: readonly TopLevelSpec[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const w = new Worker(chartsWorker(), { workerData: { specs } });
    w.once("message", (svgs: string[]) => resolve(svgs));
    w.once("error", reject);
    w.once("exit", (code) => (code === 0 ? undefined : reject(new Error(`internal: the chart worker stopped (exit code ${code})`))));
  });
}

const config = { font: FONT, axis: { labelFontSize: 11, titleFontSize: 12 }, view: { stroke: null } } as const;

/** The score distribution: students per 10 % band. */
function histogram(r: ClassReportInput): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: 420,
    height: 180,
    config,
    data: { values: r.stats.percents.map((p) => ({ p })) },
    mark: { type: "bar", color: "#2f6db5", binSpacing: 2 },
    encoding: {
      x: { field: "p", bin: { step: 10, extent: [0, 100] }, title: r.words("report.axis.percent") },
      y: { aggregate: "count", title: r.words("report.axis.students"), axis: { tickMinStep: 1 } },
    },
  } as TopLevelSpec;
}

/** Each step's success rate, in the sheet's order, red below 50 %. */
function stepBars(r: ClassReportInput): TopLevelSpec {
  const values = r.stats.steps.map((s, k) => ({ k, id: s.id, p: Math.round(s.p * 1000) / 10 }));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: 640,
    height: 200,
    config,
    data: { values },
    mark: "bar",
    encoding: {
      x: { field: "id", type: "ordinal", sort: { field: "k" }, title: r.words("report.axis.step"), axis: { labelAngle: -60, labelFontSize: 9 } },
      y: { field: "p", type: "quantitative", scale: { domain: [0, 100] }, title: r.words("report.axis.success") },
      color: { condition: { test: "datum.p < 50", value: "#c0392b" }, value: "#2f8a3a" },
    },
  } as TopLevelSpec;
}

/** The network, each neuron filled from red (0 %) to green (100 %) by the success of its z, a and δ steps. */
function diagram(r: ClassReportInput): string {
  if (r.exercise === undefined || r.key === undefined) return "";
  const p = new Map(r.stats.steps.map((s) => [s.id, s.p]));
  const byNeuron = new Map<string, number[]>();
  for (const s of r.key.steps)
    if ((s.kind === "z" || s.kind === "a" || s.kind === "delta") && s.layer !== undefined && s.neuron !== undefined && p.has(s.id)) {
      const k = `${s.layer}/${s.neuron}`;
      byNeuron.set(k, [...(byNeuron.get(k) ?? []), p.get(s.id)!]);
    }
  const classic = r.notation === "classic";
  return diagramSvg(
    r.exercise,
    { input: t(r.lang, "layer.input"), hidden: t(r.lang, "layer.hidden"), output: t(r.lang, "layer.output"), target: classic ? "t" : "y", inputName: classic ? "i" : "x" },
    (l, j) => {
      const rates = byNeuron.get(`${l}/${j}`);
      if (rates === undefined) return undefined;
      const m = rates.reduce((a, b) => a + b, 0) / rates.length;
      return { fill: `hsl(${Math.round(m * 120)}, 70%, 84%)`, caption: pct(m) };
    },
  );
}

const CSS = `
body{font-family:${FONT};margin:24px auto;max-width:900px;color:#111827;line-height:1.5}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d1d5db;padding-bottom:4px;break-after:avoid}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border:1px solid #d1d5db;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f3f4f6}td.n{text-align:right;font-variant-numeric:tabular-nums}.low{background:#fde8e6}.summary li{margin:2px 0}
.chart svg,.net{max-width:100%;height:auto}.note{color:#4b5563;font-size:12px}section{break-inside:avoid}
@page{size:A4;margin:14mm}`;

const VERDICTS = ["correct", "carried", "imprecise", "wrong", "missing", "invalid"] as const;

/** Hard items, and items that do not tell strong from weak students (an item nearly everyone gets right has D near 0 by nature). */
const lowItem = (s: ClassStats["steps"][number]) => s.p < 0.5 || (s.discrimination !== null && s.discrimination < 0.2 && s.p < 0.9);

/** The report as one self-contained HTML page. */
export async function classReportHtml(r: ClassReportInput): Promise<string> {
  const w = r.words;
  const label = new Map((r.key?.steps ?? []).map((s) => [s.id, s.label]));
  const [hist, bars] = await chartSvgs([histogram(r), stepBars(r)]);
  const out: string[] = [];
  out.push(`<!doctype html><html lang="${r.lang === "zh" ? "zh-CN" : "en"}"><head><meta charset="utf-8"><title>${esc(r.title)}</title>`);
  out.push(`<style>${katexCss()}${CSS}</style></head><body>`);
  out.push(`<h1>${esc(r.title)}</h1>`);
  out.push(`<ul class="summary">${r.summary.map((s) => `<li>${esc(s)}</li>`).join("")}</ul>`);
  out.push(`<section><h2>${esc(w("report.h.distribution"))}</h2><p>${esc(w("report.meanMedian", { mean: r.stats.mean, median: r.stats.median }))}</p><div class="chart">${hist}</div></section>`);
  out.push(`<section><h2>${esc(w("report.h.network"))}</h2><p class="note">${esc(w("report.networkNote"))}</p>${diagram(r)}</section>`);
  out.push(`<section><h2>${esc(w("report.h.steps"))}</h2><div class="chart">${bars}</div></section>`);
  out.push(`<section><h2>${esc(w("report.h.mistakes"))}</h2>`);
  if (r.stats.mistakes.length === 0) out.push(`<p>${esc(w("report.noMistakes"))}</p>`);
  else {
    out.push(`<table><tr><th>${esc(w("report.col.mistake"))}</th><th>${esc(w("report.col.students"))}</th><th>${esc(w("report.col.times"))}</th><th>${esc(w("report.col.where"))}</th></tr>`);
    for (const m of r.stats.mistakes) {
      const where = m.steps.slice(0, 6).map((id) => (label.has(id) ? tex(label.get(id)!) : esc(id))).join(", ") + (m.steps.length > 6 ? " …" : "");
      out.push(`<tr><td>${esc(t(r.lang, `grade.mistake.${m.mistake}` as never))}</td><td class="n">${m.students}</td><td class="n">${m.times}</td><td>${where}</td></tr>`);
    }
    out.push(`</table>`);
  }
  out.push(`</section><section><h2>${esc(w("report.h.items"))}</h2><p class="note">${esc(w("report.itemsNote", { min: MIN_FOR_DISCRIMINATION }))}</p>`);
  out.push(
    `<table><tr><th>${esc(w("report.col.step"))}</th><th>${esc(w("report.col.p"))}</th><th>${esc(w("report.col.d"))}</th>` +
      VERDICTS.map((v) => `<th>${esc(w(`cli.verdict.${v}`))}</th>`).join("") +
      `</tr>`,
  );
  for (const s of r.stats.steps) {
    const low = lowItem(s);
    const d = s.discrimination === null ? "—" : s.discrimination.toFixed(2);
    out.push(
      `<tr${low ? ' class="low"' : ""}><td>${label.has(s.id) ? tex(label.get(s.id)!) : ""} <span class="note">${esc(s.id)}</span></td><td class="n">${pct(s.p)}</td><td class="n">${d}</td>` +
        VERDICTS.map((v) => `<td class="n">${s.verdicts[v]}</td>`).join("") +
        `</tr>`,
    );
  }
  out.push(`</table></section>`);
  out.push(`<section><h2>${esc(w("report.h.flags"))}</h2>`);
  out.push(r.flags.length === 0 ? `<p>${esc(w("report.noFlags"))}</p>` : `<ul>${r.flags.map((f) => `<li>${esc(f)}</li>`).join("")}</ul>`);
  out.push(`</section></body></html>\n`);
  return out.join("\n");
}

/** The report as Typst source, typeset into the PDF like the sheets (templates/typst-compile.ts). */
export async function classReportTypst(r: ClassReportInput): Promise<string> {
  const w = r.words;
  const [hist, bars] = await chartSvgs([histogram(r), stepBars(r)]);
  const txt = (s: string) => `#${str(s)}`;
  const label = (id: string) => {
    const typ = r.labelsTyp?.get(id);
    return typ !== undefined ? `$${typ}$` : txt(id);
  };
  const svg = (s: string, width: string) => `#align(center, image(bytes(${str(s)}), width: ${width}))`;
  const table = (cols: string, head: readonly string[], rows: readonly (readonly string[])[], fills?: readonly boolean[]) =>
    `#table(columns: ${cols}, stroke: 0.4pt + luma(200), inset: (x: 3pt, y: 2.5pt), fill: (x, y) => if y == 0 { luma(243) }${fills?.some((f) => f) ? ` else if (${JSON.stringify(fills.map((f) => (f ? 1 : 0)))}.at(y - 1) == 1) { rgb("#fde8e6") }` : ""}, table.header(${head.map((h) => `[#strong(${str(h)})]`).join(", ")}), ${rows.map((row) => row.map((c) => `[${c}]`).join(", ")).join(", ")})`;
  const out: string[] = [
    `#set document(title: ${str(r.title)}, author: "bpdrill", date: none)`,
    `#set page(paper: "a4", margin: 14mm, footer: context align(right, text(size: 8pt, fill: luma(100), counter(page).display("1"))))`,
    `#set text(font: ("New Computer Modern", "Noto Sans CJK SC"), size: 10pt, lang: ${str(r.lang === "zh" ? "zh" : "en")}${r.lang === "zh" ? ', region: "cn"' : ""})`,
    // A table's rows as tall as their formulas (a fraction's label), never overlapping the rules.
    `#show table: set text(top-edge: "bounds", bottom-edge: "bounds")`,
    `#show heading.where(level: 2): it => block(above: 5mm, below: 2mm, sticky: true, stroke: (bottom: 0.5pt + luma(200)), inset: (bottom: 1.5mm), width: 100%, text(size: 12pt, weight: "bold", it.body))`,
    `#text(size: 16pt, weight: "bold", ${str(r.title)})`,
    r.summary.map((s) => `- ${txt(s)}`).join("\n"),
    `== ${txt(w("report.h.distribution"))}`,
    txt(w("report.meanMedian", { mean: r.stats.mean, median: r.stats.median })),
    svg(hist, "75%"),
    `== ${txt(w("report.h.network"))}`,
    `#text(size: 9pt, fill: luma(80), ${str(w("report.networkNote"))})`,
  ];
  const net = diagram(r);
  if (net !== "") out.push(svg(net, "80%"));
  out.push(`== ${txt(w("report.h.steps"))}`, svg(bars, "100%"), `== ${txt(w("report.h.mistakes"))}`);
  if (r.stats.mistakes.length === 0) out.push(txt(w("report.noMistakes")));
  else
    out.push(
      table(
        "(1fr, auto, auto, 1.3fr)",
        [w("report.col.mistake"), w("report.col.students"), w("report.col.times"), w("report.col.where")],
        r.stats.mistakes.map((m) => [
          txt(t(r.lang, `grade.mistake.${m.mistake}` as never)),
          `#align(right)[${m.students}]`,
          `#align(right)[${m.times}]`,
          m.steps.slice(0, 6).map(label).join(", ") + (m.steps.length > 6 ? " …" : ""),
        ]),
      ),
    );
  out.push(`== ${txt(w("report.h.items"))}`, `#text(size: 9pt, fill: luma(80), ${str(w("report.itemsNote", { min: MIN_FOR_DISCRIMINATION }))})`);
  out.push(
    table(
      `(1fr, ${Array(2 + VERDICTS.length).fill("auto").join(", ")})`,
      [w("report.col.step"), w("report.col.p"), w("report.col.d"), ...VERDICTS.map((v) => w(`cli.verdict.${v}`))],
      r.stats.steps.map((s) => [
        `${label(s.id)} #text(size: 8pt, fill: luma(100), ${str(s.id)})`,
        `#align(right)[${pct(s.p)}]`,
        `#align(right)[${s.discrimination === null ? "—" : s.discrimination.toFixed(2)}]`,
        ...VERDICTS.map((v) => `#align(right)[${s.verdicts[v]}]`),
      ]),
      r.stats.steps.map(lowItem),
    ),
  );
  out.push(`== ${txt(w("report.h.flags"))}`, r.flags.length === 0 ? txt(w("report.noFlags")) : r.flags.map((f) => `- ${txt(f)}`).join("\n"));
  return out.join("\n\n") + "\n";
}
