// Exercise codes (BP1-K7Q2-9XF4): generator version, preset, draw number and knob overrides, typo-checked.
//
// Layout of version 1 — frozen: a code made today must name the same exercise in every release.
//   "BP" + version (decimal) + "-" + symbols in groups of 4, over a 32-letter alphabet without
//   0, O, 1 or I (codes are read in capitals, so a typed l is L). The symbols carry, big-endian, 5 bits each:
//     short form (8 symbols):  preset id (4 bits) · long flag = 0 (1) · draw number (30) · check
//     long form (12 symbols):  preset id (4) · long flag = 1 (1) · draw number (30) ·
//                              decimals (3) · carry (2) · updateBiases (2) · learning rate (10) ·
//                              ask flag (3: 0 none, 1 an ask field follows) · check
//     asking long form (15 symbols): the long form's fields, ask flag = 1, then the ask field (15): one
//                              bit per step kind and phase a partial sheet asks for (ASK_KINDS then
//                              ASK_PHASES, most significant first, 16 names in 15 bits: newE is a kind
//                              and "loss" is E, so the loss phase shares E's bit) · check
//   Knob fields hold 0 for "the preset's default"; decimals 1..5 mean 2..6; carry 1 exact,
//   2 rounded; updateBiases 1 true, 2 false; learning rate k means k/100 (0.01 … 10.23).
//   Sealed codes (generator/seal.ts) append a 10-bit tag to the same fields, so they are 2 symbols longer:
//     sealed short (10 symbols): preset id (4) · long flag = 0 (1) · ticket (30) · tag (10) · check
//     sealed long (14 symbols):  preset id (4) · long flag = 1 (1) · ticket (30) · knobs as above (20) · tag (10) · check
//   The ticket is public; the exercise is drawn from a stream only the course key can seed.
//   The check symbol is Damm's scheme over the quasigroup x∗y = αx ⊕ y in GF(32) (α a root of
//   t⁵ + t² + 1), run over [version, symbols…, check]: it is totally anti-symmetric, so every
//   single substitution and every swap of two adjacent symbols leaves a non-zero remainder.
import type { Carry } from "./exercise.js";
import { CoreError, msg, type Message } from "./message.js";
import { TAG_BITS } from "./seal.js";

export const CODE_VERSION = 1;
export const ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
export const DRAW_BITS = 30;
export const MAX_LEARNING_RATE_HUNDREDTHS = 1023;

/** Knob overrides a code carries; an absent field means the preset's default. */
export interface CodeKnobs {
  readonly decimals?: number;
  readonly carry?: Carry;
  readonly updateBiases?: boolean;
  /** Learning rate in hundredths (1 … 1023). */
  readonly learningRateHundredths?: number;
  /** The kinds and phases a partial sheet asks for (`ask`), in ASK_ORDER; absent: every step. */
  readonly ask?: readonly string[];
}

/** The names an asking code's ask field holds, one bit each, most significant first. */
export const ASK_ORDER = ["z", "a", "E", "dEda", "dadz", "delta", "dW", "db", "newW", "newb", "newE", "forward", "backward", "gradients", "update"] as const;
const ASK_BITS = 15;
const ASK_SYMBOLS = 3;

export interface DecodedCode {
  readonly version: number;
  readonly presetId: number;
  /** The seed-derived number that selects the exercise's random stream (0 … 2³⁰−1). */
  readonly draw: number;
  readonly knobs: CodeKnobs;
  /** Present on a sealed code: its tag (the draw number is then a public ticket, not the stream's seed). */
  readonly sealed?: { readonly tag: number };
}

/** A code that cannot be read; the message says what to check. */
export class CodeError extends CoreError {
  constructor(m: Message | string) {
    super(m);
    this.name = "CodeError";
  }
}

/** Multiplication by α in GF(2⁵) modulo t⁵ + t² + 1. */
const xtime = (x: number) => ((x << 1) & 0x1f) ^ (x & 0x10 ? 0x05 : 0);

function remainder(symbols: readonly number[]): number {
  let r = 0;
  for (const s of symbols) r = xtime(r) ^ s;
  return r;
}

/** The check symbol that makes the remainder of [version, …data, check] zero. */
export function checkSymbol(version: number, data: readonly number[]): number {
  return xtime(remainder([version, ...data]));
}

