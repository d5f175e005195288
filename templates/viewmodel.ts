// Everything a worksheet or key shows, prepared from the exercise and the solver's key: templates only lay it out.
import type { Exercise } from "../generator/exercise.js";
import { ids } from "../generator/ids.js";
import { notation as makeNotation, type NotationName } from "../generator/notation.js";
import { Q } from "../generator/num/q.js";
import { ACTIVATIONS, LOSSES } from "../generator/ops/index.js";
import { solve, type Key, type KeyStep } from "../generator/solver.js";
import { diagramSvg } from "./diagram.js";
import { t, type Lang, type MessageKey } from "./i18n.js";

export interface GivenItem {
  /** TeX label. */
  readonly label: string;
  /** Decimal string as given. */
  readonly value: string;
}

export interface GivenRow {
  readonly title: string;
  readonly items: readonly GivenItem[];
}

export interface FormulaRow {
  readonly title: string;
  readonly words: string;
  /** TeX. */
  readonly formula: string;
}

export interface StepView {
  readonly id: string;
  readonly label: string;
  readonly formula: string;
  readonly substituted: string;
  /** Whether the substituted formula adds anything (a loss after the update has no numbers to show). */
  readonly showSubstituted: boolean;
  readonly rounded: string;
  /** "=" when the rounded answer is the value itself, "≈" when rounding changed it. */
  readonly relation: "=" | "≈";
}

export interface StepRow {
  /** One step (wide: its formula needs the whole line) or two side by side. */
  readonly steps: readonly StepView[];
  readonly wide: boolean;
}

export interface SectionView {
  readonly title: string;
  readonly steps: readonly StepView[];
  /** Worksheet rows: short formulas two to a row, so a small network fits on one page. */
  readonly rows: readonly StepRow[];
}

export interface SheetView {
  readonly code: string;
  readonly title: string;
  /** Student name and id when the sheet was made for a roster entry. */
  readonly student: { readonly name: string; readonly id: string } | null;
  readonly running: string;
  readonly keyRunning: string;
  readonly diagram: string;
  readonly batch: boolean;
  readonly givens: readonly GivenRow[];
  readonly functions: readonly FormulaRow[];
  readonly sampleHead: readonly string[];
  readonly sampleRows: readonly { readonly sample: number; readonly values: readonly string[] }[];
  readonly conventions: readonly string[];
  readonly roundOnce: string;
  readonly tolerance: string;
  readonly twoColumns: boolean;
  readonly sections: readonly SectionView[];
}

export interface SheetOptions {
  readonly lang: Lang;
  readonly notation: NotationName;
  readonly title?: string;
  readonly student?: { readonly name: string; readonly id: string };
}

const SECTION_OF: Readonly<Record<KeyStep["kind"], MessageKey>> = {
  z: "section.forward",
  a: "section.forward",
  E: "section.loss",
  delta: "section.deltas",
  dW: "section.gradients",
  db: "section.gradients",
  newW: "section.update",
  newb: "section.update",
  newE: "section.newE",
};

/** Half a unit in the last asked place, as a decimal string: 4 → "0.00005". */
export function halfUnit(decimals: number): string {
  return `0.${"0".repeat(decimals)}5`;
}

function sections(key: Key, lang: Lang, twoColumns: boolean): SectionView[] {
  const out: { title: string; steps: StepView[] }[] = [];
  let last = "";
  for (const s of key.steps) {
    const sec = SECTION_OF[s.kind];
    const tag = `${sec}@${s.sample ?? ""}`;
    const step: StepView = {
      id: s.id, label: s.label, formula: s.formula, substituted: s.substituted,
      showSubstituted: s.substituted !== s.formula, rounded: s.rounded, relation: s.roundedIsExact ? "=" : "≈",
    };
    if (tag !== last) {
      const title = s.sample === undefined ? t(lang, sec) : t(lang, "section.sample", { section: t(lang, sec), s: s.sample });
      out.push({ title, steps: [] });
      last = tag;
    }
    out[out.length - 1].steps.push(step);
  }
  return out.map((sec) => {
    const rows: StepRow[] = [];
    let pending: StepView | null = null;
    for (const st of sec.steps) {
      const wide = !twoColumns || visibleLength(st.formula) + visibleLength(st.label) > HALF_ROW;
      if (wide) {
        if (pending) rows.push({ steps: [pending], wide: false });
        pending = null;
        rows.push({ steps: [st], wide: true });
      } else if (pending) {
        rows.push({ steps: [pending, st], wide: false });
        pending = null;
      } else pending = st;
    }
    if (pending) rows.push({ steps: [pending], wide: false });
    return { ...sec, rows };
  });
}

/** Characters of label + formula that still fit in half the page width next to an answer box. */
const HALF_ROW = 30;

