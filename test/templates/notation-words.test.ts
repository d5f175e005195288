// The symbols in our sentences follow the sheet's notation: classic sheets (net_h1, out_o1) read net and
// out where the catalogue writes z and a; the English article "a" and a student's own text never change.
import { describe, expect, it } from "vitest";
import en from "../../templates/i18n/en.json" with { type: "json" };
import zh from "../../templates/i18n/zh.json" with { type: "json" };
import { inNotation, gluedFormulas } from "../../templates/notation-words.js";
import { noteText } from "../../templates/feedback.js";
import { t, type Lang } from "../../templates/i18n.js";

/** The sentences the site shows in the sheet's notation: conventions, section titles, step names, rules, mistakes. */
const SHOWN = /^(conv\.|section\.|site\.kind\.|grade\.rule\.|grade\.mistake\.)/;
const catalogues: readonly [Lang, Readonly<Record<string, string>>][] = [
  ["en", en],
  ["zh", zh],
];

/**
 * A z or a left as a symbol, found another way than the rewrite does: the formula fragments of the
 * catalogue, listed by hand (∂E/∂z, f′(z), a = f(z), (t − a), a(1 − a), δ_k·a_j, ReLU′'s "z > 0"…).
 */
const LEFT = /∂[az]\b|\([az]\)|\b[az] [=−+>≤]|[=−+] [az]\b|\ba\(|·a_|\bz\b/;

describe("inNotation", () => {
  it("writes hand-checked sentences in classic symbols, in both languages", () => {
    // Each expected line written by hand from the catalogue's sentence, z → net and a → out.
    expect(inNotation(en["grade.rule.a"], "en", "classic")).toBe("The output is the activation function applied to the net input: out = f(net).");
    expect(inNotation(zh["grade.rule.a"], "zh", "classic")).toBe("输出是对净输入施加激活函数：out = f(net)。");
    expect(inNotation(en["section.deltas"], "en", "classic")).toBe("Backward pass: deltas δ = ∂E/∂net");
    expect(inNotation(zh["section.deltas"], "zh", "classic")).toBe("反向传播：误差项 δ = ∂E/∂net");
    expect(inNotation(en["conv.delta"], "en", "classic")).toBe(
      "A neuron's delta is δ = ∂E/∂net, the derivative of the sample's loss with respect to its net input; hidden deltas use the weights before the update.",
    );
    expect(inNotation(en["grade.rule.z"], "en", "classic")).toBe("The net input is the weighted sum of the previous layer's outputs plus the bias: net = Σ w·out + b.");
    expect(inNotation(en["grade.mistake.derivative_of_output"], "en", "classic")).toBe(
      "You applied the sigmoid again inside its derivative: σ′(net) = out(1 − out) with the output out itself, not σ(out)(1 − σ(out)).",
    );
    expect(inNotation(en["conv.fused.error"], "en", "classic")).toBe("With this output activation and loss, the output error term simplifies to t − out.");
    expect(inNotation(en["site.kind.dadz"], "en", "classic")).toBe("∂out/∂net = f′(net)");
    expect(inNotation(zh["grade.mistake.relu_derivative_at_output"], "zh", "classic")).toBe("ReLU′ 要在 net 处求：net > 0 时为 1，net ≤ 0 时为 0（net = 0 时也为 0）。");
  });

  it("leaves no z or a symbol in a classic sentence the site shows, and keeps every English article", () => {
    let changed = 0;
    for (const [lang, cat] of catalogues)
      for (const [k, v] of Object.entries(cat)) {
        if (!SHOWN.test(k)) continue;
        const out = inNotation(v, lang, "classic");
        if (out !== v) changed++;
        expect(out, `${lang} ${k}`).not.toMatch(LEFT);
        // Articles: a lone "a" after a space and before a word, the same count before and after
        // ("the output a itself" names the symbol).
        const articles = (s: string) => (s.match(/(?:^|[ (])a (?!itself)[a-z]/g) ?? []).length;
        if (lang === "en") expect(articles(out), k).toBe(articles(v));
      }
    // Forty-odd sentences name z or a in each language (the count guards the detector itself).
    expect(changed).toBeGreaterThan(70);
  });

  it("leaves matrix and 西瓜书 sentences as the catalogue writes them", () => {
    for (const [lang, cat] of catalogues)
      for (const [k, v] of Object.entries(cat)) {
        if (!SHOWN.test(k)) continue;
        expect(inNotation(v, lang, "matrix")).toBe(v);
        expect(inNotation(v, lang, "xigua")).toBe(v);
      }
  });

  it("changes the grader's rule in a note, never the student's own text", () => {
    const note = { code: "wrong", given: "z", expected: "0.5769", rule: "a" } as const;
    expect(noteText("en", note, "selfcheck", "classic")).toBe(`${t("en", "grade.sc.wrong", { given: "z" })}The output is the activation function applied to the net input: out = f(net).`);
    expect(noteText("en", note, "key", "classic")).toContain("You wrote z; the key has 0.5769.");
    // Without a notation (reports, the command line) the words are the catalogue's.
    expect(noteText("en", note, "key")).toContain("a = f(z)");
  });
  it("glues a short formula in a sentence so no line breaks inside it, and leaves other spaces", () => {
    // By hand: every space beside = − + ← · ≈ between two symbols becomes U+00A0; the words around keep theirs.
    expect(gluedFormulas("the output delta simplifies to δ = out − t.")).toBe("the output delta simplifies to δ\u00a0=\u00a0out\u00a0−\u00a0t.");
    expect(gluedFormulas("updated by w ← w − η · ∂E/∂w.")).toBe("updated by w\u00a0←\u00a0w\u00a0−\u00a0η\u00a0·\u00a0∂E/∂w.");
    expect(gluedFormulas("输出层的 δ 简化为 δ = a − t。")).toBe("输出层的 δ 简化为 δ\u00a0=\u00a0a\u00a0−\u00a0t。");
  });
});
