// Shared by the benchmark scripts: a static file server on 127.0.0.1 and Chromium's flags.

import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";

const TYPEN = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".geojson": "application/geo+json",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/** Serves the folder `wurzel` on 127.0.0.1 at a free port; resolves to the server. */
export function server(wurzel) {
  return new Promise((resolve) => {
    const s = createServer((req, res) => {
      let pfad = decodeURIComponent(new URL(req.url, "http://x").pathname);
      if (pfad.endsWith("/")) pfad += "index.html";
      const datei = normalize(join(wurzel, pfad));
      if (!datei.startsWith(normalize(wurzel) + sep)) {
        res.writeHead(403).end();
        return;
      }
      try {
        const inhalt = readFileSync(datei);
        res.writeHead(200, { "content-type": TYPEN[extname(datei)] || "application/octet-stream" });
        res.end(inhalt);
      } catch {
        res.writeHead(404).end();
      }
    });
    s.listen(0, "127.0.0.1", () => resolve(s));
  });
}

/** Chromium's flags: headless, and no request to any host but this machine. */
export const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
];