/** Builds the view of one exercise's sheet and key (the key's numbers come from solve()). */
export function sheetView(ex: Exercise, code: string, opts: SheetOptions): SheetView {
  const { lang } = opts;
  const key = solve(ex, { notation: opts.notation });
  const N = makeNotation(ex, opts.notation);
  const L = ex.layers.length - 1;
  const range = (k: number) => Array.from({ length: k }, (_, i) => i + 1);
  const batch = ex.samples.length > 1;
  const title = opts.title ?? t(lang, "ws.defaultTitle");
  const tol = halfUnit(ex.decimals);
  const rounding = t(lang, ex.rounding === "half_even" ? "rounding.half_even" : "rounding.half_up");

  const givens: GivenRow[] = [];
  if (!batch) {
    givens.push({ title: t(lang, "givens.inputs"), items: ex.samples[0].x.map((v, i) => ({ label: N.label(ids.x(i + 1)), value: v })) });
    givens.push({ title: t(lang, "givens.targets"), items: ex.samples[0].y.map((v, j) => ({ label: N.label(ids.y(j + 1)), value: v })) });
  }
  for (let l = 1; l <= L; l++) {
    givens.push({
      title: t(lang, "givens.weights", { from: l - 1, to: l }),
      items: range(ex.layers[l]).flatMap((j) => range(ex.layers[l - 1]).map((i) => ({ label: N.label(ids.W(l, j, i)), value: ex.weights[l - 1][j - 1][i - 1] }))),
    });
    if (ex.bias === "shared") givens.push({ title: t(lang, "givens.biasesShared", { l }), items: [{ label: N.label(ids.b(l)), value: ex.biases[l - 1][0] }] });
    if (ex.bias === "per_neuron")
      givens.push({ title: t(lang, "givens.biasesPerNeuron", { l }), items: ex.biases[l - 1].map((v, j) => ({ label: N.label(ids.b(l, j + 1)), value: v })) });
  }
  givens.push({ title: t(lang, "givens.eta"), items: [{ label: N.label(ids.eta()), value: ex.learningRate }] });

  const functions: FormulaRow[] = [];
  for (let l = 1; l <= L; l++) {
    const f = ACTIVATIONS[ex.activations[l - 1]];
    const slope = ex.activations[l - 1] === "leaky_relu" ? `,\\ \\alpha = ${Q.dec(ex.leakySlope ?? "0.01").toPlain()}` : "";
    functions.push({ title: t(lang, "givens.activation", { l }), words: f.words[lang], formula: `f(z) = ${f.texForward("z")}${slope}` });
  }
  const loss = LOSSES[ex.loss];
  const outs = range(ex.layers[L]).map((j) => N.label(ids.a(L, j)));
  const tgts = range(ex.layers[L]).map((j) => N.label(ids.y(j)));
  functions.push({ title: t(lang, "givens.loss"), words: loss.words[lang], formula: `E = ${loss.tex(outs, tgts)}` });

  const sampleHead = batch ? [...range(ex.layers[0]).map((i) => N.label(ids.x(i))), ...range(ex.layers[L]).map((j) => N.label(ids.y(j)))] : [];
  const sampleRows = batch ? ex.samples.map((s, k) => ({ sample: k + 1, values: [...s.x, ...s.y] })) : [];

  const conventions: string[] = [t(lang, `conv.${ex.loss}` as MessageKey, { n: ex.layers[L] })];
  if (batch) conventions.push(t(lang, "conv.batch", { n: ex.samples.length }));
  conventions.push(t(lang, `conv.bias.${ex.bias}` as MessageKey));
  if (ex.bias !== "none") conventions.push(t(lang, ex.updateBiases ? "conv.updateBiases.true" : "conv.updateBiases.false"));
  conventions.push(t(lang, "conv.delta"));
  if (loss.fusedWith === ex.activations[L - 1]) conventions.push(t(lang, "conv.fused"));
  conventions.push(t(lang, "conv.update"));
  conventions.push(t(lang, ex.carry === "exact" ? "conv.carry.exact" : "conv.carry.rounded", { decimals: ex.decimals }));

  // Two steps to a row when most formulas are short enough to share half the page width.
  const short = key.steps.filter((s) => visibleLength(s.formula) + visibleLength(s.label) <= HALF_ROW).length;
  const twoColumns = short >= key.steps.length / 2;

  return {
    code,
    title,
    student: opts.student ?? null,
    running: t(lang, "ws.running", { title, code }),
    keyRunning: t(lang, "key.running", { code, tol }),
    diagram: diagramSvg(ex, {
      input: t(lang, "layer.input"), hidden: t(lang, "layer.hidden"), output: t(lang, "layer.output"),
      target: opts.notation === "classic" ? "t" : "y",
      inputName: opts.notation === "classic" ? "i" : "x",
    }),
    batch,
    givens,
    functions,
    sampleHead,
    sampleRows,
    conventions,
    roundOnce: t(lang, "ws.roundOnce", { decimals: ex.decimals, rounding }),
    tolerance: t(lang, "key.tolerance", { tol }),
    twoColumns,
    sections: sections(key, lang, twoColumns),
  };
}

/** Rough printed width of a TeX snippet in characters: commands and braces take no room. */
function visibleLength(tex: string): number {
  return tex
    .replace(/\\frac\{([^{}]*)\}\{([^{}]*)\}/g, "$1")
    .replace(/\\[a-zA-Z]+/g, "x")
    .replace(/[{}^_]/g, "")
    .replace(/\s+/g, "").length;
}
