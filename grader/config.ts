// The exercise's optional `grading` field: tolerance overrides, step weights, partial credit — validated.
import { ExerciseError, type Exercise } from "../generator/exercise.js";
import type { StepKind } from "../generator/graph.js";
import { Q } from "../generator/num/q.js";
import { DEFAULT_TOLERANCE, STEP_KINDS, TOLERANCE_KINDS, type Tolerance } from "./tolerance.js";

export interface GradingConfig {
  readonly tolerance: Readonly<Record<StepKind, Tolerance>>;
  readonly weights: Readonly<Record<StepKind, number>>;
  /** Share of a step's weight earned by a carried (error carried forward) and an imprecise answer. */
  readonly credit: { readonly carried: number; readonly imprecise: number };
}

/**
 * Deltas weigh double: they are the step backprop is about and the one most often got wrong.
 * Everything else is one mark.
 */
export const DEFAULT_WEIGHTS: Readonly<Record<StepKind, number>> = {
  z: 1, a: 1, E: 1, dEda: 1, dadz: 1, delta: 2, dW: 1, db: 1, newW: 1, newb: 1, newE: 1,
};

/** A carried value is right work on the student's own numbers: full marks (the first slip costs). */
export const DEFAULT_CREDIT = { carried: 1, imprecise: 0.5 } as const;

export const DEFAULT_CONFIG: GradingConfig = { tolerance: DEFAULT_TOLERANCE, weights: DEFAULT_WEIGHTS, credit: DEFAULT_CREDIT };

const DECIMAL = /^[+]?(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,3})?$/;
const KINDS_TEXT = `"default" or a step kind (${STEP_KINDS.join(", ")})`;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const keys = (o: Record<string, unknown>) => Object.keys(o);

function fail(path: string, detail: string): never {
  throw new ExerciseError(path, detail);
}

function objectAt(v: unknown, path: string, what: string): Record<string, unknown> {
  if (!isObject(v)) fail(path, `expected ${what}, got ${Array.isArray(v) ? "a list" : JSON.stringify(v)}`);
  return v;
}

function onlyKeys(o: Record<string, unknown>, allowed: readonly string[], path: string, what: string): void {
  for (const k of keys(o)) if (!allowed.includes(k)) fail(`${path}.${k}`, `unknown field; expected ${what}`);
}

function nonNegativeDecimal(v: unknown, path: string): Q {
  if (typeof v !== "string" || !DECIMAL.test(v.trim()))
    fail(path, `expected a non-negative decimal string such as "0.001", got ${JSON.stringify(v)}`);
  return Q.dec(v.trim());
}

/** One tolerance object: {"kind":"absolute","eps":"0.001"}, {"kind":"relative","rel":"0.01"} or {"kind":"decimals"}. */
export function parseTolerance(v: unknown, path: string): Tolerance {
  const o = objectAt(v, path, `a tolerance such as {"kind": "absolute", "eps": "0.001"}`);
  const kind = o.kind;
  switch (kind) {
    case "absolute":
      onlyKeys(o, ["kind", "eps"], path, '"kind" and "eps"');
      return { kind, eps: nonNegativeDecimal(o.eps, `${path}.eps`) };
    case "relative":
      onlyKeys(o, ["kind", "rel"], path, '"kind" and "rel"');
      return { kind, rel: nonNegativeDecimal(o.rel, `${path}.rel`) };
    case "decimals":
      onlyKeys(o, ["kind"], path, '"kind" only (the sheet\'s decimals set it)');
      return { kind };
    default:
      return fail(`${path}.kind`, `expected one of ${TOLERANCE_KINDS.join(", ")}, got ${JSON.stringify(kind)}`);
  }
}

/** A table by step kind with an optional "default" row; unknown kinds are refused with the list of known ones. */
function perKind<T>(v: unknown, path: string, defaults: Readonly<Record<StepKind, T>>, read: (v: unknown, path: string) => T): Record<StepKind, T> {
  const o = objectAt(v, path, `an object keyed by ${KINDS_TEXT}`);
  onlyKeys(o, ["default", ...STEP_KINDS], path, KINDS_TEXT);
  const all = Object.hasOwn(o, "default") ? read(o.default, `${path}.default`) : undefined;
  const out = {} as Record<StepKind, T>;
  for (const k of STEP_KINDS) out[k] = Object.hasOwn(o, k) ? read(o[k], `${path}.${k}`) : all ?? defaults[k];
  return out;
}

function weight(v: unknown, path: string): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || v > 1000)
    fail(path, `expected a number of marks from 0 to 1000, got ${JSON.stringify(v)}`);
  return v;
}

function share(v: unknown, path: string): number {
  if (typeof v !== "number" || !(v >= 0 && v <= 1)) fail(path, `expected a share of the marks from 0 to 1, got ${JSON.stringify(v)}`);
  return v;
}

/** The exercise's grading settings with defaults filled in; throws ExerciseError naming the bad field. */
export function gradingConfig(ex: Exercise): GradingConfig {
  if (ex.grading === undefined) return DEFAULT_CONFIG;
  const g = objectAt(ex.grading, "grading", "an object");
  onlyKeys(g, ["tolerance", "weights", "credit"], "grading", '"tolerance", "weights" or "credit"');
  let credit: GradingConfig["credit"] = DEFAULT_CREDIT;
  if (Object.hasOwn(g, "credit")) {
    const c = objectAt(g.credit, "grading.credit", 'an object such as {"carried": 1, "imprecise": 0.5}');
    onlyKeys(c, ["carried", "imprecise"], "grading.credit", '"carried" or "imprecise"');
    credit = {
      carried: Object.hasOwn(c, "carried") ? share(c.carried, "grading.credit.carried") : DEFAULT_CREDIT.carried,
      imprecise: Object.hasOwn(c, "imprecise") ? share(c.imprecise, "grading.credit.imprecise") : DEFAULT_CREDIT.imprecise,
    };
  }
  return {
    tolerance: Object.hasOwn(g, "tolerance") ? perKind(g.tolerance, "grading.tolerance", DEFAULT_TOLERANCE, parseTolerance) : DEFAULT_TOLERANCE,
    weights: Object.hasOwn(g, "weights") ? perKind(g.weights, "grading.weights", DEFAULT_WEIGHTS, weight) : DEFAULT_WEIGHTS,
    credit,
  };
}
