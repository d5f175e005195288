// `bpdrill grade`: hand-ins in (submission files, answer-string text, folders, LMS zips, form exports), reports or a gradebook out.
import { statSync } from "node:fs";
import { extname } from "node:path";
import type { Command } from "commander";
import { UserError } from "../errors.js";
import { noteInputs, readText, refuseOverlap, writeChunks, writeOut } from "../io.js";
import { choice } from "../options.js";
import { unwrap } from "../tasks.js";
import { batches, runOrdered, threadsFor } from "../threads.js";
import { batchCopyFlags, exerciseKeyOf, gradeText, PreparedCache, withFlags, type BatchEntry } from "../../grader/batch.js";
import type { CopyFlag } from "../../grader/copies.js";
import { matchHandIns, type Graded } from "../../grader/gradebook.js";
import { planSet } from "../../generator/classset.js";
import { addSetOptions, loadExercise, overridesOf, userErrors, type SetFlags } from "./generate.js";
import { entryToJson, REPORT_FORMATS, type ReportFormat } from "../report-format.js";
import { canvasCsv, GRADEBOOKS, gradebookCsv, handInsCsv, moodleCsv, type GradebookLayout } from "../gradebook-format.js";
import { bookToJson } from "../gradebook-json.js";
import { collectHandIns, type Unread } from "../handins.js";
import type { Student } from "../../generator/roster.js";
import { loadRoster } from "../roster-file.js";
import { examples, listOf } from "../help.js";
import { LANGS, msg, render, t, type Lang } from "../words.js";

/** Submission files per thread task. */
const GRADE_BATCH = 100;

type GradeOpts = SetFlags & { format: ReportFormat; out?: string; exercise?: string[]; gradebook?: GradebookLayout; assignment?: string; lang?: Lang };

export function registerGrade(program: Command, lang: Lang): void {
  addSetOptions(program.command("grade").summary(t(lang, "cli.grade.summary")).description(t(lang, "cli.grade.description")), lang)
    .argument("<inputs...>", t(lang, "cli.grade.files"))
    .option("-f, --format <format>", t(lang, "cli.grade.format", { list: listOf(lang, REPORT_FORMATS) }), choice(REPORT_FORMATS, lang), "json")
    .option("-l, --lang <lang>", t(lang, "cli.grade.lang", { list: listOf(lang, LANGS) }), choice(LANGS, lang))
    .option("-o, --out <file>", t(lang, "cli.opt.outStdout"))
    .option("-e, --exercise <files...>", t(lang, "cli.grade.exercise"))
    .option("--gradebook <layout>", t(lang, "cli.grade.gradebook", { list: listOf(lang, GRADEBOOKS) }), choice(GRADEBOOKS, lang))
    .option("--assignment <name>", t(lang, "cli.grade.assignment"))
    .addHelpText(
      "after",
      examples(lang, [
        "grade submissions/*.json",
        "grade submissions/*.json --format csv --out grades.csv",
        "grade moodle-download.zip form.xlsx --roster class.csv --preset classic-2-3-2 --seed week3 --format csv --out gradebook.csv",
        "grade answers.txt --roster class.xlsx --gradebook moodle --assignment 'BP week 3' --out moodle.csv",
      ]),
    )
    .action(async (inputs: string[], o: GradeOpts) => {
      refuseOverlap([o.out], [...inputs, ...(o.exercise ?? []), o.roster]);
      const words = o.lang ?? lang;
      // The teacher's own exercises: a submission that brings one of them is counted like a coded one.
      const given = new Set((o.exercise ?? []).map((f) => exerciseKeyOf(loadExercise(f))));
      const counted = (e: BatchEntry & { kind: "report" }) => e.code !== null || (e.exerciseKey !== null && given.has(e.exerciseKey));
      const classView = o.roster !== undefined || o.gradebook !== undefined || o.preset !== undefined || !inputs.every(isSubmissionFile);
      if (!classView) return gradeFiles(inputs, o, counted, words);
      if (o.count !== undefined) throw new UserError(msg("cli.grade.noCount"));
      if (o.gradebook !== undefined && o.gradebook !== "plain" && o.roster === undefined) throw new UserError(msg("cli.grade.gradebookNeedsRoster", { layout: o.gradebook }));
      const { roster, plan, graded, unread } = await gradeClass(inputs, o);
      const refused = graded.filter((g) => g.entry.kind === "error").length;
      for (const u of unread) process.stderr.write(`bpdrill: ${render(words, msg("cli.grade.unread", { source: u.source, why: render(words, u.why) }))}\n`);
      if (roster === undefined) {
        if (o.format === "json") writeOut(o.out, JSON.stringify([...graded.map((g) => handInJson(g)), ...unread.map((u) => ({ file: u.source, error: render("en", u.why) }))], null, 2) + "\n");
        else writeOut(o.out, handInsCsv(graded, words, counted));
      } else {
        const book = matchHandIns(graded, roster, plan, counted);
        const assignment = o.assignment ?? o.seed ?? "bpdrill";
        const layout = o.gradebook ?? "plain";
        if (o.format === "json" && o.gradebook === undefined) writeOut(o.out, JSON.stringify(bookToJson(book), null, 2) + "\n");
        else writeOut(o.out, layout === "moodle" ? moodleCsv(book, assignment) : layout === "canvas" ? canvasCsv(book, assignment) : gradebookCsv(book, words, counted));
        const missing = book.rows.filter((r) => r.status === "missing").length;
        const replaced = book.rows.reduce((n, r) => n + r.replaced.length, 0);
        process.stderr.write(
          `bpdrill: ${t(words, "cli.grade.classSummary", { handIns: graded.length, students: book.rows.length, matched: book.rows.length - missing, missing, unmatched: book.unmatched.length, replaced })}\n`,
        );
        for (const g of book.unmatched) process.stderr.write(`bpdrill: ${t(words, "cli.grade.unmatchedOne", { source: g.source })}\n`);
      }
      if (refused + unread.length > 0) throw new UserError(msg("cli.grade.refusedHandIns", { refused: refused + unread.length, total: graded.length + unread.length }));
    });
}

