// Feedback as codes with parameters: what the grader decided. Its words are at the edge (templates/feedback.ts).
import type { MistakeCode, StepKind } from "../generator/graph.js";
import type { InvalidReason } from "./parse.js";

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
  | { readonly code: "filler"; readonly given: string }
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
