// Reading and writing files for the command line, with user-facing messages instead of stack traces.
// No file is ever lost: inputs are read with a size cap, every output is written beside its target under
// a temporary name and renamed when complete, and an output that is one of the run's inputs is refused.
import { closeSync, fstatSync, mkdirSync, openSync, readSync, realpathSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { once } from "node:events";
import { basename, dirname, join, resolve } from "node:path";
import { errnoWhy } from "../templates/errno.js";
import { UserError } from "./errors.js";
import { msg } from "./words.js";

/** Bytes of one text input (an exercise, a roster, instructions, a submission): far above any real one. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** The files this run reads: none of them may be written over. */
const inputs = new Set<string>();

const canonical = (file: string): string => {
  const abs = resolve(file);
  try {
    return realpathSync(abs);
  } catch {
    return abs;
  }
};

/** Declares files this run reads (the grade command's inputs are read on worker threads). */
export function noteInputs(files: readonly string[]): void {
  for (const f of files) if (f !== "-") inputs.add(canonical(f));
}

function readError(file: string, e: unknown): UserError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return new UserError(msg("cli.io.noFile", { file }));
  if (code === "EISDIR") return new UserError(msg("cli.io.isFolder", { file }));
  if (code === "EACCES") return new UserError(msg("cli.io.denied", { file }));
  return new UserError(msg("cli.io.cannotRead", { file, why: errnoWhy(e) }));
}

/** Reads a text file of at most MAX_INPUT_BYTES (a device such as /dev/zero never ends: it is cut off). */
export function readText(file: string, max = MAX_INPUT_BYTES): string {
  return readBytes(file, max).toString("utf8");
}

/** Reads a file's bytes (a spreadsheet, a zip, text in an encoding still to find), with the same cap and messages. */
export function readBytes(file: string, max = MAX_INPUT_BYTES): Buffer {
  let fd: number;
  try {
    fd = openSync(file, "r");
    if (fstatSync(fd).isDirectory()) {
      closeSync(fd);
      throw Object.assign(new Error("is a folder"), { code: "EISDIR" });
    }
  } catch (e) {
    throw readError(file, e);
  }
  noteInputs([file]);
  const parts: Buffer[] = [];
  let total = 0;
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      total += n;
      if (total > max) throw new UserError(msg("cli.io.tooBig", { file, max: `${Math.round(max / (1024 * 1024))} MB` }));
      parts.push(Buffer.from(buf.subarray(0, n)));
    }
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw readError(file, e);
  } finally {
    closeSync(fd);
  }
  return Buffer.concat(parts, total);
}

function writeError(file: string, e: unknown): UserError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOSPC") return new UserError(msg("cli.io.full", { file }));
  if (code === "EACCES" || code === "EPERM" || code === "EROFS") return new UserError(msg("cli.io.writeDenied", { file }));
  if (code === "EISDIR") return new UserError(msg("cli.io.writeIsFolder", { file }));
  return new UserError(msg("cli.io.cannotWrite", { file, why: errnoWhy(e) }));
}

// Temporary files being written: removed if the run is interrupted (Ctrl+C, kill).
const live = new Set<string>();
let handlersInstalled = false;
function track(partial: string): void {
  live.add(partial);
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const)
    process.once(sig, () => {
      for (const f of live) rmSync(f, { force: true });
      process.exit(sig === "SIGINT" ? 130 : 143);
    });
  process.once("exit", () => {
    for (const f of live) rmSync(f, { force: true });
  });
}

/** Where an output goes: checked against the inputs, and whether it can be replaced by a rename. */
function target(file: string): { readonly path: string; readonly direct: boolean } {
  const path = resolve(file);
  if (inputs.has(canonical(path))) throw new UserError(msg("cli.io.outputIsInput", { file }));
  try {
    // A device or pipe (/dev/null, /dev/full, a FIFO) is written to, never replaced.
    const st = statSync(path);
    if (st.isDirectory()) throw new UserError(msg("cli.io.writeIsFolder", { file }));
    return { path, direct: !st.isFile() };
  } catch (e) {
    if (e instanceof UserError) throw e;
    return { path, direct: false };
  }
}

