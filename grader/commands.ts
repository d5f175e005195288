// `bpdrill grade`: submission files in, one report per file out (JSON or CSV); refused files do not stop the batch.
import type { Command } from "commander";
import { UserError } from "../cli/errors.js";
import { writeChunks, writeOut } from "../cli/io.js";
import { choice } from "../cli/options.js";
import { unwrap } from "../cli/tasks.js";
import { batches, runOrdered, threadsFor } from "../cli/threads.js";
import type { BatchEntry } from "./batch.js";
import { entriesToCsv, REPORT_FORMATS, type ReportFormat } from "./format.js";

/** Submission files per thread task. */
const GRADE_BATCH = 100;

export function registerGrade(program: Command): void {
  program
    .command("grade")
    .summary("grade submissions step by step, with feedback in zh and en")
    .description(
      'Grades submission files, each {"code": "BP1-…", "answers": {…}} or {"exercise": {…}, "answers": {…}}\n' +
        "(answers: step id → what the student typed). Each step is correct, carried (right from the\n" +
        "student's own earlier numbers), imprecise, wrong (with the mistake named when known), missing or\n" +
        "invalid. A file that is not a valid submission gets an error entry and the batch goes on; the\n" +
        "exit code is then 1.",
    )
    .argument("<files...>", "submission JSON files")
    .option("-f, --format <format>", `output format: ${REPORT_FORMATS.join(", ")} (csv: one row per student for a gradebook)`, choice(REPORT_FORMATS), "json")
    .option("-o, --out <file>", "write to a file instead of standard output")
    .addHelpText("after", "\nExamples:\n  $ bpdrill grade submissions/*.json\n  $ bpdrill grade submissions/*.json --format csv --out grades.csv\n")
    .action(async (files: string[], o: { format: ReportFormat; out?: string }) => {
      // Many files are graded on every core, in batches; the entries stay in the files' order and
      // JSON reports are written batch by batch as they come.
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
        writeOut(o.out, entriesToCsv(entries));
      }
      if (refused > 0)
        throw new UserError(`${refused} of ${files.length} file${files.length > 1 ? "s" : ""} ${refused > 1 ? "were" : "was"} not a valid submission (see the "error" entries)`);
    });
}
