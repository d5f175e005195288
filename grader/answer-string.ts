// Answer strings (BPA1-…): one line a student pastes into any form, LMS or chat, holding the exercise code,
// optional student id and name, and the answers in the exercise's step order; a damaged paste is refused.
//
// Layout of version 1 — frozen: a string made today must read the same in every release.
//   "BPA" + version (decimal) + "-" + body. The body is base32 over the 32-letter alphabet of exercise
//   codes (no 0, O, 1 or I; read case-insensitively), 5 bits a letter, big-endian, the last letter's
//   unused bits zero. It spells these bytes:
//     code      varint length + UTF-8      the exercise code as printed
//     studentId varint length + UTF-8      empty = not given
//     name      varint length + UTF-8      empty = not given
//     count     varint                     how many answers follow (the exercise's step count)
//     answers   4-bit symbols: 0–9 the digits, 10 ".", 11 "-", 12 "e", 13 end of an answer, 14 "/",
//               15 one more byte of the answer's UTF-8 in the next two symbols; a trailing half byte is 0
//     check     CRC-32 (IEEE 802.3, as in zip and PNG) of the ASCII prefix "BPA1" and every byte above
//   The letters hold no "=", "+", "-" or "@" a spreadsheet would read as a formula, no space or
//   punctuation a chat app would break a line at or turn into a link, and nothing a form would escape.
//   A CRC-32 detects every error burst of up to 32 bits: every single changed letter (5 bits) and
//   every swap of two neighbouring letters (10 bits). A dropped or added letter changes the length,
//   which must be the exact length of the bytes, and is otherwise caught with odds of 2⁻³².
// Pure and browser-safe: no Node built-ins (TextEncoder/TextDecoder are globals in Node and browsers).

export const ANSWER_STRING_VERSION = 1;
export const ANSWER_STRING_PREFIX = `BPA${ANSWER_STRING_VERSION}-`;
/** The letters of the body: the exercise codes' alphabet, frozen here with the format. */
const LETTERS = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
/** Longer input is refused before any work: a classic sheet's string is a few hundred letters. */
export const MAX_ANSWER_STRING_LENGTH = 20000;

/** What an answer string holds; answers are positional, in the exercise's step order. */
export interface AnswerStringData {
  readonly code: string;
  readonly studentId?: string;
  readonly name?: string;
  readonly answers: readonly string[];
}

/** Why a line is not a readable answer string; each has words in the zh and en catalogues. */
export type AnswerStringIssue =
  | { readonly code: "not_answer_string" }
  | { readonly code: "newer_version"; readonly params: { readonly version: number; readonly current: number } }
  | { readonly code: "bad_char"; readonly params: { readonly ch: string; readonly at: number } }
  | { readonly code: "too_long"; readonly params: { readonly max: number } }
  | { readonly code: "damaged" }
  | { readonly code: "step_count"; readonly params: { readonly expected: number; readonly got: number } };

export type AnswerStringResult<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly error: AnswerStringIssue };

// CRC-32 (polynomial 0x04C11DB7 reflected = 0xEDB88320, initial and final XOR 0xFFFFFFFF): the zlib one.
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 of bytes, as zlib's crc32() computes it. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const utf8 = new TextEncoder();
const NIBBLE_OF: Readonly<Record<string, number>> = { ".": 10, "-": 11, e: 12, "/": 14 };
const END = 13;
const ESCAPE = 15;
const CHAR_OF = "0123456789.-e?/"; // index → character for 0…14 (13, END, is never looked up)

function pushVarint(out: number[], n: number): void {
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
}

function pushText(out: number[], s: string): void {
  const b = utf8.encode(s);
  pushVarint(out, b.length);
  for (const x of b) out.push(x);
}

/** The answer string of a submission. Answers are strings as typed; their order is the exercise's. */
export function encodeAnswerString(d: AnswerStringData): string {
  const bytes: number[] = [];
  pushText(bytes, d.code);
  pushText(bytes, d.studentId ?? "");
  pushText(bytes, d.name ?? "");
  pushVarint(bytes, d.answers.length);
  const nibbles: number[] = [];
  for (const a of d.answers) {
    for (const ch of a) {
      const n = ch >= "0" && ch <= "9" ? ch.charCodeAt(0) - 48 : NIBBLE_OF[ch];
      if (n !== undefined) nibbles.push(n);
      else for (const b of utf8.encode(ch)) nibbles.push(ESCAPE, b >> 4, b & 15);
    }
    nibbles.push(END);
  }
  if (nibbles.length % 2 === 1) nibbles.push(0);
  for (let i = 0; i < nibbles.length; i += 2) bytes.push((nibbles[i] << 4) | nibbles[i + 1]);
  const withPrefix = Uint8Array.from([...utf8.encode(`BPA${ANSWER_STRING_VERSION}`), ...bytes]);
  const c = crc32(withPrefix);
  bytes.push(c >>> 24, (c >>> 16) & 255, (c >>> 8) & 255, c & 255);
  return ANSWER_STRING_PREFIX + toLetters(bytes);
}

/** Answers by step id → the positional list an answer string holds (absent ids are empty answers). */
export function answersInOrder(answers: Readonly<Record<string, unknown>>, stepIds: readonly string[]): string[] {
  return stepIds.map((id) => {
    const v = Object.hasOwn(answers, id) ? answers[id] : undefined;
    return typeof v === "string" ? v : typeof v === "number" && Number.isFinite(v) ? String(v) : "";
  });
}

/** The positional answers of a decoded string by step id; refused when the counts differ. */
export function answersByStep(answers: readonly string[], stepIds: readonly string[]): AnswerStringResult<Record<string, string>> {
  if (answers.length !== stepIds.length) return { ok: false, error: { code: "step_count", params: { expected: stepIds.length, got: answers.length } } };
  const out: Record<string, string> = {};
  stepIds.forEach((id, i) => {
    if (answers[i] !== "") out[id] = answers[i];
  });
  return { ok: true, data: out };
}

