// `bpdrill solve`: the answer key of one exercise file, as JSON, Markdown or CSV.
import type { Command } from "commander";
import { UserError } from "../cli/errors.js";
import { readText, writeOut } from "../cli/io.js";
import { choice, wholeNumber } from "../cli/options.js";
import { ExerciseError, parseExerciseText, type Exercise } from "./exercise.js";
import { formatKey, KEY_FORMATS, type KeyFormat } from "./format.js";
import { solve } from "./solver.js";
import { NOTATIONS, type NotationName } from "./notation.js";
import { LANGS, type Lang } from "../templates/i18n.js";

export function loadExercise(file: string): Exercise {
  try {
    return parseExerciseText(readText(file), file);
  } catch (e) {
    if (e instanceof ExerciseError) throw new UserError(`${file}: ${e.message}`);
    throw e;
  }
}

export function registerSolve(program: Command): void {
  program
    .command("solve")
    .summary("print the worked answer key of one exercise file")
    .description(
      "Solves one exercise (a JSON file in the shape of DESIGN.md: layers, activations, loss, bias,\n" +
        "weights, biases, samples, learningRate, decimals, carry) and prints every step: net inputs,\n" +
        "outputs, loss, deltas, gradients, updated weights and the loss after the update.",
    )
    .argument("<file>", "exercise JSON file")
    .option("-f, --format <format>", `output format: ${KEY_FORMATS.join(", ")}`, choice(KEY_FORMATS), "json")
    .option("-d, --decimals <n>", "decimals of the rounded answers (overrides the file)", wholeNumber(0, 12))
    .option("-c, --carry <mode>", "exact: full precision between steps; rounded: each step rounded first (overrides the file)", choice(["exact", "rounded"] as const))
    .option("-n, --notation <style>", `labels in md output: ${NOTATIONS.join(", ")}`, choice(NOTATIONS), "matrix")
    .option("-l, --lang <lang>", "language of md output: zh, en", choice(LANGS), "en")
    .option("-o, --out <file>", "write to a file instead of standard output")
    .addHelpText(
      "after",
      "\nExamples:\n  $ bpdrill solve examples/mazur-2-2-2.json\n  $ bpdrill solve examples/mazur-2-2-2.json --format md --decimals 4 --carry rounded\n",
    )
    .action((file: string, o: { format: KeyFormat; decimals?: number; carry?: "exact" | "rounded"; notation: NotationName; lang: Lang; out?: string }) => {
      let ex = loadExercise(file);
      if (o.decimals !== undefined) ex = { ...ex, decimals: o.decimals };
      if (o.carry !== undefined) ex = { ...ex, carry: o.carry };
      const key = solve(ex, { notation: o.notation });
      writeOut(o.out, formatKey(key, o.format, o.lang));
    });
}
