// `bpdrill site`: build the static student site, and optionally serve it on 127.0.0.1.
import type { Command } from "commander";
import { wholeNumber } from "../cli/options.js";

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

export function registerSite(program: Command): void {
  program
    .command("site")
    .summary("build (and optionally serve) the static student site")
    .description(
      "Builds the student site into a folder: students open an exercise by its code or practise,\n" +
        "type their step values and get marks and feedback at once. Grading runs in the browser;\n" +
        "answers stay on the student's device until exported. Any static host can serve the folder.",
    )
    .option("-o, --out <dir>", "folder to write the site to", "bpdrill-site")
    .option("-s, --serve", "serve the folder on 127.0.0.1 after building")
    .option("-p, --port <n>", "port for --serve (0 picks a free one)", wholeNumber(0, 65535), 8417)
    .addHelpText("after", "\nExamples:\n  $ bpdrill site --out public\n  $ bpdrill site --out public --serve --port 8080\n")
    .action(async (o: { out: string; serve?: boolean; port: number }) => {
      // Loaded here, not at start-up: the bundler, zlib and http are for this command only.
      const { BUDGET_BYTES, buildSite } = await import("./build.js");
      const r = await buildSite(o.out);
      const within = r.gzipBytes <= BUDGET_BYTES ? "within" : "OVER";
      process.stdout.write(`site: built ${o.out} — JS+CSS ${kb(r.gzipBytes)} gzipped (${within} the ${kb(BUDGET_BYTES)} budget), fonts ${kb(r.fontBytes)}\n`);
      if (o.serve) {
        const { serveDir } = await import("./serve.js");
        const s = await serveDir(o.out, o.port);
        process.stdout.write(`site: serving ${o.out} — open ${s.url} in your browser (Ctrl+C stops)\n`);
      }
    });
}
