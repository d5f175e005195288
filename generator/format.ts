// Answer-key serialisations: JSON (the contract) and CSV; the Markdown for people is words, at the edge (templates/keytext.ts).
import type { Key, KeyStep } from "./solution.js";

export const KEY_FORMATS = ["json", "md", "csv"] as const;
export type KeyFormat = (typeof KEY_FORMATS)[number];

/** Key order is fixed here, so the same key is the same bytes everywhere. */
/** The exercise's conventions and forms, in the key only when set (a key of the defaults is as it was). */
function settingsJson(key: Key): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (key.convention !== undefined) out.convention = key.convention;
  if (key.granularity !== undefined) out.granularity = key.granularity;
  if (key.schedule !== undefined) out.schedule = key.schedule;
  if (key.iterations !== undefined) out.iterations = key.iterations;
  if (key.ask !== undefined) out.ask = key.ask;
  return out;
}

export function keyToJson(key: Key): { readonly steps: readonly object[] } & Record<string, unknown> {
  return {
    decimals: key.decimals,
    carry: key.carry,
    rounding: key.rounding,
    notation: key.notation,
    ...settingsJson(key),
    steps: key.steps.map((s) => ({
      id: s.id,
      value: s.value,
      rounded: s.rounded,
      kind: s.kind,
      ...(s.layer !== undefined ? { layer: s.layer } : {}),
      ...(s.neuron !== undefined ? { neuron: s.neuron } : {}),
      ...(s.from !== undefined ? { from: s.from } : {}),
      ...(s.sample !== undefined ? { sample: s.sample } : {}),
      ...(s.pass !== undefined ? { pass: s.pass } : {}),
      ...(s.asked !== undefined ? { asked: s.asked } : {}),
      label: s.label,
      deps: s.deps,
      formula: s.formula,
      substituted: s.substituted,
    })),
  };
}

// ---------------------------------------------------------------- fast JSON text
//
// A class set's JSON is mostly the same text over and over: a step's id, kind, label, deps and
// formula depend only on the exercise's shape and notation; only value, rounded and substituted
// change. Each step's JSON is therefore cut once from JSON.stringify's own output into a template
// with three holes, and the numbers are poured in. The template comes from JSON.stringify itself
// and is reused only for a step whose static fields are the same values, so the text is the same
// bytes as JSON.stringify(keyToJson(key), null, 2) (a test compares the two on random keys).

const HOLE = "\\u0000"; // the text JSON.stringify writes for U+0000, which no id, label or formula contains
// value and rounded are plain decimals (digits, "-", "."), which JSON writes as they are: their holes
// keep the quotes in the template, so the numbers go in without JSON.stringify.
const HOLES = [`${HOLE}v`, `${HOLE}r`, `"${HOLE}s"`];

interface StepTemplate {
  readonly step: KeyStep;
  /** Indent → the pieces around value, rounded and substituted: before (indent included), between, between, and after (with ",\n" or, for the last step, "\n"). */
  readonly pieces: Map<number, readonly string[]>;
}
/** Per step id, the templates of the shapes and notations seen lately (a handful). */
const templates = new Map<string, StepTemplate[]>();
const TEMPLATES_PER_ID = 8;

function sameStatic(a: KeyStep, b: KeyStep): boolean {
  if (a.id !== b.id || a.kind !== b.kind || a.layer !== b.layer || a.neuron !== b.neuron || a.from !== b.from || a.sample !== b.sample) return false;
  if (a.pass !== b.pass || a.asked !== b.asked) return false;
  if (a.label !== b.label || a.formula !== b.formula) return false;
  if (a.deps === b.deps) return true;
  return a.deps.length === b.deps.length && a.deps.every((d, i) => d === b.deps[i]);
}

function stepPieces(s: KeyStep, indent: number): readonly string[] {
  let list = templates.get(s.id);
  if (list === undefined) templates.set(s.id, (list = []));
  let t = list.find((c) => sameStatic(c.step, s));
  if (t === undefined) {
    if (list.length >= TEMPLATES_PER_ID) list.shift();
    t = { step: s, pieces: new Map() };
    list.push(t);
  }
  let p = t.pieces.get(indent);
  if (p === undefined) {
    const holed = { ...s, value: "\u0000v", rounded: "\u0000r", substituted: "\u0000s" };
    const text = JSON.stringify(keyToJson({ decimals: 0, carry: "exact", rounding: "half_up", notation: "classic", steps: [holed] }).steps[0], null, 2);
    const pad = " ".repeat(indent);
    const indented = text.replace(/\n/g, `\n${pad}`);
    const [a, rest1] = splitOnce(indented, HOLES[0]);
    const [b, rest2] = splitOnce(rest1, HOLES[1]);
    const [c, d] = splitOnce(rest2, HOLES[2]);
    // The step's indent goes in front and its ending (",\n" between steps, "\n" after the last) behind:
    // fewer, longer pieces to join (joining costs per piece as much as per byte here).
    p = [pad + a, b, c, d + ",\n", d + "\n"];
    t.pieces.set(indent, p);
  }
  return p;
}

function splitOnce(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  if (i < 0 || s.indexOf(sep, i + 1) >= 0) throw new Error(`internal: key JSON template without exactly one ${sep}`);
  return [s.slice(0, i), s.slice(i + sep.length)];
}

/**
 * JSON.stringify({...head, ...keyToJson(key)}, null, 2) with every line after the first indented
 * by `indent` more spaces (how a key sits inside a class set's array), fast for many keys of one shape.
 */
export function keyJsonText(key: Key, head: Readonly<Record<string, string>> = {}, indent = 0): string {
  const out: string[] = [];
  keyJsonPieces(key, head, indent, out);
  return out.join("");
}

/**
 * keyJsonText's text as pieces pushed onto `out`: a class set joins the pieces of a whole batch of
 * keys once (a 20 KB key copied once instead of three times: joined, concatenated, flattened).
 */
export function keyJsonPieces(key: Key, head: Readonly<Record<string, string>>, indent: number, out: string[]): void {
  const pad = " ".repeat(indent);
  // The fields before "steps": JSON.stringify's own text, opened up to continue the object.
  const top = { ...head, decimals: key.decimals, carry: key.carry, rounding: key.rounding, notation: key.notation, ...settingsJson(key), steps: [] };
  const opening = JSON.stringify(top, null, 2).replace(/\n/g, `\n${pad}`);
  if (key.steps.length === 0) {
    out.push(opening);
    return;
  }
  out.push(opening.slice(0, opening.length - `[]\n${pad}}`.length), "[\n");
  const stepIndent = indent + 4;
  const last = key.steps.length - 1;
  for (let k = 0; k <= last; k++) {
    const s = key.steps[k];
    const p = stepPieces(s, stepIndent);
    out.push(p[0], s.value, p[1], s.rounded, p[2], JSON.stringify(s.substituted), k < last ? p[3] : p[4]);
  }
  out.push(pad, "  ]\n", pad, "}");
}

/** A CSV field, quoted when it holds a quote, comma or line break. */
export const csvCell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function keyToCsv(key: Key): string {
  const rows = [["id", "value", "rounded"], ...key.steps.map((s) => [s.id, s.value, s.rounded])];
  return rows.map((r) => r.map(csvCell).join(",")).join("\n") + "\n";
}
