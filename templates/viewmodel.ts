// Everything a worksheet or key shows, prepared from the solved exercise and its key: templates only lay it out.
import { settingsOf, type Exercise } from "../generator/exercise.js";
import { at } from "../generator/ids.js";
import { sectionOf, sectionTitle } from "../generator/sections.js";
import { notation as makeNotation, type Notation, type NotationName } from "../generator/notation.js";
import { Q } from "../generator/num/q.js";
import { eq, join, num, op, paren, row, space, sym, text, toLatex, toTypst, type Formula } from "../generator/formula.js";
import { ACTIVATIONS, LOSSES } from "../generator/ops/index.js";
import type { Graph } from "../generator/graph.js";
import { keyFormulas, type Key, type KeyStep, type Solution, type StepFormulas } from "../generator/solution.js";
import { workingOf } from "../generator/working.js";
import { diagramSvg, type DiagramText } from "./diagram.js";
import { gluedFormulas, inNotation } from "./notation-words.js";
import { t, type Lang, type MessageKey } from "./i18n.js";

export interface GivenItem {
  /** TeX label. */
  readonly label: string;
  /** The same label as Typst math (the print engine's, from the same formula tree). */
  readonly typ: string;
  /** Decimal string as given. */
  readonly value: string;
}

export interface GivenRow {
  readonly title: string;
  /** Each line starts on its own (a layer's weights, then its biases). */
  readonly lines: readonly (readonly GivenItem[])[];
}

export interface FormulaRow {
  readonly title: string;
  readonly words: string;
  /** TeX. */
  readonly formula: string;
  /** The same as Typst math. */
  readonly typ: string;
}

export interface StepView {
  /** Kind and layer: steps of one family share a formula pattern and a line width. */
  readonly family: string;
  /** The sample of a per-sample step (1..), from its address. */
  readonly sample?: number;
  readonly id: string;
  readonly label: string;
  readonly formula: string;
  readonly substituted: string;
  /** Label, formula and substituted formula as Typst math (the print engine's, from the same trees as the TeX). */
  readonly typ: { readonly label: string; readonly formula: string; readonly substituted: string };
  /** Whether the substituted formula adds anything (a loss after the update has no numbers to show). */
  readonly showSubstituted: boolean;
  readonly rounded: string;
  /** "=" when the rounded answer is the value itself, "≈" when rounding changed it. */
  readonly relation: "=" | "≈";
  /** Not asked (`ask`): the sheet prints its rounded value where the box would be. */
  readonly given?: boolean;
}

/** Widths in twelfths of the line: a quarter, a third, a half or the whole line. */
export type Span = 3 | 4 | 6 | 12;

export interface StepCell {
  readonly step: StepView;
  readonly span: Span;
}

export interface StepRow {
  /** Cells side by side; their spans add up to 12 at most. */
  readonly cells: readonly StepCell[];
}

/** The per-sample steps of one section of a batch exercise: one line per neuron (its formula, then a cell per sample). */
export interface SampleTable {
  /** Sample numbers, the column heads. */
  readonly samples: readonly number[];
  readonly lines: readonly {
    /** "label = formula" with the sample written as (s). */
    readonly formula: string;
    /** The label with the sample written as (s). */
    readonly label: string;
    /** Both as Typst math. */
    readonly typ: { readonly formula: string; readonly label: string };
    /** One step per sample, in sample order. */
    readonly cells: readonly StepView[];
  }[];
  /** The first sample's steps, worked with numbers on the key, laid out in key lines. */
  readonly worked: readonly StepRow[];
}

export type Block =
  | { readonly kind: "rows"; readonly rows: readonly StepRow[]; readonly keyRows: readonly StepRow[] }
  | { readonly kind: "table"; readonly table: SampleTable }
  /**
   * A batch's gradients or updates, side by side, one matrix per layer: row j is neuron j, column i its input i, the
   * bias last; each family's formula once (its first member), then a box per cell (on the key: label, numbers, result).
   */
  | { readonly kind: "matrices"; readonly items: readonly Matrix[]; readonly lines: readonly (readonly Matrix[])[] };

