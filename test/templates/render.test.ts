// Formulas too wide for a line: made breakable between their terms, and only those.
import katex from "katex";
import { describe, expect, it } from "vitest";
import { LOSSES } from "../../generator/ops/index.js";
import { script, text, toLatex, word } from "../../generator/formula.js";
import { breakable } from "../../templates/render.js";

const outs = [1, 2, 3].map((j) => script(word("out"), { sub: text(`o${j}`) }));
const tgts = [1, 2, 3].map((j) => script(word("target"), { sub: text(`o${j}`) }));

describe("breakable", () => {
  it("leaves formulas that fit a line alone", () => {
    expect(breakable(`E = ${toLatex(LOSSES.half_sse.formula(outs.slice(0, 2), tgts.slice(0, 2)))}`)).toBeNull();
    expect(breakable("z = w_1 x_1 + w_2 x_2 + b")).toBeNull();
  });
  it("opens a wide cross-entropy's outer bracket and keeps each term (with its (1 − t)) whole", () => {
    const wide = `E = ${toLatex(LOSSES.bce.formula(outs, tgts))}`;
    const b = breakable(wide)!;
    expect(b).not.toBeNull();
    expect(b).not.toContain("\\left[");
    expect(b).not.toContain("\\right]");
    // Six terms (t ln a and (1 − t) ln(1 − a) per output), each braced, so KaTeX breaks only between them.
    const inner = b.slice(b.indexOf("[") + 1, b.lastIndexOf("]"));
    const terms = inner.split("}+{");
    expect(terms).toHaveLength(6);
    expect(terms.filter((t) => t.includes("(1-"))).toHaveLength(3);
    // Still valid TeX, and the same symbols in the same order once grouping is ignored.
    expect(() => katex.renderToString(b, { throwOnError: true })).not.toThrow();
    const bare = (s: string) => s.replace(/\\left|\\right|[{}\s]/g, "");
    expect(bare(b)).toBe(bare(wide));
  });
});