const SHORT = 8;
const LONG = 12;
const SEAL_SYMBOLS = 2; // TAG_BITS = 10 bits

function hasKnobs(k: CodeKnobs): boolean {
  return k.decimals !== undefined || k.carry !== undefined || k.updateBiases !== undefined || k.learningRateHundredths !== undefined || k.ask !== undefined;
}

/** A code's printed form; with `seal`, the sealed code carrying that tag. */
export function encodeCode(presetId: number, draw: number, knobs: CodeKnobs = {}, seal?: { readonly tag: number }): string {
  if (!Number.isInteger(presetId) || presetId < 0 || presetId > 15) throw new Error(`internal: preset id ${presetId} out of range`);
  if (!Number.isInteger(draw) || draw < 0 || draw >= 2 ** DRAW_BITS) throw new Error(`internal: draw number ${draw} out of range`);
  const long = hasKnobs(knobs);
  let bits = (BigInt(presetId) << 1n) | (long ? 1n : 0n);
  bits = (bits << BigInt(DRAW_BITS)) | BigInt(draw);
  let nSymbols = 7;
  if (long) {
    const d = knobs.decimals === undefined ? 0 : knobs.decimals - 1;
    if (knobs.decimals !== undefined && (knobs.decimals < 2 || knobs.decimals > 6)) throw new Error(`internal: decimals ${knobs.decimals} cannot be coded`);
    const c = knobs.carry === undefined ? 0 : knobs.carry === "exact" ? 1 : 2;
    const u = knobs.updateBiases === undefined ? 0 : knobs.updateBiases ? 1 : 2;
    const lr = knobs.learningRateHundredths ?? 0;
    if (!Number.isInteger(lr) || lr < 0 || lr > MAX_LEARNING_RATE_HUNDREDTHS) throw new Error(`internal: learning rate ${lr} cannot be coded`);
    bits = (bits << 3n) | BigInt(d);
    bits = (bits << 2n) | BigInt(c);
    bits = (bits << 2n) | BigInt(u);
    bits = (bits << 10n) | BigInt(lr);
    bits = (bits << 3n) | (knobs.ask !== undefined ? 1n : 0n);
    nSymbols = 11;
    if (knobs.ask !== undefined) {
      let mask = 0n;
      for (const a of knobs.ask) {
        const k = ASK_ORDER.indexOf((a === "loss" ? "E" : a) as (typeof ASK_ORDER)[number]);
        if (k < 0) throw new Error(`internal: ask ${a} cannot be coded`);
        mask |= 1n << BigInt(ASK_BITS - 1 - k);
      }
      if (mask === 0n) throw new Error("internal: an empty ask cannot be coded");
      bits = (bits << BigInt(ASK_BITS)) | mask;
      nSymbols += ASK_SYMBOLS;
    }
  }
  if (seal !== undefined) {
    if (!Number.isInteger(seal.tag) || seal.tag < 0 || seal.tag >= 1 << TAG_BITS) throw new Error(`internal: seal tag ${seal.tag} out of range`);
    bits = (bits << BigInt(TAG_BITS)) | BigInt(seal.tag);
    nSymbols += SEAL_SYMBOLS;
  }
  const data: number[] = [];
  for (let k = nSymbols - 1; k >= 0; k--) data.push(Number((bits >> BigInt(5 * k)) & 31n));
  data.push(checkSymbol(CODE_VERSION, data));
  const chars = data.map((s) => ALPHABET[s]).join("");
  return `BP${CODE_VERSION}-${chars.match(/.{1,4}/g)!.join("-")}`;
}

const EXAMPLE = "BP1-K7Q2-9XF4";