export interface Matrix {
  /** Each family's formula once: its first member's label and formula. */
  readonly examples: readonly StepView[];
  /** TeX: the first and last labels of each family ("∂E/∂W_11 … ∂E/∂W_43"), so every box is named. */
  readonly caption: string;
  /** The same as Typst math. */
  readonly captionTyp: string;
  /** Column heads: the input index i, then "b" for the bias column. */
  readonly cols: readonly string[];
  /** Row j: neuron j of the layer; a cell is null where a shared bias leaves the bias column empty. */
  readonly rows: readonly { readonly head: string; readonly cells: readonly (StepView | null)[] }[];
  readonly keyRows: readonly StepRow[];
}

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
  /** The network diagram for screens (SVG, scaled to its column). */
  readonly diagram: string;
  /** What a printed page draws its own diagram from (templates/diagram.ts printDiagram: labels sized for the print). */
  readonly network: { readonly exercise: Exercise; readonly words: DiagramText };
  readonly batch: boolean;
  /** Per-sample steps in tables (a batch, not an online schedule): the key works sample 1 above each. */
  readonly tabled: boolean;
  readonly givens: readonly GivenRow[];
  readonly functions: readonly FormulaRow[];
  /** The functions take the whole line below the network (a batch, or a formula too wide for the left column). */
  readonly functionsBelow: boolean;
  readonly sampleHead: readonly string[];
  /** The same heads as Typst math. */
  readonly sampleHeadTyp: readonly string[];
  readonly sampleRows: readonly { readonly sample: number; readonly values: readonly string[] }[];
  readonly conventions: readonly string[];
  /** The same, split in two columns of about equal length. */
  readonly conventionColumns: readonly [readonly string[], readonly string[]];
  readonly roundOnce: string;
  readonly tolerance: string;
  /** Decimals each answer is asked to (printed answer boxes are sized for them). */
  readonly decimals: number;
  readonly sections: readonly SectionView[];
}

export interface SheetOptions {
  readonly lang: Lang;
  readonly title?: string;
  readonly student?: { readonly name: string; readonly id: string };
}

function assertNever(x: never): never {
  throw new Error(`internal: unexpected ${String(x)}`);
}


/** The sheet's conventions in words (loss, batch, bias, δ, update, carry): the sheets and the site say the same. */
export function conventionsOf(ex: Exercise, lang: Lang): string[] {
  const L = ex.layers.length - 1;
  const loss = LOSSES[ex.loss];
  const set = settingsOf(ex);
  const conventions: string[] = [t(lang, `conv.${ex.loss}` as MessageKey, { n: ex.layers[L] })];
  if (ex.samples.length > 1) conventions.push(t(lang, set.online ? "conv.online" : "conv.batch", { n: ex.samples.length }));
  if (set.passes > 1) conventions.push(t(lang, "conv.iterations", { n: set.passes }));
  // The bias convention and whether biases move share one item: two short sentences about one thing.
  const biasWords = [t(lang, set.subtract ? (ex.bias === "shared" ? "conv.subtract.shared" : "conv.subtract") : (`conv.bias.${ex.bias}` as MessageKey))];
  if (ex.bias !== "none") biasWords.push(t(lang, ex.updateBiases ? "conv.updateBiases.true" : "conv.updateBiases.false"));
  conventions.push(biasWords.join(lang === "zh" ? "" : " "));
  conventions.push(t(lang, set.errorTerm ? "conv.delta.error" : "conv.delta"));
  if (set.chain) conventions.push(t(lang, "conv.chain"));
  if (loss.fusedWith === ex.activations[L - 1]) conventions.push(t(lang, set.errorTerm ? "conv.fused.error" : "conv.fused"));
  conventions.push(t(lang, set.errorTerm ? "conv.update.error" : "conv.update"));
  conventions.push(t(lang, ex.carry === "exact" ? "conv.carry.exact" : "conv.carry.rounded", { decimals: ex.decimals }));
  return conventions;
}

