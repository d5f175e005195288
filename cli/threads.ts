// Big batches on every core: tasks go to worker threads and to the main thread, and their results
// come back in the tasks' order, so the output is the same bytes as with one thread.
import { availableParallelism } from "node:os";
import { runTask, type Task, type TaskResult } from "./tasks.js";
import { secretInUse } from "./secret.js";

// dist/task-worker.cjs, next to dist/cli.cjs where this code runs (scripts/build.mjs).
const WORKER_URL = new URL("./task-worker.cjs", import.meta.url);

/**
 * How many threads a job of `work` items gets: BPDRILL_THREADS when set (1 turns workers off), else
 * the cores the process may use (at most 8) for jobs of at least `minWork` items and one thread for
 * smaller ones. Measured on 2 cores: a worker's start and its own JIT warm-up, and the JIT compiler
 * and garbage collector that already use the second core, make threads pay off only beyond about
 * 1.5 s of work (2000 classic-2-3-2 keys, 2000 graded files).
 */
export function threadsFor(work: number, minWork: number): number {
  const env = process.env.BPDRILL_THREADS;
  if (env !== undefined && env.trim() !== "") {
    const n = Number(env);
    if (Number.isInteger(n) && n >= 1) return Math.min(n, 64);
  }
  return work >= minWork ? Math.min(8, availableParallelism()) : 1;
}

/** Items split into batches of `size`, in order. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let from = 0; from < items.length; from += size) out.push(items.slice(from, from + size));
  return out;
}

/** Tasks per window: main and workers share a window from both ends before moving to the next. */
const WINDOW = 16;

/**
 * The tasks' results in order. With `threads` > 1, the tasks are taken a window at a time: the main
 * thread works from the window's front, so the first results are written at once, and threads − 1
 * workers from its back (a worker needs ~50 ms to start and its own JIT warm-up, so it should never
 * hold the task the output waits for). At most two windows of results wait out of order, so memory
 * stays bounded however many tasks there are. Callers use threads only for batches big enough to
 * pay for a worker's start.
 */
export async function* runOrdered(tasks: readonly Task[], threads: number): AsyncGenerator<TaskResult> {
  const workerCount = Math.max(0, Math.min(threads - 1, tasks.length - 1));
  if (workerCount === 0) {
    for (const t of tasks) yield runTask(t);
    return;
  }
  const { Worker } = await import("node:worker_threads"); // not at start-up: most jobs run on one thread
  const results = new Map<number, TaskResult>();
  let failure: TaskResult | undefined;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  // The current window is [start, end); main takes `front` upwards, workers take `back` downwards.
  let start = 0;
  let end = Math.min(tasks.length, WINDOW);
  let front = 0;
  let back = end - 1;
  let closing = false;
  const workers = Array.from({ length: workerCount }, () => {
    const state = { worker: new Worker(WORKER_URL, { workerData: { secret: secretInUse() } }), inFlight: 0 };
    state.worker.on("message", (m: { index: number; result: TaskResult }) => {
      state.inFlight--;
      results.set(m.index, m.result);
      notify();
    });
    state.worker.on("error", (e) => {
      failure = { error: { user: false, message: `internal: a worker thread failed: ${e.message}` } };
      notify();
    });
    state.worker.on("exit", (code) => {
      if (closing || state.inFlight === 0) return;
      failure ??= { error: { user: false, message: `internal: a worker thread stopped (exit code ${code}) with work unfinished` } };
      notify();
    });
    return state;
  });
  const feed = () => {
    for (const s of workers)
      while (s.inFlight < 2 && back >= front) {
        s.worker.postMessage({ index: back, task: tasks[back] });
        s.inFlight++;
        back--;
      }
  };
  try {
    for (let y = 0; y < tasks.length; ) {
      if (failure !== undefined) {
        yield failure;
        return;
      }
      feed();
      const r = results.get(y);
      if (r !== undefined) {
        results.delete(y);
        yield r;
        y++;
        continue;
      }
      if (front <= back) {
        const index = front++;
        results.set(index, runTask(tasks[index]));
        await new Promise<void>((resolve) => setImmediate(resolve)); // let the workers' messages in
        continue;
      }
      // Every task of this window is taken: open the next one once the output has reached this one.
      if (end < tasks.length && y >= start) {
        start = end;
        end = Math.min(tasks.length, end + WINDOW);
        front = start;
        back = end - 1;
        continue;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    closing = true;
    await Promise.all(workers.map((s) => s.worker.terminate()));
  }
}
