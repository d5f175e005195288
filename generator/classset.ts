// Class sets: a preset, a seed and a count or roster → codes, exercises and keys; and their key formats.
import { Q } from "./num/q.js";
import { ASK_ORDER, decodeCode, encodeCode, CodeError, MAX_LEARNING_RATE_HUNDREDTHS, publicPartOf, type CodeKnobs } from "./code.js";
import { courseKey, sealedStreamSeed, sealTag } from "./seal.js";
import { drawExercise, drawNumber, fromHundredths, GenerateError, hundredths, type Rejections } from "./draw.js";
import { isSelector, type Carry, type Exercise } from "./exercise.js";
import { csvCell, keyJsonPieces } from "./format.js";
import type { NotationName } from "./notation.js";
import { presetByCodeId, presetByName, suggestPreset, type Knobs, type Preset } from "./presets.js";
import { keyOf, type Key, type Solution } from "./solution.js";
import type { Student } from "./roster.js";
import { msg } from "./message.js";

export { GenerateError } from "./draw.js";

/** Difficulty knobs as a teacher overrides them; absent fields keep the preset's defaults. */
export interface Overrides {
  readonly decimals?: number;
  readonly carry?: Carry;
  readonly learningRate?: string;
  readonly updateBiases?: boolean;
  /** The kinds and phases a partial sheet asks for (--ask); the code carries them. */
  readonly ask?: readonly string[];
}

export interface SetOptions {
  readonly preset: string;
  readonly seed: string;
  /** Exercises 1..count; ignored when a roster is given. */
  readonly count?: number;
  /** One exercise per student, each drawn from seed + student id (so roster order does not matter). */
  readonly roster?: readonly Student[];
  readonly overrides?: Overrides;
  /** Labels of the keys' formulas. */
  readonly notation?: NotationName;
}

export interface SetItem {
  readonly code: string;
  readonly exercise: Exercise;
  /** The exercise solved once: the key below, its sheet and its grading are all read off it. */
  readonly solution: Solution;
  /** The key in the set's notation, made from the solution. */
  readonly key: Key;
  readonly studentId?: string;
  readonly name?: string;
  readonly rejections: Rejections;
}

export const MAX_COUNT = 100000;

export function resolvePreset(name: string): Preset {
  const p = presetByName(name);
  if (p) return p;
  const near = suggestPreset(name);
  throw new GenerateError(near ? msg("cli.gen.unknownPresetNear", { name, near }) : msg("cli.gen.unknownPreset", { name }));
}

/** A learning rate as the code stores it: hundredths from 1 to 1023, or an error saying why not. */
export function learningRateHundredths(eta: string): number {
  // 1e-1 is 0.1: a decimal with an exponent is read exactly, then checked like any other.
  const sci = /^(\d*\.?\d+|\d+\.)[eE]([+-]?\d{1,2})$/.exec(eta.trim());
  const s = sci ? Q.dec(eta.trim()).toPlain() : eta.trim();
  if (!/^\d*\.?\d+$|^\d+\.$/.test(s)) throw new GenerateError(msg("cli.gen.etaNotNumber", { eta }));
  const m = /^(\d*)\.?(\d*)$/.exec(s)!;
  const frac = m[2].replace(/0+$/, "");
  if (frac.length > 2) throw new GenerateError(msg("cli.gen.etaDecimals", { eta }));
  const h = hundredths(`${m[1] || "0"}${frac ? `.${frac}` : ""}`);
  if (h <= 0 || h > MAX_LEARNING_RATE_HUNDREDTHS)
    throw new GenerateError(msg("cli.gen.etaRange", { eta, max: fromHundredths(MAX_LEARNING_RATE_HUNDREDTHS, 2) }));
  return h;
}

/** The shortest decimal for hundredths: 50 → "0.5", 100 → "1", 25 → "0.25". */
function plainHundredths(h: number): string {
  return fromHundredths(h, 2).replace(/\.?0+$/, "");
}

