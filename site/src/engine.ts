// The one seam between the site and the rest of bpdrill: codes, presets, solving, grading, the diagram.
// The page calls only this module, so what it runs is exactly what the command line runs.
import type { Exercise } from "../../generator/exercise.js";
import { parseExercise, ExerciseError } from "../../generator/exercise.js";
import { keyOf as keyOfSolution, solve, type Key, type Solution } from "../../generator/solution.js";
import { notation, type NotationName } from "../../generator/notation.js";
import { gradePrepared, prepare, VERDICTS, type Prepared, type Report, type StepReport, type Verdict } from "../../grader/grade.js";
import { gradingConfig } from "../../grader/config.js";
import type { Address } from "../../generator/ids.js";
import { t, type Lang, type Message } from "../../templates/i18n.js";
import { CodeError, decodeCode, encodeCode, publicPartOf, DRAW_BITS } from "../../generator/code.js";
import { exerciseFromCode, GenerateError } from "../../generator/classset.js";
import { PRESETS, presetByCodeId, presetByName, shapeIsPublic, topologyLabel } from "../../generator/presets.js";
import { diagramSvg } from "../../templates/diagram.js";
import { conventionsOf } from "../../templates/viewmodel.js";
import { gluedFormulas, inNotation } from "../../templates/notation-words.js";
import chain from "../../examples/chain-1-2-2-1.json" with { type: "json" };
import classic from "../../examples/classic-2-3-2.json" with { type: "json" };
import leaky from "../../examples/leaky-relu-rounded.json" with { type: "json" };
import logistic from "../../examples/logistic-bce.json" with { type: "json" };
import mazur from "../../examples/mazur-2-2-2.json" with { type: "json" };
import relu from "../../examples/relu-2-3-1-bce.json" with { type: "json" };
import softmax from "../../examples/softmax-batch-2-4-4-3.json" with { type: "json" };
import tanh from "../../examples/tanh-linear-mse.json" with { type: "json" };

export type { Exercise, Key, NotationName, Prepared, Solution };

export type { Verdict, StepReport, Report };
export { VERDICTS };

/** An exercise opened in the page, solved once: from a code, a preset draw, a bundled example or a file. */
export interface Opened {
  readonly exercise: Exercise;
  /** The one solve() of the exercise: its key, givens and grading are all read off it. */
  readonly solution: Solution;
  /** Printed form of the code, when the exercise has one. */
  readonly code?: string;
  /** Name of the bundled example, when it came from examples/. */
  readonly example?: string;
}

/** Why a code could not be opened: the page words each reason in its own language. */
export type CodeProblem = { readonly kind: "invalid"; readonly detail: Message | string } | { readonly kind: "sealed"; readonly sealed: SealedSheet | null };

/**
 * A sealed code as the page can know it: the shape of its sheet (public: preset and knobs), never its
 * numbers. Its steps come from the public twin of the code (the same preset and knobs, unsealed), with
 * every value dropped; null when the preset draws its shape too (a random topology is not public).
 */
export interface SealedSheet {
  readonly code: string;
  readonly steps: readonly { readonly id: string; readonly kind: Key["steps"][number]["kind"]; readonly sample?: number; readonly label: string; readonly formula: string }[];
  readonly decimals: number;
}

export type CodeResult = { readonly ok: true; readonly opened: Opened } | { readonly ok: false; readonly problem: CodeProblem };

// ---------------------------------------------------------------- codes and presets (issue 4)

/** Opens the exercise behind a code; never throws. */
export function openCode(code: string): CodeResult {
  try {
    const r = exerciseFromCode(code);
    return { ok: true, opened: { exercise: r.exercise, solution: r.solution, code: r.code } };
  } catch (e) {
    if (e instanceof CodeError && typeof e.msg === "object" && e.msg.key === "cli.code.sealed") return { ok: false, problem: { kind: "sealed", sealed: sealedSheet(code) } };
    if (e instanceof CodeError || e instanceof GenerateError) return { ok: false, problem: { kind: "invalid", detail: e.msg } };
    throw e;
  }
}

/** The public shape of a sealed code's sheet (see SealedSheet); null when the shape itself is drawn. */
function sealedSheet(code: string, notationName: NotationName = "classic"): SealedSheet | null {
  const d = decodeCode(code);
  const preset = presetByCodeId(d.presetId);
  if (preset === undefined || !shapeIsPublic(preset)) return null;
  const twin = exerciseFromCode(publicPartOf(d));
  const key = keyOfSolution(twin.solution, notationName);
  return {
    code: encodeCode(d.presetId, d.draw, d.knobs, d.sealed),
    decimals: key.decimals,
    steps: key.steps.map((s) => ({ id: s.id, kind: s.kind, ...(s.sample !== undefined ? { sample: s.sample } : {}), label: s.label, formula: s.formula })),
  };
}

export interface PracticeChoice {
  readonly name: string;
  readonly group: "preset" | "example";
  readonly label: { readonly zh: string; readonly en: string };
}

const EXAMPLES: Readonly<Record<string, unknown>> = {
  "mazur-2-2-2": mazur,
  "classic-2-3-2": classic,
  "chain-1-2-2-1": chain,
  "logistic-bce": logistic,
  "relu-2-3-1-bce": relu,
  "tanh-linear-mse": tanh,
  "leaky-relu-rounded": leaky,
  "softmax-batch-2-4-4-3": softmax,
};

