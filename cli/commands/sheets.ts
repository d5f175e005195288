// `bpdrill worksheet` and `bpdrill key`: class sets or single exercises to HTML/PDF (and keys to JSON/CSV/MD).
import { extname, join, resolve } from "node:path";
import type { Command } from "commander";
import { UserError } from "../errors.js";
import { readText, refuseOverlap, writeChunks, writeOut } from "../io.js";
import { choice, wholeNumber } from "../options.js";
import { addSetOptions, addSingleOptions, notationFor, setFromFlags, sourceFromFlags, type SetFlags } from "./generate.js";
import { keySetChunks } from "../../templates/keytext.js";
import { keySetHead, keySetTail, KEYSET_FORMATS, type KeySetFormat, type SetItem } from "../../generator/classset.js";
import { batches, runOrdered, threadsFor } from "../threads.js";
import { unwrap } from "../tasks.js";
import { NOTATIONS, type NotationName } from "../../generator/notation.js";
import { LANGS, messageOf, msg, t, type Lang } from "../words.js";
import { examples, listOf } from "../help.js";
import { messageLang } from "../lang.js";
import type { SheetView } from "../../templates/viewmodel.js";
import { mark } from "../timing.js";
import { typesetter, type Typesetter } from "../typesetter.js";

export interface SheetOpts extends SetFlags {
  lang: Lang;
  notation?: NotationName;
  instructions?: string;
  title?: string;
  out?: string;
  split?: string;
  format?: KeySetFormat;
  /** Worksheets only: also write the same set's answer keys to this file. */
  keys?: string;
  /** PDF worksheets: show or hide each step's rule. */
  formulas?: "show" | "hide";
  /** PDF worksheets: millimetres of room for working under each section. */
  space?: number;
  /** PDF: pad each student's pages to an even count. */
  duplex?: boolean;
}

// Worksheets pull in KaTeX, nunjucks, markdown-it and Typst; text keys need none of them, so
// they are loaded only when an HTML or PDF document is made (a separate chunk of the bundle).
const sheets = () => import("../../templates/sheets.js");

/** The instructions' Markdown text: the file given, else the catalogue's. */
const readInstructions = (o: SheetOpts): string => (o.instructions !== undefined ? readText(o.instructions) : t(o.lang, "ws.instructions"));

async function instructionsHtml(o: SheetOpts): Promise<string> {
  const { markdownToHtml, MarkdownError } = await sheets();
  const text = o.instructions !== undefined ? readText(o.instructions) : t(o.lang, "ws.instructions");
  try {
    return markdownToHtml(text);
  } catch (e) {
    if (e instanceof MarkdownError) throw new UserError(msg("cli.err.inFile", { file: o.instructions ?? "instructions", detail: messageOf(e) }));
    throw e;
  }
}

/** A progress bar's label, by what it counts (catalogue keys). */
const PROGRESS_LABELS = { keys: "cli.progress.keys", worksheets: "cli.progress.worksheets", pdf: "cli.progress.pdf" } as const;

/**
 * A progress bar on a terminal (stderr), nothing at all when piped or for a single sheet. cli-progress
 * is loaded only then: with readline behind it, it is not worth loading at every start.
 */