/** Half a unit in the last asked place, as a decimal string: 4 → "0.00005". */
export function halfUnit(decimals: number): string {
  return `0.${"0".repeat(decimals)}5`;
}

/** Each step's formula trees, by id (keyFormulas), the substituted one replaced by the key's working where it has one. */
type Trees = ReadonlyMap<string, StepFormulas & { readonly worked: boolean }>;

const stepView = (s: KeyStep, trees: Trees): StepView => {
  const tree = trees.get(s.id)!;
  // The working (generator/working.ts): its arithmetic rounds to the printed answer; none for the loss after the update.
  const substituted = tree.worked ? toLatex(tree.substituted) : s.formula;
  return {
    family: `${s.kind}${s.layer ?? ""}`,
    sample: s.sample,
    id: s.id, label: s.label, formula: s.formula, substituted,
    typ: typOf(tree.worked ? tree : { ...tree, substituted: tree.formula }),
    showSubstituted: substituted !== s.formula, rounded: s.rounded, relation: s.roundedIsExact ? "=" : "≈",
    ...(s.asked === false ? { given: true } : {}),
  };
};

/** keyFormulas with each line's working in place of its substituted formula. */
function workedTrees(sol: Solution, key: Key): Trees {
  const trees = keyFormulas(sol, key);
  const work = workingOf(sol);
  return new Map(sol.graph.steps.map((st, k) => {
    const w = work[k];
    return [st.id, w ? { ...trees.get(st.id)!, substituted: w.formula, worked: true } : { ...trees.get(st.id)!, worked: false }] as const;
  }));
}

const typOf = (f: StepFormulas) => ({ label: toTypst(f.label), formula: toTypst(f.formula), substituted: toTypst(f.substituted) });

const sampleOf = (v: StepView): number => v.sample ?? 0;