/** What practice mode offers: every preset (a fresh random draw each time), then the textbook examples. */
export function practiceChoices(): readonly PracticeChoice[] {
  return [
    ...PRESETS.map((p): PracticeChoice => {
      const shape = topologyLabel(p);
      return { name: p.name, group: "preset", label: { zh: `${shape} · ${p.description.zh}`, en: `${shape} · ${p.description.en}` } };
    }),
    ...Object.keys(EXAMPLES).map((name): PracticeChoice => ({ name, group: "example", label: { zh: name, en: name } })),
  ];
}

/** A fresh practice exercise: a random draw of a preset (with its code), or a bundled example; null for an unknown name. */
export function practice(name: string): Opened | null {
  const p = presetByName(name);
  if (!p) return openExample(name);
  const draw = crypto.getRandomValues(new Uint32Array(1))[0] >>> (32 - DRAW_BITS);
  const r = openCode(encodeCode(p.codeId, draw));
  return r.ok ? r.opened : null;
}

export function openExample(name: string): Opened | null {
  if (!Object.hasOwn(EXAMPLES, name)) return null;
  const exercise = parseExercise(EXAMPLES[name]);
  return { exercise, solution: solve(exercise), example: name };
}

/**
 * Validates and solves an exercise from an imported or stored file; never throws on its content. The
 * message names the field, or says the numbers are too large to compute (a weight of 1e5): the page
 * shows it instead of breaking.
 */
export function checkExercise(input: unknown): { ok: true; opened: Opened } | { ok: false; detail: Message | string } {
  try {
    const exercise = parseExercise(input);
    gradingConfig(exercise); // its `grading` settings too, as `bpdrill grade` would
    return { ok: true, opened: { exercise, solution: solve(exercise) } };
  } catch (e) {
    if (e instanceof ExerciseError) return { ok: false, detail: e.msg };
    throw e;
  }
}

// ---------------------------------------------------------------- solving

/** The key of an opened exercise in a notation: the digits of its one solve(). */
/** The labels of a code's preset's book (西瓜书 symbols for xigua-standard-bp), when it has its own. */
export function bookNotation(code: string | undefined): NotationName | undefined {
  if (code === undefined) return undefined;
  try {
    return presetByCodeId(decodeCode(code).presetId)?.notation;
  } catch {
    return undefined;
  }
}

export function keyOf(sol: Solution, notationName: NotationName = "matrix"): Key {
  return keyOfSolution(sol, notationName);
}

/** The given numbers in display order, each with its LaTeX label, written as the exercise writes them. */
export function givens(sol: Solution, notationName: NotationName = "matrix"): readonly { id: string; label: string; value: string }[] {
  const ex = sol.exercise;
  const N = notation(ex, notationName);
  return [...sol.graph.givens].map(([id, q]) => {
    const a = sol.graph.addresses.get(id)!;
    return { id, label: N.label(a), value: givenText(ex, a) ?? q.toPlain() };
  });
}

/** "0.10" stays "0.10": the page shows the digits printed on the sheet, not a normalised value. */
function givenText(ex: Exercise, p: Address): string | undefined {
  const s = (p.sample ?? 1) - 1;
  switch (p.kind) {
    case "x": return ex.samples[s]?.x[p.neuron! - 1]?.trim();
    case "y": return ex.samples[s]?.y[p.neuron! - 1]?.trim();
    case "W": return ex.weights[p.layer! - 1]?.[p.neuron! - 1]?.[p.from! - 1]?.trim();
    case "b": return ex.biases[p.layer! - 1]?.[(p.neuron ?? 1) - 1]?.trim();
    case "eta": return ex.learningRate.trim();
    default: return undefined;
  }
}

// ---------------------------------------------------------------- grading (issue 6)

/** The grader's tables for an opened exercise: the page makes them once, ahead of the first check. */
export function prepareGrading(sol: Solution): Prepared {
  return prepare(sol);
}

/** The grader's report on what was typed: the same code `bpdrill grade` runs. */
export function grade(p: Prepared, answers: Readonly<Record<string, string>>): Report {
  return gradePrepared(p, answers);
}

// ---------------------------------------------------------------- the diagram (issue 5)

/**
 * The network diagram as an SVG string: our own markup, built from the validated exercise's numbers.
 * Its columns are captioned as headings are ("Input layer"; the printed sheet's small "input" is its own).
 */
export function diagram(ex: Exercise, lang: Lang, notationName: NotationName = "classic"): string {
  const classic = notationName === "classic";
  return diagramSvg(ex, { input: t(lang, "site.layer.input"), hidden: t(lang, "site.layer.hidden"), output: t(lang, "site.layer.output"), target: classic ? "t" : "y", inputName: classic ? "i" : "x" });
}

/** The sheet's conventions in words, as the worksheet prints them, their symbols in the notation's (classic: ∂E/∂net). */
export function conventions(ex: Exercise, lang: Lang, notationName: NotationName = "matrix"): readonly string[] {
  return conventionsOf(ex, lang).map((c) => gluedFormulas(inNotation(c, lang, notationName)));
}

/** A catalogue sentence (a section title, a step's name) with its symbols in the notation's words. */
export function inSymbols(text: string, lang: Lang, notationName: NotationName): string {
  return inNotation(text, lang, notationName);
}
