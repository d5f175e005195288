// The course secret: from BPDRILL_SECRET, `--secret-file FILE` (anywhere on the command line) or a
// course file's secretFile; made into the core's CourseKey (generator/seal.ts) by api/course-key.ts.
import { courseKeyOf } from "../api/course-key.js";
import { useCourseKey } from "../generator/seal.js";
import { msg } from "../generator/message.js";
import { UserError } from "./errors.js";
import { readText } from "./io.js";

/** A secret shorter than this could be found by trying secrets against a sheet's printed numbers. */
export const MIN_SECRET_CHARS = 16;


let inUse: string | undefined;

/** The secret in use (worker threads are given it to make the same key). */
export function secretInUse(): string | undefined {
  return inUse;
}

/** Checks a secret's text and makes it the process's course key; `from` names where it came from. */
export function useSecret(text: string, from: string): void {
  const secret = text.trim();
  if ([...secret].length < MIN_SECRET_CHARS) throw new UserError(msg("cli.secret.short", { from, min: MIN_SECRET_CHARS }));
  inUse = secret;
  useCourseKey(courseKeyOf(secret));
}

/** Reads a secret file and uses it. */
export function useSecretFile(file: string): void {
  useSecret(readText(file, 64 * 1024), file);
}

/**
 * argv without `--secret-file FILE` (or `--secret-file=FILE`), which it reads and uses; else
 * BPDRILL_SECRET when set. Returns the remaining arguments.
 */
export function takeSecret(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): string[] {
  const rest: string[] = [];
  let file: string | undefined;
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    if (a === "--") {
      rest.push(...argv.slice(k));
      break;
    }
    if (a === "--secret-file" || a.startsWith("--secret-file=")) {
      const value = a === "--secret-file" ? argv[++k] : a.slice("--secret-file=".length);
      if (value === undefined || value === "") throw new UserError(msg("cli.secret.fileMissing"));
      file = value;
    } else rest.push(a);
  }
  inUse = undefined;
  useCourseKey(undefined);
  if (file !== undefined) useSecretFile(file);
  else if (env.BPDRILL_SECRET !== undefined && env.BPDRILL_SECRET !== "") useSecret(env.BPDRILL_SECRET, "BPDRILL_SECRET");
  return rest;
}