/** Reads a code as typed (any case, spaces or dashes anywhere); throws CodeError saying what is wrong. */
export function decodeCode(input: string): DecodedCode {
  // Full-width letters, digits and dashes (typed with a Chinese IME) are the code's own characters.
  const typed = input.normalize("NFKC").replace(/[\u2010-\u2015\u2212\u30FC]/g, "-").trim();
  // What messages echo of it: a pasted 10 MB "code" is not printed back whole.
  const shown = typed.length > 40 ? `${typed.slice(0, 40)}…` : typed;
  // No code is longer than a few dozen characters: anything far longer is refused before any parsing.
  if (typed.length > 200) throw new CodeError(msg("cli.code.notCode", { code: shown, example: EXAMPLE }));
  // The version is the digits before the first separator; typed without one, it is a single digit
  // (the code's own symbols include digits, so "BP14…" reads as version 1).
  const upper = typed.toUpperCase();
  const m = /^BP\s*(\d+)[\s\-–—_]+(.*)$/.exec(upper) ?? /^BP(\d)(.*)$/.exec(upper);
  if (!m) throw new CodeError(msg("cli.code.notCode", { code: shown, example: EXAMPLE }));
  const version = Number(m[1]);
  if (version !== CODE_VERSION)
    throw new CodeError(msg(version > CODE_VERSION ? "cli.code.newerVersion" : "cli.code.olderVersion", { code: shown, version, current: CODE_VERSION }));
  const body = m[2].replace(/[\s\-–—_]/g, "");
  for (const ch of body) {
    if (!ALPHABET.includes(ch)) {
      const lookalike = ch === "0" || ch === "O" || ch === "1" || ch === "I";
      throw new CodeError(msg(lookalike ? "cli.code.lookalike" : "cli.code.badChar", { code: shown, ch }));
    }
  }
  const ASKING = LONG + ASK_SYMBOLS;
  const sealed = body.length === SHORT + SEAL_SYMBOLS || body.length === LONG + SEAL_SYMBOLS || body.length === ASKING + SEAL_SYMBOLS;
  if (body.length !== SHORT && body.length !== LONG && body.length !== ASKING && !sealed)
    throw new CodeError(
      msg("cli.code.length", { code: shown, n: body.length, version, short: SHORT, long: LONG, sealedShort: SHORT + SEAL_SYMBOLS, sealedLong: LONG + SEAL_SYMBOLS }),
    );
  const symbols = [...body].map((ch) => ALPHABET.indexOf(ch));
  if (remainder([version, ...symbols]) !== 0)
    throw new CodeError(msg("cli.code.typo", { code: shown }));
  const data = symbols.slice(0, -1);
  let bits = 0n;
  for (const s of data) bits = (bits << 5n) | BigInt(s);
  let tag: number | undefined;
  if (sealed) {
    tag = Number(bits & BigInt((1 << TAG_BITS) - 1));
    bits >>= BigInt(TAG_BITS);
  }
  const total = data.length * 5 - (sealed ? TAG_BITS : 0);
  const field = (from: number, width: number) => Number((bits >> BigInt(total - from - width)) & ((1n << BigInt(width)) - 1n));
  const presetId = field(0, 4);
  const long = field(4, 1) === 1;
  const draw = field(5, DRAW_BITS);
  const bare = body.length - (sealed ? SEAL_SYMBOLS : 0);
  if (long !== (bare === LONG || bare === ASKING)) throw new CodeError(msg("cli.code.lengthMismatch", { code: shown }));
  const seal = tag === undefined ? {} : { sealed: { tag } };
  if (!long) return { version, presetId, draw, knobs: {}, ...seal };
  const at = 5 + DRAW_BITS;
  const d = field(at, 3);
  const c = field(at + 3, 2);
  const u = field(at + 5, 2);
  const lr = field(at + 7, 10);
  const asks = field(at + 17, 3);
  if (d > 5 || c > 2 || u > 2 || asks !== (bare === ASKING ? 1 : 0)) throw new CodeError(msg("cli.code.settings", { code: shown }));
  const mask = bare === ASKING ? field(at + 20, ASK_BITS) : 0;
  if (bare === ASKING && mask === 0) throw new CodeError(msg("cli.code.settings", { code: shown }));
  const ask = ASK_ORDER.filter((_, k) => (mask >> (ASK_BITS - 1 - k)) & 1);
  return {
    version,
    presetId,
    draw,
    knobs: {
      ...(d ? { decimals: d + 1 } : {}),
      ...(c ? { carry: c === 1 ? ("exact" as const) : ("rounded" as const) } : {}),
      ...(u ? { updateBiases: u === 1 } : {}),
      ...(lr ? { learningRateHundredths: lr } : {}),
      ...(ask.length ? { ask } : {}),
    },
    ...seal,
  };
}

/** The public part of a code, as the course key's MAC reads it: the unsealed code of the same fields. */
export function publicPartOf(d: Pick<DecodedCode, "presetId" | "draw" | "knobs">): string {
  return encodeCode(d.presetId, d.draw, d.knobs);
}
