// `bpdrill export`: a class set (or one code) as LMS questions: Moodle XML cloze or Canvas QTI 1.2.
import type { Command } from "commander";
import { DEFAULT_NOTATION, NOTATIONS, type NotationName } from "../../generator/notation.js";
import { moodleXml, qtiZip } from "../../templates/lms.js";
import { UserError } from "../errors.js";
import { examples, listOf } from "../help.js";
import { refuseOverlap, writeOut } from "../io.js";
import { choice } from "../options.js";
import { LANGS, msg, t, type Lang } from "../words.js";
import { addSetOptions, addSingleOptions, setFromFlags, type SetFlags } from "./generate.js";

export const LMS_FORMATS = ["moodle", "qti"] as const;
type LmsFormat = (typeof LMS_FORMATS)[number];

interface ExportOpts extends SetFlags {
  format: LmsFormat;
  lang: Lang;
  notation: NotationName;
  out?: string;
  category?: string;
}

/** The file an export writes (text for Moodle, a zip for QTI); shared with `bpdrill build`. */
export async function exportBytes(o: ExportOpts): Promise<string | Uint8Array> {
  const items = await setFromFlags(o, o.notation);
  const category = o.category ?? (o.preset !== undefined ? `bpdrill/${o.preset}/${o.seed}` : `bpdrill/${items[0]?.code ?? "exercise"}`);
  const opts = { lang: o.lang, category };
  return o.format === "moodle" ? moodleXml(items, opts) : qtiZip(items, opts);
}

export function registerExport(program: Command, lang: Lang): void {
  addSingleOptions(addSetOptions(program.command("export").summary(t(lang, "cli.export.summary")).description(t(lang, "cli.export.description")), lang), lang)
    .requiredOption("-f, --format <format>", t(lang, "cli.export.format", { list: listOf(lang, LMS_FORMATS) }), choice(LMS_FORMATS, lang))
    .option("-l, --lang <lang>", t(lang, "cli.sheets.lang", { list: listOf(lang, LANGS) }), choice(LANGS, lang), "zh")
    .option("--notation <style>", t(lang, "cli.sheets.notation", { list: listOf(lang, NOTATIONS) }), choice(NOTATIONS, lang), DEFAULT_NOTATION)
    .option("--category <name>", t(lang, "cli.export.category"))
    .option("-o, --out <file>", t(lang, "cli.export.out"))
    .addHelpText(
      "after",
      examples(lang, [
        "export --preset classic-2-3-2 --seed 2026-hw3 --count 30 --format moodle --out hw3.xml",
        "export --preset classic-2-3-2 --seed 2026-hw3 --roster roster.csv --format qti --lang en --out hw3-qti.zip",
        "export --code BP1-K7Q2-9XF4 --format moodle --out one.xml",
      ]),
    )
    .action(async (o: ExportOpts) => {
      // A QTI package is a zip: it cannot go to a terminal.
      if (o.format === "qti" && o.out === undefined) throw new UserError(msg("cli.export.qtiNeedsOut"));
      refuseOverlap([o.out], [o.roster, o.exercise]);
      writeOut(o.out, await exportBytes(o));
    });
}
