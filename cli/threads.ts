// Big batches on every core: tasks go to worker threads and to the main thread, and their results
// come back in the tasks' order, so the output is the same bytes as with one thread.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { runTask, type Task, type TaskResult } from "./tasks.js";

// dist/task-worker.mjs, from this code in dist/cli.mjs or in a shared chunk under dist/chunks/.
const WORKER_URL = new URL(import.meta.url.includes("/chunks/") ? "../task-worker.mjs" : "./task-worker.mjs", import.meta.url);

/**
 * How many threads work: BPDRILL_THREADS when set (1 turns workers off), else the cores the process
 * may use, at most 8.
 */
export function threadCount(): number {
  const env = process.env.BPDRILL_THREADS;
  if (env !== undefined && env.trim() !== "") {
    const n = Number(env);
    if (Number.isInteger(n) && n >= 1) return Math.min(n, 64);
  }
  return Math.min(8, availableParallelism());
}

/** Items split into batches of `size`, in order. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let from = 0; from < items.length; from += size) out.push(items.slice(from, from + size));
  return out;
}

/**
 * The tasks' results in order. With `threads` > 1, threads − 1 workers take tasks while the main
 * thread takes others between collecting results; at most a few results wait out of order, so
 * memory stays bounded however many tasks there are. Worker start-up costs ~50 ms: callers use
 * threads only for batches big enough to pay for it.
 */
export async function* runOrdered(tasks: readonly Task[], threads: number): AsyncGenerator<TaskResult> {
  const workerCount = Math.max(0, Math.min(threads - 1, tasks.length - 1));
  if (workerCount === 0) {
    for (const t of tasks) yield runTask(t);
    return;
  }
  const results = new Map<number, TaskResult>();
  let failure: TaskResult | undefined;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  let next = 0; // the next task to hand out
  let closing = false;
  const workers = Array.from({ length: workerCount }, () => {
    const state = { worker: new Worker(WORKER_URL), inFlight: 0 };
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
      while (s.inFlight < 2 && next < tasks.length) {
        s.worker.postMessage({ index: next, task: tasks[next] });
        s.inFlight++;
        next++;
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
      // Waiting for task y: run one more here, unless too many already wait out of order.
      if (next < tasks.length && next - y < 4 * (workerCount + 1)) {
        const index = next++;
        results.set(index, runTask(tasks[index]));
        await new Promise<void>((resolve) => setImmediate(resolve)); // let the workers' messages in
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
