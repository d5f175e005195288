// `bpdrill site`: build the static student site, and optionally serve it on 127.0.0.1.
import type { Command } from "commander";
import { examples, listOf } from "../help.js";
import { choice, wholeNumber } from "../options.js";
import { LANGS, t, type Lang } from "../words.js";

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

export function registerSite(program: Command, lang: Lang): void {
  program
    .command("site")
    .summary(t(lang, "cli.site.summary"))
    .description(t(lang, "cli.site.description"))
    .option("-o, --out <dir>", t(lang, "cli.site.out"), "bpdrill-site")
    .option("-s, --serve", t(lang, "cli.site.serve"))
    .option("-p, --port <n>", t(lang, "cli.site.port"), wholeNumber(0, 65535, lang), 8417)
    .option("-m, --mode <mode>", t(lang, "cli.site.mode"), choice(["practice", "selfcheck", "submit"] as const, lang), "practice")
    .option("-l, --lang <lang>", t(lang, "cli.opt.langMessages", { list: listOf(lang, LANGS) }), choice(LANGS, lang))
    .addHelpText("after", examples(lang, ["site --out public", "site --out public --serve --port 8080"]))
    .action(async (o: { out: string; serve?: boolean; port: number; mode: "practice" | "selfcheck" | "submit" }) => {
      // Loaded here, not at start-up: the bundler, zlib and http are for this command only.
      const { BUDGET_BYTES, buildSite } = await import("../../site/build.js");
      const r = await buildSite(o.out, o.mode === "practice" ? undefined : o.mode);
      const params = { dir: o.out, size: kb(r.gzipBytes), budget: kb(BUDGET_BYTES), fonts: kb(r.fontBytes) };
      process.stdout.write(`site: ${t(lang, r.gzipBytes <= BUDGET_BYTES ? "cli.site.built" : "cli.site.builtOver", params)}\n`);
      if (o.serve) {
        const { serveDir } = await import("../../site/serve.js");
        const s = await serveDir(o.out, o.port);
        process.stdout.write(`site: ${t(lang, "cli.site.serving", { dir: o.out, url: s.url })}\n`);
      }
    });
}
