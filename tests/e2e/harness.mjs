// Shared end-to-end plumbing: a static server for dist/ under a sub-path, and headless Chromium
// from Debian driven by playwright-core (no browser download).
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const DIST = join(ROOT, "dist");
export const FIXTURES = join(ROOT, "tests/fixtures");
/** The app is served from a sub-path, as on a static host, to prove nothing assumes the root. */
export const PREFIX = "/tools/ar/";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript",
  ".wasm": "application/wasm", ".css": "text/css", ".svg": "image/svg+xml",
  ".json": "application/json", ".webmanifest": "application/manifest+json",
};

/** Serves `dir` at http://127.0.0.1:<port>{PREFIX}. Resolves to { url, close, requests }. */
export async function startServer(dir = DIST) {
  const requests = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    requests.push(path);
    if (!path.startsWith(PREFIX)) { res.writeHead(404).end("outside the app's prefix"); return; }
    let file = normalize(join(dir, path.slice(PREFIX.length)));
    if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-cache" });
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${PREFIX}`,
    requests,
    close: () => new Promise((ok) => { server.closeAllConnections(); server.close(ok); }),
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
      "--disable-background-networking", "--disable-component-update",
    ],
  });
}

/** Opens the app and waits until the shell has rendered; fails on any uncaught page error. */
export async function openApp(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  page.errors = errors;
  await page.goto(url);
  await page.getByTestId("nav-import").waitFor();
  await page.locator("main[data-ready=true]").waitFor();
  return page;
}

/** Reloads the app and waits until the stored data is loaded again. */
export async function reloadApp(page) {
  await page.reload();
  await page.getByTestId("nav-import").waitFor();
  await page.locator("main[data-ready=true]").waitFor();
}

/** A generated UTF-8 invoice export of `n` rows (500 customers), and its total in cents. */
export function generatedInvoices(n) {
  const rows = ["客户编码,客户名称,单据编号,业务日期,到期日,币别,价税合计,业务员"];
  let totalCents = 0;
  for (let i = 1; i <= n; i++) {
    const cents = 10_000 + ((i * 7919) % 5_000_000);
    totalCents += cents;
    const c = String(1 + (i % 500)).padStart(5, "0");
    rows.push(`${c},客户${c}有限公司,INV${String(i).padStart(6, "0")},2026-01-${String(1 + (i % 28)).padStart(2, "0")},2026-03-01,CNY,${(cents / 100).toFixed(2)},张三`);
  }
  return { buffer: Buffer.from(rows.join("\r\n"), "utf8"), totalCents };
}

/** The record stores a pool hash covers. */
const RECORD_STORES = ["customers", "orders", "shipments", "invoices", "payments", "credit_notes", "staff"];

/** SHA-256 over every (store, key, value) of the record stores, read straight from IndexedDB. */
export function poolHash(page) {
  return page.evaluate(async (stores) => {
    const db = await new Promise((ok, fail) => {
      const r = indexedDB.open("ar-sentinel");
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const tx = db.transaction(stores, "readonly");
    const parts = [];
    for (const s of stores) {
      const store = tx.objectStore(s);
      const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()].map((req) => new Promise((ok) => { req.onsuccess = () => ok(req.result); })));
      keys.forEach((k, i) => parts.push(`${s}\u0000${k}\u0000${values[i]}`));
    }
    db.close();
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(parts.join("\u0001")));
    return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("") + `:${parts.length}`;
  }, RECORD_STORES);
}

export async function importFile(page, file) {
  await page.getByTestId("nav-import").click();
  await page.getByTestId("import-input").setInputFiles(file);
  await page.getByTestId("import-file").last().waitFor();
  await page.getByTestId("import-commit").click();
}
