// Printed worksheets and keys: Typst source from the same view model as the HTML (templates/viewmodel.ts),
// typeset by the Typst compiler (@myriaddreamin/typst-ts-node-compiler, native, no browser) into a PDF
// with embedded CID fonts (New Computer Modern, its Math, Noto Sans CJK from the system).
import { msg, t, type Lang } from "./i18n.js";
import { compileTypst } from "./typst-compile.js";
import { formatNumber } from "./number.js";
import { cjkFontFiles, MissingDependencyError } from "./pdf.js";
import type { Exercise } from "../generator/exercise.js";
import { printDiagram } from "./diagram.js";
import { familyRows, type FormulaRow, visibleLength, type Block, type Matrix, type SheetView, type Span, type StepRow, type StepView } from "./viewmodel.js";

export interface PrintOptions {
  readonly lang: Lang;
  /** Worksheets: the instructions as Markdown text (paragraphs, **bold**). */
  readonly instructions?: string;
  /** Worksheets: "hide" leaves each step's rule out (an exam); "show" by default. */
  readonly formulas?: "show" | "hide";
  /** Room for working under each section of a worksheet, in millimetres (0: none). */
  readonly space?: number;
  /** Pads each student's sheet (or key) to an even number of pages, for printing on both sides. */
  readonly duplex?: boolean;
}

/** A Typst string literal. */
export const str = (s: string) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\r/g, "")}"`;
/** Text as Typst content. */
const txt = (s: string) => `#${str(s)}`;
/** Typst math (the view model's, rendered by generator/formula.ts toTypst from the same trees as the TeX) that never breaks inside (a box). */
const m = (typ: string) => `#box($${typ}$)`;
const num = (v: string) => formatNumber(v).replace(/-/g, "−");

/** Markdown's paragraphs and **bold** as Typst content (the instructions). */
function markdownTypst(md: string): string {
  return md
    .split(/\n\s*\n/)
    .map((p) => p.trim().split(/\*\*/).map((part, k) => (part === "" ? "" : k % 2 === 1 ? `#strong(${str(part)})` : txt(part.replace(/\s*\n\s*/g, " ")))).join(""))
    .filter((p) => p !== "")
    .join("\n\n");
}

/** Answer box width: a sign, a digit, the point and the asked decimals at about 3.2 mm a handwritten character, plus margins. */
export const boxWidthMm = (decimals: number) => Math.round((decimals + 3) * 2.6 + 3);
const BOX_H = "8mm";
/** Height of a cell in a batch's ruled grids (per-sample tables, matrices): as tall as a box, room for a handwritten number. */
const GRID_H = BOX_H;
/** Room above and below a key line (its fractions never touch the next line's). */
const KEY_GAP = "1.2mm";

const PREAMBLE = (lang: Lang, title: string) => `#set document(title: ${str(title)}, author: "bpdrill", date: none)
#set page(paper: "a4", margin: (x: 11mm, top: 9.5mm, bottom: 5mm), header-ascent: 15%)
#set text(font: ("New Computer Modern", "Noto Sans CJK SC"), size: 9pt, lang: ${str(lang === "zh" ? "zh" : "en")}${lang === "zh" ? ', region: "cn"' : ""})
#set par(leading: 0.45em, spacing: 0.7em, justify: false)
#set block(spacing: 0.6em)
#show math.equation: set text(size: 9pt)
#show heading: set text(size: 10pt)
#show heading: it => block(above: 1.1mm, below: 0.7mm, sticky: true, text(weight: "bold", it.body))
// A formula wider than its room (worked out from the line's grid) is scaled down to fit, never broken
// inside an expression; in a ruled grid also to at most 7 mm of height (softmax's fraction). A measure in
// a context, not a layout(): layout() made the class set's compilation five times slower. The scaled
// formula is laid out at its own natural width: in a narrower box Typst breaks inline math at + and =.
#let fit(room, body, height: none) = context {
  let m = measure(body)
  let k = calc.min(1, room / m.width, if height == none { 1 } else { height / m.height })
  if k >= 1 { body } else { scale(k * 100%, reflow: true, box(width: m.width, body)) }
}
// Answer cells of a ruled grid: every cell but the first column and the header row.
// A step not asked (--ask): its rounded value printed where the box would be.
#let given(v) = box(height: ${BOX_H}, align(horizon, text(fill: luma(60), v)))
#let strut = box(height: ${GRID_H})
#let gridstroke = (x, y) => if x > 0 and y > 0 { 0.7pt + black } else { none }
#let bx(w) = box(width: w, height: ${BOX_H}, stroke: 0.7pt + black, radius: 1pt)
#let running(body) = {
  set text(size: 7.5pt, fill: luma(80))
  grid(columns: (1fr, auto), body, context counter(page).display("1"))
  v(-0.7em)
  line(length: 100%, stroke: 0.4pt + luma(150))
}
#let sheetpage(head, duplex, body) = page(header: running(head), {
  counter(page).update(1)
  [#metadata(none) <sheet-start>]
  body
  // An odd count of pages (first to last page of this sheet) gets a blank one (colbreak: a pagebreak here made no page).
  if duplex { context {
    let first = query(selector(<sheet-start>).before(here())).last().location().page()
    if calc.even(here().page() - first) { colbreak(); hide[x] }
  } }
})
`;

