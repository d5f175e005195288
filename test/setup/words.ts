// A matcher for errors that carry a message code (core errors): what the user reads in English, rendered at the edge.
import { expect } from "vitest";
import { messageOf } from "../../generator/message.js";
import { render } from "../../cli/words.js";

expect.extend({
  toThrowWords(received: () => unknown, expected: string | RegExp) {
    try {
      received();
    } catch (e) {
      const words = render("en", messageOf(e as Error));
      const pass = typeof expected === "string" ? words.includes(expected) : expected.test(words);
      return { pass, message: () => `expected the error's English words ${this.isNot ? "not " : ""}to match ${String(expected)}, got: ${words}` };
    }
    return { pass: false, message: () => "expected the function to throw" };
  },
});

declare module "vitest" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface Assertion<T> {
    /** The thrown error's message, rendered in English as the command line says it, contains or matches `expected`. */
    toThrowWords(expected: string | RegExp): void;
  }
}
