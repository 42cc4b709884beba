// Trunk post-build hook (see Trunk.toml). Runs on the staged build, before it becomes dist/:
// 1. writes the precache list and a content-derived version into sw.js, so one visit caches
//    the whole app shell and a new build replaces the old cache;
// 2. writes the Content-Security-Policy, allowing exactly the inline loader Trunk generated.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("TRUNK_STAGING_DIR is not set: run this through trunk");

const files = [];
(function walk(d) {
  for (const name of readdirSync(d).sort()) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) walk(p);
    else files.push(relative(dir, p).split("\\").join("/"));
  }
})(dir);

// --- Content-Security-Policy -------------------------------------------------------------
const indexPath = join(dir, "index.html");
let html = readFileSync(indexPath, "utf8");
const inlineHashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
  .map((m) => `'sha256-${createHash("sha256").update(m[1], "utf8").digest("base64")}'`);
// No default-src and no connect-src here: a second policy, added by index.html's first script,
// sets connect-src to 'self' plus the webhook origins the user configured (two policies can
// only narrow each other, so this one must leave connect-src open). Every other fetch
// directive is listed explicitly instead.
const policy = [
  `script-src 'self' 'wasm-unsafe-eval' ${inlineHashes.join(" ")}`.trim(),
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "media-src 'none'",
  "frame-src 'none'",
  "child-src 'none'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join("; ");
const placeholder = /<meta name="csp-placeholder"\s*\/?>/;
if (!placeholder.test(html)) throw new Error("index.html lost its <meta name=\"csp-placeholder\"> tag");
html = html.replace(placeholder, `<meta http-equiv="Content-Security-Policy" content="${policy}">`);
writeFileSync(indexPath, html);

// --- Service worker ------------------------------------------------------------------------
const cached = files.filter((f) => f !== "sw.js");
const version = createHash("sha256");
for (const f of cached) version.update(f).update(readFileSync(join(dir, f)));
const swPath = join(dir, "sw.js");
const sw = readFileSync(swPath, "utf8")
  .replace("__BUILD_VERSION__", version.digest("hex").slice(0, 16))
  .replace("__PRECACHE_LIST__", JSON.stringify(cached.map((f) => "./" + f)));
writeFileSync(swPath, sw);
console.log(`post-build: ${cached.length} files precached, ${inlineHashes.length} inline script(s) allowed by CSP`);
