// Printed worksheets and keys: Typst source from the same view model as the HTML (templates/viewmodel.ts),
// typeset by the Typst compiler (@myriaddreamin/typst-ts-node-compiler, native, no browser) into a PDF
// with embedded CID fonts (New Computer Modern, its Math, Noto Sans CJK from the system).
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { msg, t, type Lang } from "./i18n.js";
import { formatNumber } from "./number.js";
import { MissingDependencyError } from "./pdf.js";
import { mathTypst } from "./typmath.js";
import type { Block, Matrix, SheetView, StepRow, StepView } from "./viewmodel.js";

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
const str = (s: string) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\r/g, "")}"`;
/** Text as Typst content. */
const txt = (s: string) => `#${str(s)}`;
/** Inline math that never breaks inside (a box); wide formulas (the losses) break only between top-level terms. */
const m = (tex: string) => `$${mathTypst(tex)}$`;
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
export const boxWidthMm = (decimals: number) => Math.round((decimals + 3) * 3.2 + 3);
const BOX_H = "8.5mm";

const PREAMBLE = (lang: Lang, title: string) => `#set document(title: ${str(title)}, author: "bpdrill", date: none)
#set page(paper: "a4", margin: (x: 12mm, top: 17mm, bottom: 15mm))
#set text(font: ("New Computer Modern", "Noto Sans CJK SC"), size: 10pt, lang: ${str(lang === "zh" ? "zh" : "en")}${lang === "zh" ? ', region: "cn"' : ""})
#set par(leading: 0.55em, justify: false)
#show math.equation: set text(size: 10pt)
#show heading: set text(size: 11pt)
#show heading: it => block(above: 0.9em, below: 0.5em, sticky: true, text(weight: "bold", it.body))
#let bx(w) = box(width: w, height: ${BOX_H}, stroke: 0.7pt + black, radius: 1pt)
#let running(body) = {
  set text(size: 8.5pt, fill: luma(80))
  grid(columns: (1fr, auto), body, context counter(page).display("1"))
  v(-0.6em)
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
  const out = [`#grid(columns: (1fr, auto), text(size: 13pt, weight: "bold", ${str(s.title)}), [${txt(t(lang, "ws.code"))} #h(0.4em) #text(font: "DejaVu Sans Mono", size: 11pt, weight: "bold", ${str(s.code)})])`];
  if (big) {
    const field = (key: "field.name" | "field.studentId" | "field.class" | "field.date", value: string, w: string) =>
      `${txt(t(lang, key))} #box(width: ${w}, stroke: (bottom: 0.5pt), inset: (bottom: 2pt), ${str(value)})`;
    out.push(
      `#v(2mm)\n${[
        field("field.name", s.student?.name ?? "", "38mm"),
        field("field.studentId", s.student?.id ?? "", "34mm"),
        field("field.class", "", "24mm"),
        field("field.date", "", "24mm"),
      ].join(" #h(1fr) ")}`,
    );
  }
  return out.join("\n");
}

function functions(s: SheetView): string {
  return `#table(columns: (24mm, 1fr), stroke: none, inset: (x: 2pt, y: 3pt), ${s.functions
    .map((f) => `text(weight: "bold", ${str(f.title)}), [${txt(f.words)} ${m(f.formula)}]`)
    .join(", ")})`;
}