function header(s: SheetView, lang: Lang, big: boolean): string {
  const out = [`#grid(columns: (1fr, auto), align: bottom, text(size: 13pt, weight: "bold", ${str(s.title)}), [#text(size: 8.5pt, ${str(t(lang, "ws.code"))}) #h(0.3em) #text(font: "DejaVu Sans Mono", size: 13pt, weight: "bold", ${str(s.code)})])`];
  if (big) {
    const field = (key: "field.name" | "field.studentId" | "field.class" | "field.date", value: string, w: string) =>
      `#text(weight: "bold", ${str(t(lang, key))}) #box(width: ${w}, stroke: (bottom: 0.5pt), inset: (bottom: 2pt), ${str(value)})`;
    out.push(
      `#v(-0.5mm)\n${[
        field("field.name", s.student?.name ?? "", "40mm"),
        field("field.studentId", s.student?.id ?? "", "34mm"),
        field("field.class", "", "24mm"),
        field("field.date", "", "24mm"),
      ].join(" #h(1fr) ")}`,
    );
  }
  return out.join("\n");
}

/**
 * The sheet's functions as paragraphs (name, words, formula) in a column `room` mm wide, or (wide) below
 * the diagram and the givens, two to a line, a long one across the line. A formula that does not fit the
 * rest of its line goes whole to the next; one wider than its room is scaled (always measured: a few a sheet,
 * and a table's column widths are Typst's to choose, not ours to estimate).
 */
function functions(s: SheetView, wide: boolean, room = 188): string {
  const para = (f: (typeof s.functions)[number], mm: number) =>
    `[#text(weight: "bold", ${str(f.title)}) #h(0.3em) #text(fill: luma(60), ${str(f.words)}) #h(0.3em) #fit(${mm.toFixed(1)}mm, box($${f.typ}$))]`;
  if (!wide) return s.functions.map((f) => `#block(above: 1.2mm, below: 1.2mm)${para(f, room)}`).join("\n");
  const half = (188 - 4) / 2;
  const cells: string[] = [];
  let col = 0;
  for (const f of s.functions) {
    const long = oneLineMm(f) > half;
    if (long && col === 1) cells.push("[]"); // a long one starts a line of its own
    cells.push(long ? `grid.cell(colspan: 2, ${para(f, 188)})` : para(f, half));
    col = long ? 0 : 1 - col;
  }
  return `#grid(columns: (1fr, 1fr), column-gutter: 4mm, row-gutter: 1.2mm, ${cells.join(", ")})`;
}

/** The printed line (188 mm) in points. */
const LINE_PT = 531;
/** The diagram beside the givens takes at most this share of the line. */
const BESIDE_SHARE = 0.6;
/** Weight, bias, input and target labels print at least this size (points). */
export const DIAGRAM_LABEL_PT = 7;

