// Reading and writing files for the command line, with user-facing messages instead of stack traces.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
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