/** The overrides a code must carry: only those that differ from the preset's defaults. */
export function codeKnobs(preset: Preset, o: Overrides = {}): CodeKnobs {
  if (o.decimals !== undefined && (!Number.isInteger(o.decimals) || o.decimals < 2 || o.decimals > 6))
    throw new GenerateError(msg("cli.gen.decimals", { got: o.decimals }));
  const k = preset.knobs;
  const lr = o.learningRate === undefined ? undefined : learningRateHundredths(o.learningRate);
  return {
    ...(o.decimals !== undefined && o.decimals !== k.decimals ? { decimals: o.decimals } : {}),
    ...(o.carry !== undefined && o.carry !== k.carry ? { carry: o.carry } : {}),
    ...(o.updateBiases !== undefined && o.updateBiases !== k.updateBiases ? { updateBiases: o.updateBiases } : {}),
    ...(lr !== undefined && lr !== hundredths(k.learningRate) ? { learningRateHundredths: lr } : {}),
    ...(o.ask !== undefined ? { ask: codedAsk(o.ask) } : {}),
  };
}

/** An --ask list as a code carries it: kinds and phases only, in the code's order; a step id is refused. */
function codedAsk(ask: readonly string[]): string[] {
  const names = ask.map((a) => a.trim()).filter((a) => a !== "");
  const bad = names.find((a) => !(ASK_ORDER as readonly string[]).includes(a === "loss" ? "E" : a));
  if (bad !== undefined) throw new GenerateError(msg(isSelector(bad) ? "cli.gen.askId" : "cli.ex.askSelector", { got: bad, id: bad }));
  if (names.length === 0) throw new GenerateError(msg("cli.ex.askEmpty"));
  return ASK_ORDER.filter((k) => names.some((a) => (a === "loss" ? "E" : a) === k));
}

/** The knobs a code's exercise is drawn with: the preset's defaults with the code's overrides. */
export function knobsOf(preset: Preset, c: CodeKnobs): Knobs {
  return {
    decimals: c.decimals ?? preset.knobs.decimals,
    carry: c.carry ?? preset.knobs.carry,
    updateBiases: c.updateBiases ?? preset.knobs.updateBiases,
    learningRate: c.learningRateHundredths === undefined ? preset.knobs.learningRate : plainHundredths(c.learningRateHundredths),
    ...(c.ask !== undefined ? { ask: c.ask } : {}),
  };
}

export interface FromCode {
  /** The code in its printed form (capitals, dashes). */
  readonly code: string;
  readonly preset: Preset;
  readonly exercise: Exercise;
  /** The solve() the draw was accepted on. */
  readonly solution: Solution;
  readonly rejections: Rejections;
}

/** Regenerates the exercise behind a code, solved (the only path from code to exercise, for sets too). */
export function exerciseFromCode(code: string): FromCode {
  const c = readCode(code);
  return { code: c.code, preset: c.preset, ...drawExercise(c.preset, c.knobs, c.draw, c.sealedSeed) };
}

/** A code read: its printed form, its preset, the knobs it is drawn with and its draw number. */
function readCode(code: string) {
  const d = decodeCode(code);
  const preset = presetByCodeId(d.presetId);
  if (!preset) throw new CodeError(msg("cli.code.unknownPreset", { code: code.trim(), id: d.presetId }));
  const printed = encodeCode(d.presetId, d.draw, d.knobs, d.sealed);
  let sealedSeed: string | undefined;
  if (d.sealed !== undefined) {
    // A sealed code opens only with its course's key; a wrong key is refused, never drawn from.
    const key = courseKey();
    if (key === undefined) throw new CodeError(msg("cli.code.sealed", { code: printed }));
    if (sealTag(key, publicPartOf(d)) !== d.sealed.tag) throw new CodeError(msg("cli.code.wrongSecret", { code: printed }));
    sealedSeed = sealedStreamSeed(key, publicPartOf(d));
  }
  return { code: printed, preset, knobs: knobsOf(preset, d.knobs), draw: d.draw, sealedSeed };
}

/** One exercise of a set before it is drawn: its code and, for a roster, its student. */
export interface Planned {
  readonly code: string;
  readonly studentId?: string;
  readonly name?: string;
}

/** The exercises of a class: one per index 1..count, or one per student of a roster. */
export function generateSet(opts: SetOptions): SetItem[] {
  return planSet(opts).map((p) => drawPlanned(p, opts.notation));
}

