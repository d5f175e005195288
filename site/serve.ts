// A tiny static file server for the built site, bound to 127.0.0.1 only (a quick look, and the tests).
import { createServer, type Server } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { CoreError, msg } from "../generator/message.js";

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".woff2": "font/woff2",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

export interface Serving {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Sent with every response: the page runs only its own script (no inline or injected one), loads
 * nothing from elsewhere, and may not be framed by another site (clickjacking). Styles may be inline:
 * KaTeX positions every glyph with a style attribute.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy":
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

export function serveDir(dir: string, port = 0): Promise<Serving> {
  const base = resolve(dir);
  const server: Server = createServer((req, res) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    } catch {
      res.writeHead(400, SECURITY_HEADERS).end();
      return;
    }
    if (path.endsWith("/")) path += "index.html";
    const file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) {
      res.writeHead(403, SECURITY_HEADERS).end();
      return;
    }
    readFile(file).then(
      (body) => {
        res.writeHead(200, {
          ...SECURITY_HEADERS,
          "content-type": TYPES[extname(file)] ?? "application/octet-stream",
          "cache-control": "no-cache",
        });
        res.end(req.method === "HEAD" ? undefined : body);
      },
      () => res.writeHead(404, { ...SECURITY_HEADERS, "content-type": "text/plain" }).end("not found\n"),
    );
  });
  return new Promise((ok, ko) => {
    server.once("error", (e: NodeJS.ErrnoException) =>
      ko(new CoreError(e.code === "EADDRINUSE" ? msg("cli.site.portInUse", { port }) : msg("cli.site.cannotServe", { port, why: e.message }))),
    );
    server.listen(port, "127.0.0.1", () => {
      const addr = server.address();
      const p = typeof addr === "object" && addr ? addr.port : port;
      ok({ url: `http://127.0.0.1:${p}/`, port: p, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}