/** Points per millimetre. */
const MM = 72 / 25.4;
/** Printed width (mm) of a run of text at 8–9 pt: a CJK character about an em, Latin about half. */
const textMm = (s: string, pt: number) => [...s].reduce((w, ch) => w + (/[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 1 : 0.5), 0) * (pt / MM);

/** Estimated height (mm) of the givens table in a column `room` mm wide (titles in 28 mm at 8 pt bold, values at 8.5 pt). */
function givensMm(s: SheetView, room: number): number {
  const valueRoom = room - 28 - 2;
  const rows = s.givens.map((g) => {
    const titleLines = Math.ceil(textMm(g.title, 8) / 26);
    const valueLines = g.lines.reduce((n, line) => {
      let lines = 1;
      let used = 0;
      for (const it of line) {
        const w = formulaMm(visibleLength(it.label)) + textMm(` = ${it.value}`, 8.5) + 3;
        if (used > 0 && used + w > valueRoom) [lines, used] = [lines + 1, 0];
        used += w;
      }
      return n + lines;
    }, 0);
    return Math.max(titleLines, valueLines) * 4.3 + 1.6;
  });
  return 6 + rows.reduce((a, b) => a + b, 0);
}

/** Estimated width (mm) of a function on one line: its name, its words and its formula at 9 pt. */
const oneLineMm = (f: FormulaRow) => textMm(`${f.title} ${f.words}`, 9) + formulaMm(visibleLength(f.formula));

/** Estimated height (mm) of the functions stacked in a column `room` mm wide (a formula that does not fit the line goes under it). */
const functionsMm = (s: SheetView, room: number) => s.functions.reduce((h, f) => h + (oneLineMm(f) > room ? 9.5 : 5), 0);

/** The most a printed diagram may take: the whole line for a batch's, a share of it beside the givens for one sample's. */
export const diagramRoomPt = (batch: boolean) => (batch ? LINE_PT : BESIDE_SHARE * LINE_PT);

/** Printed diagrams by exercise: a sheet and its key print the same one (a layout search each). */
const printed = new WeakMap<Exercise, Map<string, ReturnType<typeof printDiagram>>>();

function printedDiagram(s: SheetView): ReturnType<typeof printDiagram> {
  const { exercise, words } = s.network;
  const key = JSON.stringify([words, s.batch]);
  let byKey = printed.get(exercise);
  if (!byKey) printed.set(exercise, (byKey = new Map()));
  let d = byKey.get(key);
  if (!d) byKey.set(key, (d = printDiagram(exercise, words, diagramRoomPt(s.batch), DIAGRAM_LABEL_PT)));
  return d;
}

function network(s: SheetView, lang: Lang): string {
  const d = printedDiagram(s);
  const dw = `${(Math.ceil(d.widthPt * 10) / 10).toFixed(1)}pt`;
  const diagram = `image(bytes(${str(d.svg)}), width: ${dw})`;
  const right: string[] = [];
  const givens = `#text(weight: "bold", ${str(t(lang, "ws.givens"))})\n#set text(size: 8.5pt)\n#table(columns: (28mm, 1fr), stroke: (x, y) => (top: 0.4pt + luma(190)), inset: (x: 2pt, y: 1.4pt), ${s.givens
    .map((g) => `text(size: 8pt, weight: "bold", ${str(g.title)}), [#set par(leading: 0.5em)\n#set text(top-edge: "bounds", bottom-edge: "bounds")\n${g.lines.map((line) => line.map((it) => `#box[${m(it.typ)} $=$ ${num(it.value)}]`).join("#h(1em)")).join(" \\ ")}]`)
    .join(", ")})`;
  right.push(givens);
  if (s.batch) {
    const cols = s.sampleHead.length + 1;
    right.push(
      `#text(weight: "bold", ${str(t(lang, "ws.samples"))})\n#table(columns: ${cols}, align: right, inset: 2pt, stroke: 0.4pt + luma(160), [${txt(t(lang, "givens.sample"))}], ${s.sampleHeadTyp.map((h) => `[${m(h)}]`).join(", ")}, ${s.sampleRows
        .map((r) => [`[${r.sample}]`, ...r.values.map((v) => `[${num(v)}]`)].join(", "))
        .join(", ")})`,
    );
  }
  if (s.batch) {
    // A batch: the diagram on its own line, givens beside the samples below it.
    // The functions below both, across the line: a batch's loss (softmax's cross-entropy) is long.
    return [`#align(center, ${diagram})`, `#grid(columns: (1.25fr, 1fr), column-gutter: 4mm, [\n${right[0]}\n], [\n${right.slice(1).join("\n")}\n])`, functions(s, false)].join("\n");
  }
  // One sample: the diagram beside the givens, the functions under whichever of the two keeps the pair
  // shorter, from estimated heights (measuring them in Typst cost a tenth of the class set's compilation;
  // the view model's functionsBelow: below both, two to a line).
  const dwMm = d.widthPt / MM;
  const rw = 188 - dwMm - 4;
  let left = `align(horizon, ${diagram})`;
  if (!s.functionsBelow) {
    const dh = d.heightPt / MM;
    const g = givensMm(s, rw);
    if (Math.max(dh, g + functionsMm(s, rw)) <= Math.max(dh + functionsMm(s, dwMm), g)) right.push(functions(s, false, rw));
    else left = `[#align(center, ${diagram})\n${functions(s, false, dwMm)}]`;
  }
  const out = [`#grid(columns: (${dw}, 1fr), column-gutter: 4mm, ${left}, [\n${right.join("\n")}\n])`];
  if (s.functionsBelow) out.push(functions(s, true));
  return out.join("\n");
}

