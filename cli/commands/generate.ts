// `bpdrill solve`, `presets` and `generate`, and the class-set options `key` and `worksheet` share.
import { basename, extname } from "node:path";
import type { Command } from "commander";
import { UserError } from "../errors.js";
import { readText, refuseOverlap, writeOut } from "../io.js";
import { choice, wholeNumber } from "../options.js";
import { ExerciseError, parseExercise, parseExerciseText, type Exercise } from "../../generator/exercise.js";
import { KEY_FORMATS, type KeyFormat } from "../../generator/format.js";
import { formatKey, formatKeySet } from "../../templates/keytext.js";
import { keyOf, solve } from "../../generator/solution.js";
import { DEFAULT_NOTATION, NOTATIONS, type NotationName } from "../../generator/notation.js";
import { LANGS, messageOf, msg, t, type Lang } from "../words.js";
import { examples, listOf } from "../help.js";
import { CodeError, decodeCode } from "../../generator/code.js";
import {
  drawPlanned, exercisesToJson, exerciseFromCode, GenerateError, KEYSET_FORMATS, planSet, type Planned,
  type KeySetFormat, type Overrides, type SetItem,
} from "../../generator/classset.js";
import { PRESETS, presetByCodeId, presetByName, topologyLabel } from "../../generator/presets.js";
import { emptyRejections } from "../../generator/draw.js";
import { RosterError } from "../../generator/roster.js";
import { loadRoster } from "../roster-file.js";

export function loadExercise(file: string): Exercise {
  try {
    return parseExerciseText(readText(file), file);
  } catch (e) {
    // A JSON syntax error names the file already; a field's error gets it in front.
    if (e instanceof ExerciseError) throw new UserError(e.path === "" && typeof e.msg === "object" && e.msg.key.startsWith("cli.json.") ? messageOf(e) : msg("cli.err.inFile", { file, detail: messageOf(e) }));
    throw e;
  }
}

export function registerSolve(program: Command, lang: Lang): void {
  program
    .command("solve")
    .summary(t(lang, "cli.solve.summary"))
    .description(t(lang, "cli.solve.description"))
    .argument("[file]", t(lang, "cli.solve.file"))
    .option("--code <code>", t(lang, "cli.solve.code"))
    .option("-f, --format <format>", t(lang, "cli.solve.format", { list: listOf(lang, KEY_FORMATS) }), choice(KEY_FORMATS, lang), "json")
    .option("-d, --decimals <n>", t(lang, "cli.solve.decimals"), wholeNumber(0, 12, lang))
    .option("-c, --carry <mode>", t(lang, "cli.solve.carry"), choice(["exact", "rounded"] as const, lang))
    .option("-n, --notation <style>", t(lang, "cli.solve.notation", { list: listOf(lang, NOTATIONS) }), choice(NOTATIONS, lang))
    .option("-l, --lang <lang>", t(lang, "cli.solve.lang", { list: listOf(lang, LANGS) }), choice(LANGS, lang), "en")
    .option("-o, --out <file>", t(lang, "cli.opt.outStdout"))
    .addHelpText(
      "after",
      examples(lang, ["solve examples/mazur-2-2-2.json", "solve examples/mazur-2-2-2.json --format md --decimals 4 --carry rounded", "solve --code BP1-K7Q2-9XF4 --format md --lang zh"]),
    )
    .action(function (this: Command, file: string | undefined, o: { code?: string; format: KeyFormat; decimals?: number; carry?: "exact" | "rounded"; notation?: NotationName; lang: Lang; out?: string }) {
      if ((file === undefined) === (o.code === undefined)) this.error(t(lang, "cli.solve.fileOrCode"));
      refuseOverlap([o.out], [file]);
      const drawn = file === undefined ? userErrors(() => exerciseFromCode(o.code!)) : undefined;
      let ex = drawn !== undefined ? drawn.exercise : loadExercise(file!);
      if (o.decimals !== undefined) ex = { ...ex, decimals: o.decimals };
      if (o.carry !== undefined) ex = { ...ex, carry: o.carry };
      // A code's draw has solved its exercise already; other settings make another exercise, solved here.
      const solution = drawn !== undefined && ex === drawn.exercise ? drawn.solution : solve(ex);
      writeOut(o.out, formatKey(keyOf(solution, notationFor(o)), o.format, o.lang));
    });
}

