// Storage limits: the quota running out before or in the middle of an import, and the browser
// refusing to keep the data. Each ends in a clear message, and the pool is exactly as it was.
//
// Chromium 156 ignores the DevTools quota override in headless mode, so the test plays the
// browser's part: `navigator.storage.estimate()` reports what room is left, and a write that
// does not fit is aborted at commit, as Chromium does when the quota runs out.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { startServer, launchBrowser, openApp, reloadApp, FIXTURES, generatedInvoices, poolHash, importFile } from "./harness.mjs";

let browser, server;
before(async () => { browser = await launchBrowser(); server = await startServer(); });
after(async () => { await browser?.close(); await server?.close(); });

const big = { name: "big.csv", mimeType: "text/csv", buffer: generatedInvoices(20_000).buffer };
const base = join(FIXTURES, "import", "kingdee_open_items_gbk.csv");

/** A context whose storage reports `window.__roomBytes` free (when set), whose write
 *  transactions abort after `window.__abortAfterPuts` puts (when set), and whose
 *  `persist()` answers `persisted`. */
async function simulatedStorage({ persisted = true } = {}) {
  const context = await browser.newContext();
  await context.addInitScript((persisted) => {
    const estimate = StorageManager.prototype.estimate;
    StorageManager.prototype.estimate = async function () {
      const real = await estimate.call(this);
      return window.__roomBytes === undefined ? real : { usage: real.usage, quota: real.usage + window.__roomBytes };
    };
    StorageManager.prototype.persist = async () => persisted;
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      const tx = this.transaction;
      const request = put.apply(this, args);
      if (window.__abortAfterPuts !== undefined) {
        tx.__puts = (tx.__puts ?? 0) + 1;
        if (tx.__puts === window.__abortAfterPuts) {
          window.__roomBytes = 200_000; // the disk is full now
          tx.abort();
        }
      }
      return request;
    };
  }, persisted);
  return context;
}

/** A simulated-storage tab holding one small import, and the pool's hash then. */
async function withOneImport() {
  const context = await simulatedStorage();
  const page = await openApp(context, server.url);
  await importFile(page, base);
  await page.getByTestId("import-summary").waitFor();
  return { context, page, before: await poolHash(page) };
}

async function expectStorageFull(page) {
  const failure = page.getByTestId("import-failure");
  await failure.waitFor({ timeout: 60_000 });
  const text = await failure.textContent();
  assert.match(text, /存储空间不足，未写入任何数据/);
  assert.match(text, /\(约需 \d+\.\d MB, 可用 0\.[23] MB\)/);
}

test("too little room left: the import is refused before writing, with a clear message", async () => {
  const { context, page, before } = await withOneImport();

  await page.evaluate(() => { window.__roomBytes = 300_000; });
  await importFile(page, big);
  await expectStorageFull(page);
  assert.equal(await poolHash(page), before, "the pool is exactly as before");
  await context.close();
});

test("the quota running out mid-write: the whole import is rolled back and the user told", async () => {
  const { context, page, before } = await withOneImport();

  await page.evaluate(() => { window.__abortAfterPuts = 7_000; });
  await importFile(page, big);
  await expectStorageFull(page);
  assert.equal(await poolHash(page), before, "the pool is exactly as before");
  assert.equal(await page.getByTestId("import-summary").count(), 0);

  await reloadApp(page);
  assert.equal(await poolHash(page), before, "and still after a reload");
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("persistence refused: every page says the data may be evicted until a backup is made", async () => {
  const refused = await simulatedStorage({ persisted: false });
  const page = await openApp(refused, server.url);
  assert.equal(await page.getByTestId("storage-warning").count(), 0, "nothing to lose yet");
  await importFile(page, base);
  await page.getByTestId("import-summary").waitFor();
  const warning = page.getByTestId("storage-warning");
  await warning.waitFor();
  assert.match(await warning.textContent(), /浏览器未承诺保留本地数据/);
  await page.getByTestId("nav-dashboard").click();
  await warning.waitFor();

  await page.getByTestId("nav-settings").click();
  assert.match(await page.getByTestId("storage-persisted").textContent(), /未承诺/);
  await Promise.all([page.waitForEvent("download"), page.getByTestId("backup-download").click()]);
  await warning.waitFor({ state: "detached" });
  await reloadApp(page);
  assert.equal(await warning.count(), 0, "the backup date is remembered");
  await refused.close();

  const granted = await simulatedStorage({ persisted: true });
  const other = await openApp(granted, server.url);
  await importFile(other, base);
  await other.getByTestId("import-summary").waitFor();
  assert.equal(await other.getByTestId("storage-warning").count(), 0);
  await granted.close();
});
