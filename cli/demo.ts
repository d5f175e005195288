// `bpdrill demo`: the whole product on a built-in default — a class set's worksheets and keys as PDF,
// and the student site built and served on 127.0.0.1.
import { join } from "node:path";
import type { Command } from "commander";
import { choice, wholeNumber } from "./options.js";
import { writeOut } from "./io.js";
import { examples, listOf } from "./help.js";
import { setFromFlags } from "./commands/generate.js";
import { formatKeySet } from "../templates/keytext.js";
import { DEFAULT_NOTATION } from "../generator/notation.js";
import { produce } from "./commands/sheets.js";
import { LANGS, t, type Lang } from "./words.js";

const PRESET = "classic-2-3-2";
const SEED = "demo";

interface DemoOpts {
  out: string;
  count: number;
  lang: Lang;
  serve: boolean;
  port: number;
}

export function registerDemo(program: Command, lang: Lang): void {
  program
    .command("demo")
    .summary(t(lang, "cli.demo.summary"))
    .description(t(lang, "cli.demo.description", { preset: PRESET, seed: SEED }))
    .option("-o, --out <dir>", t(lang, "cli.demo.out"), "bpdrill-demo")
    .option("-n, --count <n>", t(lang, "cli.demo.count"), wholeNumber(1, 200, lang), 5)
    .option("-l, --lang <lang>", t(lang, "cli.demo.lang", { list: listOf(lang, LANGS) }), choice(LANGS, lang), "zh")
    .option("--no-serve", t(lang, "cli.demo.noServe"))
    .option("-p, --port <n>", t(lang, "cli.demo.port"), wholeNumber(0, 65535, lang), 8417)
    .addHelpText("after", examples(lang, ["demo", "demo --lang en --count 30 --out class-demo", "demo --no-serve"]))
    .action((o: DemoOpts) => demo(o, lang));
}

/** `o.lang` is the language of what the demo writes (Chinese by default); `lang` that of its messages. */
async function demo(o: DemoOpts, lang: Lang): Promise<void> {
  const say = (line: string) => process.stdout.write(`demo: ${line}\n`);
  const flags = { preset: PRESET, seed: SEED, count: String(o.count), lang: o.lang, notation: DEFAULT_NOTATION };
  const set = await setFromFlags(flags, DEFAULT_NOTATION);
  say(t(lang, "demo.set", { count: set.length, preset: PRESET, seed: SEED, codes: set.map((s) => s.code).join(", ") }));

  // Loaded here, not at start-up (child_process, zlib, http and the bundler are for the demo only).
  const [{ pdfProblem }, { BUDGET_BYTES, buildSite }, { serveDir }] = await Promise.all([import("../templates/pdf.js"), import("../site/build.js"), import("../site/serve.js")]);
  // Without the CJK fonts Chinese sheets come as HTML to print from any browser (PDFs need no browser).
  const problem = pdfProblem(o.lang, lang);
  const ext = problem === null ? "pdf" : "html";
  if (problem !== null) say(t(lang, "demo.noPdf", { problem }));
  const sheets = join(o.out, `worksheets-${o.lang}.${ext}`);
  const keys = join(o.out, `keys-${o.lang}.${ext}`);
  const csv = join(o.out, "keys.csv");
  // The set drawn once serves the sheets, the keys and the CSV; one browser prints sheets and keys.
  await produce("worksheet", { ...flags, out: sheets, keys }, set);
  say(t(lang, "demo.wrote", { file: sheets }));
  say(t(lang, "demo.wrote", { file: keys }));
  writeOut(csv, formatKeySet(set, "csv", o.lang));
  say(t(lang, "demo.wrote", { file: csv }));

  const siteDir = join(o.out, "site");
  const r = await buildSite(siteDir);
  say(t(lang, "demo.site", { dir: siteDir, kb: (r.gzipBytes / 1024).toFixed(1), budget: BUDGET_BYTES / 1024 }));
  if (!o.serve) return;
  const s = await serveDir(siteDir, o.port);
  say(t(lang, "demo.serving", { url: s.url, code: set[0].code, lang: o.lang }));
  say(t(lang, "demo.stop"));
}
