// `bpdrill solve`, `presets` and `generate`, and the class-set options `key` and `worksheet` share.
import { basename, extname } from "node:path";
import { Option, type Command } from "commander";
import { UserError } from "../cli/errors.js";
import { readText, writeOut } from "../cli/io.js";
import { choice, wholeNumber } from "../cli/options.js";
import { ExerciseError, parseExercise, parseExerciseText, type Exercise } from "./exercise.js";
import { formatKey, KEY_FORMATS, type KeyFormat } from "./format.js";
import { solve } from "./solver.js";
import { DEFAULT_NOTATION, NOTATIONS, type NotationName } from "./notation.js";
import { LANGS, type Lang } from "../templates/i18n.js";
import { CodeError } from "./code.js";
import {
  drawPlanned, exercisesToJson, exerciseFromCode, exerciseOfCode, formatKeySet, GenerateError, KEYSET_FORMATS, planSet, type Planned,
  type KeySetFormat, type Overrides, type SetItem,
} from "./classset.js";
import { PRESETS, topologyLabel } from "./presets.js";
import { emptyRejections } from "./draw.js";
import { parseRoster, RosterError } from "./roster.js";

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
    .argument("[file]", "exercise JSON file (or give --code instead)")
    .option("--code <code>", "the exercise behind an exercise code such as BP1-K7Q2-9XF4, instead of a file")
    .option("-f, --format <format>", `output format: ${KEY_FORMATS.join(", ")}`, choice(KEY_FORMATS), "json")
    .option("-d, --decimals <n>", "decimals of the rounded answers (overrides the file)", wholeNumber(0, 12))
    .option("-c, --carry <mode>", "exact: full precision between steps; rounded: each step rounded first (overrides the file)", choice(["exact", "rounded"] as const))
    .option("-n, --notation <style>", `labels in md output: ${NOTATIONS.join(", ")}`, choice(NOTATIONS), DEFAULT_NOTATION)
    .option("-l, --lang <lang>", "language of md output: zh, en", choice(LANGS), "en")
    .option("-o, --out <file>", "write to a file instead of standard output")
    .addHelpText(
      "after",
      "\nExamples:\n  $ bpdrill solve examples/mazur-2-2-2.json\n  $ bpdrill solve examples/mazur-2-2-2.json --format md --decimals 4 --carry rounded\n  $ bpdrill solve --code BP1-K7Q2-9XF4 --format md --lang zh\n",
    )
    .action(function (this: Command, file: string | undefined, o: { code?: string; format: KeyFormat; decimals?: number; carry?: "exact" | "rounded"; notation: NotationName; lang: Lang; out?: string }) {
      if ((file === undefined) === (o.code === undefined)) this.error("solve needs exactly one of an exercise FILE or --code CODE");
      let ex = file !== undefined ? loadExercise(file) : userErrors(() => exerciseFromCode(o.code!).exercise);
      if (o.decimals !== undefined) ex = { ...ex, decimals: o.decimals };
      if (o.carry !== undefined) ex = { ...ex, carry: o.carry };
      const key = solve(ex, { notation: o.notation });
      writeOut(o.out, formatKey(key, o.format, o.lang));
    });
}

/** Runs fn, turning the generator's own errors (bad code, preset, roster, knobs) into one-line user errors. */
export function userErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof CodeError || e instanceof GenerateError || e instanceof RosterError || e instanceof ExerciseError)
      throw new UserError(e.message);
    throw e;
  }
}

export interface SetFlags {
  preset?: string;
  seed?: string;
  exercise?: string;
  code?: string;
  count?: string;
  roster?: string;
  decimals?: number;
  carry?: "exact" | "rounded";
  learningRate?: string;
  updateBiases?: "yes" | "no";
}

/** The class-set options `generate` and `key` share (and the worksheet command can reuse). */
export function addSetOptions(cmd: Command): Command {
  return cmd
    .option("-p, --preset <name>", "the preset to draw from (bpdrill presets lists them)")
    .option("-s, --seed <seed>", "any word or number; the same seed gives the same exercises")
    .option("-n, --count <n>", "how many exercises (default 1); exercise k stays the same whatever the count")
    .option("-r, --roster <file.csv>", "one exercise per student of a CSV roster (student id, name); replaces --count")
    .option("-d, --decimals <n>", "decimals of the answers, 2 to 6 (default: the preset's)", wholeNumber(2, 6))
    .option("-c, --carry <mode>", "exact: full precision between steps; rounded: each step rounded first", choice(["exact", "rounded"] as const))
    .option("--learning-rate <eta>", "learning rate η, 0.01 to 10.23 in steps of 0.01 (default: the preset's)")
    .addOption(new Option("--update-biases <yes|no>", "whether the update step changes the biases (default: the preset's)").choices(["yes", "no"]));
}

/** The knob options as the generator takes them (a preset's draw folds them into its code). */
function overridesOf(o: SetFlags): Overrides {
  return {
    ...(o.decimals !== undefined ? { decimals: o.decimals } : {}),
    ...(o.carry !== undefined ? { carry: o.carry } : {}),
    ...(o.learningRate !== undefined ? { learningRate: o.learningRate } : {}),
    ...(o.updateBiases !== undefined ? { updateBiases: o.updateBiases === "yes" } : {}),
  };
}

/** The same knobs applied to a hand-written exercise; the learning rate goes through the exercise validator. */
function withOverrides(ex: Exercise, k: Overrides): Exercise {
  return {
    ...ex,
    ...(k.decimals !== undefined ? { decimals: k.decimals } : {}),
    ...(k.carry !== undefined ? { carry: k.carry } : {}),
    ...(k.learningRate !== undefined ? { learningRate: userErrors(() => parseExercise({ ...ex, learningRate: k.learningRate })).learningRate } : {}),
    ...(k.updateBiases !== undefined && ex.bias !== "none" ? { updateBiases: k.updateBiases } : {}),
  };
}

