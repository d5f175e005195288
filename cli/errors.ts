// Errors a user can fix (bad file, bad option value): the CLI prints the message on one line, exit 1.
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UserError";
  }
}
