// Everything a worksheet or key shows, prepared from the exercise and the solver's key: templates only lay it out.
import type { Exercise } from "../generator/exercise.js";
import { ids, parseId } from "../generator/ids.js";
import { notation as makeNotation, type Notation, type NotationName } from "../generator/notation.js";
import { Q } from "../generator/num/q.js";
import { ACTIVATIONS, LOSSES } from "../generator/ops/index.js";
import { buildGraph, solve, type Key, type KeyStep } from "../generator/solver.js";
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
  /** Kind and layer: steps of one family share a formula pattern and a line width. */
  readonly family: string;
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

/** Widths in sixths of the line: a third, a half or the whole line. */
export type Span = 2 | 3 | 6;

export interface StepCell {
  readonly step: StepView;
  readonly span: Span;
}

export interface StepRow {
  /** Cells side by side; their spans add up to 6 at most. */
  readonly cells: readonly StepCell[];
}

/** A per-sample family (say z^[1]) of a batch exercise: one row per sample, one column per neuron. */
export interface SampleTable {
  /** One line per column: "label = formula" with the sample written as (s). */
  readonly formulas: readonly string[];
  /** Column heads: the column's label for sample s. */
  readonly head: readonly string[];
  readonly rows: readonly { readonly sample: number; readonly cells: readonly StepView[] }[];
  /** The first sample's steps, worked with numbers on the key, laid out in key lines. */
  readonly worked: readonly StepRow[];
}

export type Block =
  | { readonly kind: "rows"; readonly rows: readonly StepRow[]; readonly keyRows: readonly StepRow[] }
  | { readonly kind: "table"; readonly table: SampleTable }
  /** Several steps sharing one formula pattern (a batch's ∂E/∂W^[l]): the first one's formula, then label and box for each (on the key: label, numbers, result). */
  | { readonly kind: "grid"; readonly example: StepView; readonly rows: readonly StepRow[]; readonly keyRows: readonly StepRow[] };

