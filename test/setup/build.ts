// Builds dist/cli.cjs (and its code cache) before the tests, exactly as `npm run build` does.
import { execFileSync } from "node:child_process";

export default function setup(): void {
  execFileSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
}
