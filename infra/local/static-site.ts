/**
 * The built site (web/dist) as CloudFront would serve it: files by path, hashed assets cached
 * for a year, gzip when the browser takes it, and index.html for every other path (SPA).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import * as path from "node:path";
import { gzipSync } from "node:zlib";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".ico": "image/x-icon",
  ".webp": "image/webp",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
};
const COMPRESSIBLE = /^(text\/|application\/(json|manifest\+json|javascript)|image\/svg)/;

interface CachedFile {
  body: Buffer;
  gzip?: Buffer;
  type: string;
  mtimeMs: number;
}

export function createStaticSite(root: string) {
  const cache = new Map<string, CachedFile>();

  const load = (file: string): CachedFile | null => {
    let stat;
    try {
      stat = statSync(file);
    } catch {
      return null;
    }
    if (!stat.isFile()) return null;
    const hit = cache.get(file);
    if (hit && hit.mtimeMs === stat.mtimeMs) return hit;
    const body = readFileSync(file);
    const type = TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
    const entry: CachedFile = { body, type, mtimeMs: stat.mtimeMs, gzip: COMPRESSIBLE.test(type) && body.length > 1024 ? gzipSync(body) : undefined };
    cache.set(file, entry);
    return entry;
  };

  return function serve(req: IncomingMessage, res: ServerResponse, pathname: string): void {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8" });
      res.end("Method Not Allowed");
      return;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      decoded = pathname;
    }
    const resolved = path.resolve(root, "." + path.posix.normalize("/" + decoded));
    const inside = resolved === root || resolved.startsWith(root + path.sep);
    let file = inside ? load(resolved) : null;
    let cacheControl = /\/assets\//.test(pathname) ? "public, max-age=31536000, immutable" : "no-cache";
    if (!file && inside && existsSync(resolved) && statSync(resolved).isDirectory()) file = load(path.join(resolved, "index.html"));
    if (!file) {
      // A path with a file extension that does not exist is a 404; any other path is the SPA.
      if (path.extname(decoded) && !decoded.endsWith(".html")) {
        res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
        res.end("Not Found");
        return;
      }
      file = load(path.join(root, "index.html"));
      cacheControl = "no-cache";
      if (!file) {
        res.writeHead(503, { "content-type": "text/plain; charset=utf-8" });
        res.end("The site is not built: run `npm run build`.");
        return;
      }
    }
    const gzip = file.gzip && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    const body = gzip ? file.gzip! : file.body;
    res.writeHead(200, {
      "content-type": file.type,
      "content-length": body.length,
      "cache-control": cacheControl,
      "x-content-type-options": "nosniff",
      vary: "accept-encoding",
      ...(gzip ? { "content-encoding": "gzip" } : {}),
    });
    res.end(req.method === "HEAD" ? undefined : body);
  };
}

/** Runs `npm run build` in the repository when the site has not been built yet. */
export function ensureWebBuilt(webDist: string, repoRoot: string, log: (line: string) => void): void {
  if (existsSync(path.join(webDist, "index.html"))) return;
  log("web/dist is missing: running `npm run build` ...");
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  // Started from vitest, NODE_ENV is "test", which would give React's development build (487 KB, not 287).
  const result = spawnSync(npm, ["run", "build"], { cwd: repoRoot, stdio: "inherit", env: { ...process.env, NODE_OPTIONS: "", NODE_ENV: "production" } });
  if (result.status !== 0) log(`npm run build failed (exit ${result.status}); the site will answer 503 until it is built.`);
}
