// `bpdrill worksheet` and `bpdrill key`: class sets or single exercises to HTML/PDF (and keys to JSON/CSV/MD).
import { basename, extname, join } from "node:path";
import type { Command } from "commander";
import { UserError } from "../cli/errors.js";
import { readText, writeOut } from "../cli/io.js";
import { choice } from "../cli/options.js";
import { loadExercise } from "../generator/commands.js";
import type { Exercise } from "../generator/exercise.js";
import { formatKey, keyToJson } from "../generator/format.js";
import { NOTATIONS, type NotationName } from "../generator/notation.js";
import { solve } from "../generator/solver.js";
import { LANGS, t, type Lang } from "./i18n.js";
import { MarkdownError, markdownToHtml } from "./markdown.js";
import { MissingDependencyError, withPrinter } from "./pdf.js";
import { renderKeys, renderWorksheets } from "./render.js";
import { sheetView, type SheetView } from "./viewmodel.js";

/** One exercise of a set, with the code printed on its sheet. */
export interface Coded {
  readonly code: string;
  readonly exercise: Exercise;
  readonly student?: { readonly name: string; readonly id: string };
}

interface SheetOpts {
  exercise?: string;
  code?: string;
  preset?: string;
  seed?: string;
  count?: string;
  roster?: string;
  lang: Lang;
  notation: NotationName;
  instructions?: string;
  title?: string;
  out?: string;
  split?: string;
}

/** The exercises to print: a hand-written file for now; presets arrive with the generator. */
export function loadSet(o: SheetOpts): Coded[] {
  if (o.exercise !== undefined) {
    if (o.preset !== undefined) throw new UserError("give either --exercise FILE or --preset NAME, not both");
    const code = o.code ?? basename(o.exercise, extname(o.exercise));
    return [{ code, exercise: loadExercise(o.exercise) }];
  }
  if (o.preset !== undefined)
    throw new UserError("--preset needs the exercise generator, which this build does not include yet; print a single exercise with --exercise FILE.json");
  throw new UserError("nothing to print: give --exercise FILE.json (or --preset NAME --seed S)");
}

function instructionsHtml(o: SheetOpts): string {
  const text = o.instructions !== undefined ? readText(o.instructions) : t(o.lang, "ws.instructions");
  try {
    return markdownToHtml(text);
  } catch (e) {
    if (e instanceof MarkdownError) throw new UserError(`${o.instructions ?? "instructions"}: ${e.message}`);
    throw e;
  }
}

/** A one-line counter on a terminal (stderr), nothing at all when piped. */
function progress(total: number, what: string): { tick(): void; done(): void } {
  const tty = process.stderr.isTTY === true && total > 1;
  let n = 0;
  return {
    tick() {
      n++;
      if (tty) process.stderr.write(`\r${what} ${n}/${total}`);
    },
    done() {
      if (tty) process.stderr.write("\r\x1b[K");
    },
  };
}

type DocKind = "worksheet" | "key";
const HTML_PDF = [".html", ".pdf"] as const;
const KEY_EXTS = [".html", ".pdf", ".json", ".csv", ".md"] as const;

function extOf(file: string, allowed: readonly string[], flag: string): string {
  const ext = extname(file).toLowerCase();
  if (!allowed.includes(ext)) throw new UserError(`${flag} ${file}: expected a file name ending in ${allowed.join(", ")}`);
  return ext;
}

