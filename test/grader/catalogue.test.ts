// The zh and en catalogues have the same keys and placeholders, and every feedback code has its words.
import { describe, expect, it } from "vitest";
import en from "../../templates/i18n/en.json" with { type: "json" };
import zh from "../../templates/i18n/zh.json" with { type: "json" };
import { INVALID_REASONS, MISTAKE_CODES, RULES, feedback } from "../../grader/feedback.js";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("catalogues", () => {
  it("zh and en have the same keys", () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });
  it("each message uses the same placeholders in both languages", () => {
    for (const k of Object.keys(en) as (keyof typeof en)[]) expect(placeholders(zh[k]), k).toEqual(placeholders(en[k]));
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
