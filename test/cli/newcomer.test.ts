// What a newcomer runs into (issue 20, item 5): each is one clear line in the user's language with the right exit code.
import { describe, expect, it } from "vitest";
import { bpdrill } from "../helpers/cli.js";

const HAN = /\p{Script=Han}/u;
const oneLine = (s: string) => expect(s.trim().split("\n"), s).toHaveLength(1);

describe("newcomer messages", () => {
  it("worksheet --count 5000 to one file says how to split it, not 'internal error'", () => {
    const r = bpdrill(["worksheet", "--preset", "classic-2-3-2", "--seed", "s", "--count", "5000", "--out", "/tmp/bpdrill-5000.html"]);
    expect(r.code).toBe(1);
    oneLine(r.stderr);
    expect(r.stderr).toMatch(/5000 sheets are too many for one file \(at most 1000\).*--split/);
  });

  it("help of an unknown command is a usage error with a did-you-mean", () => {
    const r = bpdrill(["help", "nope"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("bpdrill: unknown command nope (bpdrill --help lists the commands)\n");
    expect(bpdrill(["help", "solv"]).stderr).toContain("did you mean solve?");
    expect(bpdrill(["help", "solve"]).code).toBe(0);
  });

  it("the main help lists --lang, and a mistyped --lang gets a did-you-mean", () => {
    expect(bpdrill(["--help"]).stdout).toMatch(/-l, --lang <lang>\s+language of messages: zh, en/);
    expect(bpdrill(["--lang", "zh", "--help"]).stdout).toMatch(/-l, --lang <lang>\s+提示信息的语言/);
    const r = bpdrill(["--lnag", "zh", "solve", "x.json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("bpdrill: unknown option --lnag; did you mean --lang?\n");
  });

  it("--preset without --seed (and --seed without --preset) names what is missing", () => {
    for (const cmd of ["generate", "key", "worksheet"]) {
      const r = bpdrill([cmd, "--preset", "classic-2-3-2", ...(cmd === "worksheet" ? ["--out", "/tmp/x.html"] : [])]);
      expect(r.code, cmd).toBe(1);
      expect(r.stderr, cmd).toContain("--preset classic-2-3-2 needs --seed S too");
      expect(bpdrill([cmd, "--seed", "7", ...(cmd === "worksheet" ? ["--out", "/tmp/x.html"] : [])]).stderr).toContain("--seed 7 needs --preset NAME too");
    }
    expect(bpdrill(["generate", "--preset", "classic-2-3-2", "--lang", "zh"]).stderr).toMatch(HAN);
  });

  it("--learning-rate 1e-1 is the learning rate 0.1", () => {
    const a = bpdrill(["key", "--preset", "classic-2-3-2", "--seed", "s", "--learning-rate", "1e-1", "--format", "csv"]);
    const b = bpdrill(["key", "--preset", "classic-2-3-2", "--seed", "s", "--learning-rate", "0.1", "--format", "csv"]);
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });

  it("decimals: an exercise file and --exercise take 0 to 12; a preset's codes 2 to 6, and the message says both", () => {
    const file = bpdrill(["key", "--exercise", "examples/mazur-2-2-2.json", "--decimals", "8", "--format", "csv"]);
    expect(file.code, file.stderr).toBe(0);
    // Mazur's out_h1 = 0.593269992 (published), to 8 decimals.
    expect(file.stdout).toContain(",a1_1,");
    expect(file.stdout).toMatch(/,a1_1,0\.5932699\d*,0\.59326999\n/);
    const preset = bpdrill(["key", "--preset", "classic-2-3-2", "--seed", "s", "--decimals", "8"]);
    expect(preset.code).toBe(1);
    expect(preset.stderr).toMatch(/2 to 6 for a preset's codes \(an exercise file takes 0 to 12\), got 8/);
  });

  it("a knob on --code is refused, never ignored", () => {
    const code = /BP1-[A-Z0-9-]+/.exec(bpdrill(["generate", "--preset", "classic-2-3-2", "--seed", "s"]).stdout)![0];
    for (const knob of [["--decimals", "3"], ["--carry", "rounded"], ["--learning-rate", "0.2"], ["--update-biases", "yes"]]) {
      const r = bpdrill(["key", "--code", code, ...knob]);
      expect(r.code, knob[0]).toBe(1);
      expect(r.stderr).toContain(`${knob[0]} cannot change a code's exercise`);
    }
    // solve --code honours --decimals: it prints a key, no sheet carries the code.
    expect(bpdrill(["solve", "--code", code, "--decimals", "3", "--format", "csv"]).stdout).toMatch(/,-?\d+\.\d{3}\n/);
  });

  it("file-system errors are words in the user's language, never Node's EEXIST or ENOTDIR", () => {
    const blocker = "/tmp/bpdrill-newcomer-blocker";
    bpdrill(["solve", "examples/mazur-2-2-2.json", "--out", blocker]);
    for (const lang of ["en", "zh"]) {
      const runs = [
        bpdrill(["key", "--preset", "classic-2-3-2", "--seed", "s", "--out", `${blocker}/x.json`, "--lang", lang]),
        bpdrill(["worksheet", "--preset", "classic-2-3-2", "--seed", "s", "--count", "2", "--split", blocker, "--lang", lang]),
        bpdrill(["site", "--out", `${blocker}/site`, "--lang", lang]),
      ];
      for (const r of runs) {
        expect(r.code, r.stderr).toBe(1);
        oneLine(r.stderr);
        expect(r.stderr).not.toMatch(/E[A-Z]{4,}|internal error/);
        if (lang === "zh") expect(r.stderr).toMatch(HAN);
        else expect(r.stderr).toMatch(/a file of that name is in the way|a part of the path is a file/);
      }
    }
  });

  it("with LANG=C.UTF-8 the demo speaks English, though its sheets stay Chinese by default", () => {
    const r = bpdrill(["demo", "--no-serve", "--count", "1", "--out", "/tmp/bpdrill-newcomer-demo"], { env: { BPDRILL_LANG: undefined, LANG: "C.UTF-8", LC_ALL: undefined, LC_MESSAGES: undefined } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(HAN);
    expect(r.stdout).toContain("worksheets-zh.");
  });
});