function conventions(s: SheetView, lang: Lang, withRound: boolean): string {
  // The view's sentences keep their short formulas on one line (notation-words.ts gluedFormulas).
  const col = (items: readonly string[]) => items.map((c) => `- ${txt(c)}`).join("\n");
  const out = [
    `#block(breakable: false, stroke: 0.4pt + luma(170), inset: (x: 2.5mm, y: 1.1mm), radius: 2pt, width: 100%)[#set text(size: 7.5pt)\n#set par(leading: 0.3em)\n#set list(spacing: 0.35em)\n#text(weight: "bold", ${str(t(lang, "ws.conventions"))})\n#grid(columns: (1fr, 1fr), column-gutter: 5mm, [\n${col(s.conventionColumns[0])}\n], [\n${col(s.conventionColumns[1])}\n])]`,
  ];
  if (withRound) out.push(txt(s.roundOnce));
  return out.join("\n");
}

/** The printed line is 188 mm on twelve columns with 3 mm gutters: a span of n twelfths is n·12.92 + (n−1)·3 mm wide. */
const spanMm = (n: number) => n * ((188 - 33) / 12) + (n - 1) * 3;
/** Millimetres per unit of visibleLength in Typst's 9 pt New Computer Modern math (measured: 1.35–1.56 on sums, more on short fractions), plus 3 mm. */
const formulaMm = (units: number) => units * 1.45 + 3;

/** Worksheet lines re-packed for the Typst page: each family in the narrowest span its label, rule and box fit. */
function sheetLines(rows: readonly StepRow[], boxMm: number, formulas: boolean): StepRow[] {
  const steps = rows.flatMap((r) => r.cells.map((c) => c.step));
  // Mazur's chain keeps one neuron a line (∂E/∂a, ∂a/∂z, then δ), as the view model groups it.
  const runs: StepView[][] = [[]];
  const chain = steps.some((st) => st.family.startsWith("dEda"));
  for (const st of steps) {
    runs[runs.length - 1].push(st);
    if (chain && st.family.startsWith("delta")) runs.push([]);
  }
  return runs
    .filter((r) => r.length > 0)
    .flatMap((run) =>
      familyRows(run, (st) => {
        const need = formulaMm(visibleLength(`${st.label} =`) + (formulas ? visibleLength(st.formula) : 0)) + 2 + boxMm;
        return ([3, 4, 6] as const).find((n) => need <= spanMm(n)) ?? (12 as Span);
      }),
    );
}

/** A line of cells on a twelve-column grid, each spanning its twelfths. */
function line(row: StepRow, cell: (st: StepView, span: number) => string, gap = "0mm"): string {
  const cells = row.cells.map((c) => `grid.cell(colspan: ${c.span}, ${cell(c.step, c.span)})`);
  const used = row.cells.reduce((n, c) => n + c.span, 0);
  if (used < 12) cells.push(`grid.cell(colspan: ${12 - used}, [])`);
  return `#block(breakable: false, above: 0.35mm, below: 0.35mm, inset: (y: ${gap}), grid(columns: (1fr,) * 12, column-gutter: 3mm, ${cells.join(", ")}))`;
}

