// Formulas as data: one tree per op and label, read off as LaTeX (KaTeX) and as Typst math.
// The expected texts are written out by hand from what each book prints.
import { describe, expect, it } from "vitest";
import { eq, num, numbersOf, script, text, toLatex, toTypst, word } from "../../generator/formula.js";
import { ACTIVATIONS, LOSSES } from "../../generator/ops/index.js";
import { buildGraph } from "../../generator/solver.js";
import { notation, NOTATIONS } from "../../generator/notation.js";
import { Q } from "../../generator/num/q.js";
import { randomExercise } from "../helpers/random-exercise.js";

const net = script(word("net"), { sub: text("h1") });
const out = script(word("out"), { sub: text("o1") });
const target = script(word("target"), { sub: text("o1") });

describe("formula trees", () => {
  it("sigmoid: the same tree gives the LaTeX the key always printed and its Typst", () => {
    const f = eq(script(word("out"), { sub: text("h1") }), ACTIVATIONS.sigmoid.formula(net));
    expect(toLatex(f)).toBe("\\mathit{out}_{h1} = \\sigma(\\mathit{net}_{h1}) = \\frac{1}{1+e^{-\\mathit{net}_{h1}}}");
    expect(toTypst(f)).toBe('italic("out")_(h 1) = sigma(italic("net")_(h 1)) = frac(1, 1 + e^(- italic("net")_(h 1)))');
  });

  it("a negative number takes one set of parentheses as an argument, and keeps them after an operator", () => {
    const f = ACTIVATIONS.sigmoid.formula(num("-0.3125"));
    expect(toLatex(f)).toBe("\\sigma(-0.3125) = \\frac{1}{1+e^{-(-0.3125)}}");
    // The key's JSON text keeps its old form, byte for byte.
    expect(toLatex(f, { legacyParens: true })).toBe("\\sigma((-0.3125)) = \\frac{1}{1+e^{-(-0.3125)}}");
    expect(toTypst(f)).toBe("sigma(-0.3125) = frac(1, 1 + e^(- (-0.3125)))");
    expect(numbersOf(f)).toEqual(["-0.3125", "-0.3125"]);
  });

  it("losses and derivatives", () => {
    expect(toLatex(LOSSES.half_sse.formula([out], [target]))).toBe("\\tfrac{1}{2}\\left[(\\mathit{target}_{o1}-\\mathit{out}_{o1})^2\\right]");
    expect(toTypst(LOSSES.half_sse.formula([out], [target]))).toBe('inline(frac(1, 2)) lr([ (italic("target")_(o 1) - italic("out")_(o 1))^(2) ])');
    expect(toLatex(LOSSES.bce.gradientFormula(num("0.75"), num("1"), 1))).toBe("\\frac{0.75-1}{0.75(1-0.75)}");
    expect(toTypst(LOSSES.bce.gradientFormula(num("0.75"), num("1"), 1))).toBe("frac(0.75 - 1, 0.75 (1 - 0.75))");
    expect(toLatex(ACTIVATIONS.tanh.derivativeFormula!(num("0.2"), num("-0.5"), { leakySlope: Q.dec("0.01") }))).toBe("(1-{(-0.5)}^2)");
    expect(toTypst(ACTIVATIONS.tanh.derivativeFormula!(num("0.2"), num("-0.5"), { leakySlope: Q.dec("0.01") }))).toBe("(1 - (-0.5)^(2))");
    expect(toLatex(ACTIVATIONS.leaky_relu.derivativeFormula!(num("-0.2"), num("0"), { leakySlope: Q.dec("0.01") }))).toBe("((-0.2)>0\\;?\\;1 : 0.01)");
  });

  it("every step and label of random exercises in every notation renders to Typst with no LaTeX left and balanced brackets", () => {
    let n = 0;
    for (let k = 0; k < 12; k++) {
      const ex = randomExercise(`formula-${k}`);
      const g = buildGraph(ex);
      for (const name of NOTATIONS) {
        const N = notation(ex, name);
        const lab = (id: string) => N.formula(g.addresses.get(id)!);
        for (const st of g.steps) {
          for (const f of [eq(lab(st.id), st.formula(st.deps.map(lab))), st.formula(st.deps.map((_, i) => num(i % 2 ? "-0.25" : "0.5")))]) {
            const t = toTypst(f);
            expect(t, t).not.toMatch(/\\[a-zA-Z]|[{}]/);
            let depth = 0;
            for (const c of t.replace(/\\[[\]()]/g, "")) {
              if (c === "(" || c === "[") depth++;
              if (c === ")" || c === "]") depth--;
              expect(depth, t).toBeGreaterThanOrEqual(0);
            }
            expect(depth, t).toBe(0);
            n++;
          }
          // The label's LaTeX is the notation's label.
          expect(toLatex(lab(st.id))).toBe(N.label(g.addresses.get(st.id)!));
        }
      }
    }
    expect(n).toBeGreaterThan(1000);
  });
});
