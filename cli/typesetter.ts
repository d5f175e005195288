// PDFs typeset in a process of their own (dist/typst-process.cjs), for two reasons measured on the
// 40-student class set (2 cores):
// - it starts with the command and loads Typst and the fonts (~0.4 s) while this process draws the
//   exercises and builds the view models, and typesets the worksheets while the keys are built;
// - it runs with glibc's malloc on transparent huge pages (GLIBC_TUNABLES=glibc.malloc.hugetlb=1, read
//   only when a process starts): Typst allocates and frees a few hundred MB per document, and the page
//   faults of small pages were a fifth of its time. A glibc that does not know the tunable ignores it.
// The PDF bytes are the same as typesetting in this process (templates/typst-compile.ts, used here when
// the process file is not there: running from the TypeScript sources).
import { fork, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { compileTypst } from "../templates/typst-compile.js";

// dist/typst-process.cjs, next to dist/cli.cjs where this code runs (scripts/build.mjs).
const PROCESS_FILE = fileURLToPath(new URL("./typst-process.cjs", import.meta.url));

/** The environment's glibc tunables with huge pages for malloc added. */
export function hugePageTunables(current: string | undefined): string {
  const hugetlb = "glibc.malloc.hugetlb=1";
  if (current === undefined || current.trim() === "") return hugetlb;
  return /glibc\.malloc\.hugetlb=/.test(current) ? current : `${current}:${hugetlb}`;
}

export interface Typesetter {
  /** Typst source to PDF bytes; sources sent one after another are typeset in that order. */
  pdf(source: string): Promise<Uint8Array>;
  /** Lets the process go and waits for its end (its time is then counted as the command's). */
  close(): Promise<void>;
}

interface Pending {
  resolve(pdf: Uint8Array): void;
  reject(e: Error): void;
}

interface Running {
  readonly child: ChildProcess;
  readonly fonts: string;
  readonly pending: Map<number, Pending>;
}

let running: Running | undefined;
let nextId = 1;

/**
 * Starts (or reuses) the typesetting process for these fonts; it starts loading them at once.
 * processFile: the built process entry (a test passes dist/typst-process.cjs).
 */
export function typesetter(fonts: readonly string[], processFile = PROCESS_FILE): Typesetter {
  if (!existsSync(processFile)) return { pdf: async (source) => compileTypst(fonts, source), close: async () => {} };
  const key = fonts.join("|");
  if (running?.fonts !== key) {
    running?.child.disconnect();
    running = start(processFile, fonts, key);
  }
  const r = running;
  return {
    pdf: (source) =>
      new Promise<Uint8Array>((resolve, reject) => {
        const id = nextId++;
        if (!r.child.connected) return reject(new Error("internal: the typesetting process has ended"));
        r.pending.set(id, { resolve, reject });
        hold(r);
        r.child.send({ id, source });
      }),
    close: () => stop(r),
  };
}

function stop(r: Running): Promise<void> {
  if (running === r) running = undefined;
  if (r.child.exitCode !== null || r.child.signalCode !== null) return Promise.resolve();
  const ended = new Promise<void>((resolve) => r.child.once("exit", () => resolve()));
  r.child.ref();
  if (r.child.connected) r.child.disconnect();
  return ended;
}

function start(file: string, fonts: readonly string[], key: string): Running {
  const child = fork(file, [], {
    env: { ...process.env, GLIBC_TUNABLES: hugePageTunables(process.env.GLIBC_TUNABLES) },
    serialization: "advanced", // PDF bytes come back as bytes, not JSON
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const r: Running = { child, fonts: key, pending: new Map() };
  child.on("message", (m: { id: number; pdf?: Uint8Array; error?: string }) => {
    const p = r.pending.get(m.id);
    if (!p) return;
    r.pending.delete(m.id);
    hold(r);
    if (m.pdf !== undefined) p.resolve(new Uint8Array(m.pdf.buffer, m.pdf.byteOffset, m.pdf.byteLength));
    else p.reject(new Error(m.error));
  });
  const fail = (why: string) => {
    if (running === r) running = undefined;
    for (const p of r.pending.values()) p.reject(new Error(`internal: the typesetting process ${why}`));
    r.pending.clear();
  };
  child.on("exit", (code, signal) => fail(`ended (${signal ?? `exit code ${code}`})`));
  child.on("error", (e) => fail(`failed: ${e.message}`));
  child.send({ fonts: [...fonts] });
  hold(r);
  return r;
}

/** The process keeps the command alive only while a PDF is on its way: idle, the command may end (and the process with it). */
function hold(r: Running): void {
  const channel = r.child.channel as { ref(): void; unref(): void } | null | undefined;
  if (r.pending.size > 0) {
    r.child.ref();
    channel?.ref();
  } else {
    r.child.unref();
    channel?.unref();
  }
}