/** A planned exercise drawn and solved (any thread can do it: the code says everything). */
export function drawPlanned(p: Planned, notation?: NotationName): SetItem {
  const r = exerciseFromCode(p.code);
  return {
    code: r.code,
    exercise: r.exercise,
    solution: r.solution,
    key: keyOf(r.solution, notation),
    ...(p.studentId !== undefined ? { studentId: p.studentId, name: p.name ?? "" } : {}),
    rejections: r.rejections,
  };
}

/** The codes of a class set, in order (cheap: nothing is drawn or solved yet). */
export function planSet(opts: SetOptions): Planned[] {
  const preset = resolvePreset(opts.preset);
  const knobs = codeKnobs(preset, opts.overrides);
  const labels: { label: string; student?: Student }[] = opts.roster
    ? opts.roster.map((s) => ({ label: `@${s.id}`, student: s }))
    : (() => {
        const n = opts.count ?? 1;
        if (!Number.isInteger(n) || n < 1 || n > MAX_COUNT) throw new GenerateError(msg("cli.gen.count", { max: MAX_COUNT, got: n }));
        return Array.from({ length: n }, (_, i) => ({ label: `#${i + 1}` }));
      })();
  // Distinct draw numbers within a set: a (rare) collision moves on to the label's next candidate.
  const used = new Set<number>();
  return labels.map(({ label, student }) => {
    let draw = drawNumber(opts.seed, label);
    for (let k = 1; used.has(draw); k++) draw = drawNumber(opts.seed, `${label}/${k}`);
    used.add(draw);
    // With a course key, every code of the set is sealed: the draw number becomes its public ticket.
    const key = courseKey();
    const code = encodeCode(preset.codeId, draw, knobs, key === undefined ? undefined : { tag: sealTag(key, publicPartOf({ presetId: preset.codeId, draw, knobs })) });
    return student ? { code, studentId: student.id, name: student.name } : { code };
  });
}

const who = (it: Pick<SetItem, "studentId" | "name">): Record<string, string> => (it.studentId !== undefined ? { studentId: it.studentId, name: it.name ?? "" } : {});

/** `bpdrill generate` output: [{code, exercise}] (with studentId and name for a roster). */
export function exercisesToJson(items: readonly Pick<SetItem, "code" | "exercise" | "studentId" | "name">[]): string {
  return JSON.stringify(items.map((it) => ({ code: it.code, ...who(it), exercise: it.exercise })), null, 2) + "\n";
}

export const KEYSET_FORMATS = ["json", "csv", "md"] as const;
export type KeySetFormat = (typeof KEYSET_FORMATS)[number];

/** The parts of a JSON or CSV key set: head, one text per exercise, tail; joined, keySetChunks' text. */
export type StreamedKeySetFormat = "json" | "csv";

export function keySetHead(format: StreamedKeySetFormat): string {
  return format === "json" ? "[\n" : "code,student_id,name,step,value,rounded\n";
}

/** Exercise k of a set of `total`: in JSON, byte for byte what JSON.stringify(array, null, 2) writes for it. */
export function keySetItemText(it: SetItem, k: number, total: number, format: StreamedKeySetFormat): string {
  const out: string[] = [];
  keySetItemPieces(it, k, total, format, out);
  return out.join("");
}

/** keySetItemText as pieces pushed onto `out` (a batch of keys is joined once). */
export function keySetItemPieces(it: SetItem, k: number, total: number, format: StreamedKeySetFormat, out: string[]): void {
  if (format === "json") {
    out.push("  ");
    keyJsonPieces(it.key, { code: it.code, ...who(it) }, 2, out);
    out.push(k < total - 1 ? ",\n" : "\n");
    return;
  }
  for (const s of it.key.steps) out.push([it.code, it.studentId ?? "", it.name ?? "", s.id, s.value, s.rounded].map(csvCell).join(","), "\n");
}

export function keySetTail(format: StreamedKeySetFormat): string {
  return format === "json" ? "]\n" : "";
}

function assertNever(x: never): never {
  throw new Error(`internal: unexpected ${String(x)}`);
}