export interface SectionView {
  readonly title: string;
  /** One step only: the worksheet prints the title on the step's own line. */
  readonly inline: boolean;
  readonly blocks: readonly Block[];
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
  /** The same, split in two columns of about equal length. */
  readonly conventionColumns: readonly [readonly string[], readonly string[]];
  readonly roundOnce: string;
  readonly tolerance: string;
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

const stepView = (s: KeyStep): StepView => ({
  family: `${s.kind}${s.layer ?? ""}`,
  id: s.id, label: s.label, formula: s.formula, substituted: s.substituted,
  showSubstituted: s.substituted !== s.formula, rounded: s.rounded, relation: s.roundedIsExact ? "=" : "≈",
});

/** A sample number no exercise reaches: its label is rewritten to the generic (s). */
const SENTINEL = 987654321;

function sections(ex: Exercise, key: Key, N: Notation, lang: Lang): SectionView[] {
  const batch = ex.samples.length > 1;
  const graph = buildGraph(ex);
  // Labels of an id with its sample written as (s): the notation's own label for a sample it never sees.
  const generic = (id: string): string => {
    const p = parseId(id);
    if (p?.sample === undefined) return N.label(id);
    return N.label(id.replace(/@\d+$/, `@${SENTINEL}`)).split(`(${SENTINEL})`).join("(s)");
  };
  const out: { title: string; blocks: Block[] }[] = [];
  const bySection = new Map<string, { title: string; blocks: Block[] }>();
  let current: { title: string; blocks: Block[] } | null = null;
  let loose: KeyStep[] = [];
  const flush = () => {
    if (loose.length === 0 || !current) return;
    const views = loose.map(stepView);
    if (!batch) current.blocks.push({ kind: "rows", rows: sheetRows(views), keyRows: keyRows(views) });
    else {
      // Batch gradients and updates: each family's formula once, then its members' boxes three to a line.
      for (let k = 0; k < loose.length; ) {
        let e = k + 1;
        while (e < loose.length && loose[e].kind === loose[k].kind && loose[e].layer === loose[k].layer) e++;
        const fam = views.slice(k, e);
        if (fam.length > 1) current.blocks.push({ kind: "grid", example: fam[0], rows: quads(fam), keyRows: keyRows(fam, false) });
        else current.blocks.push({ kind: "rows", rows: sheetRows(fam), keyRows: keyRows(fam) });
        k = e;
      }
    }
    loose = [];
  };
  // Per-sample families already tabled (kind and layer), so later samples' steps land in the same table.
  const tables = new Map<string, { formulas: string[]; head: string[]; rows: Map<number, StepView[]>; worked: StepView[] }>();
  for (const s of key.steps) {
    const sec = SECTION_OF[s.kind];
    // A batch computes forward pass and loss sample by sample; its tables gather them under one title each.
    const section = bySection.get(sec);
    if (section !== current) {
      flush();
      if (section) current = section;
      else {
        current = { title: t(lang, sec), blocks: [] };
        bySection.set(sec, current);
        out.push(current);
      }
    }
    if (!batch || s.sample === undefined) {
      loose.push(s);
      continue;
    }
    flush();
    const fam = `${s.kind}${s.layer ?? ""}`;
    let tb = tables.get(fam);
    if (!tb) {
      tb = { formulas: [], head: [], rows: new Map(), worked: [] };
      tables.set(fam, tb);
      current!.blocks.push({ kind: "table", table: tb as unknown as SampleTable });
    }
    const row = tb.rows.get(s.sample) ?? [];
    tb.rows.set(s.sample, row);
    row.push(stepView(s));
    if (s.sample === 1) {
      const g = graph.byId.get(s.id)!;
      tb.head.push(generic(s.id));
      tb.formulas.push(`${generic(s.id)} = ${g.tex(g.deps.map(generic))}`);
      tb.worked.push(stepView(s));
    }
  }
  flush();
  // Tables were filled in place; give them their final shape (rows in sample order).
  return out.map((sec) => ({
    title: sec.title,
    inline: sec.blocks.length === 1 && sec.blocks[0].kind === "rows" && sec.blocks[0].rows.length === 1 && sec.blocks[0].rows[0].cells.length === 1,
    blocks: sec.blocks.map((b): Block => {
      if (b.kind !== "table") return b;
      const tb = b.table as unknown as { formulas: string[]; head: string[]; rows: Map<number, StepView[]>; worked: StepView[] };
      return { kind: "table", table: { formulas: tb.formulas, head: tb.head, worked: keyRows(tb.worked), rows: [...tb.rows].sort((x, y) => x[0] - y[0]).map(([sample, cells]) => ({ sample, cells })) } };
    }),
  }));
}

/** About one line of a conventions column: the room the column's heading takes. */
const HEADING_CHARS = 50;

/** Characters of label + formula that fit beside an answer box in a third and in half of the line. */
const THIRD_ROW = 15;
const HALF_ROW = 31;
/** Characters of label + substituted formula + result that fit in half a key line. */
const KEY_HALF_ROW = 43;

const family = (s: StepView) => s.family;

/** Label-and-box cells four to a line (a grid's members carry no formula of their own). */
function quads(steps: readonly StepView[]): StepRow[] {
  const rows: StepRow[] = [];
  for (let k = 0; k < steps.length; k += 4) rows.push({ cells: steps.slice(k, k + 4).map((step) => ({ step, span: 2 as const })) });
  return rows;
}

/** Packs cells of the given spans into lines of six sixths, in order. */
function pack(steps: readonly StepView[], spanOf: (s: StepView) => Span): StepRow[] {
  const rows: StepRow[] = [];
  let cur: StepCell[] = [];
  let used = 0;
  for (const step of steps) {
    const span = spanOf(step);
    if (used + span > 6) {
      rows.push({ cells: cur });
      cur = [];
      used = 0;
    }
    cur.push({ step, span });
    used += span;
  }
  if (cur.length) rows.push({ cells: cur });
  return rows;
}

/** Worksheet lines: a third, a half or the whole line, by the printed width of label and formula. */
function sheetRows(steps: readonly StepView[]): StepRow[] {
  return familyRows(steps, (s) => {
    const w = visibleLength(s.label) + visibleLength(s.formula);
    return w <= THIRD_ROW ? 2 : w <= HALF_ROW ? 3 : 6;
  });
}

/** Key lines: two worked steps to a line when a family's label, numbers and result all fit in half. */
function keyRows(steps: readonly StepView[], withFormula = true): StepRow[] {
  return familyRows(steps, (s) =>
    visibleLength(s.label) + Math.max(withFormula ? visibleLength(s.formula) : 0, visibleLength(s.substituted)) + s.rounded.length + 2 <= KEY_HALF_ROW ? 3 : 6,
  );
}

/** Every step of a family (kind and layer) as wide as its widest, so boxes line up; consecutive families of one width share lines. */
function familyRows(steps: readonly StepView[], width: (s: StepView) => Span): StepRow[] {
  const unitOf = new Map<string, Span>();
  for (const s of steps) unitOf.set(family(s), Math.max(unitOf.get(family(s)) ?? 2, width(s)) as Span);
  const unit = (s: StepView) => unitOf.get(family(s))!;
  const rows: StepRow[] = [];
  for (let k = 0; k < steps.length; ) {
    let e = k + 1;
    while (e < steps.length && unit(steps[e]) === unit(steps[k])) e++;
    rows.push(...pack(steps.slice(k, e), unit));
    k = e;
  }
  return rows;
}

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
  for (let l = 1; l <= L; ) {
    // Consecutive layers with the same activation share one line ("layers 1–2").
    let last = l;
    while (last < L && ex.activations[last] === ex.activations[l - 1]) last++;
    const f = ACTIVATIONS[ex.activations[l - 1]];
    const slope = ex.activations[l - 1] === "leaky_relu" ? `,\\ \\alpha = ${Q.dec(ex.leakySlope ?? "0.01").toPlain()}` : "";
    const title = last === l ? t(lang, "givens.activation", { l }) : t(lang, "givens.activationLayers", { from: l, to: last });
    functions.push({ title, words: f.words[lang], formula: `f(z) = ${f.texForward("z")}${slope}` });
    l = last + 1;
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

  // Conventions in two columns, split where the characters balance (the left one also holds the heading).
  const total = conventions.reduce((n, c) => n + c.length, 0);
  let split = 0;
  let best = Infinity;
  for (let k = 0, acc = 0; k <= conventions.length; acc += conventions[k]?.length ?? 0, k++) {
    const longer = Math.max(acc + HEADING_CHARS, total - acc);
    if (longer < best) [best, split] = [longer, k];
  }

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
    conventionColumns: [conventions.slice(0, split), conventions.slice(split)],
    roundOnce: t(lang, "ws.roundOnce", { decimals: ex.decimals, rounding }),
    tolerance: t(lang, "key.tolerance", { tol }),
    sections: sections(ex, key, N, lang),
  };
}

