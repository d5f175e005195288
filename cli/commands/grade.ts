// `bpdrill grade`: submission files in, one report per file out (JSON or CSV); refused files do not stop the batch.
import type { Command } from "commander";
import { UserError } from "../errors.js";
import { noteInputs, refuseOverlap, writeChunks, writeOut } from "../io.js";
import { choice } from "../options.js";
import { unwrap } from "../tasks.js";
import { batches, runOrdered, threadsFor } from "../threads.js";
import { exerciseKeyOf, type BatchEntry } from "../../grader/batch.js";
import { loadExercise } from "./generate.js";
import { entriesToCsv, REPORT_FORMATS, type ReportFormat } from "../report-format.js";
import { examples, listOf } from "../help.js";
import { LANGS, msg, t, type Lang } from "../words.js";

/** Submission files per thread task. */
const GRADE_BATCH = 100;

export function registerGrade(program: Command, lang: Lang): void {
  program
    .command("grade")
    .summary(t(lang, "cli.grade.summary"))
    .description(t(lang, "cli.grade.description"))
    .argument("<files...>", t(lang, "cli.grade.files"))
    .option("-f, --format <format>", t(lang, "cli.grade.format", { list: listOf(lang, REPORT_FORMATS) }), choice(REPORT_FORMATS, lang), "json")
    .option("-l, --lang <lang>", t(lang, "cli.opt.langMessages", { list: listOf(lang, LANGS) }), choice(LANGS, lang))
    .option("-o, --out <file>", t(lang, "cli.opt.outStdout"))
    .option("-e, --exercise <files...>", t(lang, "cli.grade.exercise"))
    .addHelpText("after", examples(lang, ["grade submissions/*.json", "grade submissions/*.json --format csv --out grades.csv"]))
    .action(async (files: string[], o: { format: ReportFormat; out?: string; exercise?: string[] }) => {
      // Many files are graded on every core, in batches; the entries stay in the files' order and
      // JSON reports are written batch by batch as they come.
      refuseOverlap([o.out], [...files, ...(o.exercise ?? [])]);
      noteInputs(files);
      // The teacher's own exercises: a submission that brings one of them is counted like a coded one.
      const given = new Set((o.exercise ?? []).map((f) => exerciseKeyOf(loadExercise(f))));
      const threads = threadsFor(files.length, 2000);
      const results = runOrdered(batches(files, GRADE_BATCH).map((b) => ({ kind: "grade" as const, files: b, format: o.format })), threads);
      let refused = 0;
      if (o.format === "json") {
        await writeChunks(o.out, (async function* () {
          yield "[\n";
          let first = true;
          for await (const r of results) {
            const batch = unwrap(r) as { bytes: Uint8Array; refused: number };
            refused += batch.refused;
            if (!first) yield ",\n";
            first = false;
            yield batch.bytes;
          }
          yield "\n]\n";
        })());
      } else {
        const entries: BatchEntry[] = [];
        for await (const r of results) entries.push(...(unwrap(r) as { entries: readonly BatchEntry[] }).entries);
        refused = entries.filter((e) => e.kind === "error").length;
        writeOut(o.out, entriesToCsv(entries, (e) => e.code !== null || (e.exerciseKey !== null && given.has(e.exerciseKey))));
      }
      if (refused > 0)
        throw new UserError(msg(refused > 1 ? "cli.grade.refusedMany" : files.length > 1 ? "cli.grade.refusedOne" : "cli.grade.refusedOnly", { refused, total: files.length }));
    });
}