/** `--exercise FILE` and `--code CODE`: the single-exercise sources `key` and `worksheet` also take. */
export function addSingleOptions(cmd: Command): Command {
  return cmd
    .option("-e, --exercise <file>", "one hand-written exercise JSON file instead of a preset")
    .option("--code <code>", "the exercise behind a code (e.g. BP1-K7Q2-9XF4); with --exercise, the code printed on its sheet");
}

/** Reads the shared options into a class set (codes, exercises, keys). */
export function setFromFlags(o: SetFlags, notation?: NotationName): SetItem[] {
  const source = sourceFromFlags(o, notation);
  return "items" in source ? source.items : userErrors(() => source.planned.map((p) => drawPlanned(p, notation)));
}

/** A set as the options name it: drawn already (a file or a code), or planned codes still to draw. */
export type SetSource = { readonly items: SetItem[] } | { readonly planned: readonly Planned[] };

/** Reads the shared options; a preset set comes back as its codes, so threads can draw them. */
export function sourceFromFlags(o: SetFlags, notation?: NotationName): SetSource {
  if (o.exercise !== undefined) {
    if (o.preset !== undefined || o.roster !== undefined || o.count !== undefined)
      throw new UserError("give either --exercise FILE or --preset NAME --seed S, not both");
    const exercise = withOverrides(loadExercise(o.exercise), overridesOf(o));
    const code = o.code ?? basename(o.exercise, extname(o.exercise));
    return { items: [{ code, exercise, key: solve(exercise, { notation }), rejections: emptyRejections() }] };
  }
  if (o.code !== undefined) {
    if (o.preset !== undefined) throw new UserError("give either --code CODE or --preset NAME --seed S, not both");
    // The draw behind the code solves it already, in the asked notation.
    const { code, exercise, key, rejections } = userErrors(() => exerciseFromCode(o.code!, { notation }));
    return { items: [{ code, exercise, key, rejections }] };
  }
  if (o.preset === undefined || o.seed === undefined)
    throw new UserError("say which exercises: --preset NAME --seed S (bpdrill presets lists the presets), --code CODE, or --exercise FILE.json");
  if (o.count !== undefined && o.roster !== undefined) throw new UserError("give --count or --roster, not both");
  let count: number | undefined;
  if (o.count !== undefined) {
    if (!/^\s*-?\d+\s*$/.test(o.count)) throw new UserError(`--count must be a whole number of at least 1, got "${o.count}"`);
    count = Number(o.count);
    if (count < 1) throw new UserError(`--count must be at least 1, got ${count}`);
  }
  if (o.seed.trim() === "") throw new UserError("--seed must not be empty (any word or number will do)");
  const overrides = overridesOf(o);
  return userErrors(() => {
    const roster = o.roster !== undefined ? parseRoster(readText(o.roster), o.roster) : undefined;
    return { planned: planSet({ preset: o.preset!, seed: o.seed!, count, roster, overrides, notation }) };
  });
}

export function registerGenerator(program: Command): void {
  program
    .command("presets")
    .summary("list the built-in presets (networks, defaults)")
    .description("Lists every preset: its name, network shape and what it practises, in English or Chinese, or all of it as JSON.")
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"))
    .option("-l, --lang <lang>", "language of the descriptions in text output: zh, en", choice(LANGS), "en")
    .addHelpText("after", "\nExamples:\n  $ bpdrill presets\n  $ bpdrill presets --lang zh\n  $ bpdrill presets --format json\n")
    .action((o: { format: "text" | "json"; lang: Lang }) => {
      if (o.format === "json") {
        writeOut(undefined, JSON.stringify(PRESETS.map((p) => ({ ...p, topologyLabel: topologyLabel(p) })), null, 2) + "\n");
        return;
      }
      const width = Math.max(...PRESETS.map((p) => p.name.length));
      const twidth = Math.max(...PRESETS.map((p) => topologyLabel(p).length));
      const lines = PRESETS.map((p) => `${p.name.padEnd(width)}  ${topologyLabel(p).padEnd(twidth)}  ${p.description[o.lang]}`);
      writeOut(undefined, lines.join("\n") + "\n");
    });

  addSetOptions(
    program
      .command("generate")
      .summary("draw a class set of exercises from a preset and a seed")
      .description(
        "Draws exercises a person can compute by hand: every number on a grid (at most 2 decimals), no saturated " +
          "units, no answer on a rounding tie, few vanishing gradients. Prints a JSON array of {code, exercise}; " +
          "the code (e.g. BP1-K7Q2-9XF4) alone brings the exercise back: bpdrill solve --code CODE.",
      ),
  )
    .option("-f, --format <format>", "output format: json", choice(["json"] as const), "json")
    .option("-o, --out <file>", "write to a file instead of standard output")
    .addHelpText(
      "after",
      "\nExamples:\n  $ bpdrill generate --preset classic-2-3-2 --seed 2024 --count 30\n" +
        "  $ bpdrill generate --preset softmax-2-4-4-3 --seed week5 --roster class.csv --decimals 3 --carry rounded\n",
    )
    .action((o: SetFlags & { out?: string }) => {
      if (o.preset === undefined || o.seed === undefined)
        throw new UserError("generate needs --preset NAME and --seed S (bpdrill presets lists the presets)");
      // Exercises only: drawn from their codes without printing keys nobody asked for.
      const source = sourceFromFlags(o);
      const items = "items" in source ? source.items : userErrors(() => source.planned.map((p) => ({ ...p, exercise: exerciseOfCode(p.code).exercise })));
      writeOut(o.out, exercisesToJson(items));
    });
}