function sections(ex: Exercise, graph: Graph, key: Key, N: Notation, lang: Lang, trees: Trees): SectionView[] {
  const batch = ex.samples.length > 1;
  const set = settingsOf(ex);
  // Online, each sample is a round of its own (forward, backward, update) that the next one starts
  // from, and a repeated pass follows the one before: sections run round by round, never side by side.
  const tabled = batch && !set.online;
  const stage = (s: KeyStep) => `${set.online && s.sample !== undefined ? s.sample : ""}|${s.pass ?? ""}`;
  const stageTitle = (s: KeyStep) => [
    ...(set.online && s.sample !== undefined ? [t(lang, "site.sample", { s: s.sample })] : []),
    ...(s.pass !== undefined ? [t(lang, "site.pass", { t: s.pass })] : []),
  ];
  // Labels of an id with its sample written as (s) (a bare s where the notation writes E_{s}): the notation's own label for a sample it never sees.
  const generic = (id: string): Formula => {
    const a = graph.addresses.get(id)!;
    return N.formula(a.sample === undefined ? a : { ...a, sample: "s" });
  };
  const labelOf = (s: KeyStep): Formula => N.formula(graph.addresses.get(s.id)!);
  const out: { title: string; blocks: Block[] }[] = [];
  const bySection = new Map<string, { title: string; blocks: Block[] }>();
  let current: { title: string; blocks: Block[] } | null = null;
  let loose: KeyStep[] = [];
  const flush = () => {
    if (loose.length === 0 || !current) return;
    const views = loose.map((s) => stepView(s, trees));
    if (!tabled && set.chain && loose.some((st) => st.kind === "dEda")) {
      // Mazur's chain, one neuron a line: ∂E/∂a, ∂a/∂z, then δ (a softmax output's δ stands alone).
      const runs: StepView[][] = [[]];
      for (const v of views) {
        runs[runs.length - 1].push(v);
        if (v.family.startsWith("delta")) runs.push([]);
      }
      const rows = runs.filter((r) => r.length > 0);
      current.blocks.push({ kind: "rows", rows: rows.flatMap((r) => sheetRows(r)), keyRows: rows.flatMap((r) => keyRows(r)) });
    } else if (!tabled) current.blocks.push({ kind: "rows", rows: sheetRows(views), keyRows: keyRows(views) });
    else {
      // Batch gradients and updates: one matrix per layer, each family's formula once above it.
      const items: Matrix[] = [];
      for (const l of [...new Set(loose.map((s) => s.layer))]) {
        const members = loose.filter((s) => s.layer === l);
        const views = members.map((s) => stepView(s, trees));
        if (l === undefined || members.length === 1) {
          current.blocks.push({ kind: "rows", rows: sheetRows(views), keyRows: keyRows(views) });
          continue;
        }
        const ws = members.filter((s) => s.kind === "dW" || s.kind === "newW");
        const bs = members.filter((s) => s.kind === "db" || s.kind === "newb");
        const fams = [ws, bs].filter((f) => f.length > 0);
        const inputs = Math.max(0, ...ws.map((s) => s.from!));
        const rows = Array.from({ length: Math.max(0, ...members.map((s) => s.neuron ?? 1)) }, (_, k) => ({
          head: String(k + 1),
          cells: [
            ...Array.from({ length: inputs }, (_, i) => ws.find((s) => s.neuron === k + 1 && s.from === i + 1)),
            ...(bs.length ? [bs.find((s) => (s.neuron ?? 1) === k + 1)] : []),
          ].map((s) => (s ? stepView(s, trees) : null)),
        }));
        const caption = row(
          ...fams.flatMap((f, k) => [
            ...(k === 0 ? [] : [text(";"), space("quad")]),
            f.length > 1 ? join([labelOf(f[0]), sym("ldots"), labelOf(f[f.length - 1])].map((x, n) => (n === 0 ? x : row(space("word"), x))), ",", true) : labelOf(f[0]),
          ]),
        );
        items.push({
          // An update reads the same in every layer: its formula once, on the first matrix.
          examples: fams.map((f) => stepView(f[0], trees)).filter((v) => items.length === 0 || !v.family.startsWith("new")),
          caption: toLatex(caption),
          captionTyp: toTypst(caption),
          cols: [...Array.from({ length: inputs }, (_, i) => String(i + 1)), ...(bs.length ? ["b"] : [])],
          rows,
          keyRows: keyRows(views, false),
        });
      }
      // Matrices side by side while their columns (19 mm each, plus the row heads) fit in the 186 mm line.
      const lines: Matrix[][] = [];
      let used = Infinity;
      for (const m of items) {
        const w = MATRIX_HEAD_MM + m.cols.length * MATRIX_CELL_MM;
        if (used + MATRIX_GAP_MM + w > LINE_MM) {
          lines.push([]);
          used = -MATRIX_GAP_MM;
        }
        lines[lines.length - 1].push(m);
        used += MATRIX_GAP_MM + w;
      }
      if (items.length) current.blocks.push({ kind: "matrices", items, lines });
    }
    loose = [];
  };
  // Per-sample steps already tabled, by section: later samples' steps land on the lines the first sample opened.
  interface Draft { lines: Map<string, { formula: string; label: string; typ: { formula: string; label: string }; cells: StepView[] }>; samples: Set<number>; worked: StepView[] }
  const tables = new Map<string, Draft>();
  const drafts = new Map<Block, Draft>();
  for (const s of key.steps) {
    const secKey: MessageKey = sectionTitle(sectionOf(s.kind), ex);
    const sec = `${secKey}|${stage(s)}`;
    // A batch computes forward pass and loss sample by sample; its tables gather them under one title each.
    const section = bySection.get(sec);
    if (section !== current) {
      flush();
      if (section) current = section;
      else {
        current = { title: [inNotation(t(lang, secKey), lang, key.notation), ...stageTitle(s)].join(" · "), blocks: [] };
        bySection.set(sec, current);
        out.push(current);
      }
    }
    if (!tabled || s.sample === undefined) {
      loose.push(s);
      continue;
    }
    flush();
    let tb = tables.get(sec);
    if (!tb) {
      tb = { lines: new Map(), samples: new Set(), worked: [] };
      tables.set(sec, tb);
      const block: Block = { kind: "table", table: { samples: [], lines: [], worked: [] } };
      drafts.set(block, tb);
      current!.blocks.push(block);
    }
    // One line per place in the network, whatever the sample.
    const lineId = `${s.kind}|${s.layer ?? ""}|${s.neuron ?? ""}|${s.from ?? ""}`;
    let line = tb.lines.get(lineId);
    if (!line) {
      const g = graph.byId.get(s.id)!;
      const formula = eq(generic(s.id), g.formula(g.deps.map(generic)));
      line = { formula: toLatex(formula), label: toLatex(generic(s.id)), typ: { formula: toTypst(formula), label: toTypst(generic(s.id)) }, cells: [] };
      tb.lines.set(lineId, line);
    }
    line.cells.push(stepView(s, trees));
    tb.samples.add(s.sample);
    if (s.sample === 1) tb.worked.push(stepView(s, trees));
  }
  flush();
  // Tables were drafted in place; give them their final shape.
  return out.map((sec) => ({
    title: sec.title,
    inline: sec.blocks.length === 1 && sec.blocks[0].kind === "rows" && sec.blocks[0].rows.length === 1 && sec.blocks[0].rows[0].cells.length === 1,
    blocks: sec.blocks.map((b): Block => {
      const tb = drafts.get(b);
      if (!tb) return b;
      return { kind: "table", table: { samples: [...tb.samples].sort((x, y) => x - y), lines: [...tb.lines.values()].map((l) => ({ ...l, cells: [...l.cells].sort((x, y) => sampleOf(x) - sampleOf(y)) })), worked: keyRows(tb.worked) } };
    }),
  }));
}

