// A grader note (a code with parameters) in words: zh and en from the catalogues.
import type { Note } from "../grader/notes.js";
import type { MistakeCode } from "../generator/graph.js";
import { MAX_EXPONENT, MAX_LENGTH } from "../grader/parse.js";
import { assertNever } from "../grader/tolerance.js";
import { CATALOGUES, t, type Lang, type MessageKey } from "./i18n.js";
import type { NotationName } from "../generator/notation.js";
import { inNotation } from "./notation-words.js";

// Keys built from a code are checked against both catalogues by test/grader/catalogue.test.ts.
const key = (k: string) => k as MessageKey;

/**
 * How much a note may say: "key" gives the key's numbers (a teacher's report, practice on the site);
 * "selfcheck" never shows a number of the key, nor one computed from the student's inputs (which is
 * the key's own number when those inputs are right): verdicts, named mistakes and follow-through only.
 */
export type Disclosure = "key" | "selfcheck";

/**
 * The note's sentence in one language. With a notation, the rule's and the mistake's symbols are the
 * sheet's (classic: out = f(net), not a = f(z)); without one they are the catalogue's, as reports print them.
 */
export function noteText(lang: Lang, note: Note, disclosure: Disclosure = "key", notation?: NotationName): string {
  if (disclosure === "selfcheck") return selfcheckText(lang, note, notation);
  switch (note.code) {
    case "correct":
      return t(lang, "grade.correct");
    case "carried":
      return t(lang, "grade.carried", { expected: note.expected, from: note.from });
    case "imprecise":
      return t(lang, "grade.imprecise", { decimals: note.decimals, target: note.target });
    case "missing":
      return t(lang, "grade.missing", { expected: note.expected });
    case "filler":
      return t(lang, "grade.filler", { given: note.given });
    case "invalid":
      return t(lang, "grade.invalid", {
        why: t(lang, key(`grade.invalid.${note.reason}`), { part: note.part, max: note.reason === "too_long" ? MAX_LENGTH : MAX_EXPONENT }),
      });
    case "wrong": {
      const head = t(lang, "grade.wrong", { given: note.given, expected: note.expected });
      const own = note.right === undefined ? "" : t(lang, "grade.wrong.own", { right: note.right });
      return `${head}${ruleWords(lang, note.rule, notation)}${own}`;
    }
    case "mistake":
      return mistakeWords(lang, note, notation) + t(lang, "grade.mistake.numbers", { given: note.given, right: note.right });
    default:
      return assertNever(note);
  }
}

/** A catalogue sentence in the notation's symbols (none given: as written). */
const words = (lang: Lang, text: string, notation?: NotationName) => (notation === undefined ? text : inNotation(text, lang, notation));
const ruleWords = (lang: Lang, rule: string, notation?: NotationName) => words(lang, t(lang, key(`grade.rule.${rule}`)), notation);

function selfcheckText(lang: Lang, note: Note, notation?: NotationName): string {
  switch (note.code) {
    case "carried":
      return t(lang, "grade.sc.carried", { from: note.from });
    case "imprecise":
      return t(lang, "grade.sc.imprecise", { decimals: note.decimals });
    case "missing":
      return t(lang, "grade.sc.missing");
    case "wrong":
      return t(lang, "grade.sc.wrong", { given: note.given }) + ruleWords(lang, note.rule, notation);
    case "mistake":
      return t(lang, "grade.sc.mistake", { given: note.given }) + mistakeWords(lang, note, notation);
    case "correct":
    case "filler":
    case "invalid":
      return noteText(lang, note, "key", notation); // nothing of the key in these
    default:
      return assertNever(note);
  }
}

/** The note in both languages, as grade reports carry it. */
export function feedback(note: Note): { readonly zh: string; readonly en: string } {
  return { zh: noteText("zh", note), en: noteText("en", note) };
}

/** A mistake in the sheet's own convention's words; several that give the same number, all named. */
export function mistakeWords(lang: Lang, note: { readonly mistake: MistakeCode; readonly also?: readonly MistakeCode[]; readonly flavor?: "error" }, notation?: NotationName): string {
  const one = (m: MistakeCode) => {
    const flavored = note.flavor === undefined ? undefined : `grade.mistake.${m}.${note.flavor}`;
    return words(lang, t(lang, key(flavored !== undefined && flavored in CATALOGUES[lang] ? flavored : `grade.mistake.${m}`)), notation);
  };
  if (!note.also?.length) return one(note.mistake);
  return t(lang, "grade.mistake.either", { first: one(note.mistake), others: note.also.map(one).join(t(lang, "grade.mistake.or")) });
}
