// On a terminal, a key set written to a file shows a progress bar on stderr (cli-progress, loaded only
// then); through a pipe, nothing. `script` (util-linux, in every Debian) gives the command a terminal.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { bpdrill } from "../helpers/cli.js";

const BIN = fileURLToPath(new URL("../../bin/bpdrill.cjs", import.meta.url));

describe("progress bar", () => {
  const args = ["key", "--preset", "warmup-2-2-2", "--seed", "bar", "--count", "150"];

  it.each([
    ["en", "keys "],
    ["zh", "参考答案 "],
  ])("is drawn on a terminal and ends at the full count (%s)", (lang, label) => {
    const out = join(mkdtempSync(join(tmpdir(), "bpdrill-bar-")), "keys.json");
    const command = [process.execPath, BIN, ...args, "--out", out].map((a) => `'${a}'`).join(" ");
    const r = spawnSync("script", ["-qec", command, "/dev/null"], { encoding: "utf8", env: { ...process.env, BPDRILL_LANG: lang } });
    expect(r.status, r.stdout).toBe(0);
    expect(r.stdout).toContain(label);
    expect(r.stdout).toContain("150/150");
    expect(JSON.parse(readFileSync(out, "utf8"))).toHaveLength(150);
  });

  it("stays away from a pipe", () => {
    const out = join(mkdtempSync(join(tmpdir(), "bpdrill-bar-")), "keys.json");
    const r = bpdrill([...args, "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
  });
});
