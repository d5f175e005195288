// `npm run bench`: times the real command line (whole processes) and writes bench/results.json and a table.
//
// Every figure is the median of BENCH_RUNS runs (default 5; 3 for the slow rows). Wall time is what
// a teacher waits; CPU time (user + sys) is also recorded because the bench machine may be shared.
// The 1000 classic keys of the target are timed 11 times in turn with the NumPy baseline.
// Environment: BENCH_RUNS=n, BENCH_QUICK=1 (1000-exercise keys for classic-2-3-2 only, 3 rounds of
// the target, one run of the slow rows).
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, totalmem, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { BUDGET_BYTES, COUNTED, gzippedSize } from "../site/size.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const BIN = join(ROOT, "bin/bpdrill.cjs");
const QUICK = process.env.BENCH_QUICK === "1";
// BENCH_ONLY=keys|grading|printing|site runs one section (the table then has only its rows).
const ONLY = process.env.BENCH_ONLY;
const section = (name) => ONLY === undefined || ONLY === name;
const RUNS = Number(process.env.BENCH_RUNS ?? (QUICK ? 1 : 5));
const SLOW_RUNS = Math.min(RUNS, 3);
const TIME = "/usr/bin/time";
const PYTHON = "/usr/bin/python3";
const tmp = mkdtempSync(join(tmpdir(), "bpdrill-bench-"));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const r3 = (x) => Math.round(x * 1000) / 1000;
const say = (s) => process.stderr.write(s + "\n");

/** One process: wall and CPU seconds and peak RSS (via GNU time when present), stdout to a file or /dev/null. */
function once(cmd, args, { env = {}, stdout = "/dev/null" } = {}) {
  const timeFile = join(tmp, "time.txt");
  const gnu = existsSync(TIME);
  const argv = gnu ? ["-f", "%e %U %S %M", "-o", timeFile, cmd, ...args] : args;
  const t0 = performance.now();
  const r = spawnSync(gnu ? TIME : cmd, argv, {
    env: { ...process.env, ...env },
    stdio: ["ignore", stdout === "/dev/null" ? "ignore" : "pipe", "pipe"],
    maxBuffer: 1 << 30,
  });
  const wall = (performance.now() - t0) / 1000;
  if (stdout !== "/dev/null") writeFileSync(stdout, r.stdout);
  const stderr = r.stderr.toString();
  if (r.status !== 0) throw new Error(`${cmd} ${args.slice(0, 6).join(" ")} … exited ${r.status}: ${stderr.split("\n").slice(-3).join(" ")}`);
  if (!gnu) return { wall, cpu: null, rssKB: null, stderr };
  const [, u, s, m] = readFileSync(timeFile, "utf8").trim().split(/\s+/).slice(-4).map(Number);
  return { wall, cpu: u + s, rssKB: m, stderr };
}

/**
 * Medians of n rounds of several commands, run in turn within each round (A B C, A B C, …): a
 * comparison between them is not skewed by the machine getting busier or quieter during the bench.
 */
function interleaved(n, commands) {
  const runs = commands.map(() => []);
  for (let i = 0; i < n; i++) commands.forEach(([cmd, args, opts], k) => runs[k].push(once(cmd, args, opts)));
  return runs.map((rs) => {
    const med = (f) => (rs[0][f] === null ? null : median(rs.map((r) => r[f])));
    return { runs: n, wall: r3(med("wall")), cpu: med("cpu") === null ? null : r3(med("cpu")), rssKB: med("rssKB") };
  });
}

/** Median of n runs of one command (each field's own median). */
const timed = (n, cmd, args, opts) => interleaved(n, [[cmd, args, opts]])[0];

const bp = (args) => [BIN, ...args];

