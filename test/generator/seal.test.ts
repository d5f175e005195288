// Sealed codes (generator/seal.ts, generator/code.ts): with a course key a set's codes are sealed; without
// the key no code path can regenerate a sealed code's numbers; a wrong key is refused, never drawn from.
import { createHmac, hkdfSync } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { exerciseFromCode, planSet } from "../../generator/classset.js";
import { ALPHABET, CodeError, decodeCode, publicPartOf } from "../../generator/code.js";
import { courseKey, sealedStreamSeed, useCourseKey } from "../../generator/seal.js";
import { courseKeyOf } from "../../api/course-key.js";

const SECRET = "correct horse battery staple 2026";
const OTHER = "a different course's secret, 2026";
const symbolsOf = (code: string) => code.slice(4).replace(/-/g, "");

afterEach(() => useCourseKey(undefined));

const sealedSet = (n: number, overrides = {}) => {
  useCourseKey(courseKeyOf(SECRET));
  return planSet({ preset: "classic-2-3-2", seed: "seal-test", count: n, overrides }).map((p) => p.code);
};

describe("sealed codes", () => {
  it("a course key seals every code of a set: 10 symbols, or 14 with knobs; the public part stays readable", () => {
    const codes = sealedSet(20);
    for (const c of codes) {
      expect(symbolsOf(c)).toHaveLength(10);
      const d = decodeCode(c);
      expect(d.sealed).toBeDefined();
      expect(d.presetId).toBe(decodeCode(planSet({ preset: "classic-2-3-2", seed: "x", count: 1 })[0].code).presetId);
    }
    const long = sealedSet(3, { decimals: 3, learningRate: "0.4" });
    for (const c of long) {
      expect(symbolsOf(c)).toHaveLength(14);
      expect(decodeCode(c).knobs).toEqual({ decimals: 3, learningRateHundredths: 40 });
      useCourseKey(courseKeyOf(SECRET));
      const r = exerciseFromCode(c);
      expect(r.exercise.decimals).toBe(3);
      expect(r.exercise.learningRate).toBe("0.4");
    }
  });

  it("with the key, a sealed code regenerates the same exercise every time", () => {
    const [c] = sealedSet(1);
    const a = JSON.stringify(exerciseFromCode(c).exercise);
    useCourseKey(courseKeyOf(SECRET)); // a fresh key object from the same secret
    expect(JSON.stringify(exerciseFromCode(c).exercise)).toBe(a);
  });

  it("without the key nothing regenerates a sealed code: one clear refusal", () => {
    const codes = sealedSet(5);
    useCourseKey(undefined);
    for (const c of codes) {
      let thrown: unknown;
      try {
        exerciseFromCode(c);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(CodeError);
      expect((thrown as CodeError).msg).toMatchObject({ key: "cli.code.sealed" });
    }
  });

  it("a sealed exercise is not the public one of the same ticket, and another secret's is another", () => {
    const [c] = sealedSet(1);
    const sealed = JSON.stringify(exerciseFromCode(c).exercise);
    const d = decodeCode(c);
    useCourseKey(undefined);
    const publicTwin = JSON.stringify(exerciseFromCode(publicPartOf(d)).exercise);
    expect(publicTwin).not.toBe(sealed);
    useCourseKey(courseKeyOf(OTHER));
    const other = planSet({ preset: "classic-2-3-2", seed: "seal-test", count: 1 })[0].code;
    expect(other).not.toBe(c);
    expect(JSON.stringify(exerciseFromCode(other).exercise)).not.toBe(sealed);
  });

  it("a wrong secret is refused by the 10-bit tag (all but about 1 in 1024), and never yields the right exercise", () => {
    const codes = sealedSet(200);
    const right = codes.map((c) => JSON.stringify(exerciseFromCode(c).exercise));
    useCourseKey(courseKeyOf(OTHER));
    let refused = 0;
    codes.forEach((c, k) => {
      try {
        expect(JSON.stringify(exerciseFromCode(c).exercise)).not.toBe(right[k]);
      } catch (e) {
        expect((e as CodeError).msg).toMatchObject({ key: "cli.code.wrongSecret" });
        refused++;
      }
    });
    expect(refused).toBeGreaterThanOrEqual(195);
  });

  it("every single-character typo and every swap of neighbours in a sealed code is caught before any key is used", () => {
    const [c] = sealedSet(1);
    const body = symbolsOf(c);
    for (let i = 0; i < body.length; i++) {
      for (const ch of ALPHABET) {
        if (ch === body[i]) continue;
        const typo = body.slice(0, i) + ch + body.slice(i + 1);
        expect(() => decodeCode(`BP1-${typo}`)).toThrow(CodeError);
      }
      if (i + 1 < body.length && body[i] !== body[i + 1]) {
        const swapped = body.slice(0, i) + body[i + 1] + body[i] + body.slice(i + 2);
        expect(() => decodeCode(`BP1-${swapped}`)).toThrow(CodeError);
      }
    }
  });

  it("the stream seed is HMAC-SHA256 under an HKDF-SHA256 key, as documented (recomputed here with node:crypto)", () => {
    const [c] = sealedSet(1);
    const pub = publicPartOf(decodeCode(c));
    const k = Buffer.from(hkdfSync("sha256", Buffer.from(SECRET), "bpdrill/seal/v1", "course key", 32));
    const expected = createHmac("sha256", k).update("bpdrill/seal/draw").update("\u0000").update(pub).digest("hex");
    expect(sealedStreamSeed(courseKey()!, pub)).toBe(expected);
  });
});
