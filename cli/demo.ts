// `bpdrill demo`: the whole product on a built-in default — a class set's worksheets and keys as PDF,
// and the student site built and served on 127.0.0.1.
import { join } from "node:path";
import type { Command } from "commander";
import { choice, wholeNumber } from "./options.js";
import { writeOut } from "./io.js";
import { setFromFlags } from "../generator/commands.js";
import { formatKeySet } from "../generator/classset.js";
import { DEFAULT_NOTATION } from "../generator/notation.js";
import { produce } from "../templates/commands.js";
import { LANGS, t, type Lang } from "../templates/i18n.js";

const PRESET = "classic-2-3-2";
const SEED = "demo";

interface DemoOpts {
  out: string;
  count: number;
  lang: Lang;
  serve: boolean;
  port: number;
}

export function registerDemo(program: Command): void {
  program
    .command("demo")
    .summary("the whole product on a built-in example: class-set PDFs and the student site")
    .description(
      `Draws a class set from the ${PRESET} preset (seed "${SEED}"), prints its worksheets and worked keys as PDF,\n` +
        "writes the keys as CSV, builds the student site and serves it on 127.0.0.1 so a student's view can be tried\n" +
        "with a code from a worksheet. 演示：生成一套试卷与参考答案（PDF），并在本机启动学生练习网站。",
    )
    .option("-o, --out <dir>", "folder for everything the demo writes", "bpdrill-demo")
    .option("-n, --count <n>", "how many students' exercises", wholeNumber(1, 200), 5)
    .option("-l, --lang <lang>", `language of the worksheets and keys: ${LANGS.join(", ")}`, choice(LANGS), "zh")
    .option("--no-serve", "build everything but do not start the web server")
    .option("-p, --port <n>", "port of the web server (0 picks a free one)", wholeNumber(0, 65535), 8417)
    .addHelpText("after", "\nExamples:\n  $ bpdrill demo\n  $ bpdrill demo --lang en --count 30 --out class-demo\n  $ bpdrill demo --no-serve\n")
    .action((o: DemoOpts) => demo(o));
}

async function demo(o: DemoOpts): Promise<void> {
  const say = (line: string) => process.stdout.write(`demo: ${line}\n`);
  const flags = { preset: PRESET, seed: SEED, count: String(o.count), lang: o.lang, notation: DEFAULT_NOTATION };
  const set = setFromFlags(flags, DEFAULT_NOTATION);
  say(t(o.lang, "demo.set", { count: set.length, preset: PRESET, seed: SEED, codes: set.map((s) => s.code).join(", ") }));

  // Loaded here, not at start-up (child_process, zlib, http and the bundler are for the demo only).
  const [{ pdfProblem }, { BUDGET_BYTES, buildSite }, { serveDir }] = await Promise.all([import("../templates/pdf.js"), import("../site/build.js"), import("../site/serve.js")]);
  // Without Chromium (or the CJK fonts) the sheets come as HTML to print from any browser.
  const problem = pdfProblem(o.lang);
  const ext = problem === null ? "pdf" : "html";
  if (problem !== null) say(t(o.lang, "demo.noPdf", { problem }));
  const sheets = join(o.out, `worksheets-${o.lang}.${ext}`);
  const keys = join(o.out, `keys-${o.lang}.${ext}`);
  const csv = join(o.out, "keys.csv");
  // The set drawn once serves the sheets, the keys and the CSV; one browser prints sheets and keys.
  await produce("worksheet", { ...flags, out: sheets, keys }, set);
  say(t(o.lang, "demo.wrote", { file: sheets }));
  say(t(o.lang, "demo.wrote", { file: keys }));
  writeOut(csv, formatKeySet(set, "csv", o.lang));
  say(t(o.lang, "demo.wrote", { file: csv }));

  const siteDir = join(o.out, "site");
  const r = await buildSite(siteDir);
  say(t(o.lang, "demo.site", { dir: siteDir, kb: (r.gzipBytes / 1024).toFixed(1), budget: BUDGET_BYTES / 1024 }));
  if (!o.serve) return;
  const s = await serveDir(siteDir, o.port);
  say(t(o.lang, "demo.serving", { url: s.url, code: set[0].code, lang: o.lang }));
  say(t(o.lang, "demo.stop"));
}