/** Opens the temporary file beside the target (or the device itself), creating the folder. */
function open(file: string): { fd: number; partial: string | undefined; path: string } {
  const t = target(file);
  try {
    mkdirSync(dirname(t.path), { recursive: true });
  } catch (e) {
    throw writeError(file, e);
  }
  if (t.direct) {
    try {
      return { fd: openSync(t.path, "w"), partial: undefined, path: t.path };
    } catch (e) {
      throw writeError(file, e);
    }
  }
  const partial = join(dirname(t.path), `.${basename(t.path)}.${process.pid}.partial`);
  track(partial);
  try {
    return { fd: openSync(partial, "w"), partial, path: t.path };
  } catch (e) {
    live.delete(partial);
    throw writeError(file, e);
  }
}

function writeAll(fd: number, c: string | Uint8Array): void {
  const buf = typeof c === "string" ? Buffer.from(c, "utf8") : c;
  let off = 0;
  while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
}

/** Closes, then renames the temporary file over the target; on failure nothing is left behind and the target is untouched. */
function finish(file: string, o: { fd: number; partial: string | undefined; path: string }, ok: boolean): void {
  try {
    closeSync(o.fd);
  } catch (e) {
    ok = false;
    if (o.partial) (rmSync(o.partial, { force: true }), live.delete(o.partial));
    throw writeError(file, e);
  }
  if (!o.partial) return;
  if (!ok) {
    rmSync(o.partial, { force: true });
    live.delete(o.partial);
    return;
  }
  try {
    renameSync(o.partial, o.path);
  } catch (e) {
    rmSync(o.partial, { force: true });
    throw writeError(file, e);
  } finally {
    live.delete(o.partial);
  }
}

const toStdout = (file: string | undefined): file is undefined | "-" => file === undefined || file === "-";

/** Writes a file (creating its folder), or stdout when file is undefined or "-". */
export function writeOut(file: string | undefined, content: string | Uint8Array): void {
  if (toStdout(file)) {
    process.stdout.write(content);
    return;
  }
  const o = open(file);
  let ok = false;
  try {
    writeAll(o.fd, content);
    ok = true;
  } catch (e) {
    finish(file, o, false);
    throw writeError(file, e);
  }
  finish(file, o, ok);
}

/** Writes text that comes in pieces (a big class set), to a file or stdout, never holding it whole. */
export async function writeChunks(file: string | undefined, chunks: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>): Promise<void> {
  if (toStdout(file)) {
    for await (const c of chunks) if (!process.stdout.write(c)) await once(process.stdout, "drain");
    return;
  }
  const o = open(file);
  let ok = false;
  try {
    for await (const c of chunks) writeAll(o.fd, c);
    ok = true;
  } catch (e) {
    finish(file, o, false);
    if (e instanceof UserError) throw e;
    if ((e as NodeJS.ErrnoException).code !== undefined) throw writeError(file, e);
    throw e;
  }
  finish(file, o, ok);
}

/** Refuses, before any work, an output that is one of the given inputs (compared as resolved paths). */
export function refuseOverlap(outputs: readonly (string | undefined)[], inputFiles: readonly (string | undefined)[]): void {
  const ins = new Set(inputFiles.filter((f): f is string => f !== undefined && f !== "-").map(canonical));
  for (const out of outputs) if (out !== undefined && out !== "-" && ins.has(canonical(out))) throw new UserError(msg("cli.io.outputIsInput", { file: out }));
  const outs = outputs.filter((f): f is string => f !== undefined && f !== "-").map(canonical);
  const dup = outs.find((f, k) => outs.indexOf(f) !== k);
  if (dup !== undefined) throw new UserError(msg("cli.io.sameOutput", { file: dup }));
}
