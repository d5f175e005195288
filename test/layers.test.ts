// The layers hold: the core (generator/, grader/) imports nothing from the edges (cli/, templates/, site/),
// reads no environment, and says nothing in words; only the edges turn message codes into zh or en.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
const sources = (dir: string): string[] =>
  readdirSync(join(root, dir)).flatMap((f) => {
    const p = join(dir, f);
    return statSync(join(root, p)).isDirectory() ? sources(p) : /\.(ts|mjs)$/.test(f) ? [p] : [];
  });

/** Every module a file imports (static, dynamic and re-exports), as paths from the project root. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), "utf8");
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*"([^"]+)"|import\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1] ?? m[2]);
  return specs.filter((s) => s.startsWith(".")).map((s) => relative(root, normalize(join(root, dirname(file), s))));
}

const CORE = ["generator", "grader"];
const EDGE = /^(cli|templates|site)[\\/]/;

describe("layers", () => {
  const core = CORE.flatMap(sources);

  it("finds the core's modules and their imports (the scan itself works)", () => {
    expect(core.length).toBeGreaterThan(30);
    expect(importsOf("grader/grade.ts")).toContain(join("generator", "graph.js"));
    // And it would see an edge import: cli/main.ts imports the commands.
    expect(importsOf("cli/main.ts").some((p) => EDGE.test(p))).toBe(true);
  });

  it("no module of the core imports from cli/, templates/ or site/", () => {
    const wrong = core.flatMap((f) => importsOf(f).filter((p) => EDGE.test(p)).map((p) => `${f} → ${p}`));
    expect(wrong).toEqual([]);
  });

  it("the core reads no environment and no catalogue", () => {
    for (const f of core) {
      const text = readFileSync(join(root, f), "utf8");
      expect(/process\.env/.test(text), f).toBe(false);
      expect(/i18n[\\/](cli\.)?(en|zh)\.json/.test(text), f).toBe(false);
    }
  });

  it("templates/ never imports the command line", () => {
    const wrong = sources("templates").flatMap((f) => importsOf(f).filter((p) => /^cli[\\/]/.test(p)).map((p) => `${f} → ${p}`));
    expect(wrong).toEqual([]);
  });

  it("only generator/ops/ knows an op by name: nothing else compares or switches on one (presets are data)", () => {
    const names = "sigmoid|tanh|relu|leaky_relu|linear|softmax|half_sse|mse|bce|cce";
    const compare = new RegExp(`(===|!==|==|!=)\\s*"(${names})"|"(${names})"\\s*(===|!==)|case\\s+"(${names})"`);
    const outside = ["generator", "grader", "templates", "site", "cli"]
      .flatMap(sources)
      .filter((f) => !/^generator[\\/]ops[\\/]/.test(f) && !/^generator[\\/]presets\.ts$/.test(f));
    expect(outside.length).toBeGreaterThan(50);
    expect(compare.test('if (f.name === "softmax")')).toBe(true);
    const wrong = outside.filter((f) => compare.test(readFileSync(join(root, f), "utf8")));
    expect(wrong).toEqual([]);
  });

  it("no source reads an id back: steps and givens carry their address as data (ids are for files and people)", () => {
    const readers = ["generator", "grader", "templates", "site", "cli"]
      .flatMap(sources)
      .filter((f) => f !== join("generator", "ids.ts") && /\bparseId\(/.test(readFileSync(join(root, f), "utf8")));
    expect(readers).toEqual([]);
  });

  it("every command lives in cli/", () => {
    for (const dir of ["generator", "grader", "templates", "site"])
      for (const f of sources(dir)) expect(/\.command\(|registerCommand|new Command\(/.test(readFileSync(join(root, f), "utf8")), f).toBe(false);
  });
});