function network(s: SheetView, lang: Lang): string {
  // The diagram on its own line, as wide as puts its 11-unit weight labels at 7 pt (0.64 pt a unit), at most the line.
  const vbWidth = Number(/viewBox="0 0 ([\d.]+)/.exec(s.diagram)?.[1] ?? 600);
  const diagram = `#align(center, image(bytes(${str(s.diagram)}), width: ${Math.min(vbWidth * 7 / 11, 527).toFixed(1)}pt))`;
  const left: string[] = [];
  if (!s.functionsBelow) left.push(functions(s));
  if (s.batch) {
    const cols = s.sampleHead.length + 1;
    left.push(
      `#text(weight: "bold", ${str(t(lang, "ws.samples"))})\n#table(columns: ${cols}, align: right, inset: 3pt, stroke: 0.4pt + luma(160), [${txt(t(lang, "givens.sample"))}], ${s.sampleHead.map((h) => `[${m(h)}]`).join(", ")}, ${s.sampleRows
        .map((r) => [`[${r.sample}]`, ...r.values.map((v) => `[${num(v)}]`)].join(", "))
        .join(", ")})`,
    );
  }
  const givens = `#text(weight: "bold", ${str(t(lang, "ws.givens"))})\n#table(columns: (30mm, 1fr), stroke: (x, y) => (top: 0.4pt + luma(190)), inset: (x: 3pt, y: 4pt), ${s.givens
    .map((g) => `text(weight: "bold", ${str(g.title)}), [${g.lines.map((line) => line.map((it) => `#box[${m(it.label)} $=$ ${num(it.value)}]`).join("#h(1.2em)")).join(" \\ ")}]`)
    .join(", ")})`;
  const out = [diagram, `#grid(columns: (1fr, 1fr), column-gutter: 6mm, [\n${left.join("\n")}\n], [\n${givens}\n])`];
  if (s.functionsBelow) out.push(functions(s));
  return out.join("\n");
}

function conventions(s: SheetView, lang: Lang, withRound: boolean): string {
  const col = (items: readonly string[]) => items.map((c) => `- ${txt(c)}`).join("\n");
  const out = [
    `#block(breakable: false, stroke: 0.4pt + luma(170), inset: 3mm, radius: 2pt, width: 100%)[#text(weight: "bold", ${str(t(lang, "ws.conventions"))})\n#set text(size: 9pt)\n#grid(columns: (1fr, 1fr), column-gutter: 5mm, [\n${col(s.conventionColumns[0])}\n], [\n${col(s.conventionColumns[1])}\n])]`,
  ];
  if (withRound) out.push(txt(s.roundOnce));
  return out.join("\n");
}

/** A line of cells on a twelve-column grid, each spanning its twelfths. */
function line(row: StepRow, cell: (st: StepView) => string): string {
  const cells = row.cells.map((c) => `grid.cell(colspan: ${c.span}, ${cell(c.step)})`);
  const used = row.cells.reduce((n, c) => n + c.span, 0);
  if (used < 12) cells.push(`grid.cell(colspan: ${12 - used}, [])`);
  return `#block(breakable: false, below: 2.5mm, grid(columns: (1fr,) * 12, column-gutter: 3mm, ${cells.join(", ")}))`;
}

interface Ctx {
  readonly lang: Lang;
  readonly boxW: string;
  readonly formulas: boolean;
}

function sheetCell(st: StepView, c: Ctx): string {
  const rule = c.formulas ? ` ${m(st.formula)}` : "";
  return `grid(columns: (1fr, auto), column-gutter: 2mm, align: horizon, [${m(`${st.label} =`)}${rule}], bx(${c.boxW}))`;
}

function keyCell(st: StepView, withFormula: boolean): string {
  const parts = [m(st.label)];
  if (withFormula) parts.push(m(`= ${st.formula}`));
  if (st.showSubstituted || !withFormula) parts.push(m(`= ${st.substituted}`));
  parts.push(`$${st.relation}$ #text(weight: "bold", ${str(num(st.rounded))})`);
  return `[${parts.join(" ")}]`;
}

function sheetBlock(b: Block, c: Ctx, lang: Lang): string {
  switch (b.kind) {
    case "rows":
      return b.rows.map((r) => line(r, (st) => sheetCell(st, c))).join("\n");
    case "matrices": {
      const out: string[] = [];
      if (c.formulas)
        out.push(`#block(sticky: true)[${b.items.flatMap((mx) => mx.examples.map((e) => m(`${e.label} = ${e.formula}`))).join(" #h(2em) ")} #h(1em) #text(size: 9pt, ${str(t(lang, "ws.matrixHint"))})]`);
      for (const ml of b.lines) out.push(`#block(breakable: false, grid(columns: ${ml.length}, column-gutter: 6mm, ${ml.map((mx) => matrixTable(mx, c)).join(", ")}))`);
      return out.join("\n");
    }
    case "table": {
      const tb = b.table;
      const head = `[${txt(t(lang, "givens.sample"))}], ${tb.samples.map((n) => `align(center)[${n}]`).join(", ")}`;
      const rows = tb.lines.map((l) => `[${m(c.formulas ? l.formula : `${l.label} =`)}], ${l.cells.map(() => `bx(${c.boxW})`).join(", ")}`);
      return `#table(columns: (1fr, ${tb.samples.map(() => c.boxW).join(", ")}), stroke: none, align: horizon, inset: (x: 1.5pt, y: 2pt), table.header(${head}), ${rows.join(", ")})`;
    }
  }
}

function matrixTable(mx: Matrix, c: Ctx): string {
  const head = [`[$j \\\\ i$]`, ...mx.cols.map((h) => `align(center, ${str(h)})`)].join(", ");
  const rows = mx.rows.map((r) => [`align(horizon, ${str(r.head)})`, ...r.cells.map((st) => (st ? `bx(${c.boxW})` : "[]"))].join(", "));
  return `[${m(mx.caption)}\n#table(columns: ${mx.cols.length + 1}, stroke: none, inset: 1.5pt, ${head}, ${rows.join(", ")})]`;
}

function keyBlock(b: Block, lang: Lang, boxW: string): string {
  switch (b.kind) {
    case "rows":
      return b.keyRows.map((r) => line(r, (st) => keyCell(st, true))).join("\n");
    case "matrices":
      return b.items
        .map((mx) => [`#block(sticky: true)[${mx.examples.map((e) => m(`${e.label} = ${e.formula}`)).join(" #h(2em) ")} #h(1em) #text(size: 9pt, ${str(t(lang, "ws.likewise"))})]`, ...mx.keyRows.map((r) => line(r, (st) => keyCell(st, false)))].join("\n"))
        .join("\n");
    case "table": {
      const tb = b.table;
      const worked = tb.worked.map((r) => line(r, (st) => keyCell(st, false)));
      const head = `[${txt(t(lang, "givens.sample"))}], ${tb.samples.map((n) => `align(right)[${n}]`).join(", ")}`;
      const rows = tb.lines.map((l) => `[${m(l.label)}], ${l.cells.map((st) => `align(right, text(weight: "bold", ${str(num(st.rounded))}))`).join(", ")}`);
      return [...worked, `#table(columns: (1fr, ${tb.samples.map(() => boxW).join(", ")}), stroke: (x, y) => (top: 0.3pt + luma(200)), inset: (x: 2pt, y: 3pt), table.header(${head}), ${rows.join(", ")})`].join("\n");
    }
  }
}

function worksheet(s: SheetView, o: PrintOptions): string {
  const { lang } = o;
  const c: Ctx = { lang, boxW: `${boxWidthMm(s.decimals)}mm`, formulas: o.formulas !== "hide" };
  const body: string[] = [header(s, lang, true), `#v(2mm)\n${markdownTypst(o.instructions ?? t(lang, "ws.instructions"))}`, network(s, lang), conventions(s, lang, false)];
  body.push(`#heading(level: 2, ${str(t(lang, "ws.steps"))})\n${txt(s.roundOnce)}`);
  for (const sec of s.sections) {
    body.push(`#heading(level: 3, ${str(sec.title)})`);
    for (const b of sec.blocks) body.push(sheetBlock(b, c, lang));
    if ((o.space ?? 0) > 0) body.push(`#v(${o.space}mm)`);
  }
  return `#sheetpage(${str(s.running)}, ${o.duplex ? "true" : "false"})[\n${body.join("\n\n")}\n]`;
}

function key(s: SheetView, o: PrintOptions): string {
  const { lang } = o;
  const boxW = `${boxWidthMm(s.decimals)}mm`;
  const body: string[] = [
    header(s, lang, false),
    `#heading(level: 2, ${str(t(lang, "key.title"))})\n${txt(s.tolerance)}${s.batch ? ` \\ ${txt(t(lang, "key.workedFirst"))}` : ""}`,
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

/** Where Debian's fonts-noto-cjk puts Noto Sans CJK (regular and bold), else where fontconfig says it is. */
const CJK_FILES = ["/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"];

/** The Noto Sans CJK font files on this machine (empty when none is installed). */
export function cjkFontFiles(): string[] {
  const known = CJK_FILES.filter((f) => existsSync(f));
  if (known.length) return known;
  try {
    const out = execFileSync("fc-list", ["-f", "%{file}\n", "Noto Sans CJK SC"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    return [...new Set(out.split("\n").filter((f) => f !== "" && existsSync(f)))].sort();
  } catch {
    return [];
  }
}

interface TypstCompiler {
  compile(o: { mainFileContent: string }): { result: unknown; hasError(): boolean; takeDiagnostics(): { shortDiagnostics: unknown[] } | null };
  pdf(doc: unknown, o?: { creationTimestamp?: number }): Uint8Array;
}

const compilers = new Map<string, TypstCompiler>();

/** One compiler per font set, kept for the process: fonts are read once. */
function compilerFor(lang: Lang): TypstCompiler {
  const files = cjkFontFiles();
  if (lang === "zh" && files.length === 0) throw new MissingDependencyError(msg("cli.pdf.fonts"));
  const id = files.join("|");
  let c = compilers.get(id);
  if (!c) {
    // The native compiler is loaded only to print (createRequire: it is a CommonJS addon).
    const { NodeCompiler } = createRequire(import.meta.url)("@myriaddreamin/typst-ts-node-compiler") as {
      NodeCompiler: { create(a: { fontArgs: { fontBlobs: Buffer[] }[] }): TypstCompiler };
    };
    c = NodeCompiler.create({ fontArgs: [{ fontBlobs: files.map((f) => readFileSync(f)) }] });
    compilers.set(id, c);
  }
  return c;
}

/** Typst source to PDF bytes: the same source gives the same bytes (no date, fixed creation time). */
export function typstPdf(source: string, lang: Lang): Uint8Array {
  const c = compilerFor(lang);
  const r = c.compile({ mainFileContent: source });
  if (r.hasError()) {
    const d = r.takeDiagnostics();
    throw new Error(`internal: Typst could not typeset the document: ${JSON.stringify(d?.shortDiagnostics ?? []).slice(0, 2000)}`);
  }
  return new Uint8Array(c.pdf(r.result, { creationTimestamp: 0 }));
}