/** About one line of a conventions column: the room the column's heading takes. */
const HEADING_CHARS = 50;

/** The printed line, and a batch matrix's cell, row-head column and the gap between matrices side by side. */
const LINE_MM = 186;
const MATRIX_CELL_MM = 19.5;
const MATRIX_HEAD_MM = 9;
const MATRIX_GAP_MM = 6;

/** Millimetres per unit of visibleLength at the sheets' 9.5 pt math (measured in Chromium: 1.5–1.85 across notations). */
const MM_PER_UNIT = 1.86;
/** Room for "label = formula" beside an 18 mm answer box in a quarter, a third and half of the 186 mm line (4 mm gaps). */
const QUARTER_ROW = (43.5 - 19) / MM_PER_UNIT;
const THIRD_ROW = (59.3 - 19) / MM_PER_UNIT;
const HALF_ROW = (91 - 19) / MM_PER_UNIT;
/** Room for label, numbers and the bold result (about 22 mm) in half a key line. */
const KEY_HALF_ROW = (91 - 24) / MM_PER_UNIT;

const family = (s: StepView) => s.family;

/** Packs cells of the given spans into lines of twelve twelfths, in order. */
function pack(steps: readonly StepView[], spanOf: (s: StepView) => Span): StepRow[] {
  const rows: StepRow[] = [];
  let cur: StepCell[] = [];
  let used = 0;
  for (const step of steps) {
    const span = spanOf(step);
    if (used + span > 12) {
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

/** Worksheet lines: a quarter, a third, a half or the whole line, by the printed width of label and formula. */
function sheetRows(steps: readonly StepView[]): StepRow[] {
  return familyRows(steps, (s) => {
    const w = visibleLength(`${s.label} =`) + visibleLength(s.formula);
    return w <= QUARTER_ROW ? 3 : w <= THIRD_ROW ? 4 : w <= HALF_ROW ? 6 : 12;
  });
}

/** Key lines: two worked steps to a line when a family's label, numbers and result all fit in half. */
function keyRows(steps: readonly StepView[], withFormula = true): StepRow[] {
  return familyRows(steps, (s) =>
    visibleLength(`${s.label} =`) + Math.max(withFormula ? visibleLength(s.formula) : 0, visibleLength(s.substituted)) <= KEY_HALF_ROW ? 6 : 12,
  );
}

/** Every step of a family (kind and layer) as wide as its widest, so a family's boxes line up; families follow one another on shared lines. */
export function familyRows(steps: readonly StepView[], width: (s: StepView) => Span): StepRow[] {
  const unitOf = new Map<string, Span>();
  for (const s of steps) unitOf.set(family(s), Math.max(unitOf.get(family(s)) ?? 3, width(s)) as Span);
  return pack(steps, (s) => unitOf.get(family(s))!);
}

/**
 * Builds the view of one solved exercise's sheet and key, in the key's notation. Every number shown
 * is the Solution's (through its key, keyOf): nothing here computes or rounds one.
 */
export function sheetView(sol: Solution, key: Key, code: string, opts: SheetOptions): SheetView {
  const { lang } = opts;
  const ex = sol.exercise;
  const notation: NotationName = key.notation;
  const N = makeNotation(ex, notation);
  const L = ex.layers.length - 1;
  const range = (k: number) => Array.from({ length: k }, (_, i) => i + 1);
  const batch = ex.samples.length > 1;
  const title = opts.title ?? t(lang, "ws.defaultTitle");
  const tol = halfUnit(ex.decimals);
  const rounding = t(lang, ex.rounding === "half_even" ? "rounding.half_even" : "rounding.half_up");

  // A given's label in TeX and in Typst math, from one tree.
  const lab = (a: Parameters<Notation["formula"]>[0]) => {
    const f = N.formula(a);
    return { label: toLatex(f), typ: toTypst(f) };
  };
  const givens: GivenRow[] = [];
  if (!batch) {
    givens.push({ title: t(lang, "givens.inputs"), lines: [ex.samples[0].x.map((v, i) => ({ ...lab(at.x(i + 1)), value: v }))] });
    givens.push({ title: t(lang, "givens.targets"), lines: [ex.samples[0].y.map((v, j) => ({ ...lab(at.y(j + 1)), value: v }))] });
  }
  for (let l = 1; l <= L; l++) {
    // A layer's weights and its biases share one row (the bias on its own line), so the table stays short.
    // Whole neurons to a line (row j of the weight matrix, or two rows of one or two inputs), so the givens read as a matrix.
    const fanIn = ex.layers[l - 1];
    const perLine = fanIn * Math.max(1, Math.floor(4 / fanIn));
    const all = range(ex.layers[l]).flatMap((j) => range(fanIn).map((i) => ({ ...lab(at.W(l, j, i)), value: ex.weights[l - 1][j - 1][i - 1] })));
    const weights = Array.from({ length: Math.ceil(all.length / perLine) }, (_, k) => all.slice(k * perLine, (k + 1) * perLine));
    const from = l - 1;
    switch (ex.bias) {
      case "none":
        givens.push({ title: t(lang, "givens.weights", { from, to: l }), lines: weights });
        break;
      case "shared":
        givens.push({ title: t(lang, "givens.layerShared", { from, to: l }), lines: [...weights, [{ ...lab(at.b(l)), value: ex.biases[l - 1][0] }]] });
        break;
      case "per_neuron":
        givens.push({ title: t(lang, "givens.layerPerNeuron", { from, to: l }), lines: [...weights, ex.biases[l - 1].map((v, j) => ({ ...lab(at.b(l, j + 1)), value: v }))] });
        break;
      default:
        assertNever(ex.bias);
    }
  }
  givens.push({ title: t(lang, "givens.eta"), lines: [[{ ...lab(at.eta()), value: ex.learningRate }]] });

  const functions: FormulaRow[] = [];
  for (let l = 1; l <= L; ) {
    // Consecutive layers with the same activation share one line ("layers 1–2").
    let last = l;
    while (last < L && ex.activations[last] === ex.activations[l - 1]) last++;
    const f = ACTIVATIONS[ex.activations[l - 1]];
    const slope = f.traits.slope ? [op(",", true), space("word"), sym("alpha"), op("="), num(Q.dec(ex.leakySlope ?? "0.01").toPlain())] : [];
    const title = last === l ? t(lang, "givens.activation", { l }) : t(lang, "givens.activationLayers", { from: l, to: last });
    const fz = row(eq(row(text("f"), paren(text("z"))), f.formula(text("z"))), ...slope);
    functions.push({ title, words: f.words[lang], formula: toLatex(fz), typ: toTypst(fz) });
    l = last + 1;
  }
  const loss = LOSSES[ex.loss];
  const outs = range(ex.layers[L]).map((j) => N.formula(at.a(L, j)));
  const tgts = range(ex.layers[L]).map((j) => N.formula(at.y(j)));
  const lossF = eq(text("E"), loss.formula(outs, tgts));
  functions.push({ title: t(lang, "givens.loss"), words: loss.words[lang], formula: toLatex(lossF), typ: toTypst(lossF) });

  const heads = batch ? [...range(ex.layers[0]).map((i) => lab(at.x(i))), ...range(ex.layers[L]).map((j) => lab(at.y(j)))] : [];
  const sampleHead = heads.map((h) => h.label);
  const sampleHeadTyp = heads.map((h) => h.typ);
  const sampleRows = batch ? ex.samples.map((s, k) => ({ sample: k + 1, values: [...s.x, ...s.y] })) : [];

  // Their symbols in the sheet's notation, as the site says them (classic: δ = ∂E/∂net).
  // A short formula in a sentence kept on one line (no-break spaces around its operators).
  const conventions = conventionsOf(ex, lang).map((c) => gluedFormulas(inNotation(c, lang, notation)));

  // Conventions in two columns, split where the characters balance (the left one also holds the heading).
  const total = conventions.reduce((n, c) => n + c.length, 0);
  let split = 0;
  let best = Infinity;
  for (let k = 0, acc = 0; k <= conventions.length; acc += conventions[k]?.length ?? 0, k++) {
    const longer = Math.max(acc + HEADING_CHARS, total - acc);
    if (longer < best) [best, split] = [longer, k];
  }

  const diagramWords: DiagramText = {
    input: t(lang, "layer.input"), hidden: t(lang, "layer.hidden"), output: t(lang, "layer.output"),
    target: notation === "classic" ? "t" : "y",
    inputName: notation === "classic" ? "i" : "x",
  };
  return {
    code,
    title,
    student: opts.student ?? null,
    running: t(lang, "ws.running", { title, code }),
    keyRunning: t(lang, "key.running", { code, tol }),
    diagram: diagramSvg(ex, diagramWords),
    network: { exercise: ex, words: diagramWords },
    batch,
    tabled: batch && !settingsOf(ex).online,
    givens,
    functions,
    functionsBelow: batch || functions.some((f) => visibleLength(f.formula) > LEFT_COLUMN_UNITS),
    sampleHead,
    sampleHeadTyp,
    sampleRows,
    conventions,
    conventionColumns: [conventions.slice(0, split), conventions.slice(split)],
    roundOnce: t(lang, "ws.roundOnce", { decimals: ex.decimals, rounding }),
    tolerance: t(lang, "key.tolerance", { tol }),
    decimals: ex.decimals,
    sections: sections(ex, sol.graph, key, N, lang, workedTrees(sol, key)),
  };
}

/**
 * Printed width (visibleLength) a function's formula may have beside the diagram. Every preset's loss
 * is 24–47 wide and takes a line or two there. A cross-entropy over three outputs in classic labels
 * (131) stood as six short lines, so the functions move below the network, where they take two: of 80
 * such random sheets (zh and en) 7 came down from two pages to one, none went up. Those of 81–89
 * (two outputs, or other notations) stay: below the network some grew a page, where the givens
 * beside the diagram were the taller column anyway.
 */
const LEFT_COLUMN_UNITS = 100;

/**
 * Rough printed width of a TeX snippet, in widths of a digit: scripts 0.7 (a superscript stacked over a
 * subscript takes the wider one), fractions 0.7 of their wider part, and the space KaTeX puts around
 * relations (=) and binary operators (+, −, ·) counted, since those dominate a formula's width.
 */
export function visibleLength(tex: string): number {
  const flat = tex
    .replace(/\\(left|right|big|Big|bigg|mathit|mathrm|hat|bar|tilde|vec|displaystyle)\b/g, "")
    .replace(/\\(ln|exp|tanh|max|min|log|sum)\b/g, (_, name: string) => "o".repeat(name === "sum" ? 2 : name.length))
    .replace(/\\cdot\b/g, "\u00b7")
    .replace(/\\[,;:!]|\\ /g, "\u2009")
    .replace(/\\t?frac\b/g, "\u2044")
    .replace(/\\[a-zA-Z]+/g, "x")
    .replace(/\s+/g, "");
  return width(flat, 0, 0, flat.length);
}

const SIZE = [1, 0.7, 0.5] as const;

/** Width of flat[from, to) at script level (0 text, 1 script, 2 scriptscript). */
function width(flat: string, level: number, from: number, to: number): number {
  const size = SIZE[Math.min(level, 2)];
  let total = 0;
  // One argument: a brace group or a single character; returns [start, end) of its content and the index after it.
  const arg = (k: number): [number, number, number] => {
    if (flat[k] !== "{") return [k, k + 1, k + 1];
    let depth = 0;
    for (let e = k; e < to; e++) {
      if (flat[e] === "{") depth++;
      else if (flat[e] === "}" && --depth === 0) return [k + 1, e, e + 1];
    }
    return [k + 1, to, to];
  };
  for (let k = from; k < to; ) {
    const c = flat[k];
    if (c === "^" || c === "_") {
      const [a, b, next] = arg(k + 1);
      let w = width(flat, level + 1, a, b);
      k = next;
      if ((flat[k] === "^" || flat[k] === "_") && flat[k] !== c) {
        const [a2, b2, next2] = arg(k + 1);
        w = Math.max(w, width(flat, level + 1, a2, b2));
        k = next2;
      }
      total += w;
    } else if (c === "\u2044") {
      const [a, b, next] = arg(k + 1);
      const [a2, b2, next2] = arg(next);
      total += Math.max(width(flat, level + 1, a, b), width(flat, level + 1, a2, b2)) + 0.3 * size;
      k = next2;
    } else {
      if (c === "=") total += level === 0 ? 2.6 : 0.8 * size;
      else if (c === "+" || c === "-") total += level === 0 ? 2.4 : 0.8 * size;
      else if (c === "\u00b7") total += level === 0 ? 1.4 : 0.6 * size;
      else if (c === "\u2009") total += 0.3 * size;
      else if (c === "(" || c === ")" || c === "[" || c === "]" || c === "|") total += 0.7 * size;
      // A prime sits beside the scripts that follow it instead of over them.
      else if (c === "'") total += 1.6 * size;
      else if (c !== "{" && c !== "}") total += size;
      k++;
    }
  }
  return total;
}
