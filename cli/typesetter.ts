// PDFs typeset in processes of their own (dist/typst-process.cjs, one a document), for reasons measured
// on the 40-student class set (2 cores):
// - they start with the command and load Typst and the fonts (~0.4 s) while this process draws the
//   exercises and builds the view models, and typeset the worksheets while the keys are built;
// - they run with glibc's malloc tuned (GLIBC_TUNABLES, read only when a process starts; see
//   MALLOC_TUNABLES): Typst allocates and frees a few hundred MB per document, and the page faults were
//   a fifth of its time. A glibc that does not know a tunable ignores it.
// The PDF bytes are the same as typesetting in this process (templates/typst-compile.ts, used here when
// the process file is not there: running from the TypeScript sources).
import { fork, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { compileTypst } from "../templates/typst-compile.js";

// dist/typst-process.cjs, next to dist/cli.cjs where this code runs (scripts/build.mjs).
const PROCESS_FILE = fileURLToPath(new URL("./typst-process.cjs", import.meta.url));

/**
 * glibc's malloc for Typst: transparent huge pages, and freed memory kept for reuse instead of handed
 * back to the system and faulted in again (big blocks from the heap, not mmap). On the 40-student class
 * set these took Typst's system time from about 1.7 s to 0.7–1 s (the second step about 8% of wall time).
 */
const MALLOC_TUNABLES: readonly (readonly [string, string])[] = [
  ["glibc.malloc.hugetlb", "1"],
  ["glibc.malloc.top_pad", String(256 << 20)],
  ["glibc.malloc.trim_threshold", String(1 << 30)],
  ["glibc.malloc.mmap_threshold", String(32 << 20)],
];

/** The environment's glibc tunables with ours added: a tunable the user set is left as it is. */
export function mallocTunables(current: string | undefined): string {
  const mine = (current ?? "").split(":").filter((t) => t.trim() !== "");
  const set = new Set(mine.map((t) => t.split("=")[0]));
  return [...mine, ...MALLOC_TUNABLES.filter(([k]) => !set.has(k)).map(([k, v]) => `${k}=${v}`)].join(":");
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
  readonly pending: Map<number, Pending>;
}

/** The processes of the fonts in use (a command prints in one language). */
let pool: { readonly fonts: string; readonly procs: Running[] } | undefined;
let nextId = 1;

/**
 * Starts (or reuses) `processes` typesetting processes for these fonts; they start loading them at
 * once, and each source goes to the one with the least waiting (two documents, the sheets and the
 * keys, are typeset side by side on two cores: 20% sooner than one after the other, measured).
 * processFile: the built process entry (a test passes dist/typst-process.cjs).
 */
export function typesetter(fonts: readonly string[], processFile = PROCESS_FILE, processes = 1): Typesetter {
  if (!existsSync(processFile)) return { pdf: async (source) => compileTypst(fonts, source), close: async () => {} };
  const key = fonts.join("|");
  if (pool?.fonts !== key) {
    for (const r of pool?.procs ?? []) if (r.child.connected) r.child.disconnect();
    pool = { fonts: key, procs: [] };
  }
  const mine = pool;
  while (mine.procs.length < processes) mine.procs.push(start(processFile, fonts));
  return {
    pdf: (source) =>
      new Promise<Uint8Array>((resolve, reject) => {
        const live = mine.procs.filter((r) => r.child.connected);
        if (live.length === 0) return reject(new Error("internal: the typesetting process has ended"));
        const r = live.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
        const id = nextId++;
        r.pending.set(id, { resolve, reject });
        hold(r);
        r.child.send({ id, source });
      }),
    close: async () => {
      if (pool === mine) pool = undefined;
      await Promise.all(mine.procs.map(stop));
    },
  };
}

function stop(r: Running): Promise<void> {
  // PDFs still on their way were given up by the command (it stopped early, on an error of its own):
  // nobody waits for them, so they are dropped, not failed.
  const abandoned = r.pending.size > 0;
  r.pending.clear();
  if (r.child.exitCode !== null || r.child.signalCode !== null) return Promise.resolve();
  const ended = new Promise<void>((resolve) => r.child.once("exit", () => resolve()));
  r.child.ref();
  if (r.child.connected) r.child.disconnect();
  // Work nobody waits for is not finished first (a class set's compilation takes seconds).
  if (abandoned) r.child.kill();
  return ended;
}

function start(file: string, fonts: readonly string[]): Running {
  const child = fork(file, [], {
    env: { ...process.env, GLIBC_TUNABLES: mallocTunables(process.env.GLIBC_TUNABLES) },
    serialization: "advanced", // PDF bytes come back as bytes, not JSON
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const r: Running = { child, pending: new Map() };
  child.on("message", (m: { id: number; pdf?: Uint8Array; error?: string }) => {
    const p = r.pending.get(m.id);
    if (!p) return;
    r.pending.delete(m.id);
    hold(r);
    if (m.pdf !== undefined) p.resolve(new Uint8Array(m.pdf.buffer, m.pdf.byteOffset, m.pdf.byteLength));
    else p.reject(new Error(m.error));
  });
  const fail = (why: string) => {
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