interface Ctx {
  readonly lang: Lang;
  readonly boxW: string;
  readonly boxMm: number;
  readonly formulas: boolean;
}

/**
 * A formula in `room` mm: measured and scaled by Typst only where its estimated width comes near the room
 * (a measure per formula doubled the class set's compilation time; most formulas have room to spare).
 */
const fitted = (room: number, estimate: number, body: string, height?: string) =>
  estimate > 0.75 * room || height !== undefined ? `fit(${room.toFixed(1)}mm, ${height ? `height: ${height}, ` : ""}${body})` : body;

/** The answer box of a step, or its value where the step is not asked. */
const answer = (st: StepView, c: Ctx) => (st.given ? `given(${str(`${st.relation} ${num(st.rounded)}`)})` : `bx(${c.boxW})`);

function sheetCell(st: StepView, c: Ctx, span: number): string {
  const rule = c.formulas ? ` ${st.typ.formula}` : "";
  return `grid(columns: (1fr, auto), column-gutter: 2mm, align: horizon, ${fitted(spanMm(span) - c.boxMm - 2, formulaMm(visibleLength(`${st.label} =`) + (c.formulas ? visibleLength(st.formula) : 0)), m(`${st.typ.label} =${rule}`).slice(1))}, ${answer(st, c)})`;
}

/** Key lines re-packed for the Typst page: a family two to a line when label, formula, numbers and result all fit in half of it. */
function keyLines(rows: readonly StepRow[], withFormula: boolean): StepRow[] {
  const steps = rows.flatMap((r) => r.cells.map((c) => c.step));
  return familyRows(steps, (st) => {
    const units = visibleLength(st.label) + (withFormula ? visibleLength(st.formula) + 1 : 0) + (st.showSubstituted || !withFormula ? visibleLength(st.substituted) + 1 : 0) + 12;
    return formulaMm(units) <= spanMm(6) ? 6 : 12;
  });
}

function keyCell(st: StepView, withFormula: boolean, span: number): string {
  // Each part whole: the line may break between "= rule" and "= numbers", never inside one; a part wider than the cell is scaled.
  const part = (tex: string, typ: string) => `#${fitted(spanMm(span), formulaMm(visibleLength(tex)), m(typ).slice(1))}`;
  const parts = [m(st.typ.label)];
  if (withFormula) parts.push(part(st.formula, `= ${st.typ.formula}`));
  if (st.showSubstituted || !withFormula) parts.push(part(st.substituted, `= ${st.typ.substituted}`));
  parts.push(`$${st.relation}$ #text(weight: "bold", ${str(num(st.rounded))})`);
  return `[#set par(leading: 0.9em)
${parts.join(" ")}]`;
}

function sheetBlock(b: Block, c: Ctx, lang: Lang): string {
  switch (b.kind) {
    case "rows":
      return sheetLines(b.rows, c.boxMm, c.formulas).map((r) => line(r, (st, span) => sheetCell(st, c, span))).join("\n");
    case "matrices": {
      const out: string[] = [];
      if (c.formulas)
        out.push(`#block(sticky: true)[${b.items.flatMap((mx) => mx.examples.map((e) => m(`${e.typ.label} = ${e.typ.formula}`))).join(" #h(2em) ")} #h(1em) #text(size: 9pt, ${str(t(lang, "ws.matrixHint"))})]`);
      for (const ml of matrixLines(b.items, c)) out.push(`#block(breakable: false, grid(columns: ${ml.length}, column-gutter: 5mm, ${ml.map((mx) => matrixTable(mx, c)).join(", ")}))`);
      return out.join("\n");
    }
    case "table": {
      const tb = b.table;
      const head = `[${txt(t(lang, "givens.sample"))}], ${tb.samples.map((n) => `align(center)[${n}]`).join(", ")}`;
      // A ruled grid: one cell a sample, GRID_H tall (the batch's two-page budget), the formula scaled to its row.
      // Rows at least GRID_H (a strut in the first answer cell); a tall formula (softmax's fraction) makes its row taller.
      const rows = tb.lines.map((l) => `${fitted(188 - tb.samples.length * c.boxMm - 2, formulaMm(visibleLength(c.formulas ? l.formula : `${l.label} =`)), m(c.formulas ? l.typ.formula : `${l.typ.label} =`).slice(1), c.formulas && l.typ.formula.includes("frac(") ? "7mm" : undefined)}, ${l.cells.map((st, k) => (st.given ? `table.cell(stroke: none, align(center, text(fill: luma(60), ${str(num(st.rounded))})))` : k === 0 ? "strut" : "[]")).join(", ")}`);
      return `#table(columns: (1fr, ${tb.samples.map(() => c.boxW).join(", ")}), stroke: gridstroke, align: horizon, inset: (x: 1.5pt, y: 0.3pt), table.header(${head}), ${rows.join(", ")})`;
    }
  }
}