/** What a class handed in, graded: the roster and its planned codes when given, every hand-in, what held none. */
export interface GradedClass {
  readonly roster?: Student[];
  readonly plan?: ReadonlyMap<string, string>;
  readonly graded: Graded[];
  readonly unread: Unread[];
}

/** Reads the roster (and, with --preset/--seed, each student's code), collects the hand-ins and grades them. */
export async function gradeClass(inputs: readonly string[], o: Pick<GradeOpts, "preset" | "seed" | "roster"> & SetFlags): Promise<GradedClass> {
  if ((o.preset === undefined) !== (o.seed === undefined)) throw new UserError(msg("cli.grade.presetAndSeed"));
  if (o.preset !== undefined && o.roster === undefined) throw new UserError(msg("cli.grade.presetNeedsRoster"));
  const roster = o.roster !== undefined ? await loadRoster(o.roster) : undefined;
  // With the assignment's preset and seed, each student's code is known: a hand-in is checked against it.
  const plan =
    roster !== undefined && o.preset !== undefined
      ? new Map(userErrors(() => planSet({ preset: o.preset!, seed: o.seed!, roster, overrides: overridesOf(o) })).map((p) => [p.code, p.studentId!] as const))
      : undefined;
  const { handIns, unread } = await collectHandIns(inputs);
  const cache = new PreparedCache();
  const entries = handIns.map((h) => gradeText(h.source, h.text, cache));
  const flags = batchCopyFlags(handIns.map((h) => h.text), cache);
  const graded: Graded[] = handIns.map((h, k) => ({ source: h.source, hint: h.hint, entry: withFlags(entries[k], flags[k]) }));
  return { ...(roster ? { roster } : {}), ...(plan ? { plan } : {}), graded, unread };
}

/** A submission file the batch path has always graded one per file: a .json file (or an answer string in one). */
function isSubmissionFile(f: string): boolean {
  if (extname(f).toLowerCase() !== ".json") return false;
  try {
    return statSync(f).isFile();
  } catch {
    return true; // a missing file is reported by the batch as before
  }
}

/** One hand-in as the JSON report has it: the entry, with the student it says it is from. */
function handInJson(g: Graded): object {
  const j = entryToJson(g.entry) as Record<string, unknown>;
  const e = g.entry;
  const id = (e.kind === "report" ? e.studentId : undefined) ?? g.hint.id;
  const name = (e.kind === "report" ? e.name : undefined) ?? g.hint.name;
  return { ...j, ...(id !== undefined ? { studentId: id } : {}), ...(name !== undefined ? { name } : {}) };
}

/** The copy flags of a batch of files, by file (only files that have any); files that cannot be read have none. */
function copyFlagsOf(files: readonly string[]): Record<string, readonly CopyFlag[]> {
  if (files.length < 2) return {};
  const texts = files.map((f) => {
    try {
      return readText(f);
    } catch {
      return undefined;
    }
  });
  const out: Record<string, readonly CopyFlag[]> = {};
  batchCopyFlags(texts, new PreparedCache()).forEach((f, k) => {
    if (f.length > 0) out[files[k]] = f;
  });
  return out;
}

/** Submission files on every core, in batches, reports in the files' order (JSON written batch by batch). */
async function gradeFiles(files: string[], o: GradeOpts, counted: (e: BatchEntry & { kind: "report" }) => boolean, words: Lang): Promise<void> {
  noteInputs(files);
  const threads = threadsFor(files.length, 2000);
  // Copies are found across the whole batch first (a hand-in that fits another code better than its own).
  const flags = copyFlagsOf(files);
  const results = runOrdered(batches(files, GRADE_BATCH).map((b) => ({ kind: "grade" as const, files: b, format: o.format, flags })), threads);
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
    writeOut(o.out, handInsCsv(entries.map((e) => ({ source: e.file, hint: {}, entry: e })), words, counted));
  }
  if (refused > 0)
    throw new UserError(msg(refused > 1 ? "cli.grade.refusedMany" : files.length > 1 ? "cli.grade.refusedOne" : "cli.grade.refusedOnly", { refused, total: files.length }));
}