function toLetters(bytes: readonly number[]): string {
  let s = "";
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      s += LETTERS[(acc >> bits) & 31];
    }
    acc &= (1 << bits) - 1;
  }
  if (bits > 0) s += LETTERS[(acc << (5 - bits)) & 31];
  return s;
}

/** Letters back to bytes; null when the length or the unused bits of the last letter cannot be. */
function fromLetters(symbols: readonly number[]): Uint8Array | null {
  const n = Math.floor((symbols.length * 5) / 8);
  if (Math.ceil((n * 8) / 5) !== symbols.length) return null;
  const out = new Uint8Array(n);
  let acc = 0;
  let bits = 0;
  let k = 0;
  for (const s of symbols) {
    acc = (acc << 5) | s;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[k++] = (acc >> bits) & 255;
    }
    acc &= (1 << bits) - 1;
  }
  return acc === 0 ? out : null;
}

const fail = (error: AnswerStringIssue): { ok: false; error: AnswerStringIssue } => ({ ok: false, error });
const DAMAGED = fail({ code: "damaged" });

/** Reads an answer string as pasted (spaces, line breaks, full-width letters and any case allowed). Never throws. */
export function decodeAnswerString(line: string): AnswerStringResult<AnswerStringData> {
  if (typeof line !== "string") return fail({ code: "not_answer_string" });
  if (line.length > MAX_ANSWER_STRING_LENGTH) return fail({ code: "too_long", params: { max: MAX_ANSWER_STRING_LENGTH } });
  // NFKC folds full-width letters and dashes; forms and chat apps add spaces, breaks and zero-width marks.
  const s = line
    .normalize("NFKC")
    .replace(/[\s\u200b-\u200d\u2060\ufeff]/g, "")
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .toUpperCase();
  const m = /^BPA(\d+)-(.*)$/.exec(s) ?? /^BPA(\d)(.*)$/.exec(s);
  if (!m) return fail({ code: "not_answer_string" });
  const version = Number(m[1]);
  if (version !== ANSWER_STRING_VERSION) {
    if (version > ANSWER_STRING_VERSION) return fail({ code: "newer_version", params: { version, current: ANSWER_STRING_VERSION } });
    return fail({ code: "not_answer_string" });
  }
  const body = m[2].replace(/-/g, "");
  const symbols: number[] = [];
  for (const ch of body) {
    const v = LETTERS.indexOf(ch);
    if (v < 0) return fail({ code: "bad_char", params: { ch, at: symbols.length + 1 } });
    symbols.push(v);
  }
  const bytes = fromLetters(symbols);
  if (bytes === null || bytes.length < 8) return DAMAGED;
  const payload = bytes.subarray(0, bytes.length - 4);
  const prefix = utf8.encode(`BPA${ANSWER_STRING_VERSION}`);
  const whole = new Uint8Array(prefix.length + payload.length);
  whole.set(prefix);
  whole.set(payload, prefix.length);
  const stored = ((bytes[bytes.length - 4] << 24) | (bytes[bytes.length - 3] << 16) | (bytes[bytes.length - 2] << 8) | bytes[bytes.length - 1]) >>> 0;
  if (crc32(whole) !== stored) return DAMAGED;
  const data = readPayload(payload);
  // A checksum that matches on a body that does not parse was not made by encodeAnswerString.
  return data === null ? DAMAGED : { ok: true, data };
}

function readPayload(b: Uint8Array): AnswerStringData | null {
  let i = 0;
  const varint = (): number | null => {
    let n = 0;
    for (let shift = 0; shift < 28; shift += 7) {
      if (i >= b.length) return null;
      const x = b[i++];
      n |= (x & 0x7f) << shift;
      if (!(x & 0x80)) return n;
    }
    return null;
  };
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const text = (): string | null => {
    const n = varint();
    if (n === null || i + n > b.length) return null;
    try {
      const s = decoder.decode(b.subarray(i, i + n));
      i += n;
      return s;
    } catch {
      return null;
    }
  };
  const code = text();
  const studentId = text();
  const name = text();
  const count = varint();
  if (code === null || studentId === null || name === null || count === null) return null;
  // Every answer takes at least one symbol: a count beyond the symbols left is a forgery, not a sheet.
  if (count > (b.length - i) * 2) return null;
  const nibbles: number[] = [];
  for (; i < b.length; i++) nibbles.push(b[i] >> 4, b[i] & 15);
  const answers: string[] = [];
  let k = 0;
  let cur = "";
  let raw: number[] = [];
  const flush = (): boolean => {
    if (raw.length === 0) return true;
    try {
      cur += decoder.decode(Uint8Array.from(raw));
    } catch {
      return false;
    }
    raw = [];
    return true;
  };
  while (answers.length < count) {
    if (k >= nibbles.length) return null;
    const x = nibbles[k++];
    if (x === ESCAPE) {
      if (k + 2 > nibbles.length) return null;
      raw.push((nibbles[k] << 4) | nibbles[k + 1]);
      k += 2;
      continue;
    }
    if (!flush()) return null;
    if (x === END) {
      answers.push(cur);
      cur = "";
    } else cur += CHAR_OF[x];
  }
  // What is left is at most the zero half byte that pads the symbols to whole bytes.
  const rest = nibbles.length - k;
  if (rest > 1 || (rest === 1 && nibbles[k] !== 0)) return null;
  return {
    code,
    ...(studentId !== "" ? { studentId } : {}),
    ...(name !== "" ? { name } : {}),
    answers,
  };
}
