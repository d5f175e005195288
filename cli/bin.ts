// Process entry point: run the CLI, then exit with its code once output is flushed.
import { run } from "./main.js";

// A reader that stops early (`bpdrill key … | head`) closes the pipe: that is the reader's choice, not an error.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});

run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
