// Catalogue parity: zh and en hold the same keys, none empty, with the same {placeholders}.
import { describe, expect, it } from "vitest";
import { CATALOGUES } from "../../templates/i18n.js";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("string catalogues", () => {
  const en = CATALOGUES.en;
  const zh = CATALOGUES.zh;
  it("have the same keys", () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });
  it("have no empty message and the same placeholders in both languages", () => {
    for (const k of Object.keys(en)) {
      expect(en[k].trim(), k).not.toBe("");
      expect(zh[k]?.trim(), k).not.toBe("");
      expect(placeholders(zh[k] ?? ""), k).toEqual(placeholders(en[k]));
    }
  });
  it("write Chinese in the zh catalogue", () => {
    const withHan = Object.values(zh).filter((s) => /[\u4e00-\u9fff]/.test(s)).length;
    expect(withHan / Object.keys(zh).length).toBeGreaterThan(0.8);
  });
});
