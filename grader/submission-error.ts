// A file that is not a valid submission: reported as {"file", "error"} while the batch goes on.
import { CoreError, type Message } from "../generator/message.js";

/** `msg` says what is wrong (sub.* keys); the edge words it in the user's language. */
export class SubmissionError extends CoreError {
  constructor(m: Message | string) {
    super(m);
    this.name = "SubmissionError";
  }
}
