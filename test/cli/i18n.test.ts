// The command line in Chinese and English: how the language is chosen, help and usage errors in both, one-line user errors in both.
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { run } from "../../cli/main.js";
import { messageLang } from "../../cli/lang.js";
import { displayWidth, wrap } from "../../cli/help.js";
import { parseExercise, ExerciseError } from "../../generator/exercise.js";
import { CATALOGUES } from "../../templates/i18n.js";
import { CLI_CATALOGUES, render } from "../../cli/words.js";
import { bpdrill } from "../helpers/cli.js";

const HAN = /[\u4e00-\u9fff]/;
const COMMANDS = ["solve", "grade", "presets", "generate", "worksheet", "key", "site", "demo"];

let out = "";
let err = "";
beforeEach(() => {
  out = "";
  err = "";
  vi.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
});
afterEach(() => vi.restoreAllMocks());

const zh = { BPDRILL_LANG: "zh" };
const en = { BPDRILL_LANG: "en" };

describe("the language of messages", () => {
  it.each([
    [[], {}, "en"],
    [[], { LANG: "zh_CN.UTF-8" }, "zh"],
    [[], { LANG: "C.UTF-8" }, "en"],
    [[], { LC_MESSAGES: "zh_TW.UTF-8", LANG: "en_US.UTF-8" }, "zh"],
    [[], { LC_ALL: "en_US.UTF-8", LC_MESSAGES: "zh_CN.UTF-8" }, "en"],
    [[], { LC_ALL: "", LANG: "zh_CN.UTF-8" }, "zh"], // an empty variable is not set
    [[], { BPDRILL_LANG: "zh", LC_ALL: "en_US.UTF-8" }, "zh"],
    [[], { BPDRILL_LANG: "en", LC_ALL: "zh_CN.UTF-8" }, "en"],
    [[], { BPDRILL_LANG: "fr", LANG: "zh_CN" }, "zh"], // not a language of ours: the locale decides
    [["key", "--lang", "zh"], { BPDRILL_LANG: "en" }, "zh"],
    [["key", "--lang=en"], { BPDRILL_LANG: "zh" }, "en"],
    [["key", "-l", "zh"], { LC_ALL: "en_US" }, "zh"],
    [["key", "--lang", "fr"], { BPDRILL_LANG: "zh" }, "zh"], // commander refuses "fr", in Chinese
    [["solve", "--", "--lang", "zh"], {}, "en"], // after "--" it is a file name
  ] as const)("%j with %j speaks %s", (argv, env, lang) => {
    expect(messageLang(argv, env)).toBe(lang);
  });

  it("follows flag > BPDRILL_LANG > locale in the real command", () => {
    const typo = ["key", "--presett", "x"];
    const chinese = (r: { stderr: string }) => HAN.test(r.stderr);
    expect(chinese(bpdrill(typo, { env: { BPDRILL_LANG: undefined, LC_ALL: "zh_CN.UTF-8" } }))).toBe(true);
    expect(chinese(bpdrill(typo, { env: { BPDRILL_LANG: "en", LC_ALL: "zh_CN.UTF-8" } }))).toBe(false);
    expect(chinese(bpdrill([...typo, "--lang", "zh"], { env: { BPDRILL_LANG: "en" } }))).toBe(true);
    expect(chinese(bpdrill(typo, { env: { BPDRILL_LANG: undefined, LC_ALL: undefined, LC_MESSAGES: undefined, LANG: undefined } }))).toBe(false);
  });

  it("takes --lang before the command too, for the program's own help", async () => {
    expect(await run(["--lang", "zh", "--help"], en)).toBe(0);
    expect(out).toMatch(/^用法：bpdrill/);
    out = "";
    expect(await run(["--lang=en", "presets", "--lang", "zh"], zh)).toBe(0);
    expect(out).toContain("经典手算题"); // the command's own --lang still picks its output
    expect(await run(["--lang", "fr", "--help"], zh)).toBe(2);
    expect(err).toBe('bpdrill: --lang 的值 "fr" 不对：可选值为 zh、en\n');
  });

  it("leaves the program's --version working after a command", async () => {
    expect(await run(["key", "--version"], zh)).toBe(0);
    expect(out).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe("help in both languages", () => {
  const helpOf = async (args: string[], env: Record<string, string>) => {
    out = "";
    expect(await run([...args, "--help"], env)).toBe(0);
    return out;
  };

  it.each([[""], ...COMMANDS.map((c) => [c])])("%s --help is whole in zh and en", async (cmd) => {
    const args = cmd ? [cmd] : [];
    const zhHelp = await helpOf(args, zh);
    const enHelp = await helpOf(args, en);
    for (const help of [zhHelp, enHelp]) {
      expect(help).not.toMatch(/\bcli\.[a-z]+\.[A-Za-z]/); // a catalogue key printed as it is
      expect(help).not.toMatch(/\{[A-Za-z]+\}/); // a placeholder left unfilled
      // Wrapped to 80 columns with CJK counted double; only example command lines may run longer.
      for (const line of help.split("\n")) if (!line.startsWith("  $ ")) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
    }
    expect(zhHelp).toMatch(/^用法：/);
    // Commander's own English words are all replaced in the Chinese help.
    for (const word of ["Usage:", "Options:", "Commands:", "Arguments:", "Examples:", "display help", "default:", "output the version"]) expect(zhHelp).not.toContain(word);
    // Every option's and command's description line is in Chinese.
    const items = zhHelp.split("\n").filter((l) => /^ {2}(-|[a-z]+ \[|[a-z]+$)/.test(l) && / {2,}\S/.test(l.trim()));
    expect(items.length).toBeGreaterThan(2);
    for (const l of items) expect(l, l).toMatch(HAN);
    // The English help has no Chinese but the name of the book the xigua notation comes from.
    expect(enHelp.replace(/[西瓜书]/g, "")).not.toMatch(HAN); // (a line may break inside 西瓜书)
    if (cmd) expect(zhHelp).toContain(`示例：\n  $ bpdrill ${cmd}`);
  });

  it("names the precedence of the languages in the program's help", async () => {
    const enHelp = await helpOf([], en);
    expect(enHelp).toMatch(/--lang[\s\S]*BPDRILL_LANG[\s\S]*LC_ALL[\s\S]*English/);
    expect(await helpOf([], zh)).toMatch(/--lang[\s\S]*BPDRILL_LANG[\s\S]*LC_ALL[\s\S]*英文/);
  });

  it("keeps an option's --lang default for its output, whatever the language of messages", async () => {
    expect(await helpOf(["key"], en)).toMatch(/--lang <lang> .*\n?.*\(default: zh\)/);
    expect(await helpOf(["solve"], zh)).toMatch(/--lang <lang> .*（默认 en）/);
  });
});

describe("usage errors: one line, in the chosen language", () => {
  it.each([
    [["key", "--presett", "x"], /^bpdrill: .*--presett.*--preset？\n$/, /^bpdrill: unknown option --presett; did you mean --preset\?\n$/],
    [["solv"], /^bpdrill: .*solv.*solve？\n$/, /^bpdrill: unknown command solv; did you mean solve\?\n$/],
    [["key", "--zzz"], /^bpdrill: .*--zzz.*bpdrill key --help/, /^bpdrill: unknown option --zzz \(bpdrill key --help lists the options\)\n$/],
    [["grade"], /^bpdrill: bpdrill grade .*INPUTS/, /^bpdrill: bpdrill grade needs INPUTS/],
    [["key", "--out"], /^bpdrill: --out .*-o, --out <file>/, /^bpdrill: --out needs a value/],
    [["solve", "x.json", "--carry", "roundd"], /^bpdrill: --carry .*"roundd".*exact、rounded\n$/, /^bpdrill: bad value "roundd" for --carry: expected one of exact, rounded\n$/],
    [["site", "--port", "70000"], /^bpdrill: --port .*"70000".*0 到 65535/, /expected a whole number from 0 to 65535\n$/],
    [["key", "stray"], /^bpdrill: bpdrill key .*1/, /^bpdrill: bpdrill key takes no arguments, got 1/],
  ])("%j", async (argv, zhLine, enLine) => {
    expect(await run(argv, zh)).toBe(2);
    expect(err).toMatch(zhLine);
    expect(err).toMatch(HAN);
    expect(err.split("\n")).toHaveLength(2); // one line and its newline
    expect(err).not.toMatch(/error:|Did you mean|unknown|expected/);
    err = "";
    expect(await run(argv, en)).toBe(2);
    expect(err).toMatch(enLine);
    expect(err.split("\n")).toHaveLength(2);
    expect(out).toBe("");
  });
});

describe("user errors: one line, in the chosen language", () => {
  const dir = mkdtempSync(join(tmpdir(), "bpdrill-i18n-"));
  const badField = join(dir, "bad-field.json");
  writeFileSync(badField, JSON.stringify({ layers: [2, 2], activations: ["sigmoid"], loss: "half_sse", bias: "none", weights: [[["0.1", "x"], ["0.2", "0.3"]]], samples: [{ x: ["1", "2"], y: ["0", "1"] }], learningRate: "0.5", decimals: 4, carry: "exact" }));
  const badJson = join(dir, "bad-json.json");
  writeFileSync(badJson, '{\n  "layers": [2, 2,\n}');

  it.each([
    [["key", "-p", "clasic-2-3-2", "-s", "1"], 'bpdrill: 没有名为 "clasic-2-3-2" 的预设', 'bpdrill: unknown preset "clasic-2-3-2"; did you mean classic-2-3-2? (bpdrill presets lists them)'],
    [["solve", badField], `bpdrill: ${badField}：weights[0][0][1]：`, `bpdrill: ${badField}: weights[0][0][1]: expected a decimal string such as "0.15", got "x"`],
    [["solve", badJson], `bpdrill: ${badJson} 不是有效的 JSON：第 3 行第 1 列`, `bpdrill: ${badJson} is not valid JSON at line 3, column 1: value expected`],
    [["solve", join(dir, "nope.json")], "bpdrill: 无法读取", `bpdrill: cannot read ${join(dir, "nope.json")}: no such file`],
    [["solve", "--code", "BP1-K7Q2-9XF5"], "bpdrill: BP1-K7Q2-9XF5 ", "bpdrill: BP1-K7Q2-9XF5 contains a typo"],
    [["generate", "-p", "logistic", "-s", "1", "--count", "0"], "bpdrill: --count ", "bpdrill: --count must be at least 1, got 0"],
    // η = 0.5 with 2 decimals, carried rounded: half of all updates land on a tie (0.5 · m/100), no draw passes.
    [["key", "-p", "classic-2-3-2", "-s", "1", "--carry", "rounded", "--learning-rate", "0.5", "--decimals", "2", "--format", "csv"], "bpdrill: 预设 classic-2-3-2 抽了 5000 次", "bpdrill: preset classic-2-3-2 found no exercise without a rounding tie in 5000 draws"],
  ])("%j", async (argv, zhStart, enStart) => {
    expect(await run(argv, zh)).toBe(1);
    expect(err.startsWith(zhStart), err).toBe(true);
    expect(err).toMatch(HAN);
    expect(err.split("\n")).toHaveLength(2);
    err = "";
    expect(await run(argv, en)).toBe(1);
    expect(err.startsWith(enStart), err).toBe(true);
    expect(err).not.toMatch(HAN);
    expect(err.split("\n")).toHaveLength(2);
  });

  it("a core error carries a code the edge renders: English for logs and tests, Chinese for the user", () => {
    let e: unknown;
    try {
      parseExercise({ layers: [2] });
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(ExerciseError);
    const ex = e as ExerciseError & { msg: Parameters<typeof render>[1] };
    // The core knows no words: its message is the code with its parameters.
    expect(ex.message).toMatch(/^cli\.ex\./);
    expect(render("zh", ex.msg)).toMatch(HAN);
    expect(render("en", ex.msg)).not.toMatch(HAN);
    expect(render("en", ex.msg)).toMatch(/activations/);
  });
});

describe("wrapping text with wide characters", () => {
  it("counts a CJK character as two columns", () => {
    expect(displayWidth("ab")).toBe(2);
    expect(displayWidth("用法")).toBe(4);
    expect(displayWidth("\x1b[1m用\x1b[0m")).toBe(2);
  });
  it("breaks Chinese between characters, never before a closing mark, and keeps words whole", () => {
    const text = "把学生练习网站生成到一个文件夹里：学生凭题目编号打开题目或自由练习，逐步填入数值，马上得到评分和反馈。see --serve-port for more";
    for (const width of [13, 17, 24, 40]) { // a word wider than the line (--serve-port, 12) stays whole
      const lines = wrap(text, width).split("\n");
      expect(lines.join("").replace(/\s/g, "")).toBe(text.replace(/\s/g, ""));
      for (const l of lines) {
        expect(displayWidth(l), l).toBeLessThanOrEqual(width);
        expect(l).not.toMatch(/^[，。：；）]/);
      }
      expect(lines.some((l) => l.includes("--serve-port"))).toBe(true);
    }
  });
});

describe("catalogue keys of the command line", () => {
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? sources(p) : p.endsWith(".ts") ? [p] : [];
    });
  const named = (f: string) => [...readFileSync(f, "utf8").matchAll(/"((?:cli|sub)\.[\w.]*\w)"/g)].map((m) => m[1]);
  const used = new Set(["cli", "generator", "grader", "templates", "site"].flatMap(sources).flatMap(named));

  it("every key the code names is in both catalogues", () => {
    expect(used.size).toBeGreaterThan(150);
    for (const k of used) {
      expect(CLI_CATALOGUES.en[k], k).toBeDefined();
      expect(CLI_CATALOGUES.zh[k], k).toBeDefined();
    }
  });
  it("keys named by modules the student site may bundle are in the shared catalogues, not the command line's own", () => {
    // Modules that run only in Node, for the command line; everything else may be bundled into the site.
    const nodeOnly = /^(cli\/|site\/(build|serve)\.ts$|generator\/roster\.ts$)/;
    for (const f of ["generator", "grader", "templates", "site"].flatMap(sources).filter((f) => !nodeOnly.test(f)))
      for (const k of named(f)) {
        expect(CATALOGUES.en[k], `${f}: ${k}`).toBeDefined();
        expect(CATALOGUES.zh[k], `${f}: ${k}`).toBeDefined();
      }
    expect(CATALOGUES.en["cli.help.usage"]).toBeUndefined();
  });
  it("every cli.* key of the catalogues is used (the JSON syntax words and what a value is are looked up by name)", () => {
    for (const k of Object.keys(CLI_CATALOGUES.en).filter((k) => /^(cli|sub)\./.test(k) && !/^(cli\.json\.what|cli\.errno|sub\.got)\./.test(k))) expect(used.has(k), k).toBe(true);
  });
});
