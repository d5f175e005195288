// Step and given ids (DESIGN.md): one place that writes them and one that reads them back.

export type IdKind =
  | "x" | "y" | "W" | "b" | "eta"
  | "z" | "a" | "E" | "delta" | "dW" | "db" | "newW" | "newb" | "newE";

/** Where a step or a given sits in the network: its structure as data (ids are for files and people). */
export interface Address {
  readonly kind: IdKind;
  /** Layer, 1.. from the first non-input layer (absent for x, y, E, eta). */
  readonly layer?: number;
  /** Neuron within the layer, 1.. (absent for shared-bias ids). */
  readonly neuron?: number;
  /** Source neuron of a weight, 1.. in the layer before. */
  readonly from?: number;
  /** Sample, 1.., for per-sample ids in a batch. */
  readonly sample?: number;
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

const sfx = (s?: number) => (s === undefined ? "" : `@${s}`);

export const ids = {
  x: (i: number, s?: number) => `x${i}${sfx(s)}`,
  y: (j: number, s?: number) => `y${j}${sfx(s)}`,
  W: (l: number, j: number, i: number) => `W${l}_${j}_${i}`,
  b: (l: number, j?: number) => (j === undefined ? `b${l}` : `b${l}_${j}`),
  eta: () => "eta",
  z: (l: number, j: number, s?: number) => `z${l}_${j}${sfx(s)}`,
  a: (l: number, j: number, s?: number) => `a${l}_${j}${sfx(s)}`,
  E: (s?: number) => `E${sfx(s)}`,
  delta: (l: number, j: number, s?: number) => `delta${l}_${j}${sfx(s)}`,
  dW: (l: number, j: number, i: number) => `dW${l}_${j}_${i}`,
  db: (l: number, j?: number) => (j === undefined ? `db${l}` : `db${l}_${j}`),
  newW: (l: number, j: number, i: number) => `newW${l}_${j}_${i}`,
  newb: (l: number, j?: number) => (j === undefined ? `newb${l}` : `newb${l}_${j}`),
  newE: () => "newE",
} as const;

const ID = /^(newW|newb|newE|delta|eta|dW|db|W|b|x|y|z|a|E)(?:(\d+)(?:_(\d+)(?:_(\d+))?)?)?(?:@(\d+))?$/;

/** Reads an id back; null for anything that is not a well-formed id. */
export function parseId(id: string): ParsedId | null {
  const m = ID.exec(id);
  if (!m) return null;
  const kind = m[1] as IdKind;
  const n = [m[2], m[3], m[4]].map((v) => (v === undefined ? undefined : Number(v)));
  const sample = m[5] === undefined ? undefined : Number(m[5]);
  const count = n.filter((v) => v !== undefined).length;
  const ok = (want: number[]) => want.includes(count);
  switch (kind) {
    case "x":
    case "y":
      return ok([1]) ? { kind, neuron: n[0], sample } : null;
    case "eta":
    case "newE":
      return count === 0 && sample === undefined ? { kind } : null;
    case "E":
      return count === 0 ? { kind, sample } : null;
    case "z":
    case "a":
    case "delta":
      return ok([2]) ? { kind, layer: n[0], neuron: n[1], sample } : null;
    case "b":
    case "db":
    case "newb":
      return ok([1, 2]) && sample === undefined ? { kind, layer: n[0], neuron: n[1] } : null;
    case "W":
    case "dW":
    case "newW":
      return ok([3]) && sample === undefined ? { kind, layer: n[0], neuron: n[1], from: n[2] } : null;
  }
}
