// `bpdrill site` as a user runs it, and the loopback server's refusal to leave its folder.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { serveDir } from "../../site/serve.js";
import { bpdrill } from "../helpers/cli.js";

function get(url: string, path: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((ok, ko) => {
    const u = new URL(url);
    // Raw path on purpose: fetch() would normalise the dot segments away before they reach the server.
    const req = request({ host: u.hostname, port: u.port, path, method: "GET" }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => ok({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on("error", ko);
    req.end();
  });
}

describe("bpdrill site", () => {
  it("builds the site and prints its gzipped size against the budget", () => {
    const out = join(mkdtempSync(join(tmpdir(), "bpdrill-site-cli-")), "public");
    const r = bpdrill(["site", "--out", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^site: built .* — JS\+CSS \d+\.\d KB gzipped \(within the 170\.0 KB budget\), fonts \d+\.\d KB\n$/);
    for (const f of ["index.html", "app.js", "site.css", "katex.css", "favicon.svg", "fonts/KaTeX_Main-Regular.woff2"]) expect(existsSync(join(out, f))).toBe(true);
    const html = readFileSync(join(out, "index.html"), "utf8");
    expect(html).toContain(`http-equiv="Content-Security-Policy"`);
    expect(html).toMatch(/script-src 'self';/);
    expect(html).not.toMatch(/unsafe-inline|unsafe-eval|<script>/);
    expect(readFileSync(join(out, "katex.css"), "utf8")).not.toMatch(/\.ttf|\.woff\)/);
  });

  it("refuses a bad port as a usage error", () => {
    const r = bpdrill(["site", "--serve", "--port", "70000"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("expected a whole number from 0 to 65535");
  });

  it("serves only its own folder, on 127.0.0.1", async () => {
    const out = mkdtempSync(join(tmpdir(), "bpdrill-site-serve-"));
    expect(bpdrill(["site", "--out", out]).code).toBe(0);
    const s = await serveDir(out, 0);
    try {
      expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const index = await get(s.url, "/");
      expect(index.status).toBe(200);
      expect(index.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect((await get(s.url, "/..%2f..%2fetc%2fpasswd")).status).toBe(403);
      expect((await get(s.url, "/nothing.js")).status).toBe(404);
    } finally {
      await s.close();
    }
  });
});
