// Process entry point: run the CLI, then exit with its code once output is flushed.
import { run } from "./main.js";

run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