/** Rough printed width of a TeX snippet in characters: commands and braces take no room, scripts about 0.6, fractions 0.7 of their wider part. */
export function visibleLength(tex: string): number {
  let total = 0;
  let rest = tex;
  for (let m = /\\t?frac\s*\{/.exec(rest); m; m = /\\t?frac\s*\{/.exec(rest)) {
    total += flatWidth(rest.slice(0, m.index));
    const [num, afterNum] = braceGroup(rest, m.index + m[0].length - 1);
    const open = rest.indexOf("{", afterNum);
    const [den, afterDen] = open < 0 ? ["", afterNum] : braceGroup(rest, open);
    total += 0.7 * Math.max(visibleLength(num), visibleLength(den));
    rest = rest.slice(afterDen);
  }
  return total + flatWidth(rest);
}

/** The content of the brace group opening at s[open] and the index just past its closing brace. */
function braceGroup(s: string, open: number): [string, number] {
  let depth = 0;
  for (let k = open; k < s.length; k++) {
    if (s[k] === "{") depth++;
    else if (s[k] === "}" && --depth === 0) return [s.slice(open + 1, k), k + 1];
  }
  return [s.slice(open + 1), s.length];
}

function flatWidth(tex: string): number {
  const flat = tex
    .replace(/\\(mathit|mathrm|left|right|big|Big)\b|\\[,;!]/g, "")
    .replace(/\\[a-zA-Z]+/g, "x")
    .replace(/\s+/g, "");
  // Scripts: characters between ^{ or _{ and the matching brace, or the one character after ^ or _.
  let width = 0;
  let depth = 0;
  const scripted: boolean[] = [];
  for (let k = 0; k < flat.length; k++) {
    const c = flat[k];
    if ((c === "^" || c === "_") && flat[k + 1] === "{") {
      scripted.push(true);
      depth++;
      k++;
    } else if (c === "^" || c === "_") {
      if (k + 1 < flat.length) width += 0.6;
      k++;
    } else if (c === "{") scripted.push(false);
    else if (c === "}") {
      if (scripted.pop()) depth--;
    } else width += depth > 0 ? 0.6 : 1;
  }
  return width;
}