/** Matrix cells: as wide as a box, at most 20 mm (two layers' matrices side by side on the 188 mm line). */
const cellMm = (c: Ctx) => Math.min(c.boxMm, 20);

/** Matrices side by side while they fit the line: about 8 mm of row heads, then a cell a column, 5 mm apart. */
function matrixLines(items: readonly Matrix[], c: Ctx): Matrix[][] {
  const lines: Matrix[][] = [];
  let used = Infinity;
  for (const mx of items) {
    const w = 8 + mx.cols.length * cellMm(c);
    if (used + 5 + w > 188) {
      lines.push([]);
      used = -5;
    }
    lines[lines.length - 1].push(mx);
    used += 5 + w;
  }
  return lines;
}

function matrixTable(mx: Matrix, c: Ctx): string {
  const head = [`[$j \\\\ i$]`, ...mx.cols.map((h) => `align(center, ${str(h)})`)].join(", ");
  const rows = mx.rows.map((r) => [`align(horizon, ${str(r.head)})`, ...r.cells.map((st) => (!st ? "table.cell(stroke: none, [])" : st.given ? `align(center, text(fill: luma(60), ${str(num(st.rounded))}))` : "[]"))].join(", "));
  return `[${m(mx.captionTyp)}\n#table(columns: (auto, ..(${cellMm(c)}mm,) * ${mx.cols.length}), rows: (auto, ..(${GRID_H},) * ${mx.rows.length}), stroke: gridstroke, align: horizon, inset: (x: 1.5pt, y: 0pt), ${head}, ${rows.join(", ")})]`;
}

function keyBlock(b: Block, lang: Lang, boxW: string): string {
  switch (b.kind) {
    case "rows":
      return keyLines(b.keyRows, true).map((r) => line(r, (st, span) => keyCell(st, true, span), KEY_GAP)).join("\n");
    case "matrices":
      return b.items
        .map((mx) => [`#block(sticky: true)[${mx.examples.map((e) => m(`${e.typ.label} = ${e.typ.formula}`)).join(" #h(2em) ")} #h(1em) #text(size: 9pt, ${str(t(lang, "ws.likewise"))})]`, ...keyLines(mx.keyRows, false).map((r) => line(r, (st, span) => keyCell(st, false, span), KEY_GAP))].join("\n"))
        .join("\n");
    case "table": {
      const tb = b.table;
      const worked = keyLines(tb.worked, false).map((r) => line(r, (st, span) => keyCell(st, false, span), KEY_GAP));
      const head = `[${txt(t(lang, "givens.sample"))}], ${tb.samples.map((n) => `align(right)[${n}]`).join(", ")}`;
      const rows = tb.lines.map((l) => `[${m(l.typ.label)}], ${l.cells.map((st) => `align(right, text(weight: "bold", ${str(num(st.rounded))}))`).join(", ")}`);
      return [...worked, `#table(columns: (1fr, ${tb.samples.map(() => boxW).join(", ")}), stroke: (x, y) => (top: 0.3pt + luma(200)), inset: (x: 2pt, y: 3pt), table.header(${head}), ${rows.join(", ")})`].join("\n");
    }
  }
}

