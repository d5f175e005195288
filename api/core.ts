// The library's browser-safe entry ("bpdrill/core"): exercises, codes, keys and grading as plain data, no Node built-ins.
import { exerciseFromCode, generateSet, type Overrides } from "../generator/classset.js";
import { decodeCode } from "../generator/code.js";
import { parseExercise, type Exercise } from "../generator/exercise.js";
import { keyToJson } from "../generator/format.js";
import type { NotationName } from "../generator/notation.js";
import type { Student } from "../generator/roster.js";
import { keyOf, solve as solveExercise, type Solution } from "../generator/solution.js";
import { gradeSubmission, type Report } from "../grader/grade.js";

export { CodeError } from "../generator/code.js";
export { ExerciseError, parseExercise, parseExerciseText, type Exercise } from "../generator/exercise.js";
export { GenerateError } from "../generator/draw.js";
export { PRESET_NAMES } from "../generator/presets.js";
export type { NotationName } from "../generator/notation.js";
export type { Report, StepReport, Verdict } from "../grader/grade.js";

/** One step of an answer key as `bpdrill solve --format json` writes it. */
export interface KeyStepJson {
  readonly id: string;
  /** Plain decimal, at least 20 significant digits (exact values may be shorter). */
  readonly value: string;
  /** Exactly `decimals` decimals. */
  readonly rounded: string;
  readonly asked?: boolean;
  readonly [field: string]: unknown;
}

/** An answer key as `bpdrill solve --format json` writes it. */
export interface KeyJson {
  readonly steps: readonly KeyStepJson[];
  readonly [field: string]: unknown;
}

/** An exercise given as its JSON (checked first) or as an exercise code. */
export type ExerciseInput = string | Exercise | Readonly<Record<string, unknown>>;

/** The exercise solved once (a code's solution is the one its draw was accepted on). */
export function solutionOf(input: ExerciseInput): Solution {
  return typeof input === "string" ? exerciseFromCode(input).solution : solveExercise(parseExercise(input as unknown));
}

/** The answer key of one exercise (its JSON, checked like an exercise file, or an exercise code). */
export function solve(input: ExerciseInput, opts: { readonly notation?: NotationName } = {}): KeyJson {
  return keyToJson(keyOf(solutionOf(input), opts.notation)) as KeyJson;
}

export interface GenerateOptions {
  readonly preset: string;
  readonly seed: string;
  /** Exercises 1..count (default 1); ignored when a roster is given. */
  readonly count?: number;
  readonly roster?: readonly { readonly id: string; readonly name?: string }[];
  readonly decimals?: number;
  readonly carry?: "exact" | "rounded";
  readonly learningRate?: string;
  readonly updateBiases?: boolean;
}

export interface Generated {
  readonly code: string;
  readonly exercise: Exercise;
  readonly key: KeyJson;
  readonly studentId?: string;
  readonly name?: string;
}

/** Exercises of a class from a preset and a seed, as `bpdrill generate` and `bpdrill key` draw them. */
export function generate(o: GenerateOptions): Generated[] {
  const overrides: Overrides = {
    ...(o.decimals !== undefined ? { decimals: o.decimals } : {}),
    ...(o.carry !== undefined ? { carry: o.carry } : {}),
    ...(o.learningRate !== undefined ? { learningRate: o.learningRate } : {}),
    ...(o.updateBiases !== undefined ? { updateBiases: o.updateBiases } : {}),
  };
  const roster: Student[] | undefined = o.roster?.map((s) => ({ id: s.id, name: s.name ?? "" }));
  return generateSet({ preset: o.preset, seed: o.seed, count: o.count, roster, overrides }).map((it) => ({
    code: it.code,
    exercise: it.exercise,
    key: keyToJson(it.key) as KeyJson,
    ...(it.studentId !== undefined ? { studentId: it.studentId, name: it.name ?? "" } : {}),
  }));
}

/** Grades a student's answers (step id → the string they typed) against an exercise or a code. */
export function grade(input: ExerciseInput, answers: Readonly<Record<string, string>>): Report {
  return gradeSubmission(solutionOf(input), answers);
}

/** What an exercise code holds: its preset's number, its draw and its knobs. */
export function readCode(code: string): ReturnType<typeof decodeCode> {
  return decodeCode(code);
}
