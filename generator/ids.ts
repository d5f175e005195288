// Step and given ids (DESIGN.md): one place that writes them and one that reads them back.

export type IdKind =
  | "x" | "y" | "W" | "b" | "eta"
  | "z" | "a" | "E" | "dEda" | "dadz" | "delta" | "dW" | "db" | "newW" | "newb" | "newE";

/** Where a step or a given sits in the network: its structure as data (ids are for files and people). */
export interface Address {
  readonly kind: IdKind;
  /** Layer, 1.. from the first non-input layer (absent for x, y, E, eta). */
  readonly layer?: number;
  /** Neuron within the layer, 1.. (absent for shared-bias ids). */
  readonly neuron?: number;
  /** Source neuron of a weight, 1.. in the layer before. */
  readonly from?: number;
  /** Sample, 1.., for per-sample ids in a batch (and, with an online schedule, its gradients and update). */
  readonly sample?: number;
  /** Pass, 2.. when the exercise repeats its pass (`iterations`); absent for the first. */
  readonly pass?: number;
}

/** What parseId reads back from an id. */
export type ParsedId = Address;

/** An address whose sample may be the generic s: a formula written once for every sample. */
export type LabelAddress = Omit<Address, "sample"> & { readonly sample?: number | "s" };

/** Addresses of the givens and steps, built as data (ids.* writes the same places as strings). */
export const at = {
  x: (i: number, s?: number): Address => ({ kind: "x", neuron: i, sample: s }),
  y: (j: number, s?: number): Address => ({ kind: "y", neuron: j, sample: s }),
  W: (l: number, j: number, i: number): Address => ({ kind: "W", layer: l, neuron: j, from: i }),
  b: (l: number, j?: number): Address => ({ kind: "b", layer: l, neuron: j }),
  eta: (): Address => ({ kind: "eta" }),
  a: (l: number, j: number, s?: number): Address => ({ kind: "a", layer: l, neuron: j, sample: s }),
} as const;

const sfx = (s?: number, t?: number) => (s === undefined ? "" : `@${s}`) + (t === undefined ? "" : `#${t}`);

export const ids = {
  x: (i: number, s?: number) => `x${i}${sfx(s)}`,
  y: (j: number, s?: number) => `y${j}${sfx(s)}`,
  W: (l: number, j: number, i: number) => `W${l}_${j}_${i}`,
  b: (l: number, j?: number) => (j === undefined ? `b${l}` : `b${l}_${j}`),
  eta: () => "eta",
  z: (l: number, j: number, s?: number, t?: number) => `z${l}_${j}${sfx(s, t)}`,
  a: (l: number, j: number, s?: number, t?: number) => `a${l}_${j}${sfx(s, t)}`,
  E: (s?: number, t?: number) => `E${sfx(s, t)}`,
  dEda: (l: number, j: number, s?: number, t?: number) => `dEda${l}_${j}${sfx(s, t)}`,
  dadz: (l: number, j: number, s?: number, t?: number) => `dadz${l}_${j}${sfx(s, t)}`,
  delta: (l: number, j: number, s?: number, t?: number) => `delta${l}_${j}${sfx(s, t)}`,
  dW: (l: number, j: number, i: number, s?: number, t?: number) => `dW${l}_${j}_${i}${sfx(s, t)}`,
  db: (l: number, j?: number, s?: number, t?: number) => (j === undefined ? `db${l}` : `db${l}_${j}`) + sfx(s, t),
  newW: (l: number, j: number, i: number, s?: number, t?: number) => `newW${l}_${j}_${i}${sfx(s, t)}`,
  newb: (l: number, j?: number, s?: number, t?: number) => (j === undefined ? `newb${l}` : `newb${l}_${j}`) + sfx(s, t),
  newE: () => "newE",
} as const;

const ID = /^(newW|newb|newE|delta|dEda|dadz|eta|dW|db|W|b|x|y|z|a|E)(?:(\d+)(?:_(\d+)(?:_(\d+))?)?)?(?:@(\d+))?(?:#(\d+))?$/;

/** Reads an id back; null for anything that is not a well-formed id. */
export function parseId(id: string): ParsedId | null {
  const m = ID.exec(id);
  if (!m) return null;
  const kind = m[1] as IdKind;
  const n = [m[2], m[3], m[4]].map((v) => (v === undefined ? undefined : Number(v)));
  const sample = m[5] === undefined ? undefined : Number(m[5]);
  const pass = m[6] === undefined ? undefined : Number(m[6]);
  // A first pass is never written: #1 is not an id.
  if (pass !== undefined && pass < 2) return null;
  const count = n.filter((v) => v !== undefined).length;
  const ok = (want: number[]) => want.includes(count);
  const p = pass === undefined ? {} : { pass };
  switch (kind) {
    case "x":
    case "y":
      return ok([1]) && pass === undefined ? { kind, neuron: n[0], sample } : null;
    case "eta":
    case "newE":
      return count === 0 && sample === undefined && pass === undefined ? { kind } : null;
    case "W":
    case "b":
      return ok(kind === "W" ? [3] : [1, 2]) && sample === undefined && pass === undefined ? { kind, layer: n[0], neuron: n[1], from: n[2] } : null;
    case "E":
      return count === 0 ? { kind, sample, ...p } : null;
    case "z":
    case "a":
    case "dEda":
    case "dadz":
    case "delta":
      return ok([2]) ? { kind, layer: n[0], neuron: n[1], sample, ...p } : null;
    case "db":
    case "newb":
      return ok([1, 2]) ? { kind, layer: n[0], neuron: n[1], sample, ...p } : null;
    case "dW":
    case "newW":
      return ok([3]) ? { kind, layer: n[0], neuron: n[1], from: n[2], sample, ...p } : null;
  }
}