/** Runs fn, turning the generator's own errors (bad code, preset, roster, knobs) into one-line user errors. */
export function userErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof CodeError || e instanceof GenerateError || e instanceof RosterError || e instanceof ExerciseError)
      throw new UserError(messageOf(e));
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
  ask?: string;
}

/** The class-set options `generate` and `key` share (and the worksheet command can reuse). */
export function addSetOptions(cmd: Command, lang: Lang): Command {
  return cmd
    .option("-p, --preset <name>", t(lang, "cli.set.preset"))
    .option("-s, --seed <seed>", t(lang, "cli.set.seed"))
    .option("-n, --count <n>", t(lang, "cli.set.count"))
    .option("-r, --roster <file.csv>", t(lang, "cli.set.roster"))
    // The limits of an exercise file (0 to 12); a preset's codes carry 2 to 6, and say so (cli.gen.decimals).
    .option("-d, --decimals <n>", t(lang, "cli.set.decimals"), wholeNumber(0, 12, lang))
    .option("-c, --carry <mode>", t(lang, "cli.set.carry"), choice(["exact", "rounded"] as const, lang))
    .option("--learning-rate <eta>", t(lang, "cli.set.learningRate"))
    .option("--update-biases <yes|no>", t(lang, "cli.set.updateBiases"), choice(["yes", "no"] as const, lang))
    .option("--ask <steps>", t(lang, "cli.set.ask"));
}

/** The knob options as the generator takes them (a preset's draw folds them into its code). */
export function overridesOf(o: SetFlags): Overrides {
  return {
    ...(o.decimals !== undefined ? { decimals: o.decimals } : {}),
    ...(o.carry !== undefined ? { carry: o.carry } : {}),
    ...(o.learningRate !== undefined ? { learningRate: o.learningRate } : {}),
    ...(o.updateBiases !== undefined ? { updateBiases: o.updateBiases === "yes" } : {}),
    ...(o.ask !== undefined ? { ask: o.ask.split(/[,，\s]+/).filter((a) => a !== "") } : {}),
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
    // Step ids, kinds and phases, checked as the exercise file's own "ask" would be.
    ...(k.ask !== undefined ? { ask: userErrors(() => parseExercise({ ...ex, ask: k.ask })).ask } : {}),
  };
}

/** `--exercise FILE` and `--code CODE`: the single-exercise sources `key` and `worksheet` also take. */
export function addSingleOptions(cmd: Command, lang: Lang): Command {
  return cmd.option("-e, --exercise <file>", t(lang, "cli.set.exercise")).option("--code <code>", t(lang, "cli.set.code"));
}

/**
 * The labels asked for, else the preset's book's (a code's preset's), else the classic ones: a 西瓜书
 * preset prints v_ih, γ_h, g_j unless --notation says otherwise.
 */
export function notationFor(o: { notation?: NotationName; preset?: string; code?: string }): NotationName {
  if (o.notation !== undefined) return o.notation;
  let preset = o.preset !== undefined ? presetByName(o.preset) : undefined;
  if (preset === undefined && o.code !== undefined) {
    try {
      preset = presetByCodeId(decodeCode(o.code).presetId);
    } catch {
      // A bad code is refused where it is read, with its own message.
    }
  }
  return preset?.notation ?? DEFAULT_NOTATION;
}

/** Reads the shared options into a class set (codes, exercises, keys). */
export async function setFromFlags(o: SetFlags, notation?: NotationName): Promise<SetItem[]> {
  const source = await sourceFromFlags(o, notation);
  return "items" in source ? source.items : userErrors(() => source.planned.map((p) => drawPlanned(p, notation)));
}

/** A set as the options name it: drawn already (a file or a code), or planned codes still to draw. */
export type SetSource = { readonly items: SetItem[] } | { readonly planned: readonly Planned[] };