// ---------------------------------------------------------------- machine and versions
const cpuModel = (() => {
  try {
    return /model name\s*:\s*(.*)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? cpus()[0]?.model;
  } catch {
    return cpus()[0]?.model ?? "unknown";
  }
})();
const chromiumVersion = (() => {
  try {
    return execFileSync(process.env.BPDRILL_CHROMIUM ?? "/usr/bin/chromium", ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "not installed";
  }
})();
// The browser `bpdrill` prints with (templates/pdf.ts chromiumPath): the headless shell when installed.
const printBrowser = process.env.BPDRILL_CHROMIUM ?? ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"].find((e) => existsSync(e)) ?? "none";
const machine = {
  date: new Date().toISOString().slice(0, 10),
  nproc: Number(execFileSync("nproc", { encoding: "utf8" }).trim()),
  cpu: cpuModel,
  memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  loadAverageAtStart: readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" "),
  node: process.version,
  chromium: chromiumVersion,
  printsWith: printBrowser,
  bpdrill: execFileSync("node", bp(["--version"]), { encoding: "utf8" }).trim(),
  runs: RUNS,
  slowRuns: SLOW_RUNS,
  // Threads for key sets of 2048+ and grading batches of 2000+ files (BPDRILL_THREADS, else the cores).
  threads: Number(process.env.BPDRILL_THREADS) || Math.min(8, availableParallelism()),
};
say(`machine: ${machine.nproc} × ${machine.cpu}, ${machine.memoryGiB} GiB, load ${machine.loadAverageAtStart}; node ${machine.node}, ${machine.chromium}, bpdrill ${machine.bpdrill}`);

const results = { machine, keys: [], baseline: null, grading: [], printing: [], site: null, memory: null };

// ---------------------------------------------------------------- keys
const keyArgs = (preset, count, format) => bp(["key", "--preset", preset, "--seed", "bench", "--count", String(count), "--format", format]);

/** Records a `bpdrill key` row (format and threads when not the defaults). */
function keyRow(preset, count, t, { format = "json", threads } = {}) {
  const row = {
    preset, count, ...(threads ? { threads } : {}), ...(format !== "json" ? { format } : {}),
    runs: t.runs, wall: t.wall, cpu: t.cpu, perExerciseMs: r3((t.wall / count) * 1000), peakRssMB: t.rssKB && Math.round(t.rssKB / 1024),
  };
  results.keys.push(row);
  say(`keys ${preset} ×${count}${threads === 1 ? ", one thread" : ""}${format !== "json" ? `, ${format.toUpperCase()}` : ""}: ${t.wall} s (cpu ${t.cpu} s)`);
  return row;
}

/** Times `bpdrill key` for `count` exercises of a preset and records its row. */
function timeKeys(preset, count, runs, { threads } = {}) {
  return keyRow(preset, count, timed(runs, "node", keyArgs(preset, count, "json"), threads ? { env: { BPDRILL_THREADS: String(threads) } } : {}), { threads });
}

// The target row first: 1000 classic keys against the NumPy baseline, in turn within each round (see
// interleaved), and with the same keys as CSV (what the baseline writes: values and rounded values, no
// formulas).
const hasNumpy = existsSync(PYTHON) && spawnSync(PYTHON, ["-c", "import numpy"], { stdio: "ignore" }).status === 0;
if (section("keys")) {
  const TARGET_RUNS = QUICK ? 3 : 11;
  const commands = [
    ["node", keyArgs("classic-2-3-2", 1000, "json")],
    ["node", keyArgs("classic-2-3-2", 1000, "csv")],
    ...(hasNumpy ? [[PYTHON, [join(ROOT, "bench/baseline_numpy.py"), "1000"]]] : []),
  ];
  const [json, csv, numpy] = interleaved(TARGET_RUNS, commands);
  keyRow("classic-2-3-2", 1000, json);
  keyRow("classic-2-3-2", 1000, csv, { format: "csv" });
  if (numpy) {
    const numpyVersion = execFileSync(PYTHON, ["-c", "import numpy; print(numpy.__version__)"], { encoding: "utf8" }).trim();
    results.baseline = { what: "bench/baseline_numpy.py 1000 (float64, classic 2-3-2 steps)", numpy: numpyVersion, runs: numpy.runs, wall: numpy.wall, cpu: numpy.cpu, interleavedWith: "the two classic ×1000 key rows" };
    say(`numpy baseline ×1000: ${numpy.wall} s`);
  } else {
    results.baseline = { skipped: `${PYTHON} with numpy not found (apt-get install python3-numpy)` };
    say(`numpy baseline skipped: ${results.baseline.skipped}`);
  }
}

