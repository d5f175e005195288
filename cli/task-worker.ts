// Worker thread entry (cli/threads.ts): runs the tasks it is sent and posts their results back.
import { parentPort, workerData } from "node:worker_threads";
import { useSecret } from "./secret.js";
import { runTask, type Task } from "./tasks.js";

// The main thread's course secret, so sealed codes open here too.
const secret = (workerData as { secret?: string } | null)?.secret;
if (secret !== undefined) useSecret(secret, "BPDRILL_SECRET");

parentPort!.on("message", (m: { index: number; task: Task }) => {
  const result = runTask(m.task);
  // Report bytes move to the main thread without a copy.
  parentPort!.postMessage({ index: m.index, result }, "bytes" in result ? [result.bytes.buffer as ArrayBuffer] : []);
});