/** Reads the shared options; a preset set comes back as its codes, so threads can draw them. */
export async function sourceFromFlags(o: SetFlags, notation?: NotationName): Promise<SetSource> {
  if (o.exercise !== undefined) {
    if (o.preset !== undefined || o.roster !== undefined || o.count !== undefined)
      throw new UserError(msg("cli.set.exerciseOrPreset"));
    const exercise = withOverrides(loadExercise(o.exercise), overridesOf(o));
    const code = o.code ?? basename(o.exercise, extname(o.exercise));
    const solution = solve(exercise);
    return { items: [{ code, exercise, solution, key: keyOf(solution, notation), rejections: emptyRejections() }] };
  }
  if (o.code !== undefined) {
    if (o.preset !== undefined) throw new UserError(msg("cli.set.codeOrPreset"));
    // A code brings its own settings, and its sheet prints the code: a knob would make them disagree.
    const knob = (["decimals", "carry", "learningRate", "updateBiases", "ask"] as const).find((k) => o[k] !== undefined);
    if (knob !== undefined) throw new UserError(msg("cli.set.codeKnob", { option: `--${knob.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` }));
    // The draw behind the code solves it already.
    const { code, exercise, solution, rejections } = userErrors(() => exerciseFromCode(o.code!));
    return { items: [{ code, exercise, solution, key: keyOf(solution, notation), rejections }] };
  }
  if (o.preset !== undefined && o.seed === undefined) throw new UserError(msg("cli.set.needsSeed", { preset: o.preset }));
  if (o.preset === undefined && o.seed !== undefined) throw new UserError(msg("cli.set.needsPreset", { seed: o.seed }));
  if (o.preset === undefined || o.seed === undefined)
    throw new UserError(msg("cli.set.which"));
  if (o.count !== undefined && o.roster !== undefined) throw new UserError(msg("cli.set.countOrRoster"));
  let count: number | undefined;
  if (o.count !== undefined) {
    if (!/^\s*-?\d+\s*$/.test(o.count)) throw new UserError(msg("cli.set.countNotNumber", { got: o.count }));
    count = Number(o.count);
    if (count < 1) throw new UserError(msg("cli.set.countMin", { got: count }));
  }
  if (o.seed.trim() === "") throw new UserError(msg("cli.set.seedEmpty"));
  const overrides = overridesOf(o);
  const roster = o.roster !== undefined ? await loadRoster(o.roster) : undefined;
  return userErrors(() => ({ planned: planSet({ preset: o.preset!, seed: o.seed!, count, roster, overrides, notation }) }));
}

export function registerGenerator(program: Command, lang: Lang): void {
  program
    .command("presets")
    .summary(t(lang, "cli.presets.summary"))
    .description(t(lang, "cli.presets.description"))
    .option("-f, --format <format>", t(lang, "cli.presets.format", { list: listOf(lang, ["text", "json"]) }), choice(["text", "json"] as const, lang), "text")
    .option("-l, --lang <lang>", t(lang, "cli.presets.lang", { list: listOf(lang, LANGS) }), choice(LANGS, lang), "en")
    .addHelpText("after", examples(lang, ["presets", "presets --lang zh", "presets --format json"]))
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

  addSetOptions(program.command("generate").summary(t(lang, "cli.generate.summary")).description(t(lang, "cli.generate.description")), lang)
    .option("-f, --format <format>", t(lang, "cli.generate.format"), choice(["json"] as const, lang), "json")
    .option("-l, --lang <lang>", t(lang, "cli.opt.langMessages", { list: listOf(lang, LANGS) }), choice(LANGS, lang))
    .option("-o, --out <file>", t(lang, "cli.opt.outStdout"))
    .addHelpText(
      "after",
      examples(lang, ["generate --preset classic-2-3-2 --seed 2024 --count 30", "generate --preset softmax-2-4-4-3 --seed week5 --roster class.csv --decimals 3 --carry rounded"]),
    )
    .action(async (o: SetFlags & { out?: string }) => {
      if (o.preset !== undefined && o.seed === undefined) throw new UserError(msg("cli.set.needsSeed", { preset: o.preset }));
      if (o.preset === undefined && o.seed !== undefined) throw new UserError(msg("cli.set.needsPreset", { seed: o.seed }));
      if (o.preset === undefined || o.seed === undefined) throw new UserError(msg("cli.generate.needs"));
      refuseOverlap([o.out], [o.roster, o.exercise]);
      // Exercises only: drawn from their codes without printing keys nobody asked for.
      const source = await sourceFromFlags(o);
      const items = "items" in source ? source.items : userErrors(() => source.planned.map((p) => ({ ...p, exercise: exerciseFromCode(p.code).exercise })));
      writeOut(o.out, exercisesToJson(items));
    });
}
