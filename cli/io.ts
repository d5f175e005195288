// Reading and writing files for the command line, with user-facing messages instead of stack traces.
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from "node:fs";
import { once } from "node:events";
import { dirname } from "node:path";
import { UserError } from "./errors.js";

export function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new UserError(`cannot read ${file}: no such file`);
    if (code === "EISDIR") throw new UserError(`cannot read ${file}: it is a folder, not a file`);
    if (code === "EACCES") throw new UserError(`cannot read ${file}: permission denied`);
    throw new UserError(`cannot read ${file}: ${(e as Error).message}`);
  }
}

/** Writes a file (creating its folder), or stdout when file is undefined or "-". */
export function writeOut(file: string | undefined, content: string | Uint8Array): void {
  if (file === undefined || file === "-") {
    process.stdout.write(content);
    return;
  }
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  } catch (e) {
    throw new UserError(`cannot write ${file}: ${(e as Error).message}`);
  }
}

/** Writes text that comes in pieces (a big class set), to a file or stdout, never holding it whole. */
export async function writeChunks(file: string | undefined, chunks: Iterable<string>): Promise<void> {
  if (file === undefined || file === "-") {
    for (const c of chunks) if (!process.stdout.write(c)) await once(process.stdout, "drain");
    return;
  }
  let fd: number;
  try {
    mkdirSync(dirname(file), { recursive: true });
    fd = openSync(file, "w");
  } catch (e) {
    throw new UserError(`cannot write ${file}: ${(e as Error).message}`);
  }
  try {
    for (const c of chunks) writeSync(fd, c);
  } finally {
    closeSync(fd);
  }
}
