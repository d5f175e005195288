// Feedback as codes with parameters (what the grader decided), and their words in zh and en (the catalogues).
import type { MistakeCode, StepKind } from "../generator/graph.js";
import { t, type Lang, type MessageKey } from "../templates/i18n.js";
import type { InvalidReason } from "./parse.js";
import { MAX_EXPONENT, MAX_LENGTH } from "./parse.js";
import { assertNever } from "./tolerance.js";

/** The rule a step follows, named in the feedback of a wrong answer. */
export type Rule = "z" | "a" | "E" | "delta_output" | "delta_hidden" | "dW" | "db" | "newW" | "newb" | "newE";

export function ruleOf(kind: StepKind, outputLayer: boolean): Rule {
  return kind === "delta" ? (outputLayer ? "delta_output" : "delta_hidden") : kind;
}

/** Numbers are already formatted to the sheet's decimals; `given` is what the student typed. */
export type Note =
  | { readonly code: "correct" }
  | { readonly code: "carried"; readonly expected: string; readonly from: string }
  | { readonly code: "imprecise"; readonly decimals: number; readonly target: string }
  | { readonly code: "missing"; readonly expected: string }
  | { readonly code: "invalid"; readonly reason: InvalidReason; readonly part: string }
  | { readonly code: "wrong"; readonly rule: Rule; readonly given: string; readonly expected: string; readonly right?: string }
  | { readonly code: "mistake"; readonly mistake: MistakeCode; readonly given: string; readonly expected: string; readonly right: string };

export const MISTAKE_CODES: readonly MistakeCode[] = [
  "updated_weights", "missing_output_derivative", "missing_hidden_derivative", "derivative_of_output",
  "update_sign", "single_path", "activation_not_applied", "missing_learning_rate", "factor_two",
  "target_sign", "transposed_weight", "relu_derivative_at_output", "softmax_jacobian_again",
];
export const INVALID_REASONS: readonly InvalidReason[] = [
  "not_a_number", "ambiguous_comma", "too_long", "exponent_too_large", "division_by_zero", "not_text",
];
export const RULES: readonly Rule[] = ["z", "a", "E", "delta_output", "delta_hidden", "dW", "db", "newW", "newb", "newE"];

// Keys built from a code are checked against both catalogues by test/grader/catalogue.test.ts.
const key = (k: string) => k as MessageKey;

/** The note's sentence in one language. */
export function render(lang: Lang, note: Note): string {
  switch (note.code) {
    case "correct":
      return t(lang, "grade.correct");
    case "carried":
      return t(lang, "grade.carried", { expected: note.expected, from: note.from });
    case "imprecise":
      return t(lang, "grade.imprecise", { decimals: note.decimals, target: note.target });
    case "missing":
      return t(lang, "grade.missing", { expected: note.expected });
    case "invalid":
      return t(lang, "grade.invalid", {
        why: t(lang, key(`grade.invalid.${note.reason}`), { part: note.part, max: note.reason === "too_long" ? MAX_LENGTH : MAX_EXPONENT }),
      });
    case "wrong": {
      const head = t(lang, "grade.wrong", { given: note.given, expected: note.expected });
      const rule = t(lang, key(`grade.rule.${note.rule}`));
      const own = note.right === undefined ? "" : t(lang, "grade.wrong.own", { right: note.right });
      return `${head}${rule}${own}`;
    }
    case "mistake":
      return t(lang, key(`grade.mistake.${note.mistake}`), { given: note.given, expected: note.expected, right: note.right });
    default:
      return assertNever(note);
  }
}

export function feedback(note: Note): { readonly zh: string; readonly en: string } {
  return { zh: render("zh", note), en: render("en", note) };
}