async function produce(kind: DocKind, o: SheetOpts): Promise<void> {
  if (o.out === undefined && o.split === undefined) throw new UserError("say where to write: --out FILE (and/or --split DIR)");
  const allowed = kind === "worksheet" ? HTML_PDF : KEY_EXTS;
  const ext = o.out !== undefined ? extOf(o.out, allowed, "--out") : ".pdf";
  const set = loadSet(o);

  if (ext === ".json" || ext === ".csv" || ext === ".md") {
    const keys = set.map((c) => ({ code: c.code, key: solve(c.exercise, { notation: o.notation }) }));
    const text =
      ext === ".json"
        ? JSON.stringify(keys.map((k) => ({ code: k.code, ...keyToJson(k.key) })), null, 2) + "\n"
        : keys.map((k) => (keys.length > 1 ? `${ext === ".md" ? "# " : "# code "}${k.code}\n\n` : "") + formatKey(k.key, ext === ".csv" ? "csv" : "md", o.lang)).join("\n");
    writeOut(o.out, text);
    return;
  }

  const instructions = kind === "worksheet" ? instructionsHtml(o) : undefined;
  const bar = progress(set.length, kind === "worksheet" ? "worksheets" : "keys");
  const views: SheetView[] = set.map((c) => {
    const v = sheetView(c.exercise, c.code, { lang: o.lang, notation: o.notation, title: o.title, student: c.student });
    bar.tick();
    return v;
  });
  bar.done();
  const html = (vs: readonly SheetView[]) =>
    kind === "worksheet" ? renderWorksheets(vs, { lang: o.lang, instructions }) : renderKeys(vs, { lang: o.lang });
  const splitName = (v: SheetView) => join(o.split!, `${v.code.replace(/[^\w.-]+/g, "_")}${kind === "key" ? "-key" : ""}${ext}`);

  if (ext === ".html") {
    if (o.out !== undefined) writeOut(o.out, html(views));
    if (o.split !== undefined) for (const v of views) writeOut(splitName(v), html([v]));
    return;
  }
  try {
    await withPrinter({ lang: o.lang }, async (p) => {
      if (o.out !== undefined) writeOut(o.out, await p.pdf(html(views)));
      if (o.split !== undefined) {
        const bar2 = progress(views.length, "PDF");
        for (const v of views) {
          writeOut(splitName(v), await p.pdf(html([v])));
          bar2.tick();
        }
        bar2.done();
      }
    });
  } catch (e) {
    if (e instanceof MissingDependencyError) throw new UserError(e.message);
    throw e;
  }
}

function common(cmd: Command): Command {
  return cmd
    .option("-e, --exercise <file>", "one hand-written exercise JSON file (DESIGN.md shape)")
    .option("--code <code>", "code printed on the sheet of an --exercise file (default: the file name)")
    .option("-p, --preset <name>", "preset of the exercise generator")
    .option("-s, --seed <seed>", "seed of the draw")
    .option("-n, --count <n>", "number of different exercises")
    .option("-r, --roster <file>", "CSV with student id and name: one exercise per student")
    .option("-l, --lang <lang>", `language: ${LANGS.join(", ")}`, choice(LANGS), "zh")
    .option("--notation <style>", `step labels: ${NOTATIONS.join(", ")} (classic: net_h1, out_o1, w1…; matrix: z^[1], a^[1]; xigua: 西瓜书 α_h, b_h, β_j)`, choice(NOTATIONS), "classic")
    .option("-t, --title <title>", "course title in the header")
    .option("-o, --out <file>", "output file")
    .option("--split <dir>", "also write one file per exercise into this folder");
}

export function registerSheets(program: Command): void {
  common(
    program
      .command("worksheet")
      .summary("print worksheets (HTML or PDF, zh or en)")
      .description("Worksheets to fill in by hand: header, the network, the given numbers, the conventions and one answer box per step."),
  )
    .option("-i, --instructions <file>", "instructions in Markdown ($…$ for math) instead of the default text")
    .addHelpText("after", "\nExamples:\n  $ bpdrill worksheet --exercise examples/mazur-2-2-2.json --lang zh --out sheet.pdf\n  $ bpdrill worksheet --exercise my.json --lang en --notation matrix --instructions intro.md --out sheet.html\n")
    .action((o: SheetOpts) => produce("worksheet", o));
  common(
    program
      .command("key")
      .summary("print worked answer keys (HTML, PDF, JSON, CSV, Markdown)")
      .description("Worked answer keys: every step with its formula, the numbers substituted and the rounded result; code and tolerance on every page."),
  )
    .addHelpText("after", "\nExamples:\n  $ bpdrill key --exercise examples/mazur-2-2-2.json --lang zh --out key.pdf\n  $ bpdrill key --exercise examples/mazur-2-2-2.json --out key.json\n")
    .action((o: SheetOpts) => produce("key", o));
}