const presets = JSON.parse(execFileSync("node", bp(["presets", "--format", "json"]), { encoding: "utf8" })).map((p) => p.name);
for (const preset of QUICK || !section("keys") ? [] : presets) {
  for (const count of [10, 100, 1000, 10000]) {
    if (preset === "classic-2-3-2" && count === 1000) continue; // measured above, against the baseline
    const row = timeKeys(preset, count, count >= 10000 ? SLOW_RUNS : RUNS);
    if (preset === "classic-2-3-2" && count === 10000) results.memory = { what: "key --count 10000 classic-2-3-2", peakRssMB: row.peakRssMB };
  }
}
// 10 000 classic keys on one thread as well: what the worker threads add (sets of 2048 and more
// use every core by default; smaller ones one thread).
if (!QUICK && section("keys")) timeKeys("classic-2-3-2", 10000, SLOW_RUNS, { threads: 1 });

// ---------------------------------------------------------------- grading
if (section("grading")) {
  const tsx = join(ROOT, "node_modules/.bin/tsx");
  for (const [n, codes] of QUICK ? [[10000, 1000]] : [[10000, 1000], [10000, 10000]]) {
    const dir = join(tmp, `subs-${codes}`);
    const made = JSON.parse(execFileSync(tsx, [join(ROOT, "bench/submissions.ts"), dir, String(n), String(codes)], { encoding: "utf8" }));
    const files = readdirSync(dir).map((f) => join(dir, f));
    for (const threads of [null, 1]) {
      const t = timed(SLOW_RUNS, "node", bp(["grade", ...files, "--format", "json"]), threads ? { env: { BPDRILL_THREADS: String(threads) } } : {});
      results.grading.push({ submissions: n, codes, kinds: made.kinds, invocations: 1, ...(threads ? { threads } : {}), runs: SLOW_RUNS, wall: t.wall, cpu: t.cpu, peakRssMB: t.rssKB && Math.round(t.rssKB / 1024) });
      say(`grade ${n} submissions over ${codes} codes${threads ? ", one thread" : ""}: ${t.wall} s`);
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- printing
/** Sums the BPDRILL_TIMING phases of one run. */
function phases(stderr) {
  const out = {};
  for (const m of stderr.matchAll(/^bpdrill-timing (\S+) ([\d.]+)$/gm)) out[m[1]] = (out[m[1]] ?? 0) + Number(m[2]) / 1000;
  return out;
}
if (!section("printing")) {
  // skipped: BENCH_ONLY names another section
} else {
  // Issue 17: a 40-student zh class set, sheets plus keys, typeset by Typst (the CLI's PDF path), against
  // Chromium printing the same sheets' and keys' HTML (the old path, kept here only as the baseline).
  const set = ["--preset", "classic-2-3-2", "--seed", "bench", "--count", "40", "--lang", "zh"];
  const ws = join(tmp, "worksheet.pdf");
  const keys = join(tmp, "key.pdf");
  const runs = Array.from({ length: SLOW_RUNS }, () => once("node", bp(["worksheet", ...set, "--out", ws, "--keys", keys])));
  const pagesOf = (f) => Number(/Pages:\s+(\d+)/.exec(spawnSync("pdfinfo", [f], { encoding: "utf8" }).stdout ?? "")?.[1] ?? NaN) || 0;
  const row = {
    what: "worksheet --count 40 --lang zh --out .pdf --keys .pdf (Typst)", runs: SLOW_RUNS,
    wall: r3(median(runs.map((r) => r.wall))), cpu: r3(median(runs.map((r) => r.cpu ?? 0))),
    pages: pagesOf(ws) + pagesOf(keys), bytes: statSync(ws).size + statSync(keys).size,
  };
  if (printBrowser === "none") row.chromium = { skipped: "Chromium not installed" };
  else {
    const wsHtml = join(tmp, "worksheet.html");
    const keysHtml = join(tmp, "key.html");
    once("node", bp(["worksheet", ...set, "--out", wsHtml, "--keys", keysHtml]));
    const { chromium } = await import("playwright-core");
    const t0 = performance.now();
    const browser = await chromium.launch({ executablePath: printBrowser, args: ["--no-sandbox", "--disable-gpu"] });
    let pages = 0;
    try {
      // The two documents in two tabs side by side (one per core), as the old printer did.
      const pdfs = await Promise.all([wsHtml, keysHtml].map(async (f) => {
        const page = await browser.newPage();
        page.setDefaultTimeout(0);
        await page.setContent(readFileSync(f, "utf8"), { waitUntil: "load", timeout: 0 });
        await page.evaluate(() => Promise.all([...document.fonts].map((x) => x.load())).then(() => undefined));
        const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
        await page.close();
        return pdf;
      }));
      for (const [k, pdf] of pdfs.entries()) {
        const f = join(tmp, `chromium-${k}.pdf`);
        writeFileSync(f, pdf);
        pages += pagesOf(f);
      }
    } finally {
      await browser.close();
    }
    row.chromium = { runs: 1, wall: r3((performance.now() - t0) / 1000), pages };
    row.ratio = r3(row.chromium.wall / row.wall);
  }
  results.printing.push(row);
  say(`class set zh ×40 sheets + keys: Typst ${row.wall} s; Chromium printing the same HTML ${row.chromium.wall ?? row.chromium.skipped} s${row.ratio ? ` (${row.ratio}× faster)` : ""}`);
}

// ---------------------------------------------------------------- site
if (section("site")) {
  const help = spawnSync("node", bp(["--help"]), { encoding: "utf8" });
  if (!/^\s+site\b/m.test(help.stdout)) {
    results.site = { notMeasured: "site not built yet (no `bpdrill site` command in this build)" };
    say("site: not measured: site not built yet");
  } else {
    const out = join(tmp, "site");
    once("node", bp(["site", "--out", out]));
    // The build's own count (site/size.mjs): the same files at the same gzip level as its budget check.
    const { js, css } = gzippedSize(out);
    const check = chromiumVersion === "not installed" ? { notMeasured: "Chromium not installed" } : await checkToVerdicts(out);
    // A slow phone: Chromium's CPU throttled 4× (CDP Emulation.setCPUThrottlingRate), 390 px wide.
    const slow =
      chromiumVersion === "not installed"
        ? []
        : [await checkToVerdicts(out, { preset: "classic-2-3-2", throttle: 4 }), await checkToVerdicts(out, { preset: "softmax-2-4-4-3", throttle: 4 })];
    results.site = { gzipJsBytes: js, gzipCssBytes: css, checkToVerdicts: check, slowPhone: slow };
    say(`site: ${js} B js, ${css} B css (gzip); check → verdicts ${JSON.stringify(check)}; 4× throttled ${JSON.stringify(slow)}`);
  }
}

/**
 * Time from a click on the check button to every step showing its verdict, in headless Chromium,
 * on a classic-2-3-2 sheet answered with the key (median of RUNS page loads).
 */
async function checkToVerdicts(siteDir, { preset = "classic-2-3-2", throttle = 1 } = {}) {
  const { chromium } = await import("playwright-core");
  const server = spawn("node", bp(["site", "--out", siteDir, "--serve", "--port", "0"]), { stdio: ["ignore", "pipe", "ignore"] });
  try {
    const url = await new Promise((resolve, reject) => {
      let seen = "";
      server.stdout.on("data", (d) => {
        seen += d;
        const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(seen);
        if (m) resolve(m[1]);
      });
      server.on("exit", () => reject(new Error(`site server exited: ${seen}`)));
    });
    const code = JSON.parse(execFileSync("node", bp(["generate", "--preset", preset, "--seed", "bench"]), { encoding: "utf8" }))[0].code;
    const key = JSON.parse(execFileSync("node", bp(["solve", "--code", code]), { encoding: "utf8" }));
    const browser = await chromium.launch({
      executablePath: process.env.BPDRILL_CHROMIUM ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    const times = [];
    const usable = [];
    try {
      for (let r = 0; r < RUNS; r++) {
        const page = await browser.newPage({ viewport: throttle > 1 ? { width: 390, height: 844 } : { width: 1280, height: 900 } });
        const cdp = throttle > 1 ? await page.context().newCDPSession(page) : null;
        await cdp?.send("Emulation.setCPUThrottlingRate", { rate: throttle });
        await page.goto(`${url}?code=${code}&lang=zh`);
        await page.waitForSelector('[data-action="check"]');
        // Usable: the page's own mark once the exercise and its answer boxes are rendered (from navigation start).
        usable.push(await page.evaluate(() => performance.getEntriesByName("bpdrill:rendered")[0]?.startTime ?? NaN));
        // Typing is not what is timed: the answers go in at full speed, the check is throttled again.
        await cdp?.send("Emulation.setCPUThrottlingRate", { rate: 1 });
        for (const s of key.steps) await page.fill(`input[name="${s.id}"]`, s.rounded);
        await cdp?.send("Emulation.setCPUThrottlingRate", { rate: throttle });
        times.push(
          await page.evaluate(
            (n) =>
              new Promise((resolve) => {
                const t0 = performance.now();
                document.querySelector('[data-action="check"]').click();
                // Done when every verdict is in the DOM and the next frame has been painted.
                const painted = () => requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
                const poll = () => (document.querySelectorAll("[data-verdict]").length >= n ? painted() : requestAnimationFrame(poll));
                poll();
              }),
            key.steps.length,
          ),
        );
        await page.close();
      }
    } finally {
      await browser.close();
    }
    return {
      preset,
      throttle,
      steps: key.steps.length,
      runs: times.length,
      medianMs: Math.round(median(times) * 10) / 10,
      maxMs: Math.round(Math.max(...times) * 10) / 10,
      usableMs: Math.round(median(usable)),
    };
  } finally {
    server.kill();
  }
}

rmSync(tmp, { recursive: true, force: true });
// A partial run (BENCH_ONLY) prints its rows but keeps the last full run's results.json.
if (ONLY === undefined) writeFileSync(join(ROOT, "bench/results.json"), JSON.stringify(results, null, 2) + "\n");

// ---------------------------------------------------------------- the table
const rows = [["what", "runs", "wall s (median)", "cpu s", "note"]];
for (const k of results.keys)
  rows.push([
    `key ${k.preset} ×${k.count}${k.threads === 1 ? ", one thread" : ""}${k.format === "csv" ? ", CSV" : ""}`,
    String(k.runs), k.wall.toFixed(3), k.cpu?.toFixed(3) ?? "",
    `${k.perExerciseMs} ms/exercise${k.count === 10000 ? `, peak RSS ${k.peakRssMB} MB` : ""}${k.format === "csv" ? "; values and rounded values only, as the baseline writes" : ""}${k.preset === "classic-2-3-2" && k.count === 1000 ? "; in turn with the baseline" : ""}`,
  ]);
if (results.baseline?.wall !== undefined)
  rows.push(["NumPy float64 baseline ×1000", String(results.baseline.runs), results.baseline.wall.toFixed(3), results.baseline.cpu?.toFixed(3) ?? "", `numpy ${results.baseline.numpy}; in turn with the classic ×1000 rows`]);
else if (results.baseline?.skipped) rows.push(["NumPy float64 baseline ×1000", "", "", "", `skipped: ${results.baseline.skipped}`]);
for (const g of results.grading)
  rows.push([`grade ${g.submissions} submissions (${g.codes} codes)${g.threads === 1 ? ", one thread" : ""}`, String(g.runs), g.wall.toFixed(3), g.cpu?.toFixed(3) ?? "", "one invocation, files on disk; target < 5 s"]);
for (const p of results.printing)
  if (p.skipped) rows.push(["PDF", "", "", "", p.skipped]);
  else {
    rows.push([p.what, String(p.runs), p.wall.toFixed(3), p.cpu.toFixed(3), `${p.pages} pages; ${p.ratio ? `${p.ratio}× faster than Chromium printing the same HTML (goal ≥ 5×)` : `Chromium baseline: ${p.chromium.skipped}`}`]);
    if (p.chromium.wall !== undefined) rows.push(["  baseline: Chromium prints the same sheets' + keys' HTML", String(p.chromium.runs), p.chromium.wall.toFixed(3), "", `${p.chromium.pages} pages; two tabs side by side, in the same bench run`]);
  }
if (results.site?.notMeasured) rows.push(["site", "", "", "", `not measured: ${results.site.notMeasured}`]);
else if (results.site) {
  const files = [...COUNTED.js, ...COUNTED.css].join(" + ");
  rows.push(["site JS + CSS (gzip -9)", "", "", "", `${files}: ${results.site.gzipJsBytes} + ${results.site.gzipCssBytes} B = ${((results.site.gzipJsBytes + results.site.gzipCssBytes) / 1024).toFixed(1)} KB, counted as the build's budget check counts them (site/size.mjs); budget ${(BUDGET_BYTES / 1024).toFixed(0)} KB`]);
  const c = results.site.checkToVerdicts;
  if (c.notMeasured) rows.push(["site check → verdicts", "", "", "", `not measured: ${c.notMeasured}`]);
  else rows.push([`site check → verdicts (${c.steps} steps)`, String(c.runs), (c.medianMs / 1000).toFixed(3), "", `headless Chromium, click to all verdicts painted, max ${c.maxMs} ms`]);
  for (const t of results.site.slowPhone ?? []) {
    const goal = t.preset === "classic-2-3-2" ? 1500 : 4000;
    rows.push([`site usable, 4× CPU, 390 px (${t.preset})`, String(t.runs), (t.usableMs / 1000).toFixed(3), "", `navigation start to the answer boxes rendered; goal ${goal / 1000} s`]);
    rows.push([`site check → verdicts, 4× CPU (${t.preset}, ${t.steps} steps)`, String(t.runs), (t.medianMs / 1000).toFixed(3), "", `goal 0.1 s; max ${t.maxMs} ms`]);
  }
}

const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
const line = (r) => `| ${r.map((x, c) => (c >= 1 && c <= 3 ? x.padStart(widths[c]) : x.padEnd(widths[c]))).join(" | ")} |`;
const table = [line(rows[0]), `|${widths.map((w, c) => (c >= 1 && c <= 3 ? "-".repeat(w + 1) + ":" : "-".repeat(w + 2))).join("|")}|`, ...rows.slice(1).map(line)].join("\n");
process.stdout.write(
  `${machine.date} · ${machine.nproc} × ${machine.cpu}, ${machine.memoryGiB} GiB · load at start ${machine.loadAverageAtStart} · node ${machine.node} · ${machine.chromium} · bpdrill ${machine.bpdrill}\n` +
    `medians of ${RUNS} runs (${SLOW_RUNS} for 10 000 keys, grading and PDF); ${machine.threads} threads for key sets of 2048+ and 2000+ graded files unless a row says one\n\n${table}\n`,
);
