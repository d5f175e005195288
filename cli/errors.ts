// Errors a user can fix (bad file, bad option value): the CLI prints the message on one line, exit 1.
import { render, withMessage, type Message } from "./words.js";

/** `message` is English (logs, tests); the CLI renders `msg` (when given) in the user's language. */
export class UserError extends Error {
  constructor(m: Message | string) {
    super(render("en", m));
    withMessage(this, m);
    this.name = "UserError";
  }
}
