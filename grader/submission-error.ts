// A file that is not a valid submission: reported as {"file", "error"} while the batch goes on.
export class SubmissionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SubmissionError";
  }
}
