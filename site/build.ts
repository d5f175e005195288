// Builds the static site: the browser bundle (esbuild), index.html, CSS, KaTeX's CSS and woff2 fonts.
import { errnoWhy } from "../templates/errno.js";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { CoreError, msg } from "../generator/message.js";
import { BUDGET_BYTES, gzippedSize } from "./size.mjs";

/** JS + CSS budget, gzipped, fonts aside: what it counts and how is site/size.mjs, which the bench reads too. */
export { BUDGET_BYTES };

export interface BuildResult {
  readonly outDir: string;
  /** Gzipped bytes of app.js + site.css + katex.css (site/size.mjs). */
  readonly gzipBytes: number;
  readonly fontBytes: number;
}

/** The package's root, found from this file whether it runs as TypeScript or inside dist/cli.cjs. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pj = join(dir, "package.json");
    if (existsSync(pj) && (JSON.parse(readFileSync(pj, "utf8")) as { name?: string }).name === "bpdrill") return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error("cannot find the bpdrill package folder");
    dir = up;
  }
}

/** KaTeX's stylesheet with only its woff2 sources: every browser we serve reads woff2. */
export function woff2Only(css: string): string {
  return css.replace(/src:([^;}]*)/g, (_m, srcs: string) => {
    const w = srcs.split(/,(?=url\()/).find((s) => s.includes(".woff2"));
    return `src:${w ?? srcs}`;
  });
}

/**
 * The exercise validator imports zod's namespace: classic zod's builders carry every method (about
 * 180 KB even after unused parts drop out). In the browser bundle `zod` resolves to zod/mini's
 * builders for the few schemas it uses, given back the `.optional()` method it calls and zod's
 * English messages; every message the validator shows is its own or zod's English one, so nothing
 * a student sees changes (test/site/build.test.ts checks the messages against Node's).
 */
export function zodLite(): import("esbuild").Plugin {
  const contents = `
import * as mini from "zod/mini";
import en from "zod/v4/locales/en.js";
mini.config(en());
const opt = (s) => Object.assign(s, { optional: () => opt(mini.optional(s)) });
const wrap = (f) => (...a) => opt(f(...a));
export const custom = wrap(mini.custom);
export const array = wrap(mini.array);
export const strictObject = wrap(mini.strictObject);
export const record = wrap(mini.record);
export const string = wrap(mini.string);
export const unknown = wrap(mini.unknown);
export const union = wrap(mini.union);
export const literal = wrap(mini.literal);
`;
  return {
    name: "zod-lite",
    setup(b) {
      b.onResolve({ filter: /^zod$/ }, (args) => (args.namespace === "zod-lite" ? undefined : { path: "zod", namespace: "zod-lite" }));
      b.onLoad({ filter: /.*/, namespace: "zod-lite" }, () => ({ contents, loader: "js", resolveDir: packageRoot() }));
    },
  };
}

/**
 * Builds the site into dir. `mode` caps what any exercise on it may show (selfcheck: never a key value;
 * submit: no verdicts): written into index.html, where no URL parameter can raise it.
 */
export async function buildSite(dir: string, mode?: "selfcheck" | "submit"): Promise<BuildResult> {
  // The user's path, from the user's working directory: esbuild works from the package root, where a
  // relative outfile would land in the package folder instead.
  const outDir = resolve(dir);
  const root = packageRoot();
  // An installed package has no esbuild (a build tool, a devDependency): it ships the bundle prebuilt
  // (dist/site/app.js, by scripts/build.mjs). A checkout builds it from the sources, so edits show.
  let esbuild: typeof import("esbuild") | undefined;
  try {
    esbuild = await import("esbuild");
  } catch {
    esbuild = undefined;
  }
  const prebuilt = join(root, "dist/site/app.js");
  if (esbuild === undefined && !existsSync(prebuilt)) throw new CoreError(msg("cli.site.noEsbuild"));
  try {
    mkdirSync(join(outDir, "fonts"), { recursive: true });
  } catch (e) {
    throw new CoreError(msg("cli.site.cannotCreate", { dir: outDir, why: errnoWhy(e) }));
  }
  if (esbuild === undefined) copyFileSync(prebuilt, join(outDir, "app.js"));
  else
  await esbuild.build({
    entryPoints: [join(root, "site/src/app.ts")],
    outfile: join(outDir, "app.js"),
    bundle: true,
    platform: "browser",
    format: "iife",
    target: ["es2020", "chrome90", "firefox90", "safari15"],
    minify: true,
    legalComments: "eof",
    logLevel: "error",
    absWorkingDir: root,
    plugins: [zodLite()],
  });
  const index = readFileSync(join(root, "site/index.html"), "utf8");
  writeFileSync(join(outDir, "index.html"), mode === undefined ? index : index.replace("<title>", `<meta name="bpdrill-mode" content="${mode}">\n<title>`));
  copyFileSync(join(root, "site/site.css"), join(outDir, "site.css"));
  copyFileSync(join(root, "site/favicon.svg"), join(outDir, "favicon.svg"));
  const katexDir = dirname(createRequire(join(root, "package.json")).resolve("katex/dist/katex.min.css"));
  writeFileSync(join(outDir, "katex.css"), woff2Only(readFileSync(join(katexDir, "katex.min.css"), "utf8")));
  let fontBytes = 0;
  for (const f of readdirSync(join(katexDir, "fonts"))) {
    if (!f.endsWith(".woff2")) continue;
    copyFileSync(join(katexDir, "fonts", f), join(outDir, "fonts", f));
    fontBytes += statSync(join(outDir, "fonts", f)).size;
  }
  return { outDir, gzipBytes: gzippedSize(outDir).total, fontBytes };
}
