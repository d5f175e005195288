// The work a thread can be given (cli/threads.ts): batches of key-set codes, batches of submission files.
import { drawPlanned, GenerateError, keySetItemPieces, type Planned, type StreamedKeySetFormat } from "../generator/classset.js";
import { CodeError } from "../generator/code.js";
import type { NotationName } from "../generator/notation.js";
import { gradeText, PreparedCache, withFlags, type BatchEntry } from "../grader/batch.js";
import type { CopyFlag } from "../grader/copies.js";
import { csvSlim, entryJsonText } from "./report-format.js";
import { UserError } from "./errors.js";
import { readText } from "./io.js";
import { messageOf, type Message } from "./words.js";

/** A batch of a key set: the planned codes and where they sit in the set. */
export interface KeysTask {
  readonly kind: "keys";
  readonly planned: readonly Planned[];
  readonly from: number;
  readonly total: number;
  readonly format: StreamedKeySetFormat;
  readonly notation?: NotationName;
}

/**
 * A batch of submission files to grade. For JSON the thread writes the entries' report text itself
 * (as UTF-8 bytes, handed over without a copy), so the main thread only writes; for CSV it gives back
 * the entries' verdicts, which the gradebook's columns are made from.
 */
export interface GradeTask {
  readonly kind: "grade";
  readonly files: readonly string[];
  readonly format: "json" | "csv";
  /** The copy flags the main thread found for these files (grader/copies.ts), by file. */
  readonly flags?: Readonly<Record<string, readonly CopyFlag[]>>;
}

export type Task = KeysTask | GradeTask;

/** What a task gives back: the text of its keys or its grade entries, or why it failed. */
export type TaskResult =
  | { readonly text: string }
  | { readonly bytes: Uint8Array; readonly refused: number }
  | { readonly entries: readonly BatchEntry[] }
  | { readonly error: { readonly user: boolean; readonly message: Message | string } };

// Prepared exercises live as long as the thread: a class set repeats its codes across batches.
const cache = new PreparedCache();

/** Runs a task; never throws: a failure comes back as an error result (user: the person can fix it). */
export function runTask(t: Task): TaskResult {
  try {
    switch (t.kind) {
      case "keys": {
        const pieces: string[] = [];
        for (let k = 0; k < t.planned.length; k++) keySetItemPieces(drawPlanned(t.planned[k], t.notation), t.from + k, t.total, t.format, pieces);
        return { text: pieces.join("") };
      }
      case "grade": {
        const entries = t.files.map((file) => withFlags(gradeFile(file), t.flags?.[file]));
        if (t.format === "csv") return { entries: entries.map(csvSlim) };
        const refused = entries.filter((e) => e.kind === "error").length;
        return { bytes: new TextEncoder().encode(entries.map(entryJsonText).join(",\n")), refused };
      }
    }
  } catch (e) {
    const user = e instanceof GenerateError || e instanceof CodeError || e instanceof UserError;
    // The message as data (not yet words), so the main thread says it in the user's language.
    return { error: { user, message: e instanceof Error ? (user ? messageOf(e) : e.message) : String(e) } };
  }
}

/** One submission file's entry: a file that cannot be read is an error entry like a refused one. */
function gradeFile(file: string): BatchEntry {
  let text: string;
  try {
    text = readText(file);
  } catch (e) {
    if (e instanceof UserError) return { kind: "error", file, error: messageOf(e) };
    throw e;
  }
  return gradeText(file, text, cache);
}

/** A result's payload, or its error thrown as the command line reports it. */
export function unwrap(r: TaskResult): Exclude<TaskResult, { error: unknown }> {
  if ("error" in r) throw r.error.user ? new UserError(r.error.message) : new Error(String(r.error.message));
  return r;
}