function worksheet(s: SheetView, o: PrintOptions): string {
  const { lang } = o;
  const c: Ctx = { lang, boxW: `${boxWidthMm(s.decimals)}mm`, boxMm: boxWidthMm(s.decimals), formulas: o.formulas !== "hide" };
  const body: string[] = [header(s, lang, true), `#text(size: 7.5pt)[${markdownTypst(o.instructions ?? t(lang, "ws.instructions"))}]`, network(s, lang), conventions(s, lang, false)];
  body.push(`#block(sticky: true, below: 1mm, grid(columns: (auto, 1fr), align: bottom, heading(level: 2, ${str(t(lang, "ws.steps"))}), align(right, box(stroke: 0.8pt + rgb("#b45309"), fill: rgb("#fff7ed"), inset: (x: 2mm, y: 1mm), text(weight: "bold", ${str(s.roundOnce)})))))`);
  for (const sec of s.sections) {
    const b0 = sec.blocks[0];
    const lines = sec.blocks.length === 1 && b0.kind === "rows" ? sheetLines(b0.rows, c.boxMm, c.formulas) : [];
    const only = lines.length === 1 ? lines[0] : undefined;
    // A section of one line (the loss) keeps its heading beside the line, not above it.
    if (only)
      body.push(
        `#block(breakable: false, above: 1.2mm, below: 0.6mm, grid(columns: ${1 + 2 * only.cells.length}, column-gutter: 3mm, align: horizon, heading(level: 3, ${str(sec.title)}), ${only.cells
          .map((cell) => `${fitted((188 - 20) / only.cells.length - c.boxMm - 6, formulaMm(visibleLength(`${cell.step.label} =`) + (c.formulas ? visibleLength(cell.step.formula) : 0)), m(`${cell.step.typ.label} =${c.formulas ? ` ${cell.step.typ.formula}` : ""}`).slice(1))}, ${answer(cell.step, c)}`)
          .join(", ")}))`,
      );
    else body.push(`#heading(level: 3, ${str(sec.title)})`);
    if (!only) for (const b of sec.blocks) body.push(sheetBlock(b, c, lang));
    if ((o.space ?? 0) > 0) body.push(`#v(${o.space}mm)`);
  }
  return `#sheetpage(${str(s.running)}, ${o.duplex ? "true" : "false"})[\n${body.join("\n\n")}\n]`;
}

function key(s: SheetView, o: PrintOptions): string {
  const { lang } = o;
  const boxW = `${boxWidthMm(s.decimals)}mm`;
  const body: string[] = [
    header(s, lang, false),
    `#heading(level: 2, ${str(t(lang, "key.title"))})\n${txt(s.tolerance)} \\ ${txt(t(lang, "key.working"))}${s.tabled ? ` \\ ${txt(t(lang, "key.workedFirst"))}` : ""}`,
    network(s, lang),
    conventions(s, lang, true),
  ];
  for (const sec of s.sections) {
    body.push(`#heading(level: 3, ${str(sec.title)})`);
    for (const b of sec.blocks) body.push(keyBlock(b, lang, boxW));
  }
  return `#sheetpage(${str(s.keyRunning)}, ${o.duplex ? "true" : "false"})[\n${body.join("\n\n")}\n]`;
}

export function typstWorksheets(sheets: readonly SheetView[], o: PrintOptions): string {
  return `${PREAMBLE(o.lang, t(o.lang, "ws.docTitle"))}\n${sheets.map((s) => worksheet(s, o)).join("\n")}\n`;
}

export function typstKeys(sheets: readonly SheetView[], o: PrintOptions): string {
  return `${PREAMBLE(o.lang, t(o.lang, "key.docTitle"))}\n${sheets.map((s) => key(s, o)).join("\n")}\n`;
}

/** The font files a document in lang needs from the system: Noto Sans CJK for Chinese (a clear message where it is missing). */
export function typstFonts(lang: Lang): string[] {
  const files = cjkFontFiles();
  if (lang === "zh" && files.length === 0) throw new MissingDependencyError(msg("cli.pdf.fonts"));
  return files;
}

/** Typst source to PDF bytes in this process: the same source gives the same bytes (no date, fixed creation time). */
export function typstPdf(source: string, lang: Lang): Uint8Array {
  return compileTypst(typstFonts(lang), source);
}
