// Reading and writing files for the command line, with user-facing messages instead of stack traces.
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import { basename, dirname, join } from "node:path";
import { UserError } from "./errors.js";
import { msg } from "./words.js";

export function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new UserError(msg("cli.io.noFile", { file }));
    if (code === "EISDIR") throw new UserError(msg("cli.io.isFolder", { file }));
    if (code === "EACCES") throw new UserError(msg("cli.io.denied", { file }));
    throw new UserError(msg("cli.io.cannotRead", { file, why: (e as Error).message }));
  }
}

/** Opens a file for writing, creating its folder; a failure is the user's one-line error. */
function openForWriting(file: string): number {
  try {
    mkdirSync(dirname(file), { recursive: true });
    return openSync(file, "w");
  } catch (e) {
    throw new UserError(msg("cli.io.cannotWrite", { file, why: (e as Error).message }));
  }
}

const toStdout = (file: string | undefined): file is undefined | "-" => file === undefined || file === "-";

/** Writes a file (creating its folder), or stdout when file is undefined or "-". */
export function writeOut(file: string | undefined, content: string | Uint8Array): void {
  if (toStdout(file)) {
    process.stdout.write(content);
    return;
  }
  const fd = openForWriting(file);
  try {
    writeFileSync(fd, content);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes text that comes in pieces (a big class set), to a file or stdout, never holding it whole.
 * A file is written under a temporary name and renamed when complete, so a run that fails half-way
 * leaves no half-written file (and an older file of that name untouched).
 */
export async function writeChunks(file: string | undefined, chunks: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>): Promise<void> {
  if (toStdout(file)) {
    for await (const c of chunks) if (!process.stdout.write(c)) await once(process.stdout, "drain");
    return;
  }
  const partial = join(dirname(file), `.${basename(file)}.${process.pid}.partial`);
  const fd = openForWriting(partial);
  let done = false;
  try {
    for await (const c of chunks) writeFileSync(fd, c);
    done = true;
  } finally {
    closeSync(fd);
    if (!done) rmSync(partial, { force: true });
  }
  try {
    renameSync(partial, file);
  } catch (e) {
    rmSync(partial, { force: true });
    throw new UserError(msg("cli.io.cannotWrite", { file, why: (e as Error).message }));
  }
}
