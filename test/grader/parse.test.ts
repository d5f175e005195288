// What students type, table by table: every accepted spelling, and every refusal with its reason.
import { describe, expect, it } from "vitest";
import { Q } from "../../generator/num/q.js";
import { parseAnswer } from "../../grader/parse.js";

describe("parseAnswer accepts", () => {
  // [typed, value as an exact fraction n/d written out by hand, decimals written]
  const cases: [unknown, string, number | null][] = [
    ["0.5933", "5933/10000", 4],
    ["+0.5933", "5933/10000", 4],
    ["-0.05", "-5/100", 2],
    [".5", "1/2", 1],
    ["5.", "5/1", 0],
    ["12", "12/1", 0],
    ["5.933e-1", "5933/10000", 4],
    ["5.933E-1", "5933/10000", 4],
    ["-1.2e-3", "-12/10000", 4],
    ["1e2", "100/1", 0],
    ["151/400", "151/400", null],
    ["-3 / 4", "-3/4", null],
    ["０．５９３３", "5933/10000", 4],
    // A Chinese IME's full stop as the decimal point.
    ["0。7625", "7625/10000", 4],
    ["－０｡５", "-1/2", 1],
    ["－０．５", "-1/2", 1],
    ["\u22120.25", "-1/4", 2],
    ["  0.25\t", "1/4", 2],
    ["\u30000.25\u3000", "1/4", 2],
    ["0,5933", "5933/10000", 4],
    ["-0,125", "-125/1000", 3],
    ["12,5", "125/10", 1],
    ["0，5", "1/2", 1],
    [0.5933, "5933/10000", 4],
    [-2, "-2/1", 0],
  ];
  it.each(cases)("%j", (typed, frac, decimals) => {
    const r = parseAnswer(typed);
    expect(r.kind).toBe("ok");
    if (r.kind !== "ok") return;
    const [n, d] = frac.split("/");
    expect(r.value.eq(Q.of(BigInt(n), BigInt(d)))).toBe(true);
    expect(r.decimalsGiven).toBe(decimals);
  });
});

describe("parseAnswer reports", () => {
  it.each([undefined, null, "", "   ", "\u3000"])("%j as missing", (typed) => {
    expect(parseAnswer(typed)).toEqual({ kind: "missing" });
  });

  const refusals: [unknown, string, string][] = [
    ["abc", "not_a_number", "abc"],
    ["0.59x", "not_a_number", "x"],
    ["1,234", "ambiguous_comma", "1,234"],
    ["-2,500", "ambiguous_comma", "-2,500"],
    ["1,234,567", "not_a_number", "1,234,567"],
    ["1.5,2", "not_a_number", "1.5,2"],
    ["1e999", "exponent_too_large", "1e999"],
    ["1e-101", "exponent_too_large", "1e-101"],
    ["1/0", "division_by_zero", "1/0"],
    ["1".repeat(101), "too_long", "1".repeat(40) + "…"],
    ["NaN", "not_a_number", "NaN"],
    ["Infinity", "not_a_number", "Infinity"],
    ["0x10", "not_a_number", "x10"],
    [".", "not_a_number", "."],
    ["-", "not_a_number", "-"],
    ["1/2/3", "not_a_number", "1/2/3"],
    [true, "not_text", "true"],
    [{}, "not_text", "{…}"],
    [[1], "not_text", "[…]"],
    [Number.NaN, "not_a_number", "NaN"],
  ];
  it.each(refusals)("%j as invalid (%s)", (typed, reason, part) => {
    expect(parseAnswer(typed)).toEqual({ kind: "invalid", reason, part });
  });
});
