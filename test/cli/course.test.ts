// `bpdrill build` and `bpdrill check` on a course file: the example course's committed keys match,
// a changed digit is caught and named (assignment, code, step), and bad course files get one line.
import { cpSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bpdrill, bpdrillAsync } from "../helpers/cli.js";

const COURSE = "examples/course/bpdrill.course.json";
const copy = () => {
  const dir = mkdtempSync(join(tmpdir(), "bpdrill-course-"));
  cpSync("examples/course", dir, { recursive: true });
  return dir;
};

describe("bpdrill check", () => {
  it("the example course's committed keys are what this release keys", () => {
    const r = bpdrill(["check", COURSE]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("week-1: 3 keys unchanged\nweek-2: 3 keys unchanged\nweek-3-en: 2 keys unchanged\n");
  });

  it("catches a changed digit in a committed key and names the assignment, the code and the step", () => {
    const dir = copy();
    const file = join(dir, "keys/week-2.json");
    const keys = JSON.parse(readFileSync(file, "utf8"));
    const item = keys[1];
    const step = item.steps.find((s: { id: string }) => s.id === "dW1_2_1");
    const was = step.rounded as string;
    // One digit changed in the text, as a hand edit would: the last digit of one rounded value.
    const changed = was.slice(0, -1) + String((Number(was.at(-1)) + 1) % 10);
    const before = readFileSync(file, "utf8");
    const at = before.indexOf('"rounded": "', before.indexOf('"id": "dW1_2_1"', before.indexOf(`"code": "${item.code}"`)));
    const text = before.slice(0, at) + `"rounded": "${changed}"` + before.slice(at + `"rounded": "${was}"`.length);
    expect(JSON.parse(text)[1].steps.find((s: { id: string }) => s.id === "dW1_2_1").rounded).toBe(changed);
    writeFileSync(file, text);
    const r = bpdrill(["check", join(dir, "bpdrill.course.json")]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split("\n");
    expect(lines.some((l) => l.startsWith("week-2: ") && l.includes(": step dW1_2_1 rounded committed ") && l.includes(`"${changed}"`))).toBe(true);
    expect(lines.at(-1)).toBe("bpdrill: 1 of 3 assignments differ from their committed keys");
    expect(r.stdout).toContain("week-1: 3 keys unchanged");
  });

  it("names a missing key file, and a layout-only change", () => {
    const dir = copy();
    writeFileSync(join(dir, "keys/week-1.json"), readFileSync(join(dir, "keys/week-1.json"), "utf8").trimEnd());
    const zh = bpdrill(["check", join(dir, "bpdrill.course.json")], { env: { BPDRILL_LANG: "zh" } });
    expect(zh.code).toBe(1);
    expect(zh.stderr).toContain("week-1：数值相同，但已提交文件从第");
    const en = bpdrill(["check", join(dir, "bpdrill.course.json")]);
    expect(en.stderr).toMatch(/^week-1: same values, but the committed file's bytes differ from line \d+/m);
  });
});

describe("bpdrill build", () => {
  it("writes the keys to commit (the same bytes as `bpdrill key`), worksheets, answer pages, LMS exports and the site", async () => {
    const dir = copy();
    const r = await bpdrillAsync(["build", join(dir, "bpdrill.course.json")]);
    expect(r.code, r.stderr).toBe(0);
    for (const n of ["week-1", "week-2", "week-3-en"]) {
      expect(readFileSync(join(dir, "keys", `${n}.json`), "utf8")).toBe(readFileSync(`examples/course/keys/${n}.json`, "utf8"));
      expect(readFileSync(join(dir, "build", n, "worksheets.html"), "utf8")).toContain("<html");
      expect(existsSync(join(dir, "build", n, "keys.html"))).toBe(true);
      // The LMS files are `bpdrill export`'s for the same set (its category named after the course).
      const keys = JSON.parse(readFileSync(join(dir, "keys", `${n}.json`), "utf8")) as { code: string }[];
      const moodle = readFileSync(join(dir, "build", n, "moodle.xml"), "utf8");
      expect(moodle).toContain(`<category><text>$course$/神经网络基础 · 反向传播手算/${n}</text></category>`);
      for (const k of keys) expect(moodle).toContain(`<name><text>${k.code}</text></name>`);
      expect(readFileSync(join(dir, "build", n, "qti.zip")).subarray(0, 2).toString()).toBe("PK");
    }
    // Each assignment's site, capped at its mode: week-3-en is a hand-in (submit), week-1 says no mode (selfcheck).
    expect(readFileSync(join(dir, "build", "week-3-en", "site", "index.html"), "utf8")).toContain('<meta name="bpdrill-mode" content="submit">');
    expect(readFileSync(join(dir, "build", "week-1", "site", "index.html"), "utf8")).toContain('<meta name="bpdrill-mode" content="selfcheck">');
    expect(existsSync(join(dir, "build", "week-2", "site", "app.js"))).toBe(true);
    // The committed keys are what `bpdrill key` writes for the same set (its own, threaded, path).
    const k = bpdrill(["key", "--preset", "classic-2-3-2", "--seed", "2026-week-2", "--roster", "examples/course/roster.csv", "--decimals", "3", "--carry", "rounded", "--learning-rate", "0.4", "--format", "json"]);
    expect(k.code, k.stderr).toBe(0);
    expect(k.stdout).toBe(readFileSync("examples/course/keys/week-2.json", "utf8"));
    expect(readFileSync(join(dir, "build", "week-3-en", "worksheets.html"), "utf8")).toContain('lang="en"');
  });
});

describe("course files that cannot be used: one line, exit 1", () => {
  const write = (course: object) => {
    const dir = copy();
    writeFileSync(join(dir, "bpdrill.course.json"), JSON.stringify(course));
    return join(dir, "bpdrill.course.json");
  };
  const base = { title: "t", assignments: [{ name: "a", preset: "classic-2-3-2", seed: "s", count: 1 }] };
  it.each([
    [{ ...base, secretFile: "secret.txt" }, "secretFile: cannot read", "secretFile：无法读取"],
    [{ ...base, assignments: [{ name: "a", preset: "classic-2-3-2", seed: "s" }] }, "assignment a needs exactly one of roster and count", "作业 a 需要 roster 和 count 二者之一"],
    [{ ...base, assignments: [{ name: "a", preset: "classic", seed: "s", count: 1 }] }, "assignments[0].preset: must be one of", "assignments[0].preset：只能是"],
    [{ ...base, assignments: [{ ...base.assignments[0], knobs: { decimals: 9 } }] }, "assignments[0].knobs.decimals: at most 6", "assignments[0].knobs.decimals：最多 6"],
    [{ title: "t" }, "assignments: required", "assignments：缺少此项"],
  ])("%j", (course, en, zh) => {
    const file = write(course);
    const r = bpdrill(["check", file]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain(en);
    const z = bpdrill(["check", file], { env: { BPDRILL_LANG: "zh" } });
    expect(z.code).toBe(1);
    expect(z.stderr).toContain(zh);
  });
});
