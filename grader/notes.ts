// Feedback as codes with parameters: what the grader decided. Its words are at the edge (templates/feedback.ts).
import type { MistakeCode, StepKind } from "../generator/graph.js";
import { settingsOf, type Exercise } from "../generator/exercise.js";
import type { InvalidReason } from "./parse.js";

/** The rule a step follows, named in the feedback of a wrong answer. */
export type Rule =
  | "z" | "a" | "E" | "dEda_output" | "dEda_hidden" | "dadz" | "delta_output" | "delta_hidden" | "dW" | "db" | "newW" | "newb" | "newE"
  // The same steps in a book's conventions: a subtracted threshold, the error term and Δ-form updates.
  | "z_subtract" | "delta_output_error" | "delta_hidden_error" | "dW_error" | "db_subtract" | "db_error" | "db_error_subtract" | "newW_error" | "newb_error";

export function ruleOf(kind: StepKind, outputLayer: boolean, ex: Exercise): Rule {
  const { errorTerm, subtract } = settingsOf(ex);
  switch (kind) {
    case "z": return subtract ? "z_subtract" : "z";
    case "dEda": return outputLayer ? "dEda_output" : "dEda_hidden";
    case "delta": return `${outputLayer ? "delta_output" : "delta_hidden"}${errorTerm ? "_error" : ""}`;
    case "dW": return errorTerm ? "dW_error" : "dW";
    case "db": return errorTerm ? (subtract ? "db_error_subtract" : "db_error") : subtract ? "db_subtract" : "db";
    case "newW": return errorTerm ? "newW_error" : "newW";
    case "newb": return errorTerm ? "newb_error" : "newb";
    default: return kind;
  }
}

/** Numbers are already formatted to the sheet's decimals; `given` is what the student typed. */
export type Note =
  | { readonly code: "correct" }
  | { readonly code: "carried"; readonly expected: string; readonly from: string }
  | { readonly code: "imprecise"; readonly decimals: number; readonly target: string }
  | { readonly code: "missing"; readonly expected: string }
  | { readonly code: "filler"; readonly given: string }
  | { readonly code: "invalid"; readonly reason: InvalidReason; readonly part: string }
  | { readonly code: "wrong"; readonly rule: Rule; readonly given: string; readonly expected: string; readonly right?: string }
  | {
      readonly code: "mistake"; readonly mistake: MistakeCode; readonly given: string; readonly expected: string; readonly right: string;
      /** Other mistakes that give the same rounded number: the note names them all, never one with false certainty. */
      readonly also?: readonly MistakeCode[];
      /** "error": the sheet works with the error term and Δ-form updates, and the words follow it. */
      readonly flavor?: "error";
    };

export const MISTAKE_CODES: readonly MistakeCode[] = [
  "updated_weights", "missing_output_derivative", "missing_hidden_derivative", "derivative_of_output",
  "update_sign", "single_path", "activation_not_applied", "missing_learning_rate", "factor_two",
  "target_sign", "transposed_weight", "relu_derivative_at_output", "softmax_jacobian_again",
  "error_term_sign", "threshold_added", "threshold_sign", "old_weights", "summed_gradients",
];
export const INVALID_REASONS: readonly InvalidReason[] = [
  "not_a_number", "ambiguous_comma", "too_long", "exponent_too_large", "division_by_zero", "not_text",
];
export const RULES: readonly Rule[] = [
  "z", "a", "E", "dEda_output", "dEda_hidden", "dadz", "delta_output", "delta_hidden", "dW", "db", "newW", "newb", "newE",
  "z_subtract", "delta_output_error", "delta_hidden_error", "dW_error", "db_subtract", "db_error", "db_error_subtract", "newW_error", "newb_error",
];
