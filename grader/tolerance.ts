// How close is close enough: a closed set of tolerance kinds, one comparison each, defaults per step kind.
import type { StepKind } from "../generator/graph.js";
import { pow10, Q } from "../generator/num/q.js";

export type Tolerance =
  /** |given − reference| ≤ eps. */
  | { readonly kind: "absolute"; readonly eps: Q }
  /** |given − reference| ≤ rel · |reference|. */
  | { readonly kind: "relative"; readonly rel: Q }
  /** Half a unit in the last asked place, plus the propagated rounding of the step's inputs. */
  | { readonly kind: "decimals" };

export const TOLERANCE_KINDS = ["absolute", "relative", "decimals"] as const;

export const STEP_KINDS: readonly StepKind[] = ["z", "a", "E", "dEda", "dadz", "delta", "dW", "db", "newW", "newb", "newE"];

/**
 * Every step kind is judged to the sheet's decimals by default: the sheet asks for d decimals of
 * each value, and both chains (exact and rounded carry) already absorb how rounding propagates.
 */
export const DEFAULT_TOLERANCE: Readonly<Record<StepKind, Tolerance>> = {
  z: { kind: "decimals" },
  a: { kind: "decimals" },
  E: { kind: "decimals" },
  dEda: { kind: "decimals" },
  dadz: { kind: "decimals" },
  delta: { kind: "decimals" },
  dW: { kind: "decimals" },
  db: { kind: "decimals" },
  newW: { kind: "decimals" },
  newb: { kind: "decimals" },
  newE: { kind: "decimals" },
};

export function assertNever(x: never): never {
  throw new Error(`internal: unexpected ${JSON.stringify(x)}`);
}

/** Half a unit in the `decimals`-th place: 0.00005 for 4 decimals. */
export function halfUnit(decimals: number): Q {
  return Q.of(5n, pow10(decimals + 1));
}

/**
 * The largest |given − reference| the tolerance accepts. `slack` is the propagated rounding of the
 * inputs (how far the step can move when each rounded input moves by half a unit); only the
 * decimals kind adds it, since an absolute or relative tolerance is the teacher's own bound.
 */
export function margin(tol: Tolerance, reference: Q, decimals: number, slack: Q = Q.ZERO): Q {
  switch (tol.kind) {
    case "absolute":
      return tol.eps;
    case "relative":
      return tol.rel.mul(reference.abs());
    case "decimals":
      return halfUnit(decimals).add(slack);
    default:
      return assertNever(tol);
  }
}

/** Whether `given` is within the tolerance of `reference`. */
export function within(tol: Tolerance, given: Q, reference: Q, decimals: number, slack: Q = Q.ZERO): boolean {
  return !given.sub(reference).abs().gt(margin(tol, reference, decimals, slack));
}

/**
 * Whether `given` matches the key on either chain: within tolerance of the exact-carry value or of
 * the rounded-carry value, or anywhere between them (a student who kept more digits in some steps
 * than in others lands in between).
 */
export function withinEither(tol: Tolerance, given: Q, exact: Q, rounded: Q, decimals: number): boolean {
  const [lo, hi] = exact.lt(rounded) ? [exact, rounded] : [rounded, exact];
  if (!given.lt(lo) && !given.gt(hi)) return true;
  return within(tol, given, exact, decimals) || within(tol, given, rounded, decimals);
}
