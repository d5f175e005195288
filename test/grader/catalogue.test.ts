// The zh and en catalogues have the same keys and placeholders, and every feedback code has its words.
import { describe, expect, it } from "vitest";
import en from "../../templates/i18n/en.json" with { type: "json" };
import zh from "../../templates/i18n/zh.json" with { type: "json" };
import cliEn from "../../templates/i18n/cli.en.json" with { type: "json" };
import cliZh from "../../templates/i18n/cli.zh.json" with { type: "json" };
import classEn from "../../templates/i18n/class.en.json" with { type: "json" };
import classZh from "../../templates/i18n/class.zh.json" with { type: "json" };
import { INVALID_REASONS, MISTAKE_CODES, RULES } from "../../grader/notes.js";
import { feedback } from "../../templates/feedback.js";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("catalogues", () => {
  const pairs: [string, Record<string, string>, Record<string, string>][] = [
    ["shared", en, zh],
    ["command line", cliEn, cliZh],
    ["class loop", classEn, classZh],
  ];
  it.each(pairs)("zh and en have the same keys (%s)", (_, e, z) => {
    expect(Object.keys(z).sort()).toEqual(Object.keys(e).sort());
  });
  it.each(pairs)("each message uses the same placeholders in both languages (%s)", (_, e, z) => {
    for (const k of Object.keys(e)) expect(placeholders(z[k]), k).toEqual(placeholders(e[k]));
  });
  it("no key is in both the shared and the command line's catalogue", () => {
    for (const k of Object.keys(cliEn)) expect(Object.hasOwn(en, k), k).toBe(false);
    for (const k of Object.keys(classEn)) expect(Object.hasOwn(en, k) || Object.hasOwn(cliEn, k), k).toBe(false);
  });
  it("every mistake, invalid reason and rule has its words, filled with the student's numbers", () => {
    for (const mistake of MISTAKE_CODES) {
      const f = feedback({ code: "mistake", mistake, given: "0.1234", expected: "0.5678", right: "0.9012" });
      for (const s of [f.zh, f.en]) {
        expect(s).toContain("0.9012");
        expect(s).toContain("0.1234");
        expect(s).not.toMatch(/\{\w+\}/);
      }
    }
    for (const reason of INVALID_REASONS) {
      const f = feedback({ code: "invalid", reason, part: "zz" });
      expect(f.en).not.toMatch(/\{\w+\}/);
      expect(f.zh).not.toMatch(/\{\w+\}/);
    }
    for (const rule of RULES) {
      const f = feedback({ code: "wrong", rule, given: "1", expected: "2", right: "3" });
      expect(f.en).toContain("3");
      expect(f.zh).not.toBe(f.en);
    }
  });
});
