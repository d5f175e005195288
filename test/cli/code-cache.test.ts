// bin/bpdrill.cjs runs dist/cli.cjs with the V8 code cache `npm run build` makes, and only with a cache
// made for that very bundle: a copy with another modification time runs compiled from source, the same.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const ARGS = ["key", "--preset", "classic-2-3-2", "--seed", "cache-test", "--count", "5", "--format", "json"];

function run(root: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(root, "bin/bpdrill.cjs"), ...ARGS], { encoding: "utf8", env: { ...process.env, BPDRILL_TIMING: "1", ...env } });
  const used = /bpdrill-timing code-cache (\d)/.exec(r.stderr)?.[1];
  return { code: r.status, stdout: r.stdout, used };
}

describe("the code cache", () => {
  it("is used for the bundle it was made for", () => {
    const r = run(ROOT);
    expect(r.code).toBe(0);
    expect(r.used).toBe("1");
  });

  it("is left alone for another bundle, which then runs from source to the same bytes, and can be remade", () => {
    const copy = mkdtempSync(join(tmpdir(), "bpdrill-cache-"));
    cpSync(join(ROOT, "bin"), join(copy, "bin"), { recursive: true });
    cpSync(join(ROOT, "dist"), join(copy, "dist"), { recursive: true });
    // The same bytes with another time stamp: to V8 (same length) the old cache would look valid.
    utimesSync(join(copy, "dist/cli.cjs"), new Date(2001, 0, 1), new Date(2001, 0, 1));
    const stale = run(copy);
    expect(stale.code).toBe(0);
    expect(stale.used).toBe("0");
    expect(stale.stdout).toBe(run(ROOT).stdout);
    expect(run(copy, { BPDRILL_CODE_CACHE: "write" }).code).toBe(0);
    expect(run(copy).used).toBe("1");
  });
});