async function progress(total: number, what: keyof typeof PROGRESS_LABELS): Promise<{ tick(): void; set(done: number): void; done(): void }> {
  if (process.stderr.isTTY !== true || total < 2) return { tick() {}, set() {}, done() {} };
  const label = t(messageLang(process.argv.slice(2), process.env), PROGRESS_LABELS[what]); // a message: in the language of messages
  const mod = await import("cli-progress"); // CommonJS: its exports arrive as the default export in a bundle
  const { Presets, SingleBar } = (mod as unknown as { default?: typeof mod }).default ?? mod;
  const bar = new SingleBar(
    { format: `${label} {bar} {value}/{total}`, stream: process.stderr, hideCursor: true, clearOnComplete: true },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return { tick: () => bar.increment(), set: (done) => bar.update(done), done: () => bar.stop() };
}

type DocKind = "worksheet" | "key";
/** Exercises per thread task of a big key set: a message per 64 keys costs little, and spreads the work. */
const KEY_BATCH = 64;
const HTML_PDF = [".html", ".pdf"] as const;
const KEY_EXTS = [".html", ".pdf", ".json", ".csv", ".md"] as const;

function extOf(file: string, allowed: readonly string[], flag: string): string {
  const ext = extname(file).toLowerCase();
  if (!allowed.includes(ext)) throw new UserError(msg("cli.sheets.badExt", { flag, file, list: allowed.join(", ") }));
  return ext;
}

/** Writes worksheets or keys of the set the options name (or of `given`, a set already drawn). */
export async function produce(kind: DocKind, opts: SheetOpts, given?: readonly SetItem[]): Promise<void> {
  const o = { ...opts, notation: notationFor(opts) };
  // A key with no file goes to standard output as text (json by default), like `solve`.
  const toStdout = kind === "key" && o.out === undefined && o.split === undefined;
  if (!toStdout) {
    if (o.out === undefined && o.split === undefined) throw new UserError(msg("cli.sheets.where"));
    if (kind === "key" && o.format !== undefined && o.out !== undefined && extname(o.out).toLowerCase() !== `.${o.format}`)
      throw new UserError(msg("cli.sheets.formatVsOut", { format: o.format, out: o.out }));
  }
  const ext = toStdout ? `.${o.format ?? "json"}` : o.out !== undefined ? extOf(o.out, kind === "worksheet" ? HTML_PDF : KEY_EXTS, "--out") : ".pdf";
  const keysExt = kind === "worksheet" && o.keys !== undefined ? extOf(o.keys, KEY_EXTS, "--keys") : undefined;
  if (keysExt !== undefined && o.out !== undefined && resolve(o.keys!) === resolve(o.out))
    throw new UserError(msg("cli.sheets.sameFile", { keys: o.keys!, out: o.out }));
  refuseOverlap([o.out, o.keys], [o.exercise, o.roster, o.instructions]);
  mark("startup");
  // A PDF: Typst and its fonts load in their own process while the set is drawn.
  const pdfs = (ext === ".pdf" ? (o.split !== undefined ? 2 : 1) : 0) + (keysExt === ".pdf" ? 1 : 0);
  const typeset = pdfs > 0 ? await startTypesetting(o.lang, pdfs) : undefined;
  try {
    await make(kind, o, ext, keysExt, given, typeset);
  } finally {
    await typeset?.close();
  }
}

async function make(kind: DocKind, o: SheetOpts & { notation: NotationName }, ext: string, keysExt: string | undefined, given: readonly SetItem[] | undefined, typeset: Typesetter | undefined): Promise<void> {
  // A JSON or CSV key set is drawn batch by batch and each batch written as it comes (on every core
  // for a big set): nothing piles up, so most of what a key allocates dies young, which the garbage
  // collector handles cheaply (1000 classic keys: 0.59 → 0.55 s against holding the whole set).
  if (given === undefined && (ext === ".json" || ext === ".csv")) {
    const source = await sourceFromFlags(o, o.notation);
    if ("planned" in source) {
      const { planned } = source;
      const threads = threadsFor(planned.length, 2048);
      const format = ext.slice(1) as "json" | "csv";
      const tasks = batches(planned, KEY_BATCH).map((b, k) => ({ kind: "keys" as const, planned: b, from: k * KEY_BATCH, total: planned.length, format, notation: o.notation }));
      const bar = await progress(planned.length, "keys");
      await writeChunks(o.out, (async function* () {
        yield keySetHead(format);
        let done = 0;
        for await (const r of runOrdered(tasks, threads)) {
          const { text } = unwrap(r) as { text: string };
          yield text;
          bar.set((done = Math.min(planned.length, done + KEY_BATCH)));
        }
        yield keySetTail(format);
      })());
      bar.done();
      mark("generate+solve+write");
      return;
    }
  }
  const set = given ?? (await setFromFlags(o, o.notation));
  mark("generate+solve");

  if (ext === ".json" || ext === ".csv" || ext === ".md") {
    await writeChunks(o.out, keySetChunks(set, ext.slice(1) as KeySetFormat, o.lang));
    mark("format+write");
    return;
  }
  // One HTML or PDF document holds at most this many sheets (5000 would pass JavaScript's longest
  // string); --split writes one file per student, with no such limit.
  if (o.split === undefined && set.length > MAX_DOCUMENT_SHEETS)
    throw new UserError(msg("cli.sheets.tooMany", { n: set.length, max: MAX_DOCUMENT_SHEETS }));
  // Worksheets and keys both as one PDF each, typeset by Typst.
  if (keysExt === ".pdf" && ext === ".pdf" && o.out !== undefined) return printSheetsAndKeys(o, set, o.keys!, typeset!);
  await documents(kind, o, set, ext, typeset);
  if (keysExt !== undefined) await produce("key", { ...o, out: o.keys, split: undefined, format: undefined, keys: undefined }, set);
}

/** Sheets in one HTML or PDF file. */
const MAX_DOCUMENT_SHEETS = 1000;

interface Docs {
  readonly views: readonly SheetView[];
  readonly html: (vs: readonly SheetView[]) => string;
  /** The sheets typeset by Typst into one PDF (no browser). */
  readonly pdf: (vs: readonly SheetView[]) => Promise<Uint8Array>;
}

async function docsOf(kind: DocKind, o: SheetOpts, set: readonly SetItem[], typeset?: Typesetter): Promise<Docs> {
  const { sheetView, renderWorksheets, renderKeys, typstWorksheets, typstKeys } = await sheets();
  const instructions = kind === "worksheet" ? await instructionsHtml(o) : undefined;
  const bar = await progress(set.length, kind === "worksheet" ? "worksheets" : "keys");
  const views: SheetView[] = set.map((c) => {
    const student = c.studentId !== undefined ? { id: c.studentId, name: c.name ?? "" } : undefined;
    // The set's keys are in o.notation already (setFromFlags): the sheet is laid out from them.
    const v = sheetView(c.solution, c.key, c.code, { lang: o.lang, title: o.title, student });
    bar.tick();
    return v;
  });
  bar.done();
  mark("view-model");
  const html = (vs: readonly SheetView[]) =>
    kind === "worksheet" ? renderWorksheets(vs, { lang: o.lang, instructions }) : renderKeys(vs, { lang: o.lang });
  const print = { lang: o.lang, instructions: kind === "worksheet" ? readInstructions(o) : undefined, formulas: o.formulas, space: o.space, duplex: o.duplex };
  // The source is built now and handed to the typesetting process, which works on it while we go on.
  const pdf = (vs: readonly SheetView[]) => {
    if (typeset === undefined) throw new Error("internal: a PDF needs the typesetter (startTypesetting)");
    return typeset.pdf(kind === "worksheet" ? typstWorksheets(vs, print) : typstKeys(vs, print));
  };
  return { views, html, pdf };
}

/** The typesetting process, started before the exercises are drawn; a clear message when a font is missing. */
export async function startTypesetting(lang: Lang, documents = 1): Promise<Typesetter> {
  const { typstFonts, MissingDependencyError } = await sheets();
  try {
    // One process a document, two at most (two cores: sheets and keys side by side).
    return typesetter(typstFonts(lang), undefined, Math.max(1, Math.min(2, documents, threadsFor(2, 2))));
  } catch (e) {
    if (e instanceof MissingDependencyError) throw new UserError(messageOf(e));
    throw e;
  }
}

async function printSheetsAndKeys(o: SheetOpts, set: readonly SetItem[], keysFile: string, typeset: Typesetter): Promise<void> {
  // The worksheets are typeset while the keys' view models and source are built.
  const ws = await docsOf("worksheet", o, set, typeset);
  const wsPdf = ws.pdf(ws.views);
  const ks = await docsOf("key", o, set, typeset);
  const ksPdf = ks.pdf(ks.views);
  writeOut(o.out!, await wsPdf);
  writeOut(keysFile, await ksPdf);
  mark("typst");
  if (o.split !== undefined) await printSplit(ws, "worksheet", o.split);
}

const splitName = (dir: string, kind: DocKind, ext: string, v: SheetView) =>
  join(dir, `${v.code.replace(/[^\w.-]+/g, "_")}${kind === "key" ? "-key" : ""}${ext}`);

async function printSplit(d: Docs, kind: DocKind, dir: string): Promise<void> {
  const bar = await progress(d.views.length, "pdf");
  // Every sheet's source is sent at once; the typesetter returns them in order.
  const pdfs = d.views.map((v) => d.pdf([v]));
  for (const [k, v] of d.views.entries()) {
    writeOut(splitName(dir, kind, ".pdf", v), await pdfs[k]);
    bar.tick();
  }
  bar.done();
}

/** Worksheets or keys of the set as HTML or PDF, to --out and/or one file each into --split. */
async function documents(kind: DocKind, o: SheetOpts, set: readonly SetItem[], ext: string, typeset?: Typesetter): Promise<void> {
  const d = await docsOf(kind, o, set, typeset);
  if (ext === ".html") {
    if (o.out !== undefined) writeOut(o.out, d.html(d.views));
    if (o.split !== undefined) for (const v of d.views) writeOut(splitName(o.split, kind, ext, v), d.html([v]));
    return;
  }
  if (o.out !== undefined) writeOut(o.out, await d.pdf(d.views));
  mark("typst");
  if (o.split !== undefined) await printSplit(d, kind, o.split);
}

function common(cmd: Command, lang: Lang): Command {
  return addSingleOptions(addSetOptions(cmd, lang), lang)
    .option("-l, --lang <lang>", t(lang, "cli.sheets.lang", { list: listOf(lang, LANGS) }), choice(LANGS, lang), "zh")
    .option("--notation <style>", t(lang, "cli.sheets.notation", { list: listOf(lang, NOTATIONS) }), choice(NOTATIONS, lang))
    .option("-t, --title <title>", t(lang, "cli.sheets.title"))
    .option("-o, --out <file>", t(lang, "cli.sheets.out"))
    .option("--split <dir>", t(lang, "cli.sheets.split"))
    .option("--duplex", t(lang, "cli.sheets.duplex"))
    .option("--formulas <show|hide>", t(lang, "cli.sheets.formulas"), choice(["show", "hide"] as const, lang), "show")
    .option("--space <mm>", t(lang, "cli.sheets.space"), wholeNumber(0, 200, lang), 0);
}

export function registerSheets(program: Command, lang: Lang): void {
  common(program.command("worksheet").summary(t(lang, "cli.worksheet.summary")).description(t(lang, "cli.worksheet.description")), lang)
    .option("-i, --instructions <file>", t(lang, "cli.worksheet.instructions"))
    .option("-k, --keys <file>", t(lang, "cli.worksheet.keys"))
    .addHelpText(
      "after",
      examples(lang, [
        "worksheet --preset classic-2-3-2 --seed 2024 --count 30 --lang zh --out sheets.pdf",
        "worksheet --preset classic-2-3-2 --seed 2024 --count 40 --out sheets.pdf --keys keys.pdf",
        "worksheet --preset relu-2-3-1 --seed week5 --roster class.csv --split sheets/ --out all.pdf",
        "worksheet --exercise examples/mazur-2-2-2.json --lang en --notation matrix --instructions intro.md --out sheet.html",
      ]),
    )
    .action((o: SheetOpts) => produce("worksheet", o));
  common(program.command("key").summary(t(lang, "cli.key.summary")).description(t(lang, "cli.key.description")), lang)
    .option("-f, --format <format>", t(lang, "cli.key.format", { list: listOf(lang, KEYSET_FORMATS) }), choice(KEYSET_FORMATS, lang))
    .addHelpText(
      "after",
      examples(lang, [
        "key --preset classic-2-3-2 --seed 2024 --count 30 --lang zh --out keys.pdf",
        "key --preset classic-2-3-2 --seed 2024 --count 30 --format csv",
        "key --code BP1-K7Q2-9XF4 --out key.html",
        "key --exercise examples/mazur-2-2-2.json --out key.json",
      ]),
    )
    .action((o: SheetOpts) => produce("key", o));
}
