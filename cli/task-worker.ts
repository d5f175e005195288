// Worker thread entry (cli/threads.ts): runs the tasks it is sent and posts their results back.
import { parentPort } from "node:worker_threads";
import { runTask, type Task } from "./tasks.js";

parentPort!.on("message", (m: { index: number; task: Task }) => {
  const result = runTask(m.task);
  // Report bytes move to the main thread without a copy.
  parentPort!.postMessage({ index: m.index, result }, "bytes" in result ? [result.bytes.buffer as ArrayBuffer] : []);
});
