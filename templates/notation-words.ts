// The symbols inside our sentences in the sheet's notation: the catalogues write the net input z and the
// output a (the matrix labels); a sheet in classic labels (net_h1, out_o1, Mazur's ∂E/∂out) says net and out.
import type { NotationName } from "../generator/notation.js";
import type { Lang } from "./i18n.js";

// A letter standing alone: not part of a word, a number or a subscripted name (x_j stays).
const Z = /(?<![\p{L}\p{N}_])z(?![\p{L}\p{N}])/gu;
const A = /(?<![\p{L}\p{N}_])a(?![\p{L}\p{N}])/gu;

/**
 * Whether the lone "a" at i is the output symbol and not the English article: it touches ∂ or · on its
 * left, a bracket, _, / or · on its right, or an operator stands next to it (a = f(z), a − t, t − a).
 * The article is always followed by a word. Chinese has no article: every lone "a" there is the symbol.
 */
function symbolA(s: string, i: number, lang: Lang): boolean {
  if (lang === "zh") return true;
  const prev = s[i - 1] ?? "";
  const next = s[i + 1] ?? "";
  if (prev !== "" && "∂·".includes(prev)) return true;
  if (next !== "" && "()_/·".includes(next)) return true;
  return /^ [=−+]/.test(s.slice(i + 1, i + 3)) || /[=−+] $/.test(s.slice(Math.max(0, i - 2), i));
}

/**
 * A catalogue sentence (a convention, a section title, a step's name, a grader's rule or mistake) with
 * its symbols in the notation's words. Only whole symbols change, never a student's text: call it on
 * the words from the catalogue, not on a message with a given answer filled in. Matrix labels are the
 * catalogue's own; 西瓜书's change per layer (α/β, b/ŷ) and keep the generic z and a.
 */
export function inNotation(text: string, lang: Lang, notation: NotationName): string {
  if (notation !== "classic") return text;
  return text
    .replace("the output a itself", "the output out itself")
    .replace(/Σ w·x/g, "Σ w·out")
    .replace(/p − y/g, "out − t")
    .replace(Z, "net")
    .replace(A, (m: string, i: number, s: string) => (symbolA(s, i, lang) ? "out" : m));
}

/**
 * A short formula inside a sentence (δ = out − t, w ← w − η · ∂E/∂w) kept on one line: the spaces around
 * its operators become no-break spaces, so a narrow column or a phone breaks the sentence around it.
 */
export function gluedFormulas(text: string): string {
  return text.replace(/ ([=−+←·≈]) /g, "\u00a0$1\u00a0");
}
