// Exercise codes: round trips, the check character catching every single typo and adjacent swap, errors.
import { describe, expect, it } from "vitest";
import seedrandom from "seedrandom";
import { ALPHABET, CodeError, decodeCode, encodeCode, type CodeKnobs } from "../../generator/code.js";

const rng = seedrandom("code-tests");
const randInt = (n: number) => Math.floor(rng() * n);

function sampleCodes(): { code: string; presetId: number; draw: number; knobs: CodeKnobs }[] {
  const out: { code: string; presetId: number; draw: number; knobs: CodeKnobs }[] = [];
  for (let i = 0; i < 60; i++) {
    const presetId = 1 + randInt(15);
    const draw = randInt(2 ** 30);
    const knobs: CodeKnobs =
      i % 2 === 0
        ? {}
        : {
            ...(randInt(2) ? { decimals: 2 + randInt(5) } : {}),
            ...(randInt(2) ? { carry: randInt(2) ? ("exact" as const) : ("rounded" as const) } : { carry: "rounded" as const }),
            ...(randInt(2) ? { updateBiases: randInt(2) === 1 } : {}),
            ...(randInt(2) ? { learningRateHundredths: 1 + randInt(1023) } : {}),
          };
    out.push({ code: encodeCode(presetId, draw, knobs), presetId, draw, knobs });
  }
  // The extremes of every field.
  const max: CodeKnobs = { decimals: 6, carry: "rounded", updateBiases: false, learningRateHundredths: 1023 };
  out.push({ code: encodeCode(15, 2 ** 30 - 1, max), presetId: 15, draw: 2 ** 30 - 1, knobs: max });
  out.push({ code: encodeCode(0, 0), presetId: 0, draw: 0, knobs: {} });
  return out;
}

const samples = sampleCodes();

describe("exercise codes", () => {
  it("look like BP1-XXXX-XXXX (or one more group with knob overrides) and use no 0, O, 1 or I", () => {
    for (const s of samples) {
      expect(s.code).toMatch(/^BP1-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4})?$/);
      expect(s.code.length).toBe(Object.keys(s.knobs).length ? 18 : 13);
    }
    expect(ALPHABET).toHaveLength(32);
    expect(new Set(ALPHABET).size).toBe(32);
    expect(ALPHABET).not.toMatch(/[01OI]/);
  });

  it("decode to what they encode, typed in any case and with any spacing", () => {
    for (const s of samples) {
      const want = { version: 1, presetId: s.presetId, draw: s.draw, knobs: s.knobs };
      expect(decodeCode(s.code)).toEqual(want);
      expect(decodeCode(` ${s.code.toLowerCase()} `)).toEqual(want);
      expect(decodeCode(s.code.replace(/-/g, ""))).toEqual(want);
      expect(decodeCode(s.code.replace(/-/g, " "))).toEqual(want);
      // Typed with a Chinese IME: full-width letters, digits and dashes.
      const fullWidth = [...s.code].map((c) => (c === "-" ? "－" : String.fromCharCode(c.charCodeAt(0) + 0xfee0))).join("");
      expect(decodeCode(fullWidth)).toEqual(want);
    }
  });

  it("reject every single-character substitution", () => {
    let tried = 0;
    for (const { code } of samples) {
      for (let p = 4; p < code.length; p++) {
        if (code[p] === "-") continue;
        for (const ch of ALPHABET) {
          if (ch === code[p]) continue;
          const typo = code.slice(0, p) + ch + code.slice(p + 1);
          expect(() => decodeCode(typo), typo).toThrow(CodeError);
          tried++;
        }
      }
    }
    expect(tried).toBeGreaterThan(10000);
  });

  it("reject every swap of two adjacent characters (across the dashes too)", () => {
    let tried = 0;
    for (const { code } of samples) {
      const body = code.slice(4).replace(/-/g, "");
      for (let p = 0; p + 1 < body.length; p++) {
        if (body[p] === body[p + 1]) continue;
        const swapped = body.slice(0, p) + body[p + 1] + body[p] + body.slice(p + 2);
        expect(() => decodeCode(`BP1-${swapped}`), swapped).toThrowWords(/typo/);
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(400);
  });

  it.each([
    ["hello", /is not an exercise code/],
    ["BP1-K7Q2-9XF", /has 7 characters after BP1-, expected 8 or 12/],
    ["BP1-K7Q2-9XF45", /has 9 characters/],
    ["BP1-K7Q2-9XO4", /"O" cannot appear in an exercise code \(codes never use 0, O, 1 or I\)/],
    ["BP1-K7Q2-90F4", /"0" cannot appear/],
    ["BP2-K7Q2-9XF4", /version 2 code; this bpdrill reads version 1 codes.*update bpdrill/],
  ])("%s is refused with a message that says why", (code, msg) => {
    expect(() => decodeCode(code)).toThrowWords(msg);
  });
});
